//! `cargo xtask e2e`: the Playwright suite under `e2e/`, run by Node's built-in test runner against the
//! production build in `dist/chrome` and the emulator binary, once per language the extension ships
//! (issue #7: the browser's language decides the UI's). Each spec starts its own emulator on free
//! ports, so specs never share state.

use crate::util::{root, run, Result};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Browser locales the suite runs in (`CP_LOCALE`), each with the folder its artifacts go to under
/// `target/e2e/`.
const LOCALES: [(&str, &str); 2] = [("en-US", "en"), ("ja", "ja")];

/// Builds the emulator binary and runs every `e2e/*.test.mjs` file once per locale. Both runs
/// happen even when the first fails, so one report names every language that broke.
pub fn run_suite(chrome_dir: &Path) -> Result<()> {
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "-p",
        "connect-emulator",
    ]))?;
    let mut specs: Vec<String> = std::fs::read_dir(root().join("e2e"))
        .map_err(|e| format!("read e2e/: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("e2e/{name}"))
        .collect();
    specs.sort();
    if specs.is_empty() {
        return Err("no e2e/*.test.mjs specs found".into());
    }
    let mut failed = Vec::new();
    for (locale, folder) in LOCALES {
        eprintln!("==> e2e in {locale}");
        let started = Instant::now();
        let result = run(Command::new("node")
            .current_dir(root())
            .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
            .args(&specs)
            .env("CP_LOCALE", locale)
            .env("CP_EXTENSION_DIR", chrome_dir)
            .env(
                "CP_EMULATOR_BIN",
                root().join("target/debug/connect-emulator"),
            )
            .env("CP_ARTIFACTS", root().join("target/e2e").join(folder)));
        let secs = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => eprintln!("<== e2e in {locale}: ok ({secs:.1} s)"),
            Err(e) => {
                eprintln!("<== e2e in {locale}: FAILED ({secs:.1} s)");
                failed.push(format!("{locale}: {e}"));
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("e2e failed in {}", failed.join("; ")))
    }
}
