//! The decisions after a change that got no answer.

use super::*;
use crate::api::model::Connection;

fn conn(state: ConnectionState) -> Connection {
    Connection {
        id: "c1".into(),
        state: Some(state),
        ..Connection::default()
    }
}

#[test]
fn only_a_request_that_may_have_left_leaves_the_outcome_open() {
    assert!(outcome_unknown(&ApiError::Network(
        "Failed to fetch".into()
    )));
    assert!(outcome_unknown(&ApiError::Timeout));
    assert!(!outcome_unknown(&ApiError::Refused("refused".into())));
    let answered = ApiError::from_response(&crate::api::transport::HttpResponse {
        status: 503,
        headers: Vec::new(),
        body: String::new(),
    });
    assert!(!outcome_unknown(&answered));
}

#[test]
fn pause_and_resume_are_read_from_the_state() {
    use ConnectionActionKind::{Pause, Resume};
    let (idle, paused) = (conn(ConnectionState::Idle), conn(ConnectionState::Paused));
    let before = Some(&ConnectionState::Idle);
    assert_eq!(
        action_checked(Pause, before, Some(&paused)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Pause, before, Some(&idle)),
        Checked::NotApplied
    );
    assert_eq!(action_checked(Pause, before, None), Checked::Unknown);
    let before = Some(&ConnectionState::Paused);
    assert_eq!(
        action_checked(Resume, before, Some(&idle)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Resume, before, Some(&paused)),
        Checked::NotApplied
    );
}

#[test]
fn a_restart_is_known_only_from_an_error() {
    use ConnectionActionKind::Restart;
    let failed = ConnectionState::SystemError;
    let idle = conn(ConnectionState::Idle);
    assert_eq!(
        action_checked(Restart, Some(&failed), Some(&idle)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Restart, Some(&failed), Some(&conn(failed.clone()))),
        Checked::NotApplied
    );
    assert_eq!(
        action_checked(Restart, Some(&ConnectionState::Idle), Some(&idle)),
        Checked::Unknown
    );
}

#[test]
fn an_import_shows_when_every_mapping_of_the_file_is_on_the_server() {
    let parse = |t: &str| MappingConfig::parse(t.as_bytes()).unwrap();
    let sent = parse(r#"{"version": 1, "mappings": [{"object_name": "Lead", "config": {}}]}"#);
    let before = parse(r#"{"version": 1, "mappings": [{"object_name": "Case", "config": {}}]}"#);
    let after = parse(
        r#"{"version": 1, "mappings": [{"object_name": "Case", "config": {}},
            {"object_name": "Lead", "config": {}}]}"#,
    );
    assert_eq!(import_checked(&sent, Some(&after)), Checked::Applied);
    assert_eq!(import_checked(&sent, Some(&before)), Checked::NotApplied);
    assert_eq!(import_checked(&sent, None), Checked::Unknown);
}

#[test]
fn each_outcome_has_words_and_only_not_applied_offers_a_retry() {
    let changes = [
        Change::Import,
        Change::Action(ConnectionActionKind::Pause),
        Change::Action(ConnectionActionKind::Resume),
        Change::Action(ConnectionActionKind::Restart),
        Change::Database {
            db_key: "DATABASE_URL".into(),
            schema_name: "salesforce".into(),
        },
        Change::DeleteMapping,
    ];
    let mut keys = std::collections::BTreeSet::new();
    for change in changes {
        for checked in [Checked::Applied, Checked::NotApplied, Checked::Unknown] {
            keys.insert(checked.key(&change));
            assert_eq!(checked.may_retry(), checked == Checked::NotApplied);
        }
    }
    assert_eq!(keys.len(), 13, "{keys:?}");
}

#[test]
fn a_deletion_shows_when_the_mapping_is_gone() {
    use crate::api::model::Mapping;
    let with = Connection {
        mappings: vec![Mapping {
            id: "m1".into(),
            object_name: "Lead".into(),
            ..Mapping::default()
        }],
        ..conn(ConnectionState::Idle)
    };
    let without = conn(ConnectionState::Idle);
    assert_eq!(deletion_checked("m1", Some(&without)), Checked::Applied);
    assert_eq!(deletion_checked("m1", Some(&with)), Checked::NotApplied);
    assert_eq!(deletion_checked("m1", None), Checked::Unknown);
}
