//! `cargo xtask test`: every check the project has, in one run with one summary. It keeps going after
//! a failure so the summary shows everything that is wrong, and exits non-zero if anything failed.

use crate::build;
use crate::e2e;
use crate::util::{root, run, Result};
use std::process::Command;
use std::time::Instant;

struct Outcome {
    name: &'static str,
    result: Option<Result<()>>,
    secs: f64,
}

/// Runs formatting, lints, native tests, wasm tests in headless Chromium, the build, the Firefox
/// manifest lint, the e2e suite in Chromium and the e2e run in Firefox.
pub fn test() -> Result<()> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut record = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> bool {
        eprintln!("==> {name}");
        let start = Instant::now();
        let result = f();
        let ok = result.is_ok();
        if let Err(e) = &result {
            eprintln!("<== {name}: FAILED: {e}");
        }
        outcomes.push(Outcome {
            name,
            result: Some(result),
            secs: start.elapsed().as_secs_f64(),
        });
        ok
    };
    let cargo = |args: &[&str]| run(Command::new("cargo").current_dir(root()).args(args));

    record("cargo fmt --check", &mut || {
        cargo(&["fmt", "--all", "--", "--check"])
    });
    record("clippy (native)", &mut || {
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
    });
    record("clippy (wasm32)", &mut || {
        cargo(&[
            "clippy",
            "-p",
            "connect-pilot",
            "-p",
            "connect-pilot-config",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--test",
            "ui_*",
            "--",
            "-D",
            "warnings",
        ])
    });
    record("native tests", &mut || cargo(&["test", "--workspace"]));
    // The browser tests are the `tests/ui_*.rs` files; the other test files are native only (they drive
    // the in-process emulator), so only these are built for wasm32. wasm-bindgen-test-runner starts
    // Debian's chromedriver headless, with the flags in webdriver.json.
    record("wasm tests (headless Chromium)", &mut || {
        run(Command::new("cargo")
            .current_dir(root())
            .args([
                "test",
                "-p",
                "connect-pilot",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "ui_*",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"))
    });
    let mut chrome_dir = None;
    let built = record("build extension", &mut || {
        chrome_dir = Some(build::build()?.0);
        Ok(())
    });
    if built {
        record("web-ext lint (Firefox)", &mut || {
            run(Command::new(root().join("node_modules/.bin/web-ext"))
                .current_dir(root())
                .args(["lint", "--self-hosted", "--source-dir", "dist/firefox"]))
        });
        record("e2e (Chromium + emulator)", &mut || {
            e2e::run_suite(chrome_dir.as_deref().unwrap_or(&root()))
        });
        record("e2e (Firefox + emulator)", &mut || {
            let chrome = chrome_dir.as_deref().unwrap_or(&root()).to_path_buf();
            e2e::run_firefox(&chrome.with_file_name("firefox"))
        });
    } else {
        for name in [
            "web-ext lint (Firefox)",
            "e2e (Chromium + emulator)",
            "e2e (Firefox + emulator)",
        ] {
            outcomes.push(Outcome {
                name,
                result: None,
                secs: 0.0,
            });
        }
    }

    eprintln!("\nSummary");
    let mut failed = 0;
    for o in &outcomes {
        let status = match &o.result {
            Some(Ok(())) => "ok",
            Some(Err(_)) => {
                failed += 1;
                "FAILED"
            }
            None => {
                failed += 1;
                "skipped (build failed)"
            }
        };
        eprintln!("  {:<34} {:<24} {:>7.1} s", o.name, status, o.secs);
    }
    if failed == 0 {
        eprintln!("all {} checks passed", outcomes.len());
        Ok(())
    } else {
        Err(format!("{failed} of {} checks failed", outcomes.len()))
    }
}
