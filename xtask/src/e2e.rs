//! `cargo xtask e2e`: the Playwright suite under `e2e/`, run by Node's built-in test runner against the
//! production build in `dist/chrome` and the emulator binary, once per language the extension ships
//! (issue #7: the browser's language decides the UI's). Each spec starts its own emulator on free
//! ports, so specs never share state.
//!
//! The Firefox run is separate: `e2e/firefox/*.test.mjs` (a folder the Chromium glob does not enter)
//! installs `dist/firefox` and its zip into Debian's firefox-esr over WebDriver BiDi, in English only
//! (Debian's firefox-esr carries no Japanese language pack).

use crate::util::{root, run, Result};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Browser locales the suite runs in (`CP_LOCALE`), each with the folder its artifacts go to under
/// `target/e2e/`.
const LOCALES: [(&str, &str); 2] = [("en-US", "en"), ("ja", "ja")];

/// Builds the emulator binary (the suite's own specs start it).
fn build_emulator() -> Result<()> {
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "-p",
        "connect-emulator",
    ]))
}

/// Runs `specs` with Node's test runner in browser locale `locale`, the extension under test named by
/// `extension` (variable, folder), artifacts into `target/e2e/<folder>`; reports the time taken.
fn node_test(
    label: &str,
    specs: &[String],
    locale: &str,
    extension: (&str, &Path),
    folder: &str,
) -> Result<()> {
    eprintln!("==> {label}");
    let started = Instant::now();
    let result = run(Command::new("node")
        .current_dir(root())
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(specs)
        .env("CP_LOCALE", locale)
        .env(extension.0, extension.1)
        .env(
            "CP_EMULATOR_BIN",
            root().join("target/debug/connect-emulator"),
        )
        .env("CP_ARTIFACTS", root().join("target/e2e").join(folder)));
    let secs = started.elapsed().as_secs_f64();
    match &result {
        Ok(()) => eprintln!("<== {label}: ok ({secs:.1} s)"),
        Err(_) => eprintln!("<== {label}: FAILED ({secs:.1} s)"),
    }
    result
}

/// The Firefox run: every `e2e/firefox/*.test.mjs` against `firefox_dir` (the unpacked build; the
/// specs find the zip beside it), in English.
pub fn run_firefox(firefox_dir: &Path) -> Result<()> {
    build_emulator()?;
    let specs = spec_files("e2e/firefox")?;
    node_test(
        "e2e in Firefox (en-US)",
        &specs,
        "en-US",
        ("CP_FIREFOX_EXTENSION", firefox_dir),
        "firefox",
    )
}

/// The `*.test.mjs` files directly in `dir` (relative to the root), sorted; an error when there are none.
fn spec_files(dir: &str) -> Result<Vec<String>> {
    let mut specs: Vec<String> = std::fs::read_dir(root().join(dir))
        .map_err(|e| format!("read {dir}/: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    specs.sort();
    if specs.is_empty() {
        return Err(format!("no {dir}/*.test.mjs specs found"));
    }
    Ok(specs)
}

/// Builds the emulator binary and runs every `e2e/*.test.mjs` file once per locale. Both runs
/// happen even when the first fails, so one report names every language that broke.
pub fn run_suite(chrome_dir: &Path) -> Result<()> {
    build_emulator()?;
    let specs = spec_files("e2e")?;
    let mut failed = Vec::new();
    for (locale, folder) in LOCALES {
        let label = format!("e2e in {locale}");
        if let Err(e) = node_test(
            &label,
            &specs,
            locale,
            ("CP_EXTENSION_DIR", chrome_dir),
            folder,
        ) {
            failed.push(format!("{locale}: {e}"));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("e2e failed in {}", failed.join("; ")))
    }
}
