#![cfg(not(target_arch = "wasm32"))]
//! The whole import as the extension runs it, natively, against the in-process emulator: parse →
//! validate with the org's schemas → diff → backup → import → watch → undo → a fresh export whose
//! diff against the backup is empty. The session (`flow::import::Session`) decides; the calls are
//! `flow::import::calls`, the same code the UI runs. Time moves with `/_emulator/advance`.

mod common;

use common::running::idle_connection;
use common::*;
use connect_pilot::api::model::Connection;
use connect_pilot::api::{ApiConfig, ConnectClient};
use connect_pilot::config::{IssueCode, MappingConfig, MappingStatus, Plan};
use connect_pilot::driver::import as calls;
use connect_pilot::flow::import::backup::{self, Backup};
use connect_pilot::flow::import::{Call, Event, Session, Stage};

type Client = ConnectClient<RouterTransport>;

/// Adds Contact, changes Lead's polling interval.
const FILE: &str = r#"{"version": 1, "mappings": [
  {"object_name": "Contact", "config": {"access": "read_only",
     "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "CreatedDate": {}, "LastName": {}, "Email": {}}}},
  {"object_name": "Lead", "config": {"sf_polling_seconds": 1200}}]}"#;

/// Performs a call as the UI runner does (the backup goes into `backups`).
async fn perform(
    client: &Client,
    conn: &Connection,
    call: Call,
    backups: &mut Vec<Backup>,
) -> Event {
    // The calls store error text as the page shows it; here in English, from the locale file.
    let en = &i18n::lookup("en");
    match call {
        Call::Check {
            objects,
            export,
            ticket,
        } => calls::check(client, conn, &objects, export, ticket, en).await,
        Call::Refresh => Event::Refreshed(calls::export(client, conn, en).await),
        Call::Backup(document) => {
            let entry = Backup {
                saved_at_ms: backups.len() as u64,
                app: "acme-sync".into(),
                resource: conn.id.clone(),
                document,
            };
            *backups = backup::remember(std::mem::take(backups), entry);
            Event::BackupSaved(Ok(backups.clone()))
        }
        Call::ReadBackups => Event::BackupsRead(Ok(backups.clone())),
        Call::DeleteServerOnly(object) => {
            calls::delete_server_only(client, conn, &object, en).await
        }
        Call::Import(document) => calls::import(client, conn, document, en).await,
        Call::Confirm => calls::confirm(client, conn, en).await,
        Call::Undo { delete, restore } => calls::undo(client, conn, &delete, restore, en).await,
        Call::Verify(b) => calls::verify(client, conn, &b, en).await,
    }
}

/// Applies `event` and every call that follows, until the session waits for the user or a poll.
async fn run(
    client: &Client,
    conn: &Connection,
    s: &mut Session,
    event: Event,
    backups: &mut Vec<Backup>,
) {
    let mut next = s.apply(event);
    while let Some(call) = next {
        let event = perform(client, conn, call, backups).await;
        next = s.apply(event);
    }
}

/// The fast poll, with one emulator second between reads, until the session stops polling.
async fn watch(client: &Client, conn: &Connection, s: &mut Session, backups: &mut Vec<Backup>) {
    for _ in 0..30 {
        if !s.polling() {
            return;
        }
        client.transport().advance(1).await;
        let fresh = client.connection_detail(conn).await.expect("poll");
        run(client, conn, s, Event::ConnectionSeen(fresh), backups).await;
    }
    panic!("still polling after 30 s: {:?}", s.stage());
}

fn import_requests(client: &Client) -> usize {
    client
        .transport()
        .requests
        .borrow()
        .iter()
        .filter(|r| r.url.ends_with("/actions/import"))
        .count()
}

fn read(name: &str, text: &str) -> Event {
    Event::FileRead {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
        plan: Plan::Demo,
    }
}

#[tokio::test]
async fn import_watch_undo_and_verify_against_the_emulator() {
    let client = ConnectClient::new(
        RouterTransport::demo(),
        ApiConfig::emulator(EMULATOR_ORIGIN),
        "demo-token",
    )
    .unwrap();
    let conn = idle_connection(&client).await;
    let mut backups = Vec::new();

    // An object the org lacks is found by the schema check and blocks the import.
    let mut s = Session::default();
    run(
        &client,
        &conn,
        &mut s,
        read(
            "bad.json",
            r#"{"version": 1, "mappings": [{"object_name": "Nope__c", "config": {}}]}"#,
        ),
        &mut backups,
    )
    .await;
    assert_eq!(s.stage(), Stage::Blocked);
    assert!(s.schema_checked);
    assert!(
        s.issues.iter().any(|i| i.code == IssueCode::UnknownObject),
        "{:?}",
        s.issues
    );
    assert_eq!(s.apply(Event::ImportConfirmed), None);
    assert_eq!(import_requests(&client), 0, "a blocked file is never sent");

    // A mapping already on the server, so the undo has something to restore.
    client
        .create_mapping(&conn, "Lead", serde_json::json!({"access": "read_only"}))
        .await
        .expect("create Lead");
    client.transport().advance(10).await;
    let before = calls::export(&client, &conn, &i18n::lookup("en"))
        .await
        .expect("export before");

    let mut s = Session::default();
    run(
        &client,
        &conn,
        &mut s,
        read("file.json", FILE),
        &mut backups,
    )
    .await;
    assert_eq!(s.stage(), Stage::Ready, "{:?} {:?}", s.issues, s.error);
    let d = s.diff.clone().unwrap();
    assert_eq!(d.mappings[0].object_name, "Contact");
    assert_eq!(d.mappings[0].status, MappingStatus::Added);
    assert!(
        matches!(d.mappings[1].status, MappingStatus::Changed(_)),
        "{:?}",
        d.mappings[1]
    );

    run(&client, &conn, &mut s, Event::ImportConfirmed, &mut backups).await;
    assert_eq!(s.stage(), Stage::Watching);
    assert_eq!(backups.len(), 1);
    assert_eq!(
        MappingConfig::parse(backups[0].document.as_bytes()).unwrap(),
        connect_pilot::config::normalise(&before)
    );
    assert_eq!(import_requests(&client), 1);
    watch(&client, &conn, &mut s, &mut backups).await;
    assert_eq!(s.stage(), Stage::Done);
    assert!(
        s.progress
            .iter()
            .all(|p| p.state.as_deref() == Some("DATA_SYNCED")),
        "{:?}",
        s.progress
    );

    // Undo: Contact deleted, the backup (Lead at 600 s) re-imported, then verified.
    run(&client, &conn, &mut s, Event::UndoRequested, &mut backups).await;
    assert_eq!(s.stage(), Stage::UndoWatching);
    watch(&client, &conn, &mut s, &mut backups).await;
    assert_eq!(s.stage(), Stage::Undone);
    assert_eq!(s.undo_verified, Some(true));
    let after = calls::export(&client, &conn, &i18n::lookup("en"))
        .await
        .unwrap();
    assert!(connect_pilot::config::diff(&before, &after).is_empty());
    assert_eq!(
        import_requests(&client),
        2,
        "the import once, the restore once; nothing retried"
    );
}
