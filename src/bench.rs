//! Entry points for `cargo xtask bench` (wasm32 only): the configuration checks exactly as the import
//! screen runs them, callable from a benchmark page so their cost is measured in the browser that runs
//! the extension.

use crate::config::{self, MappingConfig, Plan};
use crate::flow::import::{Call, Event, Session};
use wasm_bindgen::prelude::*;

/// A valid configuration document of `mappings` mappings with `fields` fields each.
#[wasm_bindgen]
pub fn bench_sample_config(mappings: usize, fields: usize) -> String {
    config::sample::generate(mappings, fields)
}

/// An import session as the screen has it after its first check: holding the server's export,
/// parsed once (see `flow::import`).
#[wasm_bindgen]
pub struct BenchSession(Session, Held);

/// What the last derive-read drop left, freed by [`bench_retire`] as the session's results are.
type Held = Option<DerivedResults>;
#[cfg(feature = "bench-derived")]
type DerivedResults = (MappingConfig, Vec<config::Issue>, config::ConfigDiff);
#[cfg(not(feature = "bench-derived"))]
type DerivedResults = ();

/// A session holding `export` (the bytes of the server's export).
#[wasm_bindgen]
pub fn bench_session(export: &[u8]) -> Result<BenchSession, JsValue> {
    let server = MappingConfig::parse(export).map_err(|e| JsValue::from_str(&e.message()))?;
    let mut session = Session::default();
    session.server = Some(server);
    Ok(BenchSession(session, None))
}

/// Frees the previous drop's results, which the screen does after drawing the new ones
/// ([`Session::retire`]); the benchmark calls it between timed drops.
#[wasm_bindgen]
pub fn bench_retire(session: &mut BenchSession) {
    drop(session.0.retire());
    session.1 = None;
}

/// One drop of `file` on the import screen, as the session runs it: the file is read, parsed and
/// validated, and the check's answer (no org schema, the held export) diffs it against the export.
/// Results of a previous drop not yet retired are freed first, inside the call. Returns how many
/// issues and mapping entries came out, so the work cannot be skipped.
#[wasm_bindgen]
pub fn bench_drop(session: &mut BenchSession, file: Vec<u8>) -> Result<usize, JsValue> {
    let s = &mut session.0;
    let call = s.apply(Event::FileRead {
        name: "bench.json".into(),
        bytes: file,
        plan: Plan::Demo,
    });
    let Some(Call::Check {
        export: false,
        ticket,
        ..
    }) = call
    else {
        return Err(JsValue::from_str(
            "the drop did not lead to a check with the held export",
        ));
    };
    s.apply(Event::Checked {
        ticket,
        schema: None,
        export: None,
    });
    let entries = s.diff.as_ref().map_or(0, |d| d.mappings.len());
    Ok(s.issues.len() + entries)
}

/// [`bench_drop`]'s work with the derive-only reader (`config::derived`) in place of the hand-written
/// one: the text checked as UTF-8, read, validated, its issues ordered, and diffed against the held
/// export. Its results are kept until [`bench_retire`] or the next drop, as the session's are.
#[cfg(feature = "bench-derived")]
#[wasm_bindgen]
pub fn bench_drop_derived(session: &mut BenchSession, file: Vec<u8>) -> Result<usize, JsValue> {
    let server = session
        .0
        .server
        .as_ref()
        .ok_or_else(|| JsValue::from_str("no export held"))?;
    drop(session.1.take());
    let text = String::from_utf8(file).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let parsed =
        config::derived::parse(text.as_bytes()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut issues = config::validate(&parsed, Plan::Demo, None);
    config::order::sort_by(&mut issues, |a, b| a.severity.cmp(&b.severity));
    let diff = config::diff(&parsed, server);
    let count = issues.len() + diff.mappings.len();
    session.1 = Some((parsed, issues, diff));
    Ok(count)
}
