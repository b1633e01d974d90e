//! Runs the configuration corpus in `tests/fixtures/config/`: every bad file must fail with exactly the
//! message recorded in `bad/expected.json`, every good file must pass with exactly the warnings in
//! `good/expected.json`, and nothing may panic.

use std::collections::BTreeSet;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use connect_pilot::config::schema::{objects_to_fetch, SchemaLookup};
use connect_pilot::config::{
    sample, validate, Issue, MappingConfig, ObjectSchema, OrgSchema, ParseErrorKind, Plan,
    Severity, MAX_FILE_BYTES,
};
use serde_json::Value;

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn read_json(path: &Path) -> Value {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The org schema a caller would assemble: the fixture's objects, and a 404 for every other object
/// the document names.
fn org_schema(file: &str, config: &MappingConfig) -> OrgSchema {
    let schemas: Vec<ObjectSchema> =
        serde_json::from_value(read_json(&dir("schema").join(file))).unwrap();
    let mut org = OrgSchema::from_schemas(schemas);
    for object in objects_to_fetch(config) {
        if org.lookup(&object) == SchemaLookup::NotFetched {
            org.insert_unknown(&object);
        }
    }
    org
}

fn plan_of(entry: &Value) -> Plan {
    entry
        .get("plan")
        .and_then(Value::as_str)
        .map_or(Plan::Demo, |p| Plan::from_name(p).expect("plan name"))
}

fn issues_for(entry: &Value, config: &MappingConfig) -> Vec<Issue> {
    let schema = entry
        .get("schema")
        .and_then(Value::as_str)
        .map(|file| org_schema(file, config));
    validate(config, plan_of(entry), schema.as_ref())
}

fn json_files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json") && name != "expected.json")
        .collect()
}

/// Checks one bad file; returns a description of the mismatch, if any.
fn check_bad(name: &str, entry: &Value) -> Option<String> {
    let bytes = fs::read(dir("bad").join(name)).unwrap();
    let key = entry["key"].as_str().unwrap();
    let message = entry["message"].as_str().unwrap();
    let outcome = catch_unwind(AssertUnwindSafe(|| match MappingConfig::parse(&bytes) {
        Err(error) => {
            let position = error
                .position
                .as_ref()
                .map(|p| (p.line as u64, p.column as u64));
            let expected_position = entry
                .get("line")
                .map(|l| (l.as_u64().unwrap(), entry["column"].as_u64().unwrap()));
            if (error.key(), error.message().as_str()) != (key, message)
                || position != expected_position
            {
                Some(format!(
                    "got {} {:?} at {position:?}",
                    error.key(),
                    error.message()
                ))
            } else {
                None
            }
        }
        Ok(config) => {
            let issues = issues_for(entry, &config);
            let found = issues.iter().any(|i| {
                i.severity == Severity::Error && i.code.key() == key && i.to_string() == message
            });
            (!found).then(|| {
                format!(
                    "no such error among {:#?}",
                    issues.iter().map(ToString::to_string).collect::<Vec<_>>()
                )
            })
        }
    }));
    match outcome {
        Ok(result) => result,
        Err(_) => Some("panicked".to_owned()),
    }
}

#[test]
fn every_bad_file_fails_with_its_recorded_message() {
    let expected = read_json(&dir("bad").join("expected.json"));
    let expected = expected.as_object().unwrap();
    let files = json_files(&dir("bad"));
    let recorded: BTreeSet<String> = expected.keys().cloned().collect();
    assert_eq!(
        files, recorded,
        "bad/ and bad/expected.json list different files"
    );
    assert!(
        files.len() >= 40,
        "the corpus shrank to {} files",
        files.len()
    );

    let failures: Vec<String> = expected
        .iter()
        .filter_map(|(name, entry)| {
            check_bad(name, entry).map(|why| format!("{name}: expected {entry}, {why}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad files misbehaved:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_good_file_passes_with_exactly_its_recorded_warnings() {
    let expected = read_json(&dir("good").join("expected.json"));
    let expected = expected.as_object().unwrap();
    let files = json_files(&dir("good"));
    assert_eq!(files, expected.keys().cloned().collect::<BTreeSet<_>>());
    for (name, entry) in expected {
        let bytes = fs::read(dir("good").join(name)).unwrap();
        let config = MappingConfig::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let issues = issues_for(entry, &config);
        let got: Vec<(String, String)> = issues
            .iter()
            .map(|i| (i.code.key(), i.to_string()))
            .collect();
        let want: Vec<(String, String)> = entry["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                (
                    w["key"].as_str().unwrap().to_owned(),
                    w["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
        assert!(
            issues.iter().all(|i| i.severity == Severity::Warning),
            "{name}"
        );
    }
}

#[test]
fn a_file_over_five_megabytes_is_refused_by_size_alone() {
    // Valid JSON padded past the limit: only the size may reject it. Generated, not committed.
    let mut text = sample::generate(1, 5).into_bytes();
    text.resize(MAX_FILE_BYTES + 1, b' ');
    let error = MappingConfig::parse(&text).unwrap_err();
    assert_eq!(error.key(), "config.error.too_large");
    assert_eq!(
        error.message(),
        "The file is 5242881 bytes; configuration files are limited to 5242880 bytes (5 MB)."
    );
    assert_eq!(
        error.kind,
        ParseErrorKind::TooLarge {
            size: 5_242_881,
            limit: 5_242_880
        }
    );

    // Garbage of the same size fails the same way: the bytes are not read.
    let garbage = vec![0xFF; MAX_FILE_BYTES + 1];
    assert_eq!(
        MappingConfig::parse(&garbage).unwrap_err().key(),
        "config.error.too_large"
    );

    // Exactly at the limit is fine.
    text.truncate(MAX_FILE_BYTES);
    assert_eq!(MappingConfig::parse(&text).unwrap().mappings.len(), 1);
}

#[test]
fn the_contract_example_passes_against_the_demo_org() {
    let bytes = fs::read(dir("good").join("example-5-6.json")).unwrap();
    let config = MappingConfig::parse(&bytes).unwrap();
    assert_eq!(objects_to_fetch(&config), vec!["Case", "Contact"]);
    let org = org_schema("demo-org.json", &config);
    assert!(validate(&config, Plan::Demo, Some(&org)).is_empty());
    assert_eq!(
        config.mappings[1].config.upsert_field.as_deref(),
        Some("Acme_Id__c")
    );
    assert_eq!(config.connection.as_ref().unwrap()["app_name"], "acme-sync");
}
