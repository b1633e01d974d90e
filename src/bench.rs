//! Entry points for `cargo xtask bench` (wasm32 only): the configuration checks exactly as the import
//! screen runs them, callable from a benchmark page so their cost is measured in the browser that runs
//! the extension.

use crate::config::{self, MappingConfig, Plan};
use wasm_bindgen::prelude::*;

/// A valid configuration document of `mappings` mappings with `fields` fields each.
#[wasm_bindgen]
pub fn bench_sample_config(mappings: usize, fields: usize) -> String {
    config::sample::generate(mappings, fields)
}

/// Parses and validates `file`, then diffs it against `server` (an export), as a drop on the import
/// screen does. Returns how many issues and mapping entries came out, so the work cannot be skipped.
///
/// Both documents arrive as bytes, as they do on the screen: a dropped file is read with
/// `File.arrayBuffer()`, and the export is fetched and parsed again for every drop (the import
/// session asks for a fresh one each time, so the diff and the backup are never older than the file).
#[wasm_bindgen]
pub fn bench_validate_and_diff(file: &[u8], server: &[u8]) -> Result<usize, JsValue> {
    let parse =
        |bytes: &[u8]| MappingConfig::parse(bytes).map_err(|e| JsValue::from_str(&e.message()));
    let (file, server) = (parse(file)?, parse(server)?);
    let issues = config::validate(&file, Plan::Demo, None);
    let diff = config::diff(&file, &server);
    Ok(issues.len() + diff.mappings.len())
}
