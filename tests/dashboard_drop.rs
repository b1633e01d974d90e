//! The dashboard drop's JavaScript (content script, service worker, the framed-page refusal) agrees
//! with the Rust side: the size limit is the config engine's, the storage key is the one the import
//! screen reads (both through `extension/constants.js`), and every message it shows exists in every locale.
#![cfg(not(target_arch = "wasm32"))]

use connect_pilot::config::MAX_FILE_BYTES;
use connect_pilot::flow::import::handover::PENDING_KEY;
use serde_json::Value;
use std::path::Path;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// Literal first arguments of `call('…'` (the call itself, not the end of `split('`).
fn keys(text: &str, call: &str) -> Vec<String> {
    let pattern = format!("{call}('");
    text.match_indices(&pattern)
        .filter(|(i, _)| {
            !text[..*i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|(i, _)| {
            let rest = &text[i + pattern.len()..];
            rest[..rest.find('\'').unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn the_size_limit_and_the_key_come_from_the_shared_constants() {
    // tests/shared_constants.rs checks that constants.js holds the Rust's values.
    let constants = connect_pilot::shared::constants();
    assert_eq!(constants["maxDropBytes"], MAX_FILE_BYTES);
    assert_eq!(constants["storage"]["pendingDrop"], PENDING_KEY);
    assert!(source("extension/dashboard-drop.js").contains("globalThis.CP.maxDropBytes"));
    let worker = source("extension/background.js");
    assert!(worker.contains("CP.maxDropBytes"));
    assert!(worker.contains("[KEY.pendingDrop]"));
}

#[test]
fn every_message_the_scripts_show_is_in_every_locale() {
    let mut used = keys(&source("extension/dashboard-drop.js"), "t");
    used.extend(keys(&source("www/framed.js"), "getMessage"));
    assert!(used.len() >= 8, "found only {used:?}");
    for lang in ["en", "ja"] {
        let text = source(&format!("extension/_locales/{lang}/messages.json"));
        let messages: Value = serde_json::from_str(&text).unwrap();
        for key in &used {
            assert!(messages[key]["message"].is_string(), "{lang} lacks {key}");
        }
    }
}

#[test]
fn the_content_script_sends_no_request_and_touches_no_token() {
    let script = source("extension/dashboard-drop.js");
    for forbidden in [
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
        "WebSocket",
        "storage.",
        "token",
    ] {
        let code: String = script
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        assert!(
            !code.contains(forbidden),
            "dashboard-drop.js uses {forbidden}"
        );
    }
}
