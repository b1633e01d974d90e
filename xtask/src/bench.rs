//! `cargo xtask bench`: the speed and size figures the project tracks, printed and written to
//! `target/bench/report.json`. Timed figures live here, never in tests, so a slow machine cannot make a
//! test flaky.

use crate::build::Sizes;
use crate::util::{capture, kib, root, write, Result};
use serde_json::{json, Value};
use std::process::Command;

/// Size budget for everything the popup downloads, gzipped.
const POPUP_BUDGET_GZ: usize = 180 * 1024;

/// Runs every benchmark and writes the report.
pub fn bench(sizes: Sizes) -> Result<()> {
    let mut report = serde_json::Map::new();
    report.insert("bundle".into(), bundle(sizes));
    report.insert("emulator".into(), emulator()?);
    let text = serde_json::to_string_pretty(&Value::Object(report)).map_err(|e| e.to_string())?;
    let path = root().join("target/bench/report.json");
    write(&path, format!("{text}\n"))?;
    println!("{text}");
    eprintln!("report: {}", path.display());
    Ok(())
}

fn bundle(s: Sizes) -> Value {
    eprintln!(
        "bundle: wasm {} raw / {} gz, js {} gz, css {} gz, popup total {} gz (budget {})",
        kib(s.wasm_raw),
        kib(s.wasm_gz),
        kib(s.js_gz),
        kib(s.css_gz),
        kib(s.popup_gz),
        kib(POPUP_BUDGET_GZ)
    );
    json!({
        "wasm_raw_bytes": s.wasm_raw,
        "wasm_gz_bytes": s.wasm_gz,
        "js_gz_bytes": s.js_gz,
        "css_gz_bytes": s.css_gz,
        "popup_total_gz_bytes": s.popup_gz,
        "popup_budget_gz_bytes": POPUP_BUDGET_GZ,
        "within_budget": s.popup_gz <= POPUP_BUDGET_GZ,
    })
}

/// The emulator's in-process latency and its answer to 1,000 concurrent requests, measured by its own
/// example in a release build.
fn emulator() -> Result<Value> {
    let out = capture(Command::new("cargo").current_dir(root()).args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "connect-emulator",
        "--example",
        "bench",
    ]))
    .ok_or("the emulator benchmark failed; run `cargo run --release -p connect-emulator --example bench`")?;
    let line = out
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .unwrap_or_default();
    let value: Value =
        serde_json::from_str(line).map_err(|e| format!("emulator bench output: {e}"))?;
    eprintln!("emulator: {value}");
    Ok(value)
}
