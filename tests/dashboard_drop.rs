//! The dashboard drop's JavaScript (content script, service worker, the framed-page refusal) agrees
//! with the Rust side: the size limit is the config engine's, the storage key is the one the import
//! screen reads, and every message it shows exists in every locale.
#![cfg(not(target_arch = "wasm32"))]

use connect_pilot::config::MAX_FILE_BYTES;
use connect_pilot::flow::import::handover::PENDING_KEY;
use serde_json::Value;
use std::path::Path;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The value of `const NAME = 5 * 1024 * 1024;`, evaluated as a product of integers.
fn product_const(text: &str, name: &str) -> usize {
    let start = text
        .find(&format!("const {name} = "))
        .unwrap_or_else(|| panic!("no const {name}"));
    let rest = &text[start + name.len() + 9..];
    let expr = &rest[..rest.find(';').unwrap()];
    expr.split('*')
        .map(|n| n.trim().parse::<usize>().unwrap())
        .product()
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
fn the_size_limit_is_the_config_engines() {
    assert_eq!(
        product_const(&source("extension/dashboard-drop.js"), "MAX_BYTES"),
        MAX_FILE_BYTES
    );
    assert_eq!(
        product_const(&source("extension/background.js"), "MAX_DROP_BYTES"),
        MAX_FILE_BYTES
    );
}

#[test]
fn the_service_worker_stores_under_the_key_the_import_screen_reads() {
    assert!(source("extension/background.js")
        .contains(&format!("const PENDING_DROP = '{PENDING_KEY}';")));
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
