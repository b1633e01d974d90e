//! Unit tests of the import session's stages and what each allows.

use super::*;
use crate::api::model::{Connection, ConnectionState, Mapping, MappingState, StateGroup};
use crate::config::{MappingStatus, OrgSchema};
use crate::flow::unanswered::Checked;

const GOOD: &str = r#"{"version": 1, "mappings": [
  {"object_name": "Contact", "config": {"access": "read_only"}},
  {"object_name": "Lead", "config": {"sf_polling_seconds": 1200}}]}"#;

const SERVER: &str = r#"{"version": 1, "mappings": [
  {"object_name": "Lead", "config": {}}, {"object_name": "Case", "config": {}}]}"#;

fn read(s: &mut Session, text: &str) -> Option<Call> {
    s.apply(Event::FileRead {
        name: "f.json".into(),
        bytes: text.as_bytes().to_vec(),
        plan: Plan::Demo,
    })
}

fn parsed(text: &str) -> MappingConfig {
    MappingConfig::parse(text.as_bytes()).unwrap()
}

/// Answers the session's pending check, with `export` when it asked for one.
fn checked(s: &mut Session, schema: Option<OrgSchema>, export: &str) -> Option<Call> {
    let ticket = s.ticket;
    s.apply(Event::Checked {
        ticket,
        schema,
        export: Some(Ok(parsed(export))),
    })
}

fn ready() -> Session {
    ready_over(SERVER)
}

/// [`GOOD`] checked against the export `server`.
fn ready_over(server: &str) -> Session {
    let mut s = Session::default();
    read(&mut s, GOOD);
    checked(&mut s, None, server);
    s
}

/// A session whose import of [`GOOD`] over the export `server` went through and settled.
fn imported_over(server: &str) -> Session {
    let mut s = ready_over(server);
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    s.apply(Event::ImportAnswered(Ok(())));
    s.apply(Event::ConnectionSeen(conn(
        ConnectionState::Idle,
        &[
            ("Lead", MappingState::DataSynced),
            ("Contact", MappingState::DataSynced),
        ],
    )));
    assert_eq!(s.stage(), Stage::Done);
    s
}

/// Confirms the import; the export fetched again is the one the preview used.
fn confirm(s: &mut Session) -> Option<Call> {
    assert_eq!(s.apply(Event::ImportConfirmed), Some(Call::Refresh));
    let same = s.server.clone().expect("a held export");
    s.apply(Event::Refreshed(Ok(same)))
}

fn conn(state: ConnectionState, mappings: &[(&str, MappingState)]) -> Connection {
    Connection {
        id: "c1".into(),
        state: Some(state),
        mappings: mappings
            .iter()
            .map(|(o, st)| Mapping {
                id: format!("m-{o}"),
                object_name: (*o).into(),
                state: Some(st.clone()),
                ..Mapping::default()
            })
            .collect(),
        ..Connection::default()
    }
}

#[test]
fn a_parse_error_blocks_without_any_call() {
    let mut s = Session::default();
    assert_eq!(s.stage(), Stage::Empty);
    assert_eq!(read(&mut s, "{ nope"), None);
    assert_eq!(s.stage(), Stage::Blocked);
    assert!(s
        .parse_error
        .as_ref()
        .unwrap()
        .message()
        .starts_with("Invalid JSON at line 1"));
    assert!(!s.can_import());
    assert!(s.can_choose());
}

#[test]
fn a_validation_error_blocks_before_the_check() {
    let mut s = Session::default();
    let call = read(
        &mut s,
        r#"{"version": 1, "mappings": [{"object_name": "Contact", "config": {"sf_polling_seconds": 10}}]}"#,
    );
    assert_eq!(call, None);
    assert_eq!(s.stage(), Stage::Blocked);
    assert_eq!(
        s.issues[0].code,
        crate::config::IssueCode::PollingBelowMinimum
    );
}

#[test]
fn a_good_file_asks_for_schemas_then_diffs() {
    let mut s = Session::default();
    assert_eq!(
        read(&mut s, GOOD),
        Some(Call::Check {
            objects: vec!["Contact".into(), "Lead".into()],
            export: true,
            ticket: 1,
        })
    );
    assert_eq!(s.stage(), Stage::Checking);
    assert!(!s.can_import(), "not before the diff");
    let s = ready();
    assert_eq!(s.stage(), Stage::Ready);
    assert!(s.can_import());
    assert_eq!(s.created, vec!["Contact".to_string()]);
    let statuses: Vec<_> = s
        .diff
        .as_ref()
        .unwrap()
        .mappings
        .iter()
        .map(|m| (m.object_name.as_str(), m.status.clone()))
        .collect();
    assert_eq!(statuses[0], ("Case", MappingStatus::OnServerOnly));
    assert_eq!(statuses[1], ("Contact", MappingStatus::Added));
    assert!(s.can_delete_server_only());
}

#[test]
fn an_unknown_object_in_the_schema_blocks() {
    let mut s = Session::default();
    read(&mut s, GOOD);
    let mut org = OrgSchema::new();
    org.insert_unknown("Contact");
    org.insert_unknown("Lead");
    checked(&mut s, Some(org), r#"{"version": 1, "mappings": []}"#);
    assert_eq!(s.stage(), Stage::Blocked);
    assert!(s.schema_checked);
    assert!(s
        .issues
        .iter()
        .any(|i| i.code == crate::config::IssueCode::UnknownObject));
}

#[test]
fn nothing_to_change_means_no_import() {
    let mut s = Session::default();
    read(&mut s, SERVER);
    checked(&mut s, None, SERVER);
    assert_eq!(s.stage(), Stage::Ready);
    assert!(!s.would_change());
    assert_eq!(s.apply(Event::ImportConfirmed), None);
}

#[test]
fn import_backs_up_first_and_a_failed_backup_stops_it() {
    let mut s = ready();
    match confirm(&mut s) {
        Some(Call::Backup(doc)) => assert!(doc.contains("\"Case\"")),
        other => panic!("expected a backup, got {other:?}"),
    }
    assert!(!s.can_choose());
    assert_eq!(s.apply(Event::BackupSaved(Err("quota".into()))), None);
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(s.error.as_deref(), Some("quota"));
    confirm(&mut s);
    assert_eq!(
        s.apply(Event::BackupSaved(Ok(Vec::new()))),
        Some(Call::Import(GOOD.to_string()))
    );
}

#[test]
fn a_refused_import_is_not_retried() {
    let mut s = ready();
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    assert_eq!(s.apply(Event::ImportAnswered(Err("409".into()))), None);
    assert_eq!(s.stage(), Stage::Ready);
    assert!(s.can_import(), "the user may try again");
}

#[test]
fn watching_ends_when_every_mapping_settled() {
    let mut s = ready();
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    s.apply(Event::ImportAnswered(Ok(())));
    assert!(s.polling());
    assert_eq!(s.progress.len(), 2);
    s.apply(Event::ConnectionSeen(conn(
        ConnectionState::ImportConfiguration,
        &[("Lead", MappingState::DataSynced)],
    )));
    assert_eq!(s.stage(), Stage::Watching);
    assert_eq!(s.progress[0].state, None, "Contact not created yet");
    s.apply(Event::ConnectionSeen(conn(
        ConnectionState::Idle,
        &[
            ("Lead", MappingState::DataSynced),
            ("Contact", MappingState::ReloadTable),
        ],
    )));
    assert_eq!(s.stage(), Stage::Watching);
    s.apply(Event::ConnectionSeen(conn(
        ConnectionState::Idle,
        &[
            ("Lead", MappingState::DataSynced),
            ("Contact", MappingState::BadConfig),
        ],
    )));
    assert_eq!(s.stage(), Stage::Done, "an error state is settled too");
    assert_eq!(s.progress[0].group, Some(StateGroup::Error));
    assert!(s.can_undo());
}

#[test]
fn undo_deletes_what_was_created_restores_and_verifies() {
    let mut s = imported_over(SERVER);
    match s.apply(Event::UndoRequested) {
        Some(Call::Undo { delete, restore }) => {
            assert_eq!(delete, vec!["Contact".to_string()]);
            assert!(restore.unwrap().contains("\"Lead\""));
        }
        other => panic!("expected undo, got {other:?}"),
    }
    assert_eq!(s.apply(Event::UndoStarted(Ok(true))), None);
    assert!(s.polling());
    let call = s.apply(Event::ConnectionSeen(conn(
        ConnectionState::Idle,
        &[("Lead", MappingState::DataSynced)],
    )));
    assert!(matches!(call, Some(Call::Verify(_))));
    s.apply(Event::Verified(Ok(ConfigDiff::default())));
    assert_eq!(s.stage(), Stage::Undone);
    assert_eq!(s.undo_verified, Some(true));
}

#[test]
fn undo_of_an_empty_backup_only_deletes() {
    let mut s = imported_over(r#"{"version": 1, "mappings": []}"#);
    assert_eq!(
        s.apply(Event::UndoRequested),
        Some(Call::Undo {
            delete: vec!["Contact".into(), "Lead".into()],
            restore: None
        })
    );
    assert!(matches!(
        s.apply(Event::UndoStarted(Ok(false))),
        Some(Call::Verify(_))
    ));
}

#[test]
fn drops_are_refused_while_the_server_changes() {
    let mut s = ready();
    s.apply(Event::ImportConfirmed);
    assert_eq!(read(&mut s, GOOD), None);
    assert_eq!(s.stage(), Stage::BackingUp);
    s.apply(Event::DropRejected(DropProblem::Folder));
    assert_eq!(s.drop_problem, None);
    let mut fresh = Session::default();
    fresh.apply(Event::DropRejected(DropProblem::SeveralFiles(3)));
    assert_eq!(
        fresh.drop_problem.as_ref().map(DropProblem::key),
        Some("import_drop_several")
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_kept_readable() {
    let mut s = Session::default();
    let mut bytes = br#"{"version": 1, "mappings": []}"#.to_vec();
    bytes.insert(5, 0xFF);
    let call = s.apply(Event::FileRead {
        name: "f.json".into(),
        bytes,
        plan: Plan::Demo,
    });
    assert_eq!(call, None);
    assert_eq!(s.stage(), Stage::Blocked);
    assert_eq!(
        s.parse_error.as_ref().unwrap().message_key(),
        "config_error_invalid_utf8"
    );
    assert!(s.text.contains('\u{FFFD}'), "{}", s.text);
}

mod held_export;
mod page;
mod saved;
mod unanswered;
