//! The body of the `parse` fuzz target, kept in the library so the same checks also run on stable Rust
//! as an ordinary test (`tests/config_fuzz_smoke.rs`) wherever cargo-fuzz and nightly are missing.
//!
//! It feeds arbitrary bytes through everything a dropped file goes through and panics when an invariant
//! breaks, including when the fast reader and the serde reader read the same bytes differently. It is
//! not part of the product's interface.

use serde_json::Value;

use super::{
    diff, export_json, normalise, validate, MappingConfig, OrgSchema, Plan, MAX_FILE_BYTES,
};

/// Runs parse, validate (every plan, with and without a schema), normalise, export and diff on `bytes`,
/// asserting the invariants of contract §5.5. Panics only when an invariant fails.
pub fn exercise(bytes: &[u8]) {
    // Whenever the hand-written reader answers, it answers with the serde reader's document.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(fast) = super::fast::read(body) {
        let slow = serde_json::from_slice::<MappingConfig>(body).ok();
        assert_eq!(slow.as_ref(), Some(&fast), "the two readers disagree");
    }
    let config = match MappingConfig::parse(bytes) {
        Ok(config) => config,
        Err(error) => {
            // Every part of an error must render without panicking.
            assert!(!error.message().is_empty());
            assert!(error.key().starts_with("config.error."));
            let _ = (error.frame(), error.params(), error.to_string());
            return;
        }
    };
    // The parser skips its own UTF-8 pass on success, trusting its readers to have checked every byte.
    assert!(
        std::str::from_utf8(body).is_ok(),
        "accepted bytes that are not UTF-8"
    );
    for plan in [Plan::Demo, Plan::Enterprise, Plan::Shield] {
        for issue in validate(&config, plan, None) {
            assert!(!issue.message.is_empty());
        }
    }
    // A schema that knows half the objects and none of their fields, and has never heard of the rest.
    let mut schema = OrgSchema::new();
    for (i, mapping) in config.mappings.iter().enumerate() {
        if i % 2 == 0 {
            schema.insert(super::ObjectSchema::new(
                &mapping.object_name.to_ascii_uppercase(),
                Vec::new(),
            ));
        } else {
            schema.insert_unknown(&mapping.object_name);
        }
    }
    let _ = validate(&config, Plan::Demo, Some(&schema));

    let normal = normalise(&config);
    assert_eq!(normalise(&normal), normal, "normalise is not idempotent");
    assert!(diff(&config, &config).is_empty(), "diff(a, a) is not empty");
    assert!(
        diff(&config, &normal).is_empty(),
        "a document differs from its normal form"
    );
    assert!(
        diff(&normal, &config).is_empty(),
        "a normal form differs from its document"
    );

    // Text round trips. serde_json reads some decimals one unit off unless built with
    // `float_roundtrip`, so documents holding floats (only possible under unknown keys) are skipped.
    if holds_float(&config) {
        return;
    }
    let text = config.to_json();
    if text.len() <= MAX_FILE_BYTES {
        let again = MappingConfig::parse(text.as_bytes()).expect("to_json output does not parse");
        assert_eq!(again, config, "parse(to_json(x)) != x");
    }
    let exported = export_json(&config);
    if exported.len() <= MAX_FILE_BYTES {
        let again =
            MappingConfig::parse(exported.as_bytes()).expect("export output does not parse");
        assert_eq!(again, normal, "parse(export(x)) != normalise(x)");
        assert_eq!(export_json(&again), exported, "export is not stable");
    }
}

fn holds_float(config: &MappingConfig) -> bool {
    let float = |v: &Value| value_holds_float(v);
    config.connection.iter().any(float)
        || config.extra.values().any(float)
        || config.mappings.iter().any(|m| {
            let c = &m.config;
            m.extra.values().any(float)
                || c.extra.values().any(float)
                || c.revision.iter().chain(c.applied_at.iter()).any(float)
                || c.fields.values().any(|f| f.extra.values().any(float))
                || c.indexes.values().any(|i| i.extra.values().any(float))
        })
}

fn value_holds_float(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_f64(),
        Value::Array(items) => items.iter().any(value_holds_float),
        Value::Object(map) => map.values().any(value_holds_float),
        _ => false,
    }
}
