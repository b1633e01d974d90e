#![cfg(not(target_arch = "wasm32"))]
//! The guided setup driven the way the extension drives it, natively, against the in-process
//! emulator: a [`Harness`] runs the UI store's loop (`reduce` → `effects` → `driver::perform` →
//! dispatch the result, plus `due_poll` on a timer) with nothing but user actions fed in.
//!
//! It proves the order and number of calls the effects make, that failures land on the right
//! step without losing anything, and the polling cadence. It stops where the browser starts:
//! the consent tab is simulated by fetching the consent page and posting its form, and time is
//! the emulator's (`/_emulator/advance`), never a sleep.

mod common;

use common::flow::*;
use connect_pilot::api::{ApiError, ConnectFlow, ErrorKind};
use connect_pilot::flow::effect::{due_poll, Effect, Poll, ADDON_POLL_MS, SALESFORCE_POLL_MS};
use connect_pilot::flow::monitor::{FAST_POLL_MS, SLOW_POLL_MS};
use connect_pilot::flow::steps::salesforce::WAIT_LIMIT_MS;
use connect_pilot::flow::{
    available_actions, reduce, Action, AddonKind, AppSource, FlowError, State, Step, UserAction,
};
use connect_pilot::flow::{AddonsMsg, AppMsg, ImportMsg, LinkMsg, SalesforceMsg, TokenMsg};
use serde_json::{json, Value};

// The monitor never polls more than once per 5 s, even while something changes.
const _: () = assert!(FAST_POLL_MS >= 5_000);

#[tokio::test]
async fn full_setup_from_the_acme_sync_dashboard_tab() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    database_to_import(&mut h).await;

    let calls = h.requests(Cause::Effect);
    println!("acme-sync: {} requests from effects", calls.len());
    let conn = format!("/api/v3/connections/{CID}");
    assert_eq!(
        calls,
        vec![
            "GET /account".to_string(),
            "GET /apps".into(),
            "GET /apps/acme-sync".into(),
            "GET /apps/acme-sync/addons".into(),
            "POST /auth/acme-sync".into(),
            "GET /connections".into(),
            format!("GET {conn}"),
            "GET /api/v3/apps/acme-sync".into(),
            format!("PATCH {conn}"),
            format!("GET {conn}"),
            format!("POST {conn}/authorize_url"),
        ]
    );
    h.assert_clean_log();
}

#[tokio::test]
async fn full_setup_with_the_legacy_flow_links_by_legacy_discovery() {
    let mut h = acme_sync_at_database(ConnectFlow::Legacy).await;
    database_to_import(&mut h).await;

    let calls = h.requests(Cause::Effect);
    println!("acme-sync, Flow B: {} requests from effects", calls.len());
    // Link goes straight to Flow B: region, legacy grant, legacy deep list; hc-central never.
    assert_eq!(
        calls[4..7],
        [
            "GET /apps/acme-sync",
            "POST /api/v3/users/me/apps/acme-sync/auth",
            "GET /api/v3/connections",
        ]
    );
    assert!(h.log.iter().all(|(_, e)| e["service"] != "discovery"));
    assert!(h.log.iter().any(|(_, e)| e["path"] == "/api/v3/connections"
        && e["query"].as_str().is_some_and(|q| q.contains("deep=true"))));
    assert_eq!(calls.len(), 11);
    h.assert_clean_log();
}

#[tokio::test]
async fn a_401_on_account_goes_to_the_token_step_and_keeps_everything() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    h.fault(json!({"method": "GET", "path": "/account",
                   "respond": {"status": 401, "body": {"id": "unauthorized", "message": "Invalid credentials provided."}}}))
        .await;

    h.dispatch(Action::Token(TokenMsg::Entered { remember: true }))
        .await;
    assert_eq!(h.state.step, Step::Token);
    assert!(!h.state.token_present);
    assert!(
        matches!(&h.state.last_error, Some(FlowError::Api(e)) if e.kind() == ErrorKind::Unauthorized)
    );
    assert!(!h.state.busy);
    assert_eq!(h.state.app_name(), Some("acme-sync"));
    assert_eq!(h.state.connection_id.as_deref(), Some(CID));
    assert_eq!(h.state.db_key.as_deref(), Some("DATABASE_URL"));
    assert_eq!(due_poll(&h.state), None, "no polling without a token");
    assert_eq!(
        h.tokens_forgotten, 1,
        "the refused token is removed from storage"
    );

    // A good token resumes where the facts allow, without reloading the app list.
    let from = h.log.len();
    h.dispatch(Action::Token(TokenMsg::Entered { remember: true }))
        .await;
    assert_eq!(h.state.step, Step::Database);
    assert_eq!(h.state.last_error, None);
    assert_eq!(
        h.lines_since(from),
        ["GET /account", "GET /api/v3/apps/acme-sync"]
    );
    h.assert_nothing_lost("after the token was fixed");
}

#[tokio::test]
async fn a_403_on_discovery_goes_to_the_link_step() {
    let mut h = Harness::new(ConnectFlow::Discovery);
    h.dispatch(Action::App(AppMsg::DashboardUrlSeen {
        url: "https://dashboard.heroku.com/apps/acme-sync/resources".into(),
        emulator_origin: None,
    }))
    .await;
    h.dispatch(Action::Token(TokenMsg::Entered { remember: false }))
        .await;
    assert_eq!(h.state.step, Step::Link);
    h.fault(json!({"method": "GET", "path": "/connections",
                   "respond": {"status": 403, "body": {"id": "forbidden", "message": "Not on the access list."}}}))
        .await;

    let from = h.log.len();
    h.dispatch(Action::Link(LinkMsg::Requested)).await;
    assert_eq!(
        h.lines_since(from),
        ["POST /auth/acme-sync", "GET /connections"]
    );
    assert_eq!(h.state.step, Step::Link);
    assert!(
        matches!(&h.state.last_error, Some(FlowError::Api(e)) if e.status() == Some(403)),
        "{:?}",
        h.state.last_error
    );
    assert!(!h.state.busy);
    assert_eq!(h.state.app_name(), Some("acme-sync"));
    assert_eq!(h.state.addons.len(), 2);

    // Linking again works once the fault is gone.
    h.dispatch(Action::Link(LinkMsg::Requested)).await;
    assert_eq!(h.state.step, Step::Database);
    h.assert_clean_log();
}

/// One injected failure during the database step (PATCH, then the re-read GET).
struct FaultCase {
    name: &'static str,
    fault: Value,
    /// Which logged call the fault hits, and how often it is sent in all (retries included).
    target: &'static str,
    attempts: usize,
    /// The error the state must show.
    expect: fn(&ApiError) -> bool,
}

fn fault_cases() -> Vec<FaultCase> {
    let patch = "PATCH /api/v3/connections/c0000000-0000-4000-8000-000000000001";
    let get = "GET /api/v3/connections/c0000000-0000-4000-8000-000000000001";
    let path = "/api/v3/connections/*";
    vec![
        FaultCase {
            name: "404 on the PATCH",
            fault: json!({"method": "PATCH", "path": path,
                          "respond": {"status": 404, "body": {"id": "not_found", "message": "No such connection."}}}),
            target: patch,
            attempts: 1,
            expect: |e| e.status() == Some(404),
        },
        FaultCase {
            name: "409 on the PATCH",
            fault: json!({"method": "PATCH", "path": path,
                          "respond": {"status": 409, "body": {"id": "invalid_state", "message": "Connection has mappings."}}}),
            target: patch,
            attempts: 1,
            expect: |e| e.status() == Some(409) && e.kind() == ErrorKind::Conflict,
        },
        FaultCase {
            // A PATCH is not repeated after a 5xx: the server may have applied it.
            name: "500 on the PATCH",
            fault: json!({"method": "PATCH", "path": path,
                          "respond": {"status": 500, "body": {"id": "internal_error", "message": "Boom."}}}),
            target: patch,
            attempts: 1,
            expect: |e| e.status() == Some(500),
        },
        FaultCase {
            name: "503 on the re-read, every attempt",
            fault: json!({"method": "GET", "path": path, "times": 4,
                          "respond": {"status": 503, "body": {"id": "unavailable", "message": "Try again shortly."}}}),
            target: get,
            attempts: 4,
            expect: |e| e.status() == Some(503),
        },
        FaultCase {
            name: "429 with Retry-After on the re-read, every attempt",
            fault: json!({"method": "GET", "path": path, "times": 4,
                          "respond": {"status": 429, "headers": {"Retry-After": "2"},
                                      "body": {"id": "rate_limit", "message": "Your account reached the API rate limit"}}}),
            target: get,
            attempts: 4,
            expect: |e| e.status() == Some(429) && e.kind() == ErrorKind::RateLimited,
        },
        FaultCase {
            name: "malformed JSON in the re-read",
            fault: json!({"method": "GET", "path": path,
                          "respond": {"status": 200, "body": {"id": CID, "db_key": 42}}}),
            target: get,
            attempts: 1,
            expect: |e| matches!(e, ApiError::Decode { path, .. } if path == "db_key"),
        },
        FaultCase {
            name: "dropped connection on the re-read, every attempt",
            fault: json!({"method": "GET", "path": path, "times": 4, "drop": true}),
            target: get,
            attempts: 4,
            expect: |e| e.kind() == ErrorKind::Unreachable,
        },
    ]
}

#[tokio::test]
async fn failures_in_the_database_step_keep_everything_and_show_an_error() {
    for case in fault_cases() {
        let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
        h.fault(case.fault.clone()).await;
        let from = h.log.len();
        let sleeps_before = h.emulator().sleeps.borrow().len();

        h.dispatch(db_chosen()).await;
        let name = case.name;
        match &h.state.last_error {
            Some(FlowError::Api(e)) => assert!((case.expect)(e), "{name}: {e:?}"),
            other => panic!("{name}: expected an API error, got {other:?}"),
        }
        assert_eq!(h.state.step, Step::Database, "{name}");
        assert_eq!(h.state.database_pending, None, "{name}");
        h.assert_nothing_lost(name);

        let hits: Vec<&Value> = h.log[from..]
            .iter()
            .map(|(_, e)| e)
            .filter(|e| line(e) == case.target)
            .collect();
        assert_eq!(
            hits.len(),
            case.attempts,
            "{name}: {:?}",
            h.lines_since(from)
        );
        assert!(hits.iter().all(|e| !e["fault"].is_null()), "{name}");
        let sleeps = h.emulator().sleeps.borrow()[sleeps_before..].to_vec();
        assert_eq!(
            sleeps.len(),
            case.attempts - 1,
            "{name}: one wait per retry"
        );
        if case.name.starts_with("429") {
            // Each retry waited out Retry-After, on the client's clock and the server's.
            assert!(sleeps.iter().all(|ms| *ms >= 2_000), "{name}: {sleeps:?}");
            for pair in hits.windows(2) {
                assert!(
                    sim_seconds(pair[1]) - sim_seconds(pair[0]) >= 2,
                    "{name}: {} then {}",
                    pair[0]["sim_time"],
                    pair[1]["sim_time"]
                );
            }
        }
        if case.name.starts_with("dropped") {
            assert!(
                hits.iter().all(|e| e["status"].is_null()),
                "{name}: no answer"
            );
        }

        // Nothing was lost, so sending the same choice again finishes the step.
        h.dispatch(db_chosen()).await;
        assert_eq!(h.state.step, Step::Salesforce, "{name}: retry");
        assert_eq!(h.state.last_error, None, "{name}");
        h.assert_clean_log();
    }
}

#[tokio::test]
async fn a_retried_get_recovers_after_waiting_out_retry_after() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    h.fault(
        json!({"method": "GET", "path": "/api/v3/connections/*", "times": 1,
                   "respond": {"status": 429, "headers": {"Retry-After": "3"},
                               "body": {"id": "rate_limit", "message": "Slow down"}}}),
    )
    .await;
    let from = h.log.len();
    h.dispatch(db_chosen()).await;
    assert_eq!(h.state.step, Step::Salesforce);
    assert_eq!(h.state.last_error, None);
    let gets: Vec<&Value> = h.log[from..]
        .iter()
        .map(|(_, e)| e)
        .filter(|e| e["method"] == "GET")
        .collect();
    assert_eq!(gets.len(), 2, "the re-read and its retry");
    assert_eq!(gets[0]["status"], 429);
    assert_eq!(gets[1]["status"], 200);
    assert!(sim_seconds(gets[1]) - sim_seconds(gets[0]) >= 3);
    assert_eq!(h.emulator().sleeps.borrow().as_slice(), &[3_000]);
}

#[tokio::test]
async fn nothing_polls_while_busy_or_without_a_token() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    database_to_import(&mut h).await;
    assert!(due_poll(&h.state).is_some(), "steady monitor poll");

    let busy = State {
        busy: true,
        ..h.state.clone()
    };
    assert_eq!(due_poll(&busy), None);
    let tokenless = State {
        token_present: false,
        ..h.state.clone()
    };
    assert_eq!(due_poll(&tokenless), None);

    // A forgotten token stops the poll for real, through the reducer.
    h.dispatch(Action::Token(TokenMsg::Forgotten)).await;
    assert_eq!(due_poll(&h.state), None);

    // So does a call in flight during provisioning.
    let mut p = Harness::new(ConnectFlow::Discovery);
    p.dispatch(Action::Token(TokenMsg::Entered { remember: false }))
        .await;
    p.dispatch(Action::App(AppMsg::Chosen {
        name: "acme-blank".into(),
        source: AppSource::Picked,
    }))
    .await;
    p.dispatch(Action::Addons(AddonsMsg::CreateRequested(
        AddonKind::Postgres,
    )))
    .await;
    assert_eq!(due_poll(&p.state).map(|p| p.after_ms), Some(ADDON_POLL_MS));
    let sending = reduce(
        &p.state,
        Action::Addons(AddonsMsg::CreateRequested(AddonKind::Connect)),
    );
    assert!(sending.busy);
    assert_eq!(due_poll(&sending), None);
}

#[tokio::test]
async fn the_salesforce_wait_polls_every_5s_and_expires_after_15_minutes() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    h.dispatch(db_chosen()).await;
    h.dispatch(Action::Salesforce(SalesforceMsg::AuthorizeRequested {
        next: NEXT.into(),
    }))
    .await;
    let since = h.state.sf_waiting_since_ms.expect("waiting");

    // Just before the limit the wait still runs, and the poll keeps its 5 s pace.
    let early = reduce(
        &h.state,
        Action::Tick {
            now_ms: since + WAIT_LIMIT_MS - 1,
        },
    );
    assert!(early.waiting_for_salesforce());
    assert_eq!(
        due_poll(&early).map(|p| p.after_ms),
        Some(SALESFORCE_POLL_MS)
    );

    // The user never approves: the poll loop ends by itself at 15 minutes.
    let mut polls: u64 = 0;
    while h.state.waiting_for_salesforce() {
        let poll = h.run_due_poll().await;
        assert_eq!(poll.effect, Effect::PollConnection);
        assert_eq!(poll.after_ms, SALESFORCE_POLL_MS);
        polls += 1;
        assert!(polls <= 200, "the wait never expired");
    }
    assert_eq!(polls, WAIT_LIMIT_MS / SALESFORCE_POLL_MS);
    assert!(h.state.sf_wait_expired);
    assert_eq!(h.state.last_error, Some(FlowError::SalesforceWaitExpired));
    assert!(available_actions(&h.state).contains(&UserAction::CheckAgain));
    assert_eq!(
        due_poll(&h.state),
        None,
        "no polling after the wait expired"
    );

    // A Tick (a due poll with nothing to read) expires the wait the same way.
    let mut t = acme_sync_at_database(ConnectFlow::Discovery).await;
    t.dispatch(db_chosen()).await;
    t.dispatch(Action::Salesforce(SalesforceMsg::AuthorizeRequested {
        next: NEXT.into(),
    }))
    .await;
    let since = t.state.sf_waiting_since_ms.expect("waiting");
    let from = t.log.len();
    t.dispatch(Action::Tick {
        now_ms: since + WAIT_LIMIT_MS,
    })
    .await;
    assert_eq!(t.log.len(), from, "a Tick calls nothing");
    assert!(t.state.sf_wait_expired);
    assert!(available_actions(&t.state).contains(&UserAction::CheckAgain));

    // "Check again" reads the connection at once and restarts the wait and its polling.
    let from = h.log.len();
    h.dispatch(Action::Salesforce(SalesforceMsg::CheckAgain {
        now_ms: h.now_ms,
    }))
    .await;
    assert_eq!(
        h.lines_since(from),
        [format!("GET /api/v3/connections/{CID}")]
    );
    assert_eq!(h.state.step, Step::Salesforce);
    assert!(h.state.waiting_for_salesforce());
    assert_eq!(h.state.last_error, None);
    assert_eq!(
        due_poll(&h.state).map(|p| p.after_ms),
        Some(SALESFORCE_POLL_MS)
    );
    h.assert_clean_log();

    // In `t` no emulator time passed, so its consent link is still valid (the emulator expires
    // it after 900 ticks, like the wait): the user approves late, and "check again" finishes.
    t.approve_consent().await;
    let from = t.log.len();
    t.dispatch(Action::Salesforce(SalesforceMsg::CheckAgain {
        now_ms: t.now_ms,
    }))
    .await;
    assert_eq!(
        t.lines_since(from),
        [format!("GET /api/v3/connections/{CID}")]
    );
    assert_eq!(t.state.step, Step::Import);
    assert_eq!(t.state.last_error, None);
    t.assert_clean_log();
}

const IMPORT_DOC: &str = r#"{"version": 1, "mappings": [{"object_name": "Contact", "config": {
  "access": "read_only", "sf_notify_enabled": false, "sf_polling_seconds": 600, "sf_max_daily_api_calls": 30000,
  "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "CreatedDate": {}, "LastName": {}},
  "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}}}}]}"#;

#[tokio::test]
async fn the_monitor_polls_fast_while_a_mapping_changes_and_slowly_when_steady() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    database_to_import(&mut h).await;
    assert_eq!(
        due_poll(&h.state),
        Some(Poll {
            effect: Effect::PollConnection,
            after_ms: SLOW_POLL_MS
        }),
        "IDLE with no mappings is steady"
    );

    // The import itself is not an effect yet (the UI sends the dropped document directly).
    h.dispatch(Action::Import(ImportMsg::Requested)).await;
    let conn = h.state.connection().expect("chosen").clone();
    let accepted = h.client.import(&conn, IMPORT_DOC.into()).await;
    h.collect(Cause::Effect).await;
    h.dispatch(Action::Import(ImportMsg::Accepted(accepted)))
        .await;
    assert!(h.state.import_pending);

    let mut polls = 0;
    while h.state.step == Step::Import {
        let poll = h.run_due_poll().await;
        // At most one request per 5 s while something changes.
        assert_eq!(poll.after_ms, FAST_POLL_MS, "poll {polls}");
        polls += 1;
        assert!(polls <= 10, "import never settled");
    }
    assert_eq!(h.state.step, Step::Monitor);
    assert_eq!(
        due_poll(&h.state).map(|p| p.after_ms),
        Some(SLOW_POLL_MS),
        "{:?}",
        h.state.connection().map(|c| &c.mappings)
    );

    // A mapping reloading makes the monitor fast again; back to synced, slow again.
    let mid = h.state.connection().expect("chosen").mappings[0].id.clone();
    // States are forced after the wait so that no emulator timer moves them before the read.
    let poll = h.wait_for_due_poll().await;
    assert_eq!(poll.after_ms, SLOW_POLL_MS);
    h.set_state(json!({"mapping_id": mid, "state": "RELOAD_TABLE"}))
        .await;
    h.fire(&poll).await;
    assert_eq!(due_poll(&h.state).map(|p| p.after_ms), Some(FAST_POLL_MS));
    let poll = h.wait_for_due_poll().await;
    h.set_state(json!({"mapping_id": mid, "state": "DATA_SYNCED"}))
        .await;
    h.fire(&poll).await;
    assert_eq!(due_poll(&h.state).map(|p| p.after_ms), Some(SLOW_POLL_MS));
    h.assert_clean_log();
}
