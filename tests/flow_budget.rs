#![cfg(not(target_arch = "wasm32"))]
//! Request budgets: how many calls the guided setup and the status view cost, counted in the
//! emulator's log while the UI's loop runs natively (see `common::flow`). The counts are exact and
//! asserted here; each test also prints one `bench: {json}` line that `cargo xtask bench` copies
//! into its report.

mod common;

use common::flow::*;
use connect_pilot::api::ConnectFlow;
use connect_pilot::flow::effect::{due_poll, Effect, Poll, ADDON_POLL_MS};
use connect_pilot::flow::monitor::SLOW_POLL_MS;
use connect_pilot::flow::{Action, AddonKind, AppSource, Step};
use connect_pilot::flow::{AddonsMsg, AppMsg, ImportMsg, LinkMsg, TokenMsg};
use serde_json::{json, Value};

/// One simulated hour, in the UI clock's milliseconds.
const HOUR_MS: u64 = 3_600_000;

/// A configuration with two mappings for the monitoring hour.
const IMPORT_DOC: &str = r#"{"version": 1, "mappings": [
  {"object_name": "Contact", "config": {"access": "read_only", "sf_polling_seconds": 600,
    "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "LastName": {}}}},
  {"object_name": "Account", "config": {"access": "read_only", "sf_polling_seconds": 600,
    "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Name": {}}}}]}"#;

/// Prints a figure for `cargo xtask bench`.
fn bench_line(figures: Value) {
    println!("bench: {figures}");
}

#[tokio::test]
async fn full_setup_from_acme_blank_by_user_actions_only() {
    let mut h = Harness::new(ConnectFlow::Discovery);

    h.dispatch(Action::Token(TokenMsg::Entered { remember: false }))
        .await;
    assert_eq!(h.state.step, Step::App);
    assert_eq!(h.state.account_email.as_deref(), Some("demo@example.com"));
    assert!(h.state.apps.iter().any(|a| a.name == "acme-blank"));

    h.dispatch(Action::App(AppMsg::Chosen {
        name: "acme-blank".into(),
        source: AppSource::Picked,
    }))
    .await;
    assert_eq!(h.state.step, Step::Addons);
    assert_eq!(h.state.app_region.as_deref(), Some("us"));
    assert!(h.state.addons.is_empty());
    assert_eq!(due_poll(&h.state), None, "nothing provisions yet");

    h.dispatch(Action::Addons(AddonsMsg::CreateRequested(
        AddonKind::Postgres,
    )))
    .await;
    assert_eq!(h.state.step, Step::Addons);
    assert_eq!(h.state.addons.len(), 1);
    h.dispatch(Action::Addons(AddonsMsg::CreateRequested(
        AddonKind::Connect,
    )))
    .await;
    assert_eq!(h.state.step, Step::Addons);
    assert_eq!(h.state.addons.len(), 2);
    assert!(!h.state.busy);

    // Postgres takes 5 ticks and Connect 2 (contract §4.5): three 2 s polls.
    let mut polls = 0;
    while h.state.step == Step::Addons {
        let poll = h.run_due_poll().await;
        assert_eq!(
            poll,
            Poll {
                effect: Effect::LoadAddons("acme-blank".into()),
                after_ms: ADDON_POLL_MS,
            }
        );
        polls += 1;
        assert!(polls <= 5, "still provisioning: {:?}", h.state.addons);
    }
    assert_eq!(polls, 3);
    assert_eq!(h.state.step, Step::Link);
    assert_eq!(due_poll(&h.state), None, "provisioned: polling stops");

    h.dispatch(Action::Link(LinkMsg::Requested)).await;
    assert_eq!(h.state.step, Step::Database);
    assert_eq!(h.state.flow, Some(ConnectFlow::Discovery));
    assert_eq!(h.state.db_key.as_deref(), Some("DATABASE_URL"));
    let cid = h.state.connection_id.clone().expect("the new connection");

    database_to_import(&mut h).await;

    let calls = h.requests(Cause::Effect);
    bench_line(json!({
        "setup_requests_acme_blank": calls.len(),
        "setup_status_polls_acme_blank": h.requests(Cause::Poll).len(),
        "setup_requests_target": 12,
        "setup_calls": calls,
    }));
    let conn = format!("/api/v3/connections/{cid}");
    // The product target is at most 12. The app was picked from `GET /apps`, which already holds its
    // region, so entering the Add-ons step does not read the app again.
    assert_eq!(calls.len(), 12);
    assert_eq!(
        calls,
        vec![
            "GET /account".to_string(),
            "GET /apps".into(),
            "GET /apps/acme-blank/addons".into(),
            "POST /apps/acme-blank/addons".into(),
            "POST /apps/acme-blank/addons".into(),
            "POST /auth/acme-blank".into(),
            "GET /connections".into(),
            format!("GET {conn}"),
            "GET /api/v3/apps/acme-blank".into(),
            format!("PATCH {conn}"),
            format!("GET {conn}"),
            format!("POST {conn}/authorize_url"),
        ]
    );
    assert_eq!(
        h.requests(Cause::Poll),
        [
            vec!["GET /apps/acme-blank/addons".to_string(); 3],
            vec![format!("GET {conn}"); 2]
        ]
        .concat()
    );
    h.assert_clean_log();
}

#[tokio::test]
async fn an_hour_of_steady_monitoring_costs_one_read_a_minute() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    database_to_import(&mut h).await;
    h.dispatch(Action::Import(ImportMsg::Requested)).await;
    let conn = h.state.connection().expect("chosen").clone();
    let accepted = h.client.import(&conn, IMPORT_DOC.into()).await;
    h.collect(Cause::Effect).await;
    h.dispatch(Action::Import(ImportMsg::Accepted(accepted)))
        .await;
    let mut settle = 0;
    while h.state.step != Step::Monitor {
        h.run_due_poll().await;
        settle += 1;
        assert!(settle <= 20, "the import never settled");
    }
    let mappings = h.state.connection().expect("chosen").mappings.len();
    assert_eq!(mappings, 2);

    // From here on nothing changes on the server: every read is the steady poll.
    let (from, start) = (h.log.len(), h.now_ms);
    while h.now_ms - start < HOUR_MS {
        let poll = h.run_due_poll().await;
        assert_eq!(poll.effect, Effect::PollConnection);
        assert_eq!(poll.after_ms, SLOW_POLL_MS);
    }
    let hour = h.lines_since(from);
    assert_eq!(hour.len() as u64, HOUR_MS / SLOW_POLL_MS, "{hour:?}");
    assert!(hour
        .iter()
        .all(|l| l == &format!("GET /api/v3/connections/{CID}")));
    bench_line(json!({
        "monitoring_requests_per_hour_steady": hour.len(),
        "monitoring_mappings": mappings,
        "monitoring_poll_seconds_steady": SLOW_POLL_MS / 1000,
    }));
    h.assert_clean_log();
}
