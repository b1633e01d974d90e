#![cfg(not(target_arch = "wasm32"))]
//! The setup state machine on its own: routing of errors, the database re-read check, the
//! Salesforce wait, add-on progress, navigation and the calls each state plans.

mod common;

use common::states::{at_database, conn, http};
use connect_pilot::api::model::{Addon, App, ConnectionState, Named};
use connect_pilot::api::Method;
use connect_pilot::flow::effect::{due_poll, effects};
use connect_pilot::flow::steps::salesforce::WAIT_LIMIT_MS;
use connect_pilot::flow::{
    available_actions, next_calls, reduce, Action, AddonKind, AppChoice, AppSource, BrowserTask,
    FlowError, State, Step, UserAction,
};
use connect_pilot::flow::{AddonsMsg, AppMsg, DatabaseMsg, SalesforceMsg, TokenMsg};

#[test]
fn discovery_with_one_connection_goes_straight_to_the_database() {
    let s = at_database();
    assert_eq!(s.step, Step::Database);
    assert_eq!(s.connection_id.as_deref(), Some("c1"));
    assert_eq!(s.progress(), (5, 8));
    let calls = next_calls(&s);
    assert_eq!(
        calls.iter().map(|c| c.method).collect::<Vec<_>>(),
        [Method::Get, Method::Patch, Method::Get]
    );
    assert_eq!(calls[0].path, "/api/v3/apps/acme-sync");
}

#[test]
fn errors_route_by_status_and_keep_everything() {
    let s = at_database();
    let unauthorized = reduce(
        &s,
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(401)))),
    );
    assert_eq!(unauthorized.step, Step::Token);
    assert!(!unauthorized.token_present);
    assert_eq!(unauthorized.connections, s.connections);
    assert_eq!(unauthorized.app, s.app);
    let forbidden = reduce(
        &s,
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(403)))),
    );
    assert_eq!(forbidden.step, Step::Link);
    let conflict = reduce(&s, Action::ApiFailed(http(409)));
    assert_eq!(conflict.step, Step::Database);
    assert_eq!(conflict.last_error, Some(FlowError::Api(http(409))));
    assert_eq!(reduce(&conflict, Action::ErrorDismissed).last_error, None);
    // After the token is fixed, the user can jump back to where they were.
    let fixed = reduce(
        &unauthorized,
        Action::Token(TokenMsg::Entered { remember: false }),
    );
    assert_eq!(
        reduce(&fixed, Action::GoTo(Step::Database)).step,
        Step::Database
    );
}

#[test]
fn database_must_be_confirmed_by_a_re_read() {
    let s = reduce(
        &at_database(),
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "salesforce".into(),
        }),
    );
    assert!(s.busy);
    let mut patched = conn(ConnectionState::NeedAuthentication);
    patched.db_key = Some("DATABASE_URL".into());
    patched.schema_name = Some("salesforce".into());
    let s = reduce(
        &s,
        Action::Database(DatabaseMsg::Saved(Ok(patched.clone()))),
    );
    assert!(s.busy);
    assert_eq!(
        s.step,
        Step::Database,
        "the PATCH answer alone does not advance"
    );

    // The CLI's silent failure: 2xx, but the re-read shows nothing changed.
    let silent = reduce(
        &s,
        Action::Database(DatabaseMsg::ReRead(Ok(conn(ConnectionState::New)))),
    );
    assert_eq!(silent.step, Step::Database);
    assert!(matches!(
        silent.last_error,
        Some(FlowError::DatabaseNotSaved {
            found_db_key: None,
            ..
        })
    ));
    assert!(!silent.busy);

    let ok = reduce(&s, Action::Database(DatabaseMsg::ReRead(Ok(patched))));
    assert_eq!(ok.step, Step::Salesforce);
    assert_eq!(ok.last_error, None);
}

#[test]
fn invalid_input_never_reaches_the_api() {
    let s = at_database();
    let bad = reduce(
        &s,
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "1st".into(),
        }),
    );
    assert_eq!(
        bad.last_error,
        Some(FlowError::InvalidSchemaName("1st".into()))
    );
    assert!(!bad.busy);
    let none = reduce(
        &s,
        Action::Database(DatabaseMsg::Chosen {
            db_key: " ".into(),
            schema_name: "salesforce".into(),
        }),
    );
    assert_eq!(none.last_error, Some(FlowError::NoDbKey));
    let custom = reduce(
        &s,
        Action::Salesforce(SalesforceMsg::EnvironmentChosen {
            environment: connect_pilot::flow::SfEnvironment::Custom,
            domain: Some("  ".into()),
        }),
    );
    let refused = reduce(
        &custom,
        Action::Salesforce(SalesforceMsg::AuthorizeRequested { next: "x".into() }),
    );
    assert_eq!(refused.last_error, Some(FlowError::MissingSalesforceDomain));
    let plan = reduce(
        &s,
        Action::Addons(AddonsMsg::PlanChosen {
            kind: AddonKind::Connect,
            plan: "herokuconnect:shield".into(),
        }),
    );
    assert_eq!(plan.connect_plan, "herokuconnect:demo");
    assert!(matches!(
        plan.last_error,
        Some(FlowError::PlanNotOffered(_))
    ));
}

#[test]
fn the_salesforce_wait_expires_after_fifteen_minutes_and_can_restart() {
    let mut s = at_database();
    s.step = Step::Salesforce;
    let s = reduce(
        &s,
        Action::Salesforce(SalesforceMsg::WaitStarted { now_ms: 10_000 }),
    );
    let still = reduce(
        &s,
        Action::Tick {
            now_ms: 10_000 + WAIT_LIMIT_MS - 1,
        },
    );
    assert!(still.waiting_for_salesforce());
    assert!(!available_actions(&still).contains(&UserAction::Authorize));
    let expired = reduce(
        &s,
        Action::ConnectionPolled {
            result: Ok(conn(ConnectionState::NeedAuthentication)),
            now_ms: 10_000 + WAIT_LIMIT_MS,
        },
    );
    assert!(!expired.waiting_for_salesforce());
    assert!(expired.sf_wait_expired);
    assert_eq!(expired.last_error, Some(FlowError::SalesforceWaitExpired));
    assert!(available_actions(&expired).contains(&UserAction::CheckAgain));
    let again = reduce(
        &expired,
        Action::Salesforce(SalesforceMsg::CheckAgain {
            now_ms: 20 * 60 * 1000,
        }),
    );
    assert!(again.waiting_for_salesforce());
    assert_eq!(again.last_error, None);
}

#[test]
fn add_on_progress_and_planned_creates() {
    let mut s = State::default();
    s = reduce(&s, Action::Token(TokenMsg::Entered { remember: false }));
    s = reduce(
        &s,
        Action::App(AppMsg::Chosen {
            name: "acme-blank".into(),
            source: AppSource::Picked,
        }),
    );
    s = reduce(&s, Action::Addons(AddonsMsg::Loaded(Ok(vec![]))));
    assert_eq!(s.step, Step::Addons);
    let acts = available_actions(&s);
    assert!(acts.contains(&UserAction::AddAddon(AddonKind::Postgres)));
    assert!(acts.contains(&UserAction::AddAddon(AddonKind::Connect)));
    let calls = next_calls(&s);
    let bodies: Vec<String> = calls
        .iter()
        .filter_map(|c| c.body.as_ref().map(|b| b.text()))
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"plan":"heroku-postgresql:essential-0"}"#,
            r#"{"plan":"herokuconnect:demo"}"#
        ]
    );
    assert_eq!(
        calls[0].heroku_cli.as_deref(),
        Some("heroku addons:create heroku-postgresql:essential-0 --app acme-blank")
    );

    s = reduce(
        &s,
        Action::Addons(AddonsMsg::CreateRequested(AddonKind::Connect)),
    );
    assert!(s.busy);
    assert!(available_actions(&s).is_empty(), "nothing to do while busy");
    let created = Addon {
        id: Some(connect_pilot::api::model::FlexId("d1".into())),
        addon_service: Some(Named {
            id: None,
            name: Some("herokuconnect".into()),
        }),
        state: Some("provisioning".into()),
        ..Addon::default()
    };
    s = reduce(&s, Action::Addons(AddonsMsg::Created(Ok(created.clone()))));
    assert_eq!(
        connect_pilot::flow::steps::addons::progress(&s.addons, AddonKind::Connect),
        connect_pilot::flow::AddonProgress::Provisioning
    );
    let mut ready = created;
    ready.state = Some("provisioned".into());
    s = reduce(&s, Action::Addons(AddonsMsg::Created(Ok(ready))));
    assert_eq!(
        s.addons.len(),
        1,
        "the same add-on is replaced, not duplicated"
    );
}

#[test]
fn navigation_is_bounded_by_what_is_known() {
    let s = State::default();
    let jumped = reduce(&s, Action::GoTo(Step::Monitor));
    assert_eq!(jumped.step, Step::Token);
    assert_eq!(
        jumped.last_error,
        Some(FlowError::StepNotReady(Step::Monitor))
    );
    assert_eq!(reduce(&s, Action::Back).step, Step::Token);
    let db = at_database();
    assert_eq!(reduce(&db, Action::Back).step, Step::Connection);
    assert_eq!(reduce(&db, Action::GoTo(Step::App)).step, Step::App);
    assert!(!db.can_enter(Step::Salesforce));
}

#[test]
fn the_app_picker_starts_on_the_detected_app_or_the_first() {
    let named = |name: &str| App {
        name: name.into(),
        ..App::default()
    };
    let mut s = State::default();
    assert_eq!(s.picker_app(), None, "an empty list selects nothing");
    s.apps = ["alpha", "beta", "gamma"].map(named).to_vec();
    assert_eq!(s.picker_app(), Some("alpha"), "the first, not the last");
    s.app = Some(AppChoice {
        name: "beta".into(),
        source: AppSource::DashboardTab,
    });
    assert_eq!(s.picker_app(), Some("beta"));
    s.app = Some(AppChoice {
        name: "gone".into(),
        source: AppSource::LastUsed,
    });
    assert_eq!(
        s.picker_app(),
        Some("alpha"),
        "an app not in the list falls back to the first"
    );
}

#[test]
fn choosing_another_app_forgets_the_old_apps_facts() {
    let s = at_database();
    let other = reduce(
        &s,
        Action::App(AppMsg::Chosen {
            name: "acme-eu".into(),
            source: AppSource::Picked,
        }),
    );
    assert!(other.connections.is_empty());
    assert_eq!(other.connection_id, None);
    assert_eq!(other.account_email, s.account_email);
    let same = reduce(
        &s,
        Action::App(AppMsg::Chosen {
            name: "acme-sync".into(),
            source: AppSource::LastUsed,
        }),
    );
    assert_eq!(same.connections, s.connections);
}

#[test]
fn a_login_tab_the_browser_would_not_open_leaves_nothing_to_wait_for() {
    let mut s = at_database();
    s.step = Step::Salesforce;
    // The wait is recorded before the tab opens, because opening it closes the popup.
    let waiting = reduce(
        &s,
        Action::Salesforce(SalesforceMsg::WaitStarted { now_ms: 10_000 }),
    );
    assert!(waiting.waiting_for_salesforce());
    let refused = reduce(
        &waiting,
        Action::BrowserFailed {
            task: BrowserTask::OpenSalesforce,
            detail: "Tabs cannot be edited right now".into(),
        },
    );
    assert!(!refused.waiting_for_salesforce());
    assert_eq!(refused.step, Step::Salesforce);
    assert!(!refused.busy);
    assert!(available_actions(&refused).contains(&UserAction::Authorize));
    let error = refused.last_error.clone().unwrap();
    assert_eq!(error.key(), "error_browser_open_salesforce");
    assert_eq!(
        error,
        FlowError::Browser {
            task: BrowserTask::OpenSalesforce,
            detail: "Tabs cannot be edited right now".into()
        }
    );
    assert_eq!(reduce(&refused, Action::ErrorDismissed).last_error, None);
}

#[test]
fn a_token_the_browser_would_not_store_or_forget_changes_nothing_else() {
    let fresh = State::default();
    let action = Action::BrowserFailed {
        task: BrowserTask::SaveToken,
        detail: "QUOTA_BYTES quota exceeded".into(),
    };
    let refused = reduce(&fresh, action.clone());
    assert_eq!(refused.step, Step::Token);
    assert!(!refused.token_present);
    // Nothing is sent with a token the extension could not keep.
    assert_eq!(effects(&fresh, &refused, &action), vec![]);
    assert_eq!(due_poll(&refused), None);
    assert_eq!(
        refused.last_error.as_ref().unwrap().key(),
        "error_browser_save_token"
    );

    let kept = at_database();
    let not_forgotten = reduce(
        &kept,
        Action::BrowserFailed {
            task: BrowserTask::ForgetToken,
            detail: "refused".into(),
        },
    );
    assert!(not_forgotten.token_present && not_forgotten.token_remembered);
    assert_eq!(not_forgotten.step, kept.step);
    assert_eq!(
        not_forgotten.last_error.as_ref().unwrap().key(),
        "error_browser_forget_token"
    );
}

/// The import session's watch shares the store's one poll: the connection is read fast while an
/// import settles, never sooner than a 429 allows, and not at all while a call is under way.
#[test]
fn an_import_being_watched_reads_the_connection_fast_through_the_same_poll() {
    use connect_pilot::flow::effect::{due_poll_importing, Effect, Poll};
    use connect_pilot::flow::monitor::FAST_POLL_MS;
    let s = at_database();
    assert_eq!(
        due_poll(&s),
        None,
        "the database step reads nothing on its own"
    );
    let fast = Some(Poll {
        effect: Effect::PollConnection,
        after_ms: FAST_POLL_MS,
    });
    assert_eq!(due_poll_importing(&s, true), fast);
    assert_eq!(due_poll_importing(&s, false), None);
    let busy = State {
        busy: true,
        ..s.clone()
    };
    assert_eq!(due_poll_importing(&busy, true), None);
    let mut limited = http(429);
    if let connect_pilot::api::ApiError::Http(h) = &mut limited {
        h.retry_after = Some(30);
    }
    let s = reduce(&s, Action::ApiFailed(limited));
    assert_eq!(
        due_poll_importing(&s, true).map(|p| p.after_ms),
        Some(30_000)
    );
}
