//! Connect Pilot's task runner: `cargo xtask <task>`.
//!
//! | task      | what it does |
//! |-----------|--------------|
//! | setup     | installs every missing tool (idempotent; the other tasks call it first) |
//! | build     | wasm-pack + wasm-opt, then `dist/chrome`, `dist/firefox` and one zip per browser |
//! | test      | fmt, clippy (native and wasm32), native tests, wasm tests, build, web-ext lint, e2e (Chromium, Firefox) |
//! | e2e       | build, then only the e2e suites (Chromium, then Firefox) |
//! | demo      | build, start the emulator, open the extension in Chromium (headless: screenshots in target/demo; `--update-screenshots` also refreshes docs/screenshots) |
//! | emulator  | runs the emulator (arguments after `--` go to it) |
//! | fuzz      | fuzzes the configuration parser (`--time S`, `--smoke`); not part of `test` |
//! | bench     | build, then speed and size figures into target/bench/report.json |

mod bench;
mod build;
mod demo;
mod e2e;
mod fuzz;
mod manifest;
mod settings;
mod setup;
mod test;
mod util;
mod wasm_opt;

use std::process::{Command, ExitCode};

const USAGE: &str =
    "usage: cargo xtask <setup|build|test|e2e|demo [--fresh] [--update-screenshots]|emulator [-- ARGS]|bench|fuzz [--time S] [--smoke]>";

fn main() -> ExitCode {
    util::extend_path();
    let mut argv = std::env::args();
    // The first argument is the program's own name.
    argv.next();
    let args: Vec<String> = argv.collect();
    let Some(task) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let result = match task.as_str() {
        "setup" => setup::setup(),
        "build" => setup::setup().and_then(|()| build::build().map(drop)),
        "test" => setup::setup().and_then(|()| test::test()),
        "e2e" => setup::setup()
            .and_then(|()| build::build())
            .and_then(|(dir, _)| {
                // Both browsers run even when the first fails, so one report names both.
                let chromium = e2e::run_suite(&dir);
                let firefox = e2e::run_firefox(&dir.with_file_name("firefox"));
                chromium.and(firefox)
            }),
        "demo" => setup::setup()
            .and_then(|()| build::build())
            .and_then(|(dir, _)| demo::demo(&dir, &args[1..])),
        "fuzz" => fuzz::run(&args[1..]),
        "bench" => setup::setup()
            .and_then(|()| build::build())
            .and_then(|(dir, sizes)| bench::bench(&dir, sizes)),
        "emulator" => util::run(
            Command::new("cargo")
                .current_dir(util::root())
                .args(["run", "--quiet", "-p", "connect-emulator", "--"])
                .args(&args[1..]),
        ),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
