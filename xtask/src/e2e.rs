//! `cargo xtask e2e`: the Playwright suite under `e2e/`, run by Node's built-in test runner against the
//! production build in `dist/chrome` and the emulator binary. Each spec starts its own emulator on free
//! ports, so specs never share state.

use crate::util::{root, run, Result};
use std::path::Path;
use std::process::Command;

/// Builds the emulator binary and runs every `e2e/*.test.mjs` file.
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
    run(Command::new("node")
        .current_dir(root())
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .args(&specs)
        .env("CP_EXTENSION_DIR", chrome_dir)
        .env(
            "CP_EMULATOR_BIN",
            root().join("target/debug/connect-emulator"),
        )
        .env("CP_ARTIFACTS", root().join("target/e2e")))
}
