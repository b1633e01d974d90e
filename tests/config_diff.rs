//! What the import page shows before an upload: the diff of a file against the server's export, one
//! scenario per kind of change, on the contract's §5.6 example.

use std::fs;
use std::path::Path;

use connect_pilot::config::{diff, Access, Change, MappingConfig, MappingStatus, OtherChange};
use serde_json::json;

fn example() -> MappingConfig {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config/good/example-5-6.json");
    MappingConfig::parse(&fs::read(path).unwrap()).unwrap()
}

fn status_of<'a>(d: &'a connect_pilot::config::ConfigDiff, object: &str) -> &'a MappingStatus {
    &d.mappings
        .iter()
        .find(|m| m.object_name == object)
        .unwrap_or_else(|| panic!("{object} missing"))
        .status
}

#[test]
fn an_export_compared_with_itself_or_a_reordered_copy_is_empty() {
    let server = example();
    assert!(diff(&server, &server).is_empty());
    let mut file = server.clone();
    file.mappings.reverse();
    file.connection = None;
    file.mappings[0].config.revision = Some(json!(7));
    let d = diff(&file, &server);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(d.mappings.len(), 2);
    assert!(d
        .mappings
        .iter()
        .all(|m| m.status == MappingStatus::Unchanged));
    assert_eq!(d.changed().count(), 0);
}

#[test]
fn added_and_server_only_mappings_are_both_shown() {
    let server = example();
    let mut file = server.clone();
    let mut lead = file.mappings[0].clone();
    lead.object_name = "Lead".into();
    file.mappings.push(lead);
    file.mappings.retain(|m| m.object_name != "Case");
    let d = diff(&file, &server);
    assert_eq!(
        d.mappings
            .iter()
            .map(|m| (m.object_name.as_str(), &m.status))
            .collect::<Vec<_>>(),
        [
            ("Case", &MappingStatus::OnServerOnly),
            ("Contact", &MappingStatus::Unchanged),
            ("Lead", &MappingStatus::Added)
        ]
    );
    assert!(!d.is_empty());
}

#[test]
fn every_setting_change_is_reported_from_server_to_file() {
    let server = example();
    let mut file = server.clone();
    let contact = &mut file.mappings[1].config;
    contact.access = Access::ReadOnly;
    contact.sf_notify_enabled = true;
    contact.sf_polling_seconds = 900;
    contact.sf_max_daily_api_calls = 10_000;
    contact.fields.remove("Email");
    contact.fields.insert("Phone".into(), Default::default());
    contact.fields.insert("Title".into(), Default::default());
    contact.indexes.remove("SystemModstamp");
    contact.indexes.get_mut("Acme_Id__c").unwrap().unique = false;
    contact.indexes.insert(
        "Email".into(),
        connect_pilot::config::IndexOptions::unique(false),
    );
    contact.upsert_field = None;
    contact.extra.insert("batch_size".into(), json!(200));
    let d = diff(&file, &server);
    let MappingStatus::Changed(changes) = status_of(&d, "Contact") else {
        panic!("{d:?}")
    };
    assert_eq!(
        changes,
        &vec![
            Change::Access {
                server: Access::ReadWrite,
                file: Access::ReadOnly
            },
            Change::SfNotifyEnabled {
                server: false,
                file: true
            },
            Change::SfPollingSeconds {
                server: 1200,
                file: 900
            },
            Change::SfMaxDailyApiCalls {
                server: 20_000,
                file: 10_000
            },
            Change::FieldsAdded(vec!["Phone".into(), "Title".into()]),
            Change::FieldsRemoved(vec!["Email".into()]),
            Change::IndexChanged {
                field: "Acme_Id__c".into(),
                server_unique: true,
                file_unique: false
            },
            Change::IndexAdded {
                field: "Email".into(),
                unique: false
            },
            Change::IndexRemoved {
                field: "SystemModstamp".into(),
                unique: false
            },
            Change::UpsertField {
                server: Some("Acme_Id__c".into()),
                file: None
            },
            Change::Other(OtherChange {
                path: "config.batch_size".into(),
                server: None,
                file: Some(json!(200))
            }),
        ]
    );
    assert_eq!(status_of(&d, "Case"), &MappingStatus::Unchanged);
}

#[test]
fn object_names_pair_without_regard_to_case_and_spelling_changes_show() {
    let server = example();
    let mut file = server.clone();
    file.mappings[0].object_name = "CASE".into();
    let d = diff(&file, &server);
    assert_eq!(d.mappings.len(), 2);
    assert_eq!(
        status_of(&d, "CASE"),
        &MappingStatus::Changed(vec![Change::ObjectName {
            server: "Case".into(),
            file: "CASE".into()
        }])
    );
}

#[test]
fn document_level_differences_count() {
    let server = example();
    let mut file = server.clone();
    file.version = Some(2);
    file.extra.insert("exported_by".into(), json!("someone"));
    let d = diff(&file, &server);
    assert_eq!(d.version, Some((Some(1), Some(2))));
    assert_eq!(
        d.other,
        vec![OtherChange {
            path: "exported_by".into(),
            server: None,
            file: Some(json!("someone"))
        }]
    );
    assert!(!d.is_empty());
}
