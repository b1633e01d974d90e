//! What a later page gets back of the session: only an import that was sent, read back when its
//! answer was lost, and a finished one that can still be undone.

use super::*;

/// The record a closed page left, read back as the setup state's storage would.
fn reopened(s: &Session) -> Session {
    let saved = s.saved("c1").expect("an import is kept");
    let json = serde_json::to_string(&saved).unwrap();
    Session::resumed(
        &serde_json::from_str(&json).unwrap(),
        Plan::Demo,
        "the page closed",
    )
}

#[test]
fn a_file_not_yet_sent_is_not_kept() {
    assert_eq!(Session::default().saved("c1"), None);
    assert_eq!(ready().saved("c1"), None);
    let mut s = ready();
    confirm(&mut s);
    assert_eq!(
        s.saved("c1"),
        None,
        "backing up changes nothing on the server"
    );
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    assert_eq!(s.stage(), Stage::Importing);
    assert!(s.saved("c1").is_some(), "sent: the server may change");
}

#[test]
fn an_import_whose_answer_was_lost_is_read_back_then_watched_not_sent_again() {
    let mut s = ready();
    confirm(&mut s);
    let sent = s.apply(Event::BackupSaved(Ok(Vec::new())));
    assert!(matches!(sent, Some(Call::Import(_))));
    let mut again = reopened(&s);
    assert_eq!(again.stage(), Stage::Confirming);
    assert_eq!(
        again.resume_call(),
        Some(Call::Confirm),
        "the export is read back first"
    );
    assert!(
        !again.can_import() && !again.can_choose(),
        "nothing is sent meanwhile"
    );
    assert_eq!(again.file_name.as_deref(), Some("f.json"));
    let arrived = parsed(
        r#"{"version": 1, "mappings": [
        {"object_name": "Case", "config": {}},
        {"object_name": "Contact", "config": {"access": "read_only"}},
        {"object_name": "Lead", "config": {"sf_polling_seconds": 1200}}]}"#,
    );
    assert_eq!(again.apply(Event::Confirmed(Ok(arrived))), None);
    assert_eq!(again.stage(), Stage::Watching);
    assert!(again.polling(), "the connection is re-read");
    assert_eq!(again.progress.len(), 2);
    let lead = conn(ConnectionState::Idle, &[("Lead", MappingState::DataSynced)]);
    assert_eq!(again.apply(Event::ConnectionSeen(lead)), None);
    assert_eq!(again.stage(), Stage::Watching, "Contact not there yet");
    let both = conn(
        ConnectionState::Idle,
        &[
            ("Lead", MappingState::DataSynced),
            ("Contact", MappingState::DataSynced),
        ],
    );
    assert_eq!(
        again.apply(Event::ConnectionSeen(both)),
        None,
        "no import sent"
    );
    assert_eq!(again.stage(), Stage::Done);
}

#[test]
fn an_import_lost_with_its_page_that_never_arrived_is_said_and_offered_again() {
    let mut s = ready();
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    let mut again = reopened(&s);
    assert_eq!(again.apply(Event::Confirmed(Ok(parsed(SERVER)))), None);
    assert_eq!(again.stage(), Stage::Ready, "not watched forever");
    assert!(!again.polling());
    assert_eq!(
        again.unanswered,
        Some((Checked::NotApplied, "the page closed".into()))
    );
    assert!(again.can_import(), "the user may send it again");
    assert_eq!(again.resume_call(), None);
}

#[test]
fn a_finished_import_reopens_finished_and_can_still_be_undone() {
    let s = imported_over(SERVER);
    let mut again = reopened(&s);
    assert_eq!(again.stage(), Stage::Done);
    assert_eq!(again.progress, s.progress);
    assert_eq!(again.created, s.created);
    assert_eq!(again.diff, s.diff);
    assert!(again.can_undo(), "the backup came back with it");
    let Some(Call::Undo { delete, restore }) = again.apply(Event::UndoRequested) else {
        panic!("undo asks for the deletions and the restore");
    };
    assert_eq!(delete, vec!["Contact".to_owned()]);
    assert!(restore.is_some_and(|r| r.contains("Case")));
}
