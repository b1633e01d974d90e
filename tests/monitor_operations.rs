#![cfg(not(target_arch = "wasm32"))]
//! A mapping reload and an API version change as the setup state carries them: sent through the
//! driver against the in-process emulator, the page closed (the state saved and opened again)
//! before or after Heroku answered, and then followed by the connection's reads until the result
//! shows. Time is the emulator's clock, never a sleep.

mod common;

use common::running::{dispatch, monitoring, poll, reopened, running_connection};
use connect_pilot::api::model::Connection;
use connect_pilot::driver::{self, Outcome};
use connect_pilot::flow::effect::{due_poll, effects, Effect};
use connect_pilot::flow::operation::{OpKind, OpStage};
use connect_pilot::flow::{reduce, Action, State};
use connect_pilot::flow::{ConnectionMsg, MonitorMsg};
use serde_json::json;

#[tokio::test]
async fn a_reload_shows_running_after_a_reopen_then_finished() {
    let (client, conn) = running_connection().await;
    let contact = conn.mappings.iter().find(|m| m.object_name == "Contact");
    let contact = contact.expect("the example maps Contact").clone();
    let kind = OpKind::Reload {
        mapping_id: contact.id.clone(),
        object_name: "Contact".into(),
    };
    let s = dispatch(
        &client,
        monitoring(&conn),
        Action::Monitor(MonitorMsg::OperationRequested(kind)),
    )
    .await;
    let op = s.operation.clone().expect("kept with the state");
    assert_eq!(op.reloading(), Some(contact.id.as_str()));
    assert!(matches!(op.stage, OpStage::Running { .. }), "{op:?}");

    // Closed and opened again while the server reloads.
    let s = poll(&client, reopened(&s)).await;
    let op = s.operation.clone().unwrap();
    assert_eq!(op.words(), Some(("monitor_reload_started", "Contact")));

    client.transport().advance(5).await;
    let s = poll(&client, reopened(&s)).await;
    let op = s.operation.clone().unwrap();
    assert_eq!(op.stage, OpStage::Finished);
    assert_eq!(op.words(), Some(("monitor_reload_finished", "Contact")));
    assert_eq!(
        due_poll(&s).map(|p| p.after_ms),
        due_poll(&monitoring(&conn)).map(|p| p.after_ms)
    );
    let s = reduce(&s, Action::Monitor(MonitorMsg::OperationDismissed));
    assert_eq!(s.operation, None);
}

#[tokio::test]
async fn a_version_change_whose_page_closed_before_the_answer_is_read_back() {
    let (client, conn) = running_connection().await;
    client
        .transport()
        .control(
            "set-state",
            &json!({"connection_id": conn.id, "state": "PAUSED"}),
        )
        .await;
    let conn = client.connection_detail(&conn).await.unwrap();
    let kind = OpKind::ApiVersion {
        target: "63.0".into(),
    };
    // The request leaves, and the page closes before its answer arrives.
    let sent = reduce(
        &monitoring(&conn),
        Action::Monitor(MonitorMsg::OperationRequested(kind.clone())),
    );
    let out = effects(
        &monitoring(&conn),
        &sent,
        &Action::Monitor(MonitorMsg::OperationRequested(kind)),
    );
    assert_eq!(out.len(), 1);
    let Outcome::Action(answer) = driver::perform(&client, &sent, out[0].clone(), 0).await else {
        panic!("answered");
    };
    assert_eq!(
        answer,
        Action::Monitor(MonitorMsg::OperationAnswered(Ok(())))
    );
    let s = reopened(&sent);
    assert_eq!(
        s.operation.as_ref().unwrap().stage,
        OpStage::Unanswered(None)
    );
    let s = poll(&client, s).await;
    let op = s.operation.clone().unwrap();
    assert_eq!(op.stage, OpStage::Finished, "the version shows: it arrived");
    assert_eq!(s.connection().unwrap().sf_api_version(), Some("63.0"));

    // Refused by the server: Heroku's answer is the result, and nothing is left waiting.
    client
        .transport()
        .control(
            "set-state",
            &json!({"connection_id": conn.id, "state": "IDLE"}),
        )
        .await;
    let s = reduce(&s, Action::Monitor(MonitorMsg::OperationDismissed));
    let s = dispatch(
        &client,
        s,
        Action::Monitor(MonitorMsg::OperationRequested(OpKind::ApiVersion {
            target: "62.0".into(),
        })),
    )
    .await;
    let op = s.operation.clone().unwrap();
    assert!(op.error().is_some(), "{op:?}");
    assert!(!op.in_flight());
}

#[test]
fn a_change_followed_on_a_connection_no_longer_chosen_stops_the_fast_reads() {
    use common::states::conn;
    use connect_pilot::api::model::{ConnectionState, Mapping, MappingState};
    use connect_pilot::flow::monitor::FAST_POLL_MS;
    let set_up = |id: &str| Connection {
        id: id.into(),
        db_key: Some("DATABASE_URL".into()),
        schema_name: Some("salesforce".into()),
        organization_id: Some("00D".into()),
        mappings: vec![Mapping {
            id: format!("{id}-m1"),
            object_name: "Contact".into(),
            state: Some(MappingState::parse("DATA_SYNCED")),
            ..Mapping::default()
        }],
        ..conn(ConnectionState::Idle)
    };
    let s = State {
        connections: vec![set_up("c1"), set_up("c2")],
        ..monitoring(&set_up("c1"))
    };
    let reload = OpKind::Reload {
        mapping_id: "c1-m1".into(),
        object_name: "Contact".into(),
    };
    let s = reduce(&s, Action::Monitor(MonitorMsg::OperationRequested(reload)));
    let s = reduce(&s, Action::Monitor(MonitorMsg::OperationAnswered(Ok(()))));
    assert!(s.operation_followed());
    assert_eq!(due_poll(&s).map(|p| p.after_ms), Some(FAST_POLL_MS));
    let other = reduce(&s, Action::Connection(ConnectionMsg::Chosen("c2".into())));
    assert!(!other.operation_followed());
    assert_ne!(due_poll(&other).map(|p| p.after_ms), Some(FAST_POLL_MS));
    // A second change is free once Heroku accepted the first: only its reads remain.
    let delete = OpKind::Delete {
        mapping_id: "c2-m1".into(),
        object_name: "Contact".into(),
    };
    let next = reduce(
        &other,
        Action::Monitor(MonitorMsg::OperationRequested(delete.clone())),
    );
    assert_eq!(next.operation.map(|op| op.kind), Some(delete));
}

#[tokio::test]
async fn notifications_are_listed_acknowledged_and_read_again_through_the_flow() {
    use connect_pilot::flow::notifications::{self, Notifications};
    let (client, conn) = running_connection().await;
    let event = json!({"connection_id": conn.id, "kind": "notification",
        "event_type": "mapping-error", "message": "Contact failed"});
    let added = client.transport().control("events", &event).await;
    assert_eq!(added.status, 201);

    let s = dispatch(
        &client,
        monitoring(&conn),
        Action::Monitor(MonitorMsg::NotificationsRequested),
    )
    .await;
    let Notifications::Loaded(list) = &s.tab.notifications else {
        panic!("listed: {:?}", s.tab.notifications);
    };
    assert_eq!(list[0].message.as_deref(), Some("Contact failed"));
    // Kept with the tab's part of the state: a reopened tab shows the same list.
    let part = serde_json::to_string(&s.tab_part()).unwrap();
    let again = reopened(&s).with_tab_part(serde_json::from_str(&part).unwrap());
    assert_eq!(again.tab.notifications, s.tab.notifications);

    // Acknowledged, then read again: the list is what the server still holds (the state reaches
    // an empty list only through a fresh read).
    let s = dispatch(
        &client,
        again,
        Action::Monitor(MonitorMsg::AcknowledgeRequested),
    )
    .await;
    assert_eq!(s.tab.notifications, Notifications::Loaded(Vec::new()));
    let held = client.notifications(&conn, notifications::query()).await;
    assert!(held.unwrap().results.is_empty());
}

#[tokio::test]
async fn write_errors_are_read_per_scope_through_the_flow_and_kept_for_the_tab() {
    use connect_pilot::flow::reads::Listing;
    let (client, conn) = running_connection().await;
    let event = json!({"connection_id": conn.id, "kind": "write_error", "object_name": "Contact",
        "record_id": "42", "message": "FIELD_CUSTOM_VALIDATION_EXCEPTION"});
    assert_eq!(
        client.transport().control("events", &event).await.status,
        201
    );
    let contact = conn.mappings.iter().find(|m| m.object_name == "Contact");
    let contact = Some(contact.expect("the example maps Contact").id.clone());
    let case = conn.mappings.iter().find(|m| m.object_name == "Case");
    let case = Some(case.expect("the example maps Case").id.clone());

    let mut s = monitoring(&conn);
    for scope in [None, contact.clone(), case.clone()] {
        s = dispatch(
            &client,
            s,
            Action::Monitor(MonitorMsg::WriteErrorsRequested(scope)),
        )
        .await;
    }
    let count = |scope: &Option<String>| match s.tab.write_errors.of(scope) {
        Some(Listing::Loaded(list)) => list.len(),
        other => panic!("{scope:?}: {other:?}"),
    };
    assert_eq!((count(&None), count(&contact), count(&case)), (1, 1, 0));
    let part = serde_json::to_string(&s.tab_part()).unwrap();
    let again = reopened(&s).with_tab_part(serde_json::from_str(&part).unwrap());
    assert_eq!(again.tab.write_errors, s.tab.write_errors);
}

#[tokio::test]
async fn a_mapping_diagnosis_and_a_version_preview_are_read_through_the_flow() {
    use connect_pilot::flow::reads::Listing;
    let (client, conn) = running_connection().await;
    let contact = conn.mappings.iter().find(|m| m.object_name == "Contact");
    let contact = contact.expect("the example maps Contact").id.clone();
    let s = dispatch(
        &client,
        monitoring(&conn),
        Action::Monitor(MonitorMsg::MappingDiagnoseRequested(contact.clone())),
    )
    .await;
    let Some(Listing::Loaded(result)) = s.tab.mapping_diagnoses.of(&contact) else {
        panic!("diagnosed: {:?}", s.tab.mapping_diagnoses);
    };
    assert!(!result.checks.passes.is_empty() || !result.checks.errors.is_empty());

    let s = dispatch(
        &client,
        s,
        Action::Monitor(MonitorMsg::ApiVersionPreviewRequested("63.0".into())),
    )
    .await;
    let s = dispatch(
        &client,
        s,
        Action::Monitor(MonitorMsg::ApiVersionPreviewRequested("64.0".into())),
    )
    .await;
    let Some((target, Listing::Loaded(diff))) = s.tab.schema_diffs.latest() else {
        panic!("previewed: {:?}", s.tab.schema_diffs);
    };
    assert_eq!(target, "64.0");
    assert_eq!(
        s.tab.schema_diffs.of(&"63.0".to_owned()),
        None,
        "only the latest preview is kept"
    );
    assert!(diff
        .target_version
        .as_deref()
        .or(diff.target_api_version.as_deref())
        .is_some());
}

#[tokio::test]
async fn an_export_is_read_through_the_flow_then_handed_to_the_tab_to_write() {
    use connect_pilot::flow::export::Export;
    let (client, conn) = running_connection().await;
    let asked = Action::Monitor(MonitorMsg::ExportRequested);
    let s = reduce(&monitoring(&conn), asked.clone());
    assert_eq!(s.tab.export, Export::Reading);
    assert_eq!(
        effects(&monitoring(&conn), &s, &asked),
        vec![Effect::Export]
    );
    // A second click while it reads asks nothing.
    assert_eq!(reduce(&s, asked.clone()), s);
    assert!(effects(&s, &s, &asked).is_empty());

    let Outcome::Action(read) = driver::perform(&client, &s, Effect::Export, 0).await else {
        panic!("the read answers");
    };
    let after = reduce(&s, read.clone());
    assert_eq!(after.tab.export, Export::Saving);
    let out = effects(&s, &after, &read);
    let [Effect::SaveExport(document)] = out.as_slice() else {
        panic!("{out:?}");
    };
    assert_eq!(document["mappings"].as_array().map(Vec::len), Some(2));
    // The tab writes it; the driver only hands it over.
    let handed = driver::perform(&client, &after, out[0].clone(), 0).await;
    assert_eq!(handed, Outcome::SaveExport(document.clone()));
    let done = reduce(&after, Action::Monitor(MonitorMsg::ExportSaved(Ok(()))));
    assert_eq!(done.tab.export, Export::Idle);
    let failed = reduce(
        &after,
        Action::Monitor(MonitorMsg::ExportSaved(Err("disk".into()))),
    );
    assert_eq!(failed.tab.export, Export::SaveFailed("disk".into()));
    // A page opened again does not wait for an export its predecessor asked for.
    let saved: State = serde_json::from_str(&serde_json::to_string(&after).unwrap()).unwrap();
    let reopened = reduce(&saved.with_tab_part(after.tab_part()), Action::Resumed);
    assert_eq!(reopened.tab.export, Export::Idle);
}
