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

use std::collections::VecDeque;

use common::{browser_client, BrowserTransport, RouterTransport, EMULATOR_ORIGIN};
use connect_pilot::api::model::ConnectionState;
use connect_pilot::api::{ApiError, ConnectClient, ConnectFlow, ErrorKind};
use connect_pilot::driver::{self, Outcome};
use connect_pilot::flow::effect::{
    due_poll, effects, Effect, Poll, ADDON_POLL_MS, SALESFORCE_POLL_MS,
};
use connect_pilot::flow::monitor::{FAST_POLL_MS, SLOW_POLL_MS};
use connect_pilot::flow::salesforce::WAIT_LIMIT_MS;
use connect_pilot::flow::{
    available_actions, reduce, Action, AddonKind, AppSource, FlowError, SfEnvironment, State, Step,
    UserAction,
};
use serde_json::{json, Value};

/// acme-sync's connection in the demo seed.
const CID: &str = "c0000000-0000-4000-8000-000000000001";
/// Where the consent tab lands: an extension page, as the UI sends it.
const NEXT: &str = "chrome-extension://abcdef/www/app.html#/salesforce-done";
/// The emulator's host as the request log records it (the port-less origin host).
const EMULATOR_HOST: &str = "emulator.test";
/// The UI's wall clock at the start of every run; any fixed value works, the flow only
/// compares differences.
const START_MS: u64 = 1_736_154_000_000;
// The monitor never polls more than once per 5 s, even while something changes.
const _: () = assert!(FAST_POLL_MS >= 5_000);

/// Guards the harness against an effect loop: no single user action needs more round trips.
const MAX_ROUND_TRIPS: usize = 50;

/// Who made a logged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// An effect of a dispatched action (including the result of a poll).
    Effect,
    /// A timer poll from `due_poll`.
    Poll,
    /// The browser itself (the consent tab).
    Browser,
}

/// The UI store's loop without the UI.
struct Harness {
    client: ConnectClient<BrowserTransport>,
    state: State,
    /// The UI's clock; moves only with the polls' intervals and explicit waits.
    now_ms: u64,
    /// Every consent URL the driver asked to open.
    opened: Vec<String>,
    /// Every request the emulator logged, with who made it.
    log: Vec<(Cause, Value)>,
    /// Highest log `seq` already collected.
    seen: u64,
}

impl Harness {
    fn new(flow: ConnectFlow) -> Harness {
        Harness {
            client: browser_client("demo-token", flow),
            state: State::default(),
            now_ms: START_MS,
            opened: Vec::new(),
            log: Vec::new(),
            seen: 0,
        }
    }

    fn emulator(&self) -> &RouterTransport {
        &self.client.transport().router
    }

    /// Moves the request log entries made since the last call into `self.log`.
    async fn collect(&mut self, cause: Cause) {
        let r = self
            .emulator()
            .raw(
                "GET",
                &format!("{EMULATOR_ORIGIN}/_emulator/requests?since={}", self.seen),
                &[],
                "",
            )
            .await;
        assert_eq!(r.status, 200, "request log: {}", r.body);
        let body: Value = serde_json::from_str(&r.body).expect("request log is JSON");
        for entry in body["requests"].as_array().expect("requests array") {
            self.seen = self.seen.max(entry["seq"].as_u64().expect("seq"));
            self.log.push((cause, entry.clone()));
        }
    }

    /// Performs one effect as the store does and files its requests under `cause`.
    async fn perform(&mut self, effect: Effect, cause: Cause) -> Outcome {
        let outcome = driver::perform(&self.client, &self.state, effect, self.now_ms).await;
        self.collect(cause).await;
        outcome
    }

    /// `Store::dispatch`: reduce, then perform every effect against the state as it is now,
    /// then dispatch each result, until nothing more follows. Results are queued rather than
    /// reduced at once because the store starts all of an action's calls before any answers.
    async fn dispatch(&mut self, action: Action) {
        let mut queue = VecDeque::from([action]);
        let mut round_trips = 0;
        while let Some(action) = queue.pop_front() {
            round_trips += 1;
            assert!(round_trips <= MAX_ROUND_TRIPS, "the effects never settle");
            let before = self.state.clone();
            self.state = reduce(&before, action.clone());
            for effect in effects(&before, &self.state, &action) {
                match self.perform(effect, Cause::Effect).await {
                    Outcome::Action(result) => queue.push_back(result),
                    Outcome::OpenTab(url) => {
                        // As the store does: record the wait before the tab takes focus.
                        self.opened.push(url);
                        queue.push_back(Action::SalesforceWaitStarted {
                            now_ms: self.now_ms,
                        });
                    }
                    Outcome::Nothing => {}
                }
            }
        }
    }

    /// Moves both clocks: the emulator's (one tick per started second) and the UI's.
    async fn advance_ms(&mut self, ms: u64) {
        self.emulator().advance(ms.div_ceil(1000)).await;
        self.now_ms += ms;
    }

    /// The poll timer firing: waits out the interval, performs the poll, dispatches its result.
    async fn run_due_poll(&mut self) -> Poll {
        let poll = self.wait_for_due_poll().await;
        self.fire(&poll).await;
        poll
    }

    /// The first half of [`Harness::run_due_poll`]: the wait, so a test can change the server
    /// just before the read.
    async fn wait_for_due_poll(&mut self) -> Poll {
        let poll = due_poll(&self.state).expect("a poll is due");
        self.advance_ms(poll.after_ms).await;
        poll
    }

    /// The second half: the read and its result.
    async fn fire(&mut self, poll: &Poll) {
        if let Outcome::Action(result) = self.perform(poll.effect.clone(), Cause::Poll).await {
            self.dispatch(result).await;
        }
    }

    /// Registers a fault (contract §8.4).
    async fn fault(&self, fault: Value) {
        let r = self.emulator().control("faults", &fault).await;
        assert_eq!(r.status, 201, "fault: {}", r.body);
    }

    /// Forces a connection or mapping state (contract §8.2).
    async fn set_state(&self, body: Value) {
        let r = self.emulator().control("set-state", &body).await;
        assert_eq!(r.status, 204, "set-state: {}", r.body);
    }

    /// What the user does in the consent tab: open the URL the driver handed back, read the
    /// form's `state`, press Allow. The browser sends no token here.
    async fn approve_consent(&mut self) {
        let url = self
            .opened
            .last()
            .expect("a consent tab was opened")
            .clone();
        assert!(
            url.starts_with(&format!("{EMULATOR_ORIGIN}/services/oauth2/authorize?")),
            "one-origin consent URL: {url}"
        );
        self.emulator().approve_consent(&url).await;
        self.collect(Cause::Browser).await;
    }

    /// `METHOD path` of every logged request with `cause`.
    fn requests(&self, cause: Cause) -> Vec<String> {
        self.log
            .iter()
            .filter(|(c, _)| *c == cause)
            .map(|(_, e)| line(e))
            .collect()
    }

    /// Log entries from position `from` on (for one action's calls).
    fn lines_since(&self, from: usize) -> Vec<String> {
        self.log[from..].iter().map(|(_, e)| line(e)).collect()
    }

    /// Every request stayed on the enabled origin, and only the API calls carried a token.
    fn assert_clean_log(&self) {
        assert!(!self.log.is_empty());
        for (cause, e) in &self.log {
            let host = e["host"].as_str().unwrap_or("");
            assert!(
                host.is_empty() || host == EMULATOR_HOST,
                "request left the allow-list: {e}"
            );
            let browser = e["service"] == "salesforce";
            assert_eq!(browser, *cause == Cause::Browser, "{e}");
            // The token goes to Heroku's APIs only, never to the Salesforce hop (contract §2.1).
            assert_eq!(e["auth_present"], !browser, "auth_present: {e}");
            if !browser {
                assert_eq!(e["token_valid"], true, "{e}");
            }
        }
    }

    /// Everything the failed call must not have cost.
    fn assert_nothing_lost(&self, what: &str) {
        let s = &self.state;
        assert!(!s.busy, "{what}: busy");
        assert_eq!(s.app_name(), Some("acme-sync"), "{what}: app");
        assert_eq!(s.connection_id.as_deref(), Some(CID), "{what}: connection");
        assert!(s.connection().is_some(), "{what}: connection record");
        assert_eq!(s.db_key.as_deref(), Some("DATABASE_URL"), "{what}: db_key");
        assert!(s.token_present, "{what}: token");
    }
}

fn line(e: &Value) -> String {
    format!(
        "{} {}",
        e["method"].as_str().unwrap_or("?"),
        e["path"].as_str().unwrap_or("?")
    )
}

/// Seconds since the epoch day of an emulator `sim_time` (`2025-01-06T09:00:42Z`); the
/// emulator's clock starts on a known day, so day-of-month plus time of day orders entries.
fn sim_seconds(e: &Value) -> u64 {
    let t = e["sim_time"].as_str().expect("sim_time");
    let n = |r: std::ops::Range<usize>| t[r].parse::<u64>().expect("sim_time digits");
    ((n(8..10) * 24 + n(11..13)) * 60 + n(14..16)) * 60 + n(17..19)
}

fn db_chosen() -> Action {
    Action::DatabaseChosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    }
}

/// Token, app from the dashboard tab, link: acme-sync at the Database step.
async fn acme_sync_at_database(flow: ConnectFlow) -> Harness {
    let mut h = Harness::new(flow);
    h.dispatch(Action::DashboardUrlSeen {
        url: "https://dashboard.heroku.com/apps/acme-sync/resources".into(),
        emulator_origin: None,
    })
    .await;
    assert_eq!(h.state.step, Step::Token, "a guess, not a step change");
    assert_eq!(h.state.app_name(), Some("acme-sync"));
    assert!(h.log.is_empty(), "no call before a token");

    h.dispatch(Action::TokenEntered { remember: false }).await;
    assert_eq!(
        h.state.step,
        Step::Link,
        "both add-ons are provisioned in the seed"
    );
    assert_eq!(h.state.app_region.as_deref(), Some("us"));

    h.dispatch(Action::LinkRequested).await;
    assert_eq!(h.state.step, Step::Database);
    assert_eq!(h.state.flow, Some(flow));
    assert_eq!(h.state.connection_id.as_deref(), Some(CID));
    assert_eq!(h.state.db_key.as_deref(), Some("DATABASE_URL"));
    assert_eq!(h.state.last_status, Some(ConnectionState::New));
    h
}

/// Database → Salesforce → consent → Import, by user actions and the due poll only.
async fn database_to_import(h: &mut Harness) {
    h.dispatch(db_chosen()).await;
    assert_eq!(h.state.step, Step::Salesforce);
    assert_eq!(
        h.state.last_status,
        Some(ConnectionState::NeedAuthentication)
    );
    assert_eq!(
        due_poll(&h.state),
        None,
        "nothing to wait for before consent"
    );

    let before = h.log.len();
    h.dispatch(Action::SalesforceEnvironmentChosen {
        environment: SfEnvironment::Production,
        domain: None,
    })
    .await;
    assert_eq!(h.state.step, Step::Salesforce);
    assert_eq!(
        h.log.len(),
        before,
        "choosing the environment calls nothing"
    );

    h.dispatch(Action::AuthorizeRequested { next: NEXT.into() })
        .await;
    assert_eq!(h.state.step, Step::Salesforce);
    assert_eq!(h.opened.len(), 1, "one consent tab");
    assert!(h.state.waiting_for_salesforce());
    assert!(!h.state.busy);

    // The tab is open but the user has not approved yet: the poll finds nothing new.
    let poll = h.run_due_poll().await;
    assert_eq!(poll.effect, Effect::PollConnection);
    assert_eq!(poll.after_ms, SALESFORCE_POLL_MS);
    assert_eq!(h.state.step, Step::Salesforce);
    assert!(h.state.waiting_for_salesforce());

    h.approve_consent().await;
    let poll = h.run_due_poll().await;
    assert_eq!(poll.after_ms, SALESFORCE_POLL_MS);
    assert_eq!(h.state.step, Step::Import);
    assert!(!h.state.waiting_for_salesforce());
    assert_eq!(h.state.last_status, Some(ConnectionState::Idle));
    assert_eq!(h.state.last_error, None);
}

#[tokio::test]
async fn full_setup_from_acme_blank_by_user_actions_only() {
    let mut h = Harness::new(ConnectFlow::Discovery);

    h.dispatch(Action::TokenEntered { remember: false }).await;
    assert_eq!(h.state.step, Step::App);
    assert_eq!(h.state.account_email.as_deref(), Some("demo@example.com"));
    assert!(h.state.apps.iter().any(|a| a.name == "acme-blank"));

    h.dispatch(Action::AppChosen {
        name: "acme-blank".into(),
        source: AppSource::Picked,
    })
    .await;
    assert_eq!(h.state.step, Step::Addons);
    assert_eq!(h.state.app_region.as_deref(), Some("us"));
    assert!(h.state.addons.is_empty());
    assert_eq!(due_poll(&h.state), None, "nothing provisions yet");

    h.dispatch(Action::AddonCreateRequested(AddonKind::Postgres))
        .await;
    assert_eq!(h.state.step, Step::Addons);
    assert_eq!(h.state.addons.len(), 1);
    h.dispatch(Action::AddonCreateRequested(AddonKind::Connect))
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

    h.dispatch(Action::LinkRequested).await;
    assert_eq!(h.state.step, Step::Database);
    assert_eq!(h.state.flow, Some(ConnectFlow::Discovery));
    assert_eq!(h.state.db_key.as_deref(), Some("DATABASE_URL"));
    let cid = h.state.connection_id.clone().expect("the new connection");

    database_to_import(&mut h).await;

    let calls = h.requests(Cause::Effect);
    println!(
        "full setup from acme-blank: {} requests from effects (+{} status polls):\n  {}",
        calls.len(),
        h.requests(Cause::Poll).len(),
        calls.join("\n  ")
    );
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

    h.dispatch(Action::TokenEntered { remember: true }).await;
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

    // A good token resumes where the facts allow, without reloading the app list.
    let from = h.log.len();
    h.dispatch(Action::TokenEntered { remember: true }).await;
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
    h.dispatch(Action::DashboardUrlSeen {
        url: "https://dashboard.heroku.com/apps/acme-sync/resources".into(),
        emulator_origin: None,
    })
    .await;
    h.dispatch(Action::TokenEntered { remember: false }).await;
    assert_eq!(h.state.step, Step::Link);
    h.fault(json!({"method": "GET", "path": "/connections",
                   "respond": {"status": 403, "body": {"id": "forbidden", "message": "Not on the access list."}}}))
        .await;

    let from = h.log.len();
    h.dispatch(Action::LinkRequested).await;
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
    h.dispatch(Action::LinkRequested).await;
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
    h.dispatch(Action::TokenForgotten).await;
    assert_eq!(due_poll(&h.state), None);

    // So does a call in flight during provisioning.
    let mut p = Harness::new(ConnectFlow::Discovery);
    p.dispatch(Action::TokenEntered { remember: false }).await;
    p.dispatch(Action::AppChosen {
        name: "acme-blank".into(),
        source: AppSource::Picked,
    })
    .await;
    p.dispatch(Action::AddonCreateRequested(AddonKind::Postgres))
        .await;
    assert_eq!(due_poll(&p.state).map(|p| p.after_ms), Some(ADDON_POLL_MS));
    let sending = reduce(&p.state, Action::AddonCreateRequested(AddonKind::Connect));
    assert!(sending.busy);
    assert_eq!(due_poll(&sending), None);
}

#[tokio::test]
async fn the_salesforce_wait_polls_every_5s_and_expires_after_15_minutes() {
    let mut h = acme_sync_at_database(ConnectFlow::Discovery).await;
    h.dispatch(db_chosen()).await;
    h.dispatch(Action::AuthorizeRequested { next: NEXT.into() })
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
    t.dispatch(Action::AuthorizeRequested { next: NEXT.into() })
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
    h.dispatch(Action::CheckAgain { now_ms: h.now_ms }).await;
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
    t.dispatch(Action::CheckAgain { now_ms: t.now_ms }).await;
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
    h.dispatch(Action::ImportRequested).await;
    let conn = h.state.connection().expect("chosen").clone();
    let accepted = h.client.import(&conn, IMPORT_DOC.into()).await;
    h.collect(Cause::Effect).await;
    h.dispatch(Action::ImportAccepted(accepted)).await;
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
