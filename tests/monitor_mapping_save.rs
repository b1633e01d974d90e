#![cfg(not(target_arch = "wasm32"))]
//! The mapping editor's calls as the flow carries them, against the in-process emulator: an
//! object's fields read for the editor, and a mapping created or edited as an operation kept with
//! the setup state, so a page closed before Heroku answered learns from the next read how it
//! ended, and a refusal keeps what was sent for the form to show.

mod common;

use common::running::{dispatch, monitoring, poll, reopened, running_connection, Client};
use connect_pilot::api::model::Connection;
use connect_pilot::api::ErrorKind;
use connect_pilot::config::Plan;
use connect_pilot::flow::mapping_edit::MappingForm;
use connect_pilot::flow::operation::{OpKind, OpStage};
use connect_pilot::flow::reads::Listing;
use connect_pilot::flow::{reduce, Action, FlowError, MonitorMsg, State};

fn save(kind: OpKind) -> Action {
    Action::Monitor(MonitorMsg::OperationRequested(kind))
}

/// A new Lead mapping with the editor's defaults plus `Company`.
fn new_lead() -> OpKind {
    let mut form = MappingForm::new("Lead", Plan::Demo);
    form.set_field("Company", true);
    OpKind::SaveMapping {
        mapping_id: None,
        object_name: "Lead".into(),
        config: form.config_json(),
        revision: None,
    }
}

/// Contact's mapping edited to poll every 900 s, sent with `revision`.
fn contact_edit(conn: &Connection, revision: Option<i64>) -> OpKind {
    let contact = conn.mappings.iter().find(|m| m.object_name == "Contact");
    let contact = contact.expect("the example maps Contact");
    let mut form = MappingForm::from_mapping(contact).expect("the editor reads it");
    form.sf_polling_seconds = 900;
    OpKind::SaveMapping {
        mapping_id: Some(contact.id.clone()),
        object_name: "Contact".into(),
        config: form.config_json(),
        revision,
    }
}

fn stage(s: &State) -> OpStage {
    s.operation.clone().expect("kept with the state").stage
}

async fn fresh(client: &Client, conn: &Connection) -> Connection {
    client.connection_detail(conn).await.expect("read")
}

#[tokio::test]
async fn a_created_mapping_is_sent_once_and_finished_when_a_read_shows_it() {
    let (client, conn) = running_connection().await;
    let s = dispatch(&client, monitoring(&conn), save(new_lead())).await;
    assert_eq!(stage(&s), OpStage::Finished);
    let op = s.operation.clone().unwrap();
    assert_eq!(op.words(), Some(("monitor_mapping_saved", "Lead")));
    let lead = s
        .connection()
        .unwrap()
        .mappings
        .iter()
        .find(|m| m.object_name == "Lead");
    assert!(lead.expect("the read shows it").config["fields"]["Company"].is_object());
    // A second click while the first waits for its answer sends nothing.
    let sent = reduce(&monitoring(&conn), save(new_lead()));
    assert_eq!(reduce(&sent, save(new_lead())), sent);
}

#[tokio::test]
async fn a_page_closed_before_the_answer_reads_whether_the_mapping_arrived() {
    // Closed before the request left: nothing arrived, and the words say so.
    let (client, conn) = running_connection().await;
    let sent = reduce(&monitoring(&conn), save(new_lead()));
    let s = poll(&client, reopened(&sent)).await;
    assert_eq!(stage(&s), OpStage::Unconfirmed);
    assert_eq!(
        s.operation.unwrap().words(),
        Some(("monitor_mapping_save_unconfirmed", "Lead"))
    );
    assert!(fresh(&client, &conn)
        .await
        .mappings
        .iter()
        .all(|m| m.object_name != "Lead"));

    // Closed after Heroku created it but before its answer reached the page: the read shows it.
    let (client, conn) = running_connection().await;
    let sent = reduce(&monitoring(&conn), save(new_lead()));
    let OpKind::SaveMapping { config, .. } = new_lead() else {
        unreachable!()
    };
    client
        .create_mapping(&conn, "Lead", config)
        .await
        .expect("created");
    let s = poll(&client, reopened(&sent)).await;
    assert_eq!(stage(&s), OpStage::Finished);
}

#[tokio::test]
async fn an_edit_is_finished_by_its_new_revision_and_a_stale_one_is_refused() {
    let (client, conn) = running_connection().await;
    let contact = conn
        .mappings
        .iter()
        .find(|m| m.object_name == "Contact")
        .unwrap();
    let revision = contact.revision();
    assert!(revision.is_some(), "the emulator reports revisions");
    let s = dispatch(
        &client,
        monitoring(&conn),
        save(contact_edit(&conn, revision)),
    )
    .await;
    assert_eq!(stage(&s), OpStage::Finished);
    let now = fresh(&client, &conn).await;
    let contact = now
        .mappings
        .iter()
        .find(|m| m.object_name == "Contact")
        .unwrap();
    assert_eq!(contact.config["sf_polling_seconds"], 900);

    // The same edit again, from a form opened before the first: Heroku refuses the old revision,
    // and the operation keeps the refusal for the form, whose values stay as typed.
    let s = dispatch(
        &client,
        monitoring(&now),
        save(contact_edit(&conn, revision)),
    )
    .await;
    let OpStage::Failed(FlowError::Api(e)) = stage(&s) else {
        panic!("refused: {:?}", s.operation);
    };
    assert_eq!(e.status(), Some(409));
    // Saving again is allowed once the refusal is there: it is no longer waiting for an answer.
    let again = reduce(&s, save(contact_edit(&now, contact.revision())));
    assert_eq!(stage(&again), OpStage::Sent);
}

#[tokio::test]
async fn the_editor_reads_an_objects_fields_through_the_flow_and_a_404_says_unknown() {
    let (client, conn) = running_connection().await;
    let ask = |o: &str| Action::Monitor(MonitorMsg::SchemaRequested(o.into()));
    let s = dispatch(&client, monitoring(&conn), ask("lead")).await;
    let Some(Listing::Loaded(schema)) = s.tab.schemas.of(&"lead".to_owned()) else {
        panic!("read: {:?}", s.tab.schemas);
    };
    assert_eq!(schema.name, "Lead", "the canonical spelling");
    assert!(schema.fields.iter().any(|f| f.name == "Company"));

    let s = dispatch(&client, s, ask("NoSuchThing__c")).await;
    let Some(Listing::Failed(e)) = s.tab.schemas.of(&"NoSuchThing__c".to_owned()) else {
        panic!("read: {:?}", s.tab.schemas);
    };
    assert_eq!(e.kind(), ErrorKind::NotFound);
    // The fields read are the tab's to keep; the popup's saved state carries none of them.
    let tab: State = reopened(&s).with_tab_part(s.tab_part());
    assert!(matches!(
        tab.tab.schemas.of(&"lead".to_owned()),
        Some(Listing::Loaded(_))
    ));
    assert!(serde_json::to_string(&s).unwrap().find("Company").is_none());
}
