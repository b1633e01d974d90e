#![cfg(not(target_arch = "wasm32"))]
//! The status view's actions against the in-process emulator: connection actions with their
//! state rules (and the emulator's 409 when the UI's copy is stale), mapping create / edit /
//! reload / delete through `flow::mapping_edit`, write errors, notifications, diagnose through
//! `flow::diagnose::run`, the API version change, the badge's error check, and the poll budget
//! over a simulated hour. Time is the emulator's clock, never a sleep.

mod common;

use common::running::{monitoring, running_connection, Client};
use common::EMULATOR_ORIGIN;
use connect_pilot::api::model::{Connection, ConnectionState, NotificationQuery, StateGroup};
use connect_pilot::api::{Clock, ConnectionActionKind, ErrorKind};
use connect_pilot::config::{has_errors, Plan};
use connect_pilot::driver::{self, Outcome};
use connect_pilot::flow::diagnose::{self, switch_allowed, CheckKind, Diagnosis};
use connect_pilot::flow::effect::{due_poll, effects};
use connect_pilot::flow::mapping_edit::{schema_for_validation, MappingForm};
use connect_pilot::flow::monitor::{
    api_version_change_block, controls, needs_attention, Control, FAST_POLL_MS, SLOW_POLL_MS,
};
use connect_pilot::flow::MonitorMsg;
use connect_pilot::flow::{reduce, Action};
use serde_json::json;

async fn control(client: &Client, path: &str, body: serde_json::Value) -> u16 {
    client.transport().control(path, &body).await.status
}

#[tokio::test]
async fn connection_actions_follow_the_state_rules() {
    let (client, conn) = running_connection().await;
    let enabled = |c: &Connection| {
        controls(&c.state_or_unknown())
            .into_iter()
            .filter(|c| c.enabled())
            .map(|c| c.control)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        enabled(&conn),
        vec![Control::Refresh, Control::Pause, Control::Restart]
    );

    // The UI saw IDLE, the server has moved on: the 409 comes back as a conflict.
    assert_eq!(
        control(
            &client,
            "set-state",
            json!({"connection_id": conn.id, "state": "BUSY"})
        )
        .await,
        204
    );
    let e = client
        .connection_action(&conn, ConnectionActionKind::Pause)
        .await
        .expect_err("pause needs IDLE");
    assert_eq!(e.kind(), ErrorKind::Conflict);
    let busy = client.connection_detail(&conn).await.unwrap();
    assert!(!enabled(&busy).contains(&Control::Pause));
    control(
        &client,
        "set-state",
        json!({"connection_id": conn.id, "state": "IDLE"}),
    )
    .await;

    client
        .connection_action(&conn, ConnectionActionKind::Pause)
        .await
        .expect("pause from IDLE");
    let paused = client.connection_detail(&conn).await.unwrap();
    assert_eq!(paused.state, Some(ConnectionState::Paused));
    assert_eq!(enabled(&paused), vec![Control::Refresh, Control::Resume]);
    assert_eq!(api_version_change_block(&paused), None);

    // API version: with Lead.Rating mapped, the preview reports the seeded unsafe change at 64.0.
    let mut lead = MappingForm::new("Lead", Plan::Demo);
    lead.set_field("Rating", true);
    let lead = client
        .create_mapping(&paused, "Lead", lead.config_json())
        .await
        .expect("a mapping can be created while paused");
    let unsafe_diff = client.schema_diff(&paused, "64.0").await.unwrap();
    assert!(!switch_allowed(&unsafe_diff), "{unsafe_diff:?}");
    // The new mapping waits in INITIAL until resume, so the switch is refused as syncing.
    let syncing = client
        .change_sf_api_version(&paused, "63.0")
        .await
        .expect_err("a mapping is still syncing");
    assert_eq!(syncing.kind(), ErrorKind::Conflict);
    client.delete_mapping(&paused, &lead).await.expect("delete");
    let safe = client.schema_diff(&paused, "63.0").await.unwrap();
    assert!(switch_allowed(&safe), "{safe:?}");
    let changed = client.change_sf_api_version(&paused, "63.0").await.unwrap();
    assert_eq!(changed.target_version.as_deref(), Some("63.0"));
    let after = client.connection_detail(&conn).await.unwrap();
    assert_eq!(after.sf_api_version(), Some("63.0"));

    client
        .connection_action(&conn, ConnectionActionKind::Resume)
        .await
        .expect("resume from PAUSED");
    let idle = client.connection_detail(&conn).await.unwrap();
    assert_eq!(idle.state, Some(ConnectionState::Idle));
    assert!(api_version_change_block(&idle).is_some());
    let e = client
        .change_sf_api_version(&idle, "62.0")
        .await
        .expect_err("only while PAUSED");
    assert_eq!(e.kind(), ErrorKind::Conflict);

    // Restart recovers a mapping forced into an error state; the badge check sees it first.
    let contact = idle
        .mappings
        .iter()
        .find(|m| m.object_name == "Contact")
        .unwrap();
    control(
        &client,
        "set-state",
        json!({"mapping_id": contact.id, "state": "SYSTEM_ERROR"}),
    )
    .await;
    let broken = client.connection_detail(&conn).await.unwrap();
    assert!(needs_attention(&broken));
    client
        .connection_action(&conn, ConnectionActionKind::Restart)
        .await
        .expect("restart");
    client.transport().advance(5).await;
    let healed = client.connection_detail(&conn).await.unwrap();
    assert!(!needs_attention(&healed), "{:?}", healed.mappings);
}

#[tokio::test]
async fn mapping_create_edit_reload_delete() {
    let (client, conn) = running_connection().await;
    // Create Lead with the form's defaults, validated against the org schema first.
    let schema = client.object_schema(&conn, "lead").await.expect("schema");
    assert_eq!(schema.name, "Lead");
    let form = MappingForm::new(&schema.name, Plan::Demo);
    let check = schema_for_validation(&schema);
    assert!(!has_errors(&form.validate(Plan::Demo, Some(Ok(&check)))));
    let created = client
        .create_mapping(&conn, &form.object_name, form.config_json())
        .await
        .expect("create");
    assert_eq!(created.object_name, "Lead");
    // A second create for the same object is refused by the server.
    let dup = client
        .create_mapping(&conn, "Lead", form.config_json())
        .await
        .expect_err("already exists");
    assert_eq!(dup.kind(), ErrorKind::Conflict);
    // An unknown object is a 404 on the schema: the form blocks before sending.
    let unknown = client.object_schema(&conn, "Widget__c").await.unwrap_err();
    assert_eq!(unknown.kind(), ErrorKind::NotFound);
    assert!(has_errors(
        &MappingForm::new("Widget__c", Plan::Demo).validate(Plan::Demo, Some(Err(())))
    ));
    client.transport().advance(10).await;

    // Edit: add Company and Email, accelerated polling, slower polling.
    let lead = client.mapping(&conn, &created).await.unwrap();
    assert_eq!(lead.state.as_ref().map(|s| s.group()), Some(StateGroup::Ok));
    let mut edit = MappingForm::from_mapping(&lead).unwrap();
    edit.set_field("Company", true);
    edit.set_field("Email", true);
    edit.sf_notify_enabled = true;
    edit.sf_polling_seconds = 900;
    assert!(!has_errors(&edit.validate(Plan::Demo, Some(Ok(&check)))));
    let updated = client
        .update_mapping(&conn, &lead, edit.config_json(), lead.revision())
        .await
        .expect("update");
    assert_eq!(updated.revision(), lead.revision().map(|r| r + 1));
    assert!(updated.config["fields"].get("Company").is_some());
    assert_eq!(updated.config["sf_polling_seconds"], 900);
    // A stale revision is refused.
    let stale = client
        .update_mapping(&conn, &lead, edit.config_json(), lead.revision())
        .await
        .unwrap_err();
    assert_eq!(stale.kind(), ErrorKind::Conflict);
    client.transport().advance(10).await;

    client
        .reload_mapping(&conn, &updated)
        .await
        .expect("reload");
    let reloading = client.mapping(&conn, &updated).await.unwrap();
    assert_eq!(
        reloading.state.as_ref().map(|s| s.as_str()),
        Some("RELOAD_TABLE")
    );

    client
        .delete_mapping(&conn, &updated)
        .await
        .expect("delete");
    let after = client.connection_detail(&conn).await.unwrap();
    assert!(after.mappings.iter().all(|m| m.object_name != "Lead"));
}

#[tokio::test]
async fn diagnostics_write_errors_and_notifications() {
    let (client, conn) = running_connection().await;
    let add = |body: serde_json::Value| {
        let client = &client;
        async move { control(client, "events", body).await }
    };
    assert_eq!(
        add(
            json!({"connection_id": conn.id, "kind": "write_error", "object_name": "Contact",
            "record_id": "42", "message": "FIELD_CUSTOM_VALIDATION_EXCEPTION"})
        )
        .await,
        201
    );
    assert_eq!(
        add(json!({"connection_id": conn.id, "kind": "notification",
            "event_type": "mapping-error", "message": "Contact failed"}))
        .await,
        201
    );
    let all = client.write_errors(&conn).await.unwrap();
    assert_eq!(all.results.len(), 1);
    let contact = conn
        .mappings
        .iter()
        .find(|m| m.object_name == "Contact")
        .unwrap();
    let own = client.mapping_write_errors(&conn, contact).await.unwrap();
    assert_eq!(own.results[0].table_name.as_deref(), Some("contact"));

    let q = || NotificationQuery {
        page_size: Some(1000),
        ..NotificationQuery::default()
    };
    let listed = client.notifications(&conn, q()).await.unwrap();
    assert!(listed
        .results
        .iter()
        .any(|n| n.message.as_deref() == Some("Contact failed")));
    client.acknowledge_notifications(&conn, q()).await.unwrap();
    assert!(client
        .notifications(&conn, q())
        .await
        .unwrap()
        .results
        .is_empty());

    // Diagnose: the flow starts the job and the driver follows it, spaced as `due_poll` says,
    // on the emulator's clock, until the state holds the result.
    let mut state = monitoring(&conn);
    let mut action = Action::Monitor(MonitorMsg::DiagnoseRequested);
    for _ in 0..diagnose::MAX_POLLS {
        let after = reduce(&state, action.clone());
        let mut next = effects(&state, &after, &action);
        state = after;
        if next.is_empty() {
            let Some(poll) = due_poll(&state).filter(|_| state.tab.diagnosis.running()) else {
                break;
            };
            client.transport().sleep(poll.after_ms).await;
            next.push(poll.effect);
        }
        assert_eq!(next.len(), 1, "one call at a time: {next:?}");
        let Outcome::Action(answer) = driver::perform(&client, &state, next.remove(0), 0).await
        else {
            panic!("the diagnosis is calls only");
        };
        action = answer;
    }
    let Diagnosis::Done(result) = state.tab.diagnosis.clone() else {
        panic!("diagnosis finished: {:?}", state.tab.diagnosis);
    };
    let sections = diagnose::report(&result);
    assert_eq!(sections[0].object_name, None);
    assert!(sections
        .iter()
        .any(|s| s.object_name.as_deref() == Some("Contact")));
    let total: usize = diagnose::totals(&result).iter().map(|t| t.1).sum();
    assert!(total > 0);
    assert!(diagnose::totals(&result)
        .iter()
        .any(|(k, n)| *k == CheckKind::Pass && *n > 0));
    let one = client.mapping_validations(&conn, contact).await.unwrap();
    assert!(
        one.mappings.contains_key("Contact")
            || !one.checks.passes.is_empty()
            || !one.checks.errors.is_empty()
            || !one.checks.warnings.is_empty()
            || !one.checks.skips.is_empty()
    );
}

/// One simulated hour of an open status view on a steady connection: the timer loop of the UI
/// store (`due_poll`, then the poll, then `due_poll` again) stays at the slow rate, and the
/// emulator's log agrees with the count.
#[tokio::test]
async fn an_hour_of_steady_monitoring_stays_within_the_slow_rate() {
    let (client, conn) = running_connection().await;
    let mut state = monitoring(&conn);
    let seq = |v: serde_json::Value| v["requests"].as_array().map_or(0, |a| a.len());
    let before = client
        .transport()
        .raw(
            "GET",
            &format!("{EMULATOR_ORIGIN}/_emulator/requests?since=0"),
            &[],
            "",
        )
        .await;
    let logged_before = seq(serde_json::from_str(&before.body).unwrap());
    let mut elapsed_ms = 0;
    let mut polls = 0;
    loop {
        let poll = due_poll(&state).expect("the monitor polls while visible");
        assert!(poll.after_ms >= FAST_POLL_MS);
        if elapsed_ms + poll.after_ms > 3_600_000 {
            break;
        }
        elapsed_ms += poll.after_ms;
        client.transport().advance(poll.after_ms / 1000).await;
        let fresh = client.connection_detail(&conn).await.expect("poll");
        polls += 1;
        state.connections = vec![fresh];
    }
    assert_eq!(polls, 3_600_000 / SLOW_POLL_MS, "steady: one poll a minute");
    let after = client
        .transport()
        .raw(
            "GET",
            &format!("{EMULATOR_ORIGIN}/_emulator/requests?since=0"),
            &[],
            "",
        )
        .await;
    let logged = seq(serde_json::from_str(&after.body).unwrap()) - logged_before;
    assert_eq!(
        logged as u64, polls,
        "the emulator counted every poll and nothing else"
    );
    // A day at this rate fits the 5,000-request budget with room for the user's own actions.
    assert!(polls * 24 < connect_pilot::flow::monitor::DAILY_BUDGET);
}
