//! The UI store's loop without the UI: a [`Harness`] runs `reduce` → `effects` →
//! `driver::perform` → dispatch the result, plus `due_poll` on a timer, against the in-process
//! emulator, and files every logged request under who caused it. Shared by the flow tests and
//! the request-budget tests.

use connect_pilot::flow::{AppMsg, DatabaseMsg, LinkMsg, MonitorMsg, SalesforceMsg, TokenMsg};
use std::collections::VecDeque;

use super::{browser_client, BrowserTransport, RouterTransport, EMULATOR_ORIGIN};
use connect_pilot::api::model::ConnectionState;
use connect_pilot::api::{ConnectClient, ConnectFlow};
use connect_pilot::driver::{self, Outcome};
use connect_pilot::flow::effect::{due_poll, effects, Effect, Poll, SALESFORCE_POLL_MS};
use connect_pilot::flow::{reduce, Action, SfEnvironment, State, Step};
use serde_json::Value;

/// acme-sync's connection in the demo seed.
pub const CID: &str = "c0000000-0000-4000-8000-000000000001";
/// Where the consent tab lands: an extension page, as the UI sends it.
pub const NEXT: &str = "chrome-extension://abcdef/www/app.html#/salesforce-done";
/// The emulator's host as the request log records it (the port-less origin host).
pub const EMULATOR_HOST: &str = "emulator.test";
/// The UI's wall clock at the start of every run; any fixed value works, the flow only
/// compares differences.
pub const START_MS: u64 = 1_736_154_000_000;

/// Guards the harness against an effect loop: no single user action needs more round trips.
pub const MAX_ROUND_TRIPS: usize = 50;

/// Who made a logged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// An effect of a dispatched action (including the result of a poll).
    Effect,
    /// A timer poll from `due_poll`.
    Poll,
    /// The browser itself (the consent tab).
    Browser,
}

/// The UI store's loop without the UI.
pub struct Harness {
    pub client: ConnectClient<BrowserTransport>,
    pub state: State,
    /// The UI's clock; moves only with the polls' intervals and explicit waits.
    pub now_ms: u64,
    /// Every consent URL the driver asked to open.
    pub opened: Vec<String>,
    /// How often the driver asked for the stored token to be removed.
    pub tokens_forgotten: usize,
    /// Every export the driver asked to write as a file.
    pub saved_exports: Vec<Value>,
    /// Every request the emulator logged, with who made it.
    pub log: Vec<(Cause, Value)>,
    /// Highest log `seq` already collected.
    pub seen: u64,
}

impl Harness {
    pub fn new(flow: ConnectFlow) -> Harness {
        Harness {
            client: browser_client("demo-token", flow),
            state: State::default(),
            now_ms: START_MS,
            opened: Vec::new(),
            tokens_forgotten: 0,
            saved_exports: Vec::new(),
            log: Vec::new(),
            seen: 0,
        }
    }

    pub fn emulator(&self) -> &RouterTransport {
        &self.client.transport().router
    }

    /// Moves the request log entries made since the last call into `self.log`.
    pub async fn collect(&mut self, cause: Cause) {
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
    pub async fn perform(&mut self, effect: Effect, cause: Cause) -> Outcome {
        let outcome = driver::perform(&self.client, &self.state, effect, self.now_ms).await;
        self.collect(cause).await;
        outcome
    }

    /// `Store::dispatch`: reduce, then perform every effect against the state as it is now,
    /// then dispatch each result, until nothing more follows. Results are queued rather than
    /// reduced at once because the store starts all of an action's calls before any answers.
    pub async fn dispatch(&mut self, action: Action) {
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
                        queue.push_back(Action::Salesforce(SalesforceMsg::WaitStarted {
                            now_ms: self.now_ms,
                        }));
                    }
                    // As the store does: the browser removes it; nothing is dispatched.
                    Outcome::ForgetToken => self.tokens_forgotten += 1,
                    // As the tab does: the file is written, and that is dispatched.
                    Outcome::SaveExport(document) => {
                        self.saved_exports.push(document);
                        queue.push_back(Action::Monitor(MonitorMsg::ExportSaved(Ok(()))));
                    }
                    Outcome::Nothing => {}
                }
            }
        }
    }

    /// Moves both clocks: the emulator's (one tick per started second) and the UI's.
    pub async fn advance_ms(&mut self, ms: u64) {
        self.emulator().advance(ms.div_ceil(1000)).await;
        self.now_ms += ms;
    }

    /// The poll timer firing: waits out the interval, performs the poll, dispatches its result.
    pub async fn run_due_poll(&mut self) -> Poll {
        let poll = self.wait_for_due_poll().await;
        self.fire(&poll).await;
        poll
    }

    /// The first half of [`Harness::run_due_poll`]: the wait, so a test can change the server
    /// just before the read.
    pub async fn wait_for_due_poll(&mut self) -> Poll {
        let poll = due_poll(&self.state).expect("a poll is due");
        self.advance_ms(poll.after_ms).await;
        poll
    }

    /// The second half: the read and its result.
    pub async fn fire(&mut self, poll: &Poll) {
        if let Outcome::Action(result) = self.perform(poll.effect.clone(), Cause::Poll).await {
            self.dispatch(result).await;
        }
    }

    /// Registers a fault (contract §8.4).
    pub async fn fault(&self, fault: Value) {
        let r = self.emulator().control("faults", &fault).await;
        assert_eq!(r.status, 201, "fault: {}", r.body);
    }

    /// Forces a connection or mapping state (contract §8.2).
    pub async fn set_state(&self, body: Value) {
        let r = self.emulator().control("set-state", &body).await;
        assert_eq!(r.status, 204, "set-state: {}", r.body);
    }

    /// What the user does in the consent tab: open the URL the driver handed back, read the
    /// form's `state`, press Allow. The browser sends no token here.
    pub async fn approve_consent(&mut self) {
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
    pub fn requests(&self, cause: Cause) -> Vec<String> {
        self.log
            .iter()
            .filter(|(c, _)| *c == cause)
            .map(|(_, e)| line(e))
            .collect()
    }

    /// Log entries from position `from` on (for one action's calls).
    pub fn lines_since(&self, from: usize) -> Vec<String> {
        self.log[from..].iter().map(|(_, e)| line(e)).collect()
    }

    /// Every request stayed on the enabled origin, and only the API calls carried a token.
    pub fn assert_clean_log(&self) {
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
    pub fn assert_nothing_lost(&self, what: &str) {
        let s = &self.state;
        assert!(!s.busy, "{what}: busy");
        assert_eq!(s.app_name(), Some("acme-sync"), "{what}: app");
        assert_eq!(s.connection_id.as_deref(), Some(CID), "{what}: connection");
        assert!(s.connection().is_some(), "{what}: connection record");
        assert_eq!(s.db_key.as_deref(), Some("DATABASE_URL"), "{what}: db_key");
        assert!(s.token_present, "{what}: token");
    }
}

pub fn line(e: &Value) -> String {
    format!(
        "{} {}",
        e["method"].as_str().unwrap_or("?"),
        e["path"].as_str().unwrap_or("?")
    )
}

/// Seconds since the epoch day of an emulator `sim_time` (`2025-01-06T09:00:42Z`); the
/// emulator's clock starts on a known day, so day-of-month plus time of day orders entries.
pub fn sim_seconds(e: &Value) -> u64 {
    let t = e["sim_time"].as_str().expect("sim_time");
    let n = |r: std::ops::Range<usize>| t[r].parse::<u64>().expect("sim_time digits");
    ((n(8..10) * 24 + n(11..13)) * 60 + n(14..16)) * 60 + n(17..19)
}

pub fn db_chosen() -> Action {
    Action::Database(DatabaseMsg::Chosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    })
}

/// Token, app from the dashboard tab, link: acme-sync at the Database step.
pub async fn acme_sync_at_database(flow: ConnectFlow) -> Harness {
    let mut h = Harness::new(flow);
    h.dispatch(Action::App(AppMsg::DashboardUrlSeen {
        url: "https://dashboard.heroku.com/apps/acme-sync/resources".into(),
        emulator_origin: None,
    }))
    .await;
    assert_eq!(h.state.step, Step::Token, "a guess, not a step change");
    assert_eq!(h.state.app_name(), Some("acme-sync"));
    assert!(h.log.is_empty(), "no call before a token");

    h.dispatch(Action::Token(TokenMsg::Entered { remember: false }))
        .await;
    assert_eq!(
        h.state.step,
        Step::Link,
        "both add-ons are provisioned in the seed"
    );
    assert_eq!(h.state.app_region.as_deref(), Some("us"));

    h.dispatch(Action::Link(LinkMsg::Requested)).await;
    assert_eq!(h.state.step, Step::Database);
    assert_eq!(h.state.flow, Some(flow));
    assert_eq!(h.state.connection_id.as_deref(), Some(CID));
    assert_eq!(h.state.db_key.as_deref(), Some("DATABASE_URL"));
    assert_eq!(h.state.last_status, Some(ConnectionState::New));
    h
}

/// Database → Salesforce → consent → Import, by user actions and the due poll only.
pub async fn database_to_import(h: &mut Harness) {
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
    h.dispatch(Action::Salesforce(SalesforceMsg::EnvironmentChosen {
        environment: SfEnvironment::Production,
        domain: None,
    }))
    .await;
    assert_eq!(h.state.step, Step::Salesforce);
    assert_eq!(
        h.log.len(),
        before,
        "choosing the environment calls nothing"
    );

    h.dispatch(Action::Salesforce(SalesforceMsg::AuthorizeRequested {
        next: NEXT.into(),
    }))
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
