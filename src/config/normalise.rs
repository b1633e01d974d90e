//! The canonical form of a document (contract §5.5) and its stable text, used for the export download
//! and before comparing two documents.
//!
//! Normalising sorts mappings by object name (without regard to case), fields and indexes by name, and
//! every object's keys; it drops what differs between two exports of the same setup: the `connection`
//! block and the server's `revision` and `applied_at`. It changes no value and fills in nothing that
//! parsing did not already fill in (defaults, §5.2). Normalising twice changes nothing.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::names::cmp_names;
use super::order;
use super::{FieldOptions, IndexOptions, Mapping, MappingConfig, MappingSettings};

/// The canonical form of `config`.
///
/// ```
/// use connect_pilot_config::{normalise, MappingConfig};
///
/// let a = MappingConfig::parse(br#"{"version": 1, "connection": {"app_name": "x"},
///     "mappings": [{"object_name": "Case", "config": {}}, {"object_name": "account", "config": {}}]}"#).unwrap();
/// let n = normalise(&a);
/// assert!(n.connection.is_none());
/// assert_eq!(n.mappings[0].object_name, "account");
/// assert_eq!(normalise(&n), n);
/// ```
pub fn normalise(config: &MappingConfig) -> MappingConfig {
    let mut mappings: Vec<Mapping> = config.mappings.iter().map(normalise_mapping).collect();
    order::sort_by(&mut mappings, |a, b| {
        cmp_names(&a.object_name, &b.object_name)
    });
    MappingConfig {
        version: config.version,
        connection: None,
        mappings,
        extra: sort_map(&config.extra),
    }
}

fn normalise_mapping(mapping: &Mapping) -> Mapping {
    let cfg = &mapping.config;
    let fields = cfg
        .fields
        .iter()
        .map(|(name, o)| {
            let extra = sort_map(&o.extra);
            (name.clone(), FieldOptions { extra })
        })
        .collect();
    let indexes = order::map_of(cfg.indexes.iter().map(|(name, o)| {
        let (unique, extra) = (o.unique, sort_map(&o.extra));
        (name.clone(), IndexOptions { unique, extra })
    }));
    Mapping {
        object_name: mapping.object_name.clone(),
        config: MappingSettings {
            access: cfg.access,
            sf_notify_enabled: cfg.sf_notify_enabled,
            sf_polling_seconds: cfg.sf_polling_seconds,
            sf_max_daily_api_calls: cfg.sf_max_daily_api_calls,
            fields,
            indexes,
            upsert_field: cfg.upsert_field.clone(),
            revision: None,
            applied_at: None,
            extra: sort_map(&cfg.extra),
        },
        extra: sort_map(&mapping.extra),
    }
}

fn sort_map(map: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    order::map_of(map.iter().map(|(k, v)| (k.clone(), sort_value(v))))
}

/// Rebuilds every object inside `value` with its keys in order. With serde_json's default map this is
/// already so; the rebuild keeps the output sorted even when another crate turns on `preserve_order`.
pub fn sort_value(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            order::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            object_of(entries.into_iter().map(|(k, v)| (k.clone(), sort_value(v))))
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_value).collect()),
        other => other.clone(),
    }
}

/// The normalised document as the text of an export download: sorted keys, two-space indentation and a
/// final newline, so two exports of the same setup are byte for byte equal and diff cleanly.
pub fn export_json(config: &MappingConfig) -> String {
    to_pretty_json(&normalise(config))
}

/// `config` as it is (mappings in their current order) with sorted keys.
pub(crate) fn to_pretty_json(config: &MappingConfig) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(config)).unwrap_or_default();
    text.push('\n');
    text
}

/// Builds a JSON object whose keys come out sorted however `Map` is backed.
fn object(mut entries: Vec<(String, Value)>) -> Value {
    order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    object_of(entries)
}

/// A JSON object of `entries`, built by inserting (see [`order`]).
fn object_of(entries: impl IntoIterator<Item = (String, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    Value::Object(map)
}

fn with_extra(mut entries: Vec<(String, Value)>, extra: &BTreeMap<String, Value>) -> Value {
    entries.extend(extra.iter().map(|(k, v)| (k.clone(), sort_value(v))));
    object(entries)
}

/// The document as a JSON value; the inverse of parsing.
fn to_value(config: &MappingConfig) -> Value {
    let mut top = Vec::new();
    if let Some(version) = config.version {
        top.push(("version".to_owned(), Value::from(version)));
    }
    if let Some(connection) = &config.connection {
        top.push(("connection".to_owned(), sort_value(connection)));
    }
    top.push((
        "mappings".to_owned(),
        Value::Array(config.mappings.iter().map(mapping_value).collect()),
    ));
    with_extra(top, &config.extra)
}

fn mapping_value(mapping: &Mapping) -> Value {
    let cfg = &mapping.config;
    let fields = object(
        cfg.fields
            .iter()
            .map(|(name, o)| (name.to_string(), with_extra(Vec::new(), &o.extra)))
            .collect(),
    );
    let indexes = object(
        cfg.indexes
            .iter()
            .map(|(name, o)| {
                (
                    name.clone(),
                    with_extra(vec![("unique".to_owned(), Value::Bool(o.unique))], &o.extra),
                )
            })
            .collect(),
    );
    let mut settings = vec![
        ("access".to_owned(), Value::from(cfg.access.as_str())),
        (
            "sf_notify_enabled".to_owned(),
            Value::Bool(cfg.sf_notify_enabled),
        ),
        (
            "sf_polling_seconds".to_owned(),
            Value::from(cfg.sf_polling_seconds),
        ),
        (
            "sf_max_daily_api_calls".to_owned(),
            Value::from(cfg.sf_max_daily_api_calls),
        ),
        ("fields".to_owned(), fields),
        ("indexes".to_owned(), indexes),
    ];
    if let Some(upsert) = &cfg.upsert_field {
        settings.push(("upsert_field".to_owned(), Value::from(upsert.as_str())));
    }
    if let Some(revision) = &cfg.revision {
        settings.push(("revision".to_owned(), sort_value(revision)));
    }
    if let Some(applied_at) = &cfg.applied_at {
        settings.push(("applied_at".to_owned(), sort_value(applied_at)));
    }
    let entries = vec![
        (
            "object_name".to_owned(),
            Value::from(mapping.object_name.as_str()),
        ),
        ("config".to_owned(), with_extra(settings, &cfg.extra)),
    ];
    with_extra(entries, &mapping.extra)
}
