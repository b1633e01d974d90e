//! Validation against the org schema and the plan, beyond the one-error-per-file corpus: spelling
//! suggestions, required fields, what gets fetched, and how issues are keyed for translation.

use connect_pilot::config::schema::{objects_to_fetch, SchemaLookup};
use connect_pilot::config::{
    has_errors, validate, FieldSchema, IssueCode, MappingConfig, ObjectSchema, OrgSchema, Plan,
    Severity,
};

/// The §4.3.6 example answer of the schema endpoint.
const CONTACT_SCHEMA: &str = r#"{ "name": "Contact",
  "fields": [ { "name": "Id", "type": "id", "required": false, "unique": true, "external_id": false },
              { "name": "LastName", "type": "string", "required": true, "unique": false, "external_id": false },
              { "name": "Acme_Id__c", "type": "string", "required": false, "unique": true, "external_id": true } ] }"#;

fn org() -> OrgSchema {
    let mut contact = ObjectSchema::from_json(CONTACT_SCHEMA.as_bytes()).unwrap();
    for name in ["IsDeleted", "SystemModstamp", "CreatedDate", "Email"] {
        contact
            .fields
            .push(FieldSchema::new(name, "string", false, false, false));
    }
    let mut org = OrgSchema::from_schemas([contact]);
    org.insert_unknown("Invoice__c");
    org
}

fn parse(text: &str) -> MappingConfig {
    MappingConfig::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_schema_answer_reads_as_documented() {
    let schema = ObjectSchema::from_json(CONTACT_SCHEMA.as_bytes()).unwrap();
    assert_eq!(schema.name, "Contact");
    assert_eq!(
        schema.fields[2],
        FieldSchema::new("Acme_Id__c", "string", false, true, true)
    );
    assert!(schema.field("lastname").unwrap().required);
    // Extra keys in the answer and missing flags are tolerated.
    let tolerant = ObjectSchema::from_json(
        br#"{"name": "X", "fields": [{"name": "Y", "length": 80}], "label": "X"}"#,
    )
    .unwrap();
    assert_eq!(
        tolerant.fields[0],
        FieldSchema::new("Y", "", false, false, false)
    );
}

#[test]
fn case_differences_are_warnings_that_suggest_the_canonical_spelling() {
    let config = parse(
        r#"{"version": 1, "mappings": [{"object_name": "contact", "config": {
            "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "email": {}}}}]}"#,
    );
    let issues = validate(&config, Plan::Demo, Some(&org()));
    let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "mappings[0].object_name: Salesforce spells this object \"Contact\"",
            "mappings[0].config.fields.email: Salesforce spells this field \"Email\"",
        ]
    );
    assert!(!has_errors(&issues));
    assert_eq!(issues[0].params, vec![("canonical", "Contact".to_owned())]);
}

#[test]
fn read_write_mappings_should_include_required_fields_and_use_an_external_id() {
    let config = parse(
        r#"{"version": 1, "mappings": [{"object_name": "Contact", "config": {"access": "read_write",
            "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Acme_Id__c": {}},
            "indexes": {"Id": {"unique": true}, "Acme_Id__c": {"unique": true}}, "upsert_field": "acme_id__c"}}]}"#,
    );
    let issues = validate(&config, Plan::Demo, Some(&org()));
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].code, IssueCode::MissingRequiredField);
    assert_eq!(issues[0].severity, Severity::Warning);
    assert_eq!(
        issues[0].to_string(),
        "mappings[0].config.fields: a read_write mapping should include the fields required to create \"Contact\" records: LastName"
    );
    // Without a schema nothing about Salesforce is claimed.
    assert!(validate(&config, Plan::Demo, None).is_empty());
}

#[test]
fn unknown_objects_stop_further_schema_checks_and_unfetched_ones_skip_them() {
    let config = parse(
        r#"{"version": 1, "mappings": [{"object_name": "Invoice__c", "config": {"fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Nope__c": {}}}},
                                       {"object_name": "Lead", "config": {"fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Nope__c": {}}}}]}"#,
    );
    let org = org();
    assert_eq!(org.lookup("INVOICE__C"), SchemaLookup::Unknown);
    assert_eq!(org.lookup("Lead"), SchemaLookup::NotFetched);
    let issues = validate(&config, Plan::Demo, Some(&org));
    let codes: Vec<IssueCode> = issues.iter().map(|i| i.code).collect();
    assert_eq!(codes, [IssueCode::UnknownObject]);
    assert_eq!(
        issues[0].to_string(),
        "mappings[0].object_name: the Salesforce org has no object \"Invoice__c\""
    );
}

#[test]
fn each_object_is_fetched_once_in_document_order() {
    let config = parse(
        r#"{"version": 1, "mappings": [{"object_name": "Lead", "config": {}}, {"object_name": "Contact", "config": {}},
            {"object_name": "LEAD", "config": {}}, {"object_name": "no good", "config": {}}]}"#,
    );
    assert_eq!(objects_to_fetch(&config), ["Lead", "Contact"]);
}

#[test]
fn every_problem_is_reported_at_once_in_document_order() {
    let config = parse(
        r#"{"version": 3, "x": 1, "mappings": [
            {"object_name": "Case", "config": {"sf_polling_seconds": 60, "sf_max_daily_api_calls": 0, "fields": {"Id": {}}}},
            {"object_name": "case", "config": {"access": "read_write"}}]}"#,
    );
    let issues = validate(&config, Plan::Enterprise, None);
    let got: Vec<(&str, IssueCode, Severity)> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code, i.severity))
        .collect();
    assert_eq!(
        got,
        [
            ("version", IssueCode::VersionUnsupported, Severity::Error),
            ("x", IssueCode::UnknownKey, Severity::Warning),
            (
                "mappings[0].config.fields",
                IssueCode::MissingSystemField,
                Severity::Error
            ),
            (
                "mappings[0].config.fields",
                IssueCode::MissingSystemField,
                Severity::Error
            ),
            (
                "mappings[0].config.indexes.SystemModstamp",
                IssueCode::IndexUnmapped,
                Severity::Error
            ),
            (
                "mappings[0].config.sf_polling_seconds",
                IssueCode::PollingBelowMinimum,
                Severity::Error
            ),
            (
                "mappings[0].config.sf_max_daily_api_calls",
                IssueCode::MaxDailyApiCallsNotPositive,
                Severity::Error
            ),
            (
                "mappings[1].object_name",
                IssueCode::DuplicateObject,
                Severity::Error
            ),
            (
                "mappings[1].config.access",
                IssueCode::ReadWriteWithoutUpsert,
                Severity::Warning
            ),
        ]
    );
    assert_eq!(issues[5].to_string(), "mappings[0].config.sf_polling_seconds: 60 is below the enterprise plan's minimum of 120 seconds");
    assert_eq!(issues[7].code.key(), "config.issue.duplicate_object");
}

#[test]
fn plans_read_with_or_without_the_addon_prefix() {
    assert_eq!(Plan::from_name("herokuconnect:demo"), Some(Plan::Demo));
    assert_eq!(Plan::from_name("shield"), Some(Plan::Shield));
    assert_eq!(Plan::from_name("gold"), None);
    assert_eq!(Plan::Demo.min_polling_seconds(), 600);
    assert_eq!(Plan::Enterprise.min_polling_seconds(), 120);
    assert_eq!(Plan::Shield.min_polling_seconds(), 120);
}
