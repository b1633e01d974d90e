//! What a page showing the session asks for: its opening calls, the backups list, and a
//! server-only mapping's deletion, which only the session allows.

use super::*;
use crate::flow::import::backup::Backup;

fn backup(at: u64) -> Backup {
    Backup {
        saved_at_ms: at,
        app: "acme-sync".into(),
        resource: "c1".into(),
        document: SERVER.into(),
    }
}

#[test]
fn a_page_opens_with_the_backups_and_a_lost_import_is_read_back_first() {
    assert_eq!(Session::default().opening_calls(), vec![Call::ReadBackups]);
    let mut s = ready();
    confirm(&mut s);
    s.apply(Event::BackupSaved(Ok(Vec::new())));
    let saved = s.saved("c1").expect("kept while importing");
    let resumed = Session::resumed(&saved, Plan::Demo, "closed");
    assert_eq!(
        resumed.opening_calls(),
        vec![Call::Confirm, Call::ReadBackups]
    );
}

#[test]
fn the_backups_list_is_the_sessions_as_read_and_as_saved() {
    let mut s = Session::default();
    assert_eq!(s.backups, None, "unread");
    assert_eq!(s.apply(Event::BackupsRead(Err("denied".into()))), None);
    assert_eq!(s.backups, Some(Err("denied".into())));
    s.apply(Event::BackupsRead(Ok(vec![backup(1)])));
    // An import's backup brings the list as saved with it.
    let mut s = ready();
    confirm(&mut s);
    let sent = s.apply(Event::BackupSaved(Ok(vec![backup(2), backup(1)])));
    assert!(matches!(sent, Some(Call::Import(_))));
    assert_eq!(s.backups, Some(Ok(vec![backup(2), backup(1)])));
}

#[test]
fn a_server_only_mapping_is_deleted_only_when_the_session_allows_it() {
    let mut s = ready();
    assert_eq!(
        s.apply(Event::DeleteServerOnlyRequested("Case".into())),
        Some(Call::DeleteServerOnly("Case".into()))
    );
    // Not while the import is under way.
    confirm(&mut s);
    assert_eq!(
        s.apply(Event::DeleteServerOnlyRequested("Case".into())),
        None
    );
    assert_eq!(
        Session::default().apply(Event::DeleteServerOnlyRequested("Case".into())),
        None
    );
}
