//! Property tests of the configuration document: normalise is idempotent, a document never differs from
//! itself, text round trips are exact, the diff is empty exactly when the normal forms are equal, and
//! the parser survives any bytes.

use std::collections::BTreeMap;

use connect_pilot::config::{
    diff, export_json, fuzz, normalise, sample, Access, FieldName, FieldOptions, IndexOptions,
    Mapping, MappingConfig, MappingSettings,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Small JSON values without floats (serde_json reads some decimals one unit off by default).
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~é☃]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map("[a-z_ ]{0,5}", inner, 0..3).prop_map(|m| json!(m)),
        ]
    })
}

fn extra() -> impl Strategy<Value = BTreeMap<String, Value>> {
    // Mostly empty, as in real exports; never a known key, which would parse as that key.
    prop_oneof![
        4 => Just(BTreeMap::new()),
        1 => prop::collection::btree_map("x_[a-z]{1,6}", value(), 1..3),
    ]
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][A-Za-z0-9]{0,7}",
        "[A-Z][a-z]{0,5}_[A-Za-z]{1,4}__c",
        // Longer than a field name kept inline: stored on the heap, compared the same way.
        "[A-Z][a-z]{20,30}_[A-Za-z]{1,4}__c",
        "[a-z ]{1,4}"
    ]
}

fn settings() -> impl Strategy<Value = MappingSettings> {
    let fields = prop::collection::btree_map(
        field_name(),
        extra().prop_map(|extra| FieldOptions { extra }),
        0..6,
    );
    let indexes = prop::collection::btree_map(
        field_name(),
        (any::<bool>(), extra()).prop_map(|(unique, extra)| IndexOptions { unique, extra }),
        0..4,
    );
    let numbers = (
        any::<bool>(),
        any::<bool>(),
        -100i64..5000,
        prop_oneof![Just(30_000i64), any::<i64>()],
    );
    let bookkeeping = (
        prop::option::of(0i64..50),
        prop::option::of(Just("2025-01-06 09:10:00.000000+00:00")),
        extra(),
    );
    (
        numbers,
        fields,
        indexes,
        prop::option::of(field_name()),
        bookkeeping,
    )
        .prop_map(
            |(
                (read_write, notify, polling, calls),
                fields,
                indexes,
                upsert_field,
                (revision, applied_at, extra),
            )| {
                MappingSettings {
                    access: if read_write {
                        Access::ReadWrite
                    } else {
                        Access::ReadOnly
                    },
                    sf_notify_enabled: notify,
                    sf_polling_seconds: polling,
                    sf_max_daily_api_calls: calls,
                    fields: fields
                        .into_iter()
                        .map(|(name, options)| (FieldName::from(name), options))
                        .collect(),
                    indexes,
                    upsert_field,
                    revision: revision.map(Value::from),
                    applied_at: applied_at.map(Value::from),
                    extra,
                }
            },
        )
}

/// Documents whose object names differ without regard to case, as valid documents do.
fn config() -> impl Strategy<Value = MappingConfig> {
    let names = prop::collection::btree_set("[a-z][a-z_]{0,6}", 0..6);
    let connection =
        prop::option::of(value().prop_map(|v| json!({ "app_name": "acme-sync", "extra": v })));
    (
        prop::option::of(prop_oneof![Just(1i64), any::<i64>()]),
        connection,
        names,
        extra(),
    )
        .prop_flat_map(|(version, connection, names, top_extra)| {
            let n = names.len();
            let mappings = (
                prop::collection::vec((any::<bool>(), settings(), extra()), n),
                Just(names),
            )
                .prop_map(|(parts, names)| {
                    names
                        .into_iter()
                        .zip(parts)
                        .map(|(name, (capital, config, extra))| Mapping {
                            object_name: if capital { capitalise(&name) } else { name },
                            config,
                            extra,
                        })
                        .collect::<Vec<_>>()
                });
            (Just(version), Just(connection), mappings, Just(top_extra))
        })
        .prop_map(|(version, connection, mappings, extra)| MappingConfig {
            version,
            connection,
            mappings,
            extra,
        })
}

fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The same document as the server might export it again: mappings in another order, a new
/// `connection` block and new bookkeeping values. Its normal form is unchanged.
fn reexported(config: &MappingConfig, seed: u64) -> MappingConfig {
    let mut out = config.clone();
    let mut state = seed | 1;
    for i in (1..out.mappings.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.mappings.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out.connection = Some(json!({ "exported_at": seed.to_string() }));
    for mapping in &mut out.mappings {
        mapping.config.revision = Some(Value::from(seed));
        mapping.config.applied_at = None;
    }
    out
}

/// One small edit that changes the meaning of a document, or none (`choice` out of range).
fn edited(config: &MappingConfig, choice: u8, text: &str) -> MappingConfig {
    let mut out = config.clone();
    let first = out.mappings.first_mut();
    match (choice, first) {
        (0, Some(m)) => m.config.sf_polling_seconds = m.config.sf_polling_seconds.wrapping_add(1),
        (1, Some(m)) => {
            m.config.access = if m.config.access == Access::ReadOnly {
                Access::ReadWrite
            } else {
                Access::ReadOnly
            }
        }
        (2, Some(m)) => {
            m.config
                .fields
                .insert(format!("Added_{text}").into(), FieldOptions::default());
        }
        (3, Some(m)) => m.config.upsert_field = Some(format!("Other_{text}")),
        (4, Some(m)) => {
            m.config
                .indexes
                .insert(format!("Index_{text}"), IndexOptions::unique(true));
        }
        (5, Some(m)) => m.object_name = m.object_name.to_ascii_uppercase() + "X",
        (6, Some(m)) => {
            m.config.extra.insert("x_new".into(), Value::from(text));
        }
        (7, _) => out.mappings.push(Mapping {
            object_name: format!("New_{text}"),
            ..Mapping::default()
        }),
        (8, _) => out.version = Some(out.version.unwrap_or(1).wrapping_add(1)),
        (9, Some(_)) => {
            out.mappings.remove(0);
        }
        (10, _) => {
            out.extra.insert("x_top".into(), Value::from(text));
        }
        _ => {}
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn normalise_is_idempotent(config in config()) {
        let once = normalise(&config);
        prop_assert_eq!(normalise(&once), once);
    }

    #[test]
    fn a_document_never_differs_from_itself(config in config()) {
        prop_assert!(diff(&config, &config).is_empty());
        prop_assert!(diff(&normalise(&config), &config).is_empty());
    }

    #[test]
    fn text_round_trips_are_exact(config in config()) {
        let parsed = MappingConfig::parse(config.to_json().as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&parsed, &config);
        let exported = export_json(&config);
        let reparsed = MappingConfig::parse(exported.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&reparsed, &normalise(&config));
        prop_assert_eq!(export_json(&reparsed), exported);
    }

    #[test]
    fn diff_is_empty_exactly_when_normal_forms_are_equal(
        config in config(), other in config(), seed in any::<u64>(), choice in 0u8..14, text in "[A-Za-z]{1,5}",
    ) {
        // A re-export of the same setup, possibly with one real edit: most cases are near misses.
        let b = edited(&reexported(&config, seed), choice, &text);
        prop_assert_eq!(diff(&b, &config).is_empty(), normalise(&b) == normalise(&config));
        prop_assert_eq!(diff(&config, &b).is_empty(), normalise(&config) == normalise(&b));
        if choice >= 11 {
            prop_assert!(diff(&b, &config).is_empty(), "a re-export must not differ");
        }
        // Two unrelated documents.
        prop_assert_eq!(diff(&config, &other).is_empty(), normalise(&config) == normalise(&other));
    }

    #[test]
    fn the_parser_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        fuzz::exercise(&bytes);
    }

    #[test]
    fn the_parser_survives_damaged_documents(
        cut in 0usize..2000, at in 0usize..2000, byte in any::<u8>(), bom in any::<bool>(),
    ) {
        let text = sample::generate(2, 6);
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend_from_slice(text.as_bytes());
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len() - cut % bytes.len());
        fuzz::exercise(&bytes);
    }
}
