//! The configuration document read by `#[derive(Deserialize)]` alone, as the benchmark's yardstick
//! for the hand-written reader (`fast.rs`, `de.rs`): `cargo xtask bench` times validate + diff after
//! this read against `JSON.parse`, and records the ratio as `derived_serde_ratio`. Built only with
//! the `derived` feature (and for its own test), so the extension never ships it.
//!
//! Unknown keys go to `#[serde(flatten)]` maps and absent keys take the contract's defaults, as in
//! the hand-written reader; repeated keys and wrong kinds get serde's own words, which is part of
//! what the hand-written reader exists to improve.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{
    Access, FieldName, FieldOptions, IndexOptions, Mapping, MappingConfig, MappingSettings,
    DEFAULT_MAX_DAILY_API_CALLS, DEFAULT_POLLING_SECONDS,
};

#[derive(Deserialize)]
struct Document {
    version: Option<i64>,
    connection: Option<Value>,
    #[serde(default)]
    mappings: Vec<DerivedMapping>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct DerivedMapping {
    object_name: String,
    #[serde(default)]
    config: Option<Settings>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DerivedAccess {
    ReadOnly,
    ReadWrite,
}

#[derive(Deserialize)]
struct Settings {
    access: Option<DerivedAccess>,
    sf_notify_enabled: Option<bool>,
    sf_polling_seconds: Option<i64>,
    sf_max_daily_api_calls: Option<i64>,
    fields: Option<BTreeMap<String, Options>>,
    indexes: Option<BTreeMap<String, Index>>,
    upsert_field: Option<String>,
    revision: Option<Value>,
    applied_at: Option<Value>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct Options {
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct Index {
    #[serde(default)]
    unique: bool,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

/// Reads `bytes` with the derived readers into the same [`MappingConfig`] the hand-written reader
/// builds. Errors are `serde_json`'s, with its line and column.
pub fn parse(bytes: &[u8]) -> Result<MappingConfig, serde_json::Error> {
    let doc: Document = serde_json::from_slice(bytes)?;
    Ok(MappingConfig {
        version: doc.version,
        connection: doc.connection,
        mappings: doc.mappings.into_iter().map(mapping).collect(),
        extra: doc.extra,
    })
}

fn mapping(m: DerivedMapping) -> Mapping {
    let defaults = MappingSettings::default();
    let config = match m.config {
        None => defaults,
        Some(s) => MappingSettings {
            access: match s.access {
                Some(DerivedAccess::ReadWrite) => Access::ReadWrite,
                _ => Access::ReadOnly,
            },
            sf_notify_enabled: s.sf_notify_enabled.unwrap_or(false),
            sf_polling_seconds: s.sf_polling_seconds.unwrap_or(DEFAULT_POLLING_SECONDS),
            sf_max_daily_api_calls: s
                .sf_max_daily_api_calls
                .unwrap_or(DEFAULT_MAX_DAILY_API_CALLS),
            fields: match s.fields {
                Some(fields) => fields
                    .into_iter()
                    .map(|(k, o)| (FieldName::from(k), FieldOptions { extra: o.extra }))
                    .collect(),
                None => defaults.fields,
            },
            indexes: match s.indexes {
                Some(indexes) => indexes
                    .into_iter()
                    .map(|(k, i)| {
                        let options = IndexOptions {
                            unique: i.unique,
                            extra: i.extra,
                        };
                        (k, options)
                    })
                    .collect(),
                None => defaults.indexes,
            },
            upsert_field: s.upsert_field,
            revision: s.revision,
            applied_at: s.applied_at,
            extra: s.extra,
        },
    };
    Mapping {
        object_name: m.object_name,
        config,
        extra: m.extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The yardstick reads the benchmark's documents into what the real reader reads.
    #[test]
    fn reads_what_the_hand_written_reader_reads() {
        for (mappings, fields) in [(1, 1), (20, 100), (200, 10)] {
            let text = crate::sample::generate(mappings, fields);
            assert_eq!(
                parse(text.as_bytes()).unwrap(),
                MappingConfig::parse(text.as_bytes()).unwrap()
            );
        }
        let sparse = br#"{"version": 1, "x": [1], "mappings": [{"object_name": "Contact", "y": 2,
            "config": {"access": "read_write", "z": {}, "fields": {"Id": {"k": 1}}}}]}"#;
        assert_eq!(
            parse(sparse).unwrap(),
            MappingConfig::parse(sparse).unwrap()
        );
    }
}
