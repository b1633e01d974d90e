//! An import whose answer never came: the export is read, and the session says whether the file
//! was applied, and never sends it twice.

use super::*;
use crate::flow::unanswered::Checked;

/// A session whose import of [`GOOD`] over [`SERVER`] got no answer.
fn unanswered() -> Session {
    let mut s = ready();
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    let call = s.apply(Event::ImportUnanswered("Failed to fetch".into()));
    assert_eq!(
        call,
        Some(Call::Confirm),
        "the export is read before anything is said"
    );
    assert_eq!(s.stage(), Stage::Confirming);
    assert!(
        !s.can_import() && !s.can_choose(),
        "nothing is sent while it is checked"
    );
    s
}

/// The server's export after the import of [`GOOD`] over [`SERVER`] was applied (a merge).
fn merged() -> MappingConfig {
    parsed(
        r#"{"version": 1, "mappings": [
        {"object_name": "Case", "config": {}},
        {"object_name": "Contact", "config": {"access": "read_only"}},
        {"object_name": "Lead", "config": {"sf_polling_seconds": 1200}}]}"#,
    )
}

#[test]
fn an_applied_import_is_watched_as_if_answered() {
    let mut s = unanswered();
    assert_eq!(s.apply(Event::Confirmed(Ok(merged()))), None);
    assert_eq!(s.stage(), Stage::Watching);
    assert_eq!(s.unanswered.as_ref().map(|u| u.0), Some(Checked::Applied));
    assert_eq!(s.progress.len(), 2);
    assert!(!s.can_import(), "an applied import is not offered again");
}

#[test]
fn an_import_not_applied_may_be_sent_again_and_is_sent_once() {
    let mut s = unanswered();
    assert_eq!(s.apply(Event::Confirmed(Ok(parsed(SERVER)))), None);
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(
        s.unanswered.as_ref().map(|u| u.0),
        Some(Checked::NotApplied)
    );
    assert!(s.unanswered.as_ref().unwrap().0.may_retry());
    assert!(s.can_import());
    confirm(&mut s);
    assert_eq!(
        s.apply(Event::BackupSaved(Ok(Vec::new()))),
        Some(Call::Import(GOOD.to_string()))
    );
    assert_eq!(s.unanswered, None, "a new attempt clears the old word");
}

#[test]
fn an_unknown_outcome_redoes_the_preview_before_anything_is_sent() {
    let mut s = unanswered();
    assert_eq!(s.apply(Event::Confirmed(Err("offline".into()))), None);
    assert_eq!(s.unanswered.as_ref().map(|u| u.0), Some(Checked::Unknown));
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(
        s.server, None,
        "the held export no longer stands for the server"
    );
    // The user tries again; meanwhile the import had been applied after all.
    assert_eq!(s.apply(Event::ImportConfirmed), Some(Call::Refresh));
    assert_eq!(
        s.apply(Event::Refreshed(Ok(merged()))),
        None,
        "nothing is sent"
    );
    assert!(s.server_changed);
    assert!(
        !s.would_change(),
        "the preview now shows the file is already there"
    );
    assert!(!s.can_import());
}

#[test]
fn late_answers_are_ignored() {
    let mut s = ready();
    assert_eq!(s.apply(Event::ImportUnanswered("late".into())), None);
    assert_eq!(s.apply(Event::Confirmed(Ok(merged()))), None);
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(s.unanswered, None);
}
