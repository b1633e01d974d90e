//! Every text the UI asks for exists in every locale, with the same placeholders.
//!
//! Keys are found where the code names them: literal keys in `t("…")` / `t_with("…", …)` calls, and
//! the keys that `flow` and `api` hand to the UI (`=> "key"` arms and `Some("key")` reasons). A key
//! built at run time in any other way would escape this check, so the code does not build keys.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn locale(lang: &str) -> BTreeMap<String, Value> {
    let path = format!(
        "{}/extension/_locales/{lang}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn locales() -> Vec<String> {
    let dir = format!("{}/extension/_locales", env!("CARGO_MANIFEST_DIR"));
    let mut langs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    langs
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal that starts right after `prefix` at each occurrence in `text`.
fn literals_after(text: &str, prefix: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices(prefix) {
        // `t("` must be the call itself, not the end of `get("` or `split("`.
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &text[i + prefix.len()..];
        if let Some(end) = rest.find('"') {
            let key = &rest[..end];
            if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(key.to_owned());
            }
        }
    }
}

/// Prefixes of the message keys that native code hands to the UI; other literals there are wire values.
const AREAS: &[&str] = &[
    "step_",
    "error_",
    "group_",
    "monitor_",
    "addon_",
    "sf_",
    "app_",
    "token_",
    "database_",
    "connection_",
    "link_",
    "import_",
    "unanswered_",
];

fn used_keys() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut keys = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests below `#[cfg(test)]` may have helpers that look like `t("…")`.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let rel = file.to_string_lossy();
        for prefix in ["t(\"", "t_with(\""] {
            literals_after(text, prefix, &mut keys);
        }
        // Keys handed over by the native modules: match arms and disabled-control reasons.
        if rel.contains("/flow") || rel.ends_with("api/error.rs") {
            let mut handed = BTreeSet::new();
            literals_after(text, "=> \"", &mut handed);
            literals_after(text, "Some(\"", &mut handed);
            keys.extend(
                handed
                    .into_iter()
                    .filter(|k| AREAS.iter().any(|a| k.starts_with(a))),
            );
        }
    }
    keys
}

fn placeholders(entry: &Value) -> BTreeSet<String> {
    entry
        .get("placeholders")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn every_key_the_code_uses_is_in_every_locale() {
    let used = used_keys();
    assert!(used.len() > 100, "the scan found only {} keys", used.len());
    for lang in locales() {
        let messages = locale(&lang);
        let missing: Vec<&String> = used.iter().filter(|k| !messages.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn locales_have_the_same_keys_and_placeholders() {
    let en = locale("en");
    for lang in locales() {
        let other = locale(&lang);
        let a: BTreeSet<&String> = en.keys().collect();
        let b: BTreeSet<&String> = other.keys().collect();
        assert_eq!(a, b, "{lang} and en differ in keys");
        for (key, entry) in &en {
            assert_eq!(
                placeholders(entry),
                placeholders(&other[key]),
                "{lang}: {key}"
            );
            let text = other[key]["message"].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "{lang}: {key} is empty");
        }
    }
}

#[test]
fn every_placeholder_is_used_in_its_message() {
    for lang in locales() {
        for (key, entry) in locale(&lang) {
            let text = entry["message"].as_str().unwrap_or_default().to_lowercase();
            for name in placeholders(&entry) {
                assert!(
                    text.contains(&format!("${}$", name.to_lowercase())),
                    "{lang}: {key} misses ${name}$"
                );
            }
        }
    }
}
