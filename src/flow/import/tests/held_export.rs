//! The export the session holds across drops: reused while the server is unchanged, redone when
//! it changed since the preview, and let go once the server changes.

use super::*;

#[test]
fn a_later_drop_uses_the_held_export() {
    let mut s = ready();
    let second = read(&mut s, SERVER);
    assert!(
        matches!(
            second,
            Some(Call::Check {
                export: false,
                ticket: 2,
                ..
            })
        ),
        "{second:?}"
    );
    assert!(s.server.is_some(), "held across the drop");
    let ticket = s.ticket;
    s.apply(Event::Checked {
        ticket,
        schema: None,
        export: None,
    });
    assert_eq!(s.stage(), Stage::Ready);
    assert!(!s.would_change(), "the file is the server's own export");
}

#[test]
fn the_answer_to_an_earlier_check_is_ignored() {
    let mut s = Session::default();
    read(&mut s, GOOD);
    let stale = s.ticket;
    read(&mut s, SERVER);
    s.apply(Event::Checked {
        ticket: stale,
        schema: None,
        export: Some(Ok(parsed(r#"{"version": 1, "mappings": []}"#))),
    });
    assert_eq!(
        s.stage(),
        Stage::Checking,
        "still waiting for its own check"
    );
    assert!(s.server.is_none());
    checked(&mut s, None, SERVER);
    assert_eq!(s.stage(), Stage::Ready);
    assert!(!s.would_change());
}

#[test]
fn a_server_changed_since_the_preview_redoes_it_and_imports_nothing() {
    let mut s = ready();
    assert_eq!(s.apply(Event::ImportConfirmed), Some(Call::Refresh));
    assert_eq!(s.stage(), Stage::BackingUp);
    // Meanwhile someone mapped Contact and removed Case.
    let now = parsed(
        r#"{"version": 1, "mappings": [{"object_name": "Lead", "config": {}},
           {"object_name": "Contact", "config": {"access": "read_only"}}]}"#,
    );
    assert_eq!(
        s.apply(Event::Refreshed(Ok(now.clone()))),
        None,
        "no backup, no import"
    );
    assert!(s.server_changed);
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(s.server.as_ref(), Some(&now));
    assert!(
        s.created.is_empty(),
        "Contact exists now: undo must not delete it"
    );
    // Confirming again goes ahead when nothing changed any more.
    match confirm(&mut s) {
        Some(Call::Backup(doc)) => {
            assert!(doc.contains("\"Contact\"") && !doc.contains("\"Case\""))
        }
        other => panic!("expected a backup, got {other:?}"),
    }
    assert!(!s.server_changed);
}

#[test]
fn a_failed_refresh_imports_nothing() {
    let mut s = ready();
    s.apply(Event::ImportConfirmed);
    assert_eq!(s.apply(Event::Refreshed(Err("503".into()))), None);
    assert_eq!(s.stage(), Stage::Ready);
    assert_eq!(s.error.as_deref(), Some("503"));
}

#[test]
fn the_held_export_is_dropped_once_the_server_changed() {
    // After an import, the next file is diffed against a fresh export.
    let mut s = imported_over(SERVER);
    assert_eq!(s.stage(), Stage::Done);
    assert!(matches!(
        read(&mut s, GOOD),
        Some(Call::Check { export: true, .. })
    ));
    // After deleting a server-only mapping, the check asks for the export again.
    let mut s = ready();
    let again = s.apply(Event::ServerOnlyDeleted(Ok("Case".into())));
    assert!(
        matches!(again, Some(Call::Check { export: true, .. })),
        "{again:?}"
    );
    // Starting over before importing keeps it.
    let mut s = ready();
    s.apply(Event::Cleared);
    assert!(s.server.is_some());
    assert!(matches!(
        read(&mut s, GOOD),
        Some(Call::Check { export: false, .. })
    ));
}

#[test]
fn retiring_keeps_the_held_export_and_refuses_while_the_server_changes() {
    let mut s = ready();
    let previous = s.retire().expect("a ready session may take a new file");
    assert_eq!(previous.stage(), Stage::Ready);
    assert!(previous.config.is_some() && previous.diff.is_some());
    assert_eq!(s.stage(), Stage::Empty);
    assert!(s.config.is_none() && s.diff.is_none() && s.issues.is_empty());
    assert!(s.server.is_some(), "the held export stays");
    let next = read(&mut s, SERVER);
    assert!(
        matches!(
            next,
            Some(Call::Check {
                export: false,
                ticket: 2,
                ..
            })
        ),
        "{next:?}"
    );
    let mut busy = ready();
    busy.apply(Event::ImportConfirmed);
    assert!(busy.retire().is_none());
    assert_eq!(busy.stage(), Stage::BackingUp);
}
