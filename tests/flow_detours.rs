#![cfg(not(target_arch = "wasm32"))]
//! The setup off the happy path, on the state machine alone: a late answer about a connection that
//! is no longer listed, a token Heroku refused, and a user the app does not let in.

mod common;

use common::states::{at_database, conn, database_chosen, discovered, http, run, step, tab};
use connect_pilot::api::model::ConnectionState;
use connect_pilot::api::Method;
use connect_pilot::flow::access::Denial;
use connect_pilot::flow::effect::{due_poll, Effect};
use connect_pilot::flow::{
    available_actions, next_calls, reduce, Action, AppSource, FlowError, State, Step, UserAction,
};
use connect_pilot::flow::{AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, LinkMsg, TokenMsg};

// --- A late answer (the shrunk case of flow_props' seed 3aaf7d49…) -----------------------------

#[test]
fn a_late_save_for_a_connection_no_longer_listed_leaves_nothing_busy() {
    let s = run(
        State::default(),
        [
            Action::Token(TokenMsg::Entered { remember: false }),
            Action::App(AppMsg::Chosen {
                name: "acme-sync".into(),
                source: AppSource::Picked,
            }),
            discovered(vec![conn(ConnectionState::New)]),
            database_chosen(),
        ],
    );
    assert!(s.busy && s.database_pending.is_some());
    let (s, _) = step(&s, discovered(vec![]));
    assert_eq!(s.connection_id, None);
    assert_eq!(s.database_pending, None, "nothing left to save to");

    let (s, out) = step(
        &s,
        Action::Database(DatabaseMsg::Saved(Ok(conn(ConnectionState::New)))),
    );
    assert!(!s.busy, "busy with nothing to wait for");
    assert_eq!(out, vec![]);
    assert!(
        s.connections.is_empty(),
        "the gone connection is not listed again"
    );
    assert_eq!(due_poll(&s), None);
}

#[test]
fn a_late_save_for_another_connection_does_not_re_read_the_chosen_one() {
    let mut c2 = conn(ConnectionState::New);
    c2.id = "c2".into();
    let s = run(
        at_database(),
        [
            discovered(vec![conn(ConnectionState::New), c2.clone()]),
            database_chosen(),
            Action::Connection(ConnectionMsg::Chosen("c2".into())),
        ],
    );
    let (s, out) = step(
        &s,
        Action::Database(DatabaseMsg::Saved(Ok(conn(ConnectionState::New)))),
    );
    assert!(!s.busy);
    assert_eq!(s.database_pending, None);
    assert!(!out.contains(&Effect::ReReadConnection), "{out:?}");
    // A re-read of c2 arriving anyway settles nothing: c2 was never saved.
    let (s, _) = step(&s, Action::Database(DatabaseMsg::ReRead(Ok(c2))));
    assert_eq!(s.step, Step::Database);
    assert_eq!(s.last_error, None);
}

// --- A refused token ----------------------------------------------------------------------------

#[test]
fn a_refused_token_is_forgotten_wherever_the_answer_came_from() {
    let s = at_database();
    assert!(s.token_remembered);
    for action in [
        Action::Token(TokenMsg::AccountLoaded(Err(http(401)))),
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(401)))),
        Action::Link(LinkMsg::Linked(Err(http(401)))),
        Action::ConnectionPolled {
            result: Err(http(401)),
            now_ms: 1,
        },
        Action::ApiFailed(http(401)),
    ] {
        let (after, out) = step(&s, action.clone());
        assert!(out.contains(&Effect::ForgetToken), "{action:?}: {out:?}");
        assert!(
            !after.token_present && !after.token_remembered,
            "{action:?}"
        );
        assert_eq!(after.step, Step::Token);
        assert_eq!(
            after.last_error.as_ref().map(FlowError::key),
            Some("error_hint_enter_token")
        );
    }
    for status in [403, 404, 429, 500] {
        let (_, out) = step(
            &s,
            Action::Database(DatabaseMsg::KeysLoaded(Err(http(status)))),
        );
        assert!(!out.contains(&Effect::ForgetToken), "{status}: {out:?}");
    }
}

// --- A user the app does not let in -------------------------------------------------------------

/// Signed in, acme-sync from the tab, on the Add-ons step where its reads are sent.
fn at_addons() -> State {
    run(
        State::default(),
        [
            tab("acme-sync"),
            Action::Token(TokenMsg::Entered { remember: false }),
            Action::Token(TokenMsg::AccountLoaded(Ok(Default::default()))),
        ],
    )
}

#[test]
fn a_403_about_the_app_or_from_linking_never_offers_the_link_again() {
    for refused in [
        Action::App(AppMsg::Loaded(Err(http(403)))),
        Action::Addons(AddonsMsg::Loaded(Err(http(403)))),
        Action::Link(LinkMsg::Linked(Err(http(403)))),
    ] {
        let s = at_addons();
        assert_eq!(s.step, Step::Addons);
        let (s, out) = step(&s, refused.clone());
        assert_eq!(s.step, Step::App, "{refused:?}");
        assert_eq!(s.app_denied, Some(Denial::NoAppAccess));
        assert_eq!(
            s.last_error.as_ref().map(FlowError::key),
            Some("error_no_app_access")
        );
        assert!(
            matches!(&s.last_error, Some(FlowError::AppDenied { error, .. }) if error.status() == Some(403))
        );
        assert!(!out.iter().any(|e| matches!(e, Effect::Link(_))));
        let offered = available_actions(&s);
        assert!(!offered.contains(&UserAction::Link), "{offered:?}");
        assert!(offered.contains(&UserAction::EnterToken));
        assert!(
            next_calls(&s)
                .iter()
                .all(|c| c.method == Method::Get && c.path == "/apps"),
            "no call about the refused app is offered"
        );
        // The user's own app list arriving (the App step asks for it) keeps the alert.
        let s = reduce(&s, Action::App(AppMsg::ListLoaded(Ok(vec![]))));
        assert_eq!(
            s.last_error.as_ref().map(FlowError::key),
            Some("error_no_app_access")
        );
        // Dismissing the alert does not bring the refused steps back.
        let s = reduce(&s, Action::ErrorDismissed);
        assert!(!s.can_enter(Step::Addons));
        assert_eq!(reduce(&s, Action::GoTo(Step::Link)).step, Step::App);
    }
}

#[test]
fn a_403_from_a_connection_call_still_means_link_first() {
    let s = reduce(
        &at_database(),
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(403)))),
    );
    assert_eq!(s.step, Step::Link);
    assert_eq!(s.app_denied, None);
    assert_eq!(
        s.last_error.as_ref().map(FlowError::key),
        Some("error_hint_link_access")
    );
    assert!(available_actions(&s).contains(&UserAction::Link));
}

#[test]
fn a_404_about_the_app_says_there_is_no_such_app() {
    for refused in [
        Action::App(AppMsg::Loaded(Err(http(404)))),
        Action::Link(LinkMsg::Linked(Err(http(404)))),
    ] {
        let s = reduce(&at_addons(), refused);
        assert_eq!(s.step, Step::App);
        assert_eq!(s.app_denied, Some(Denial::NoSuchApp));
        assert_eq!(
            s.last_error.as_ref().map(FlowError::key),
            Some("error_no_such_app")
        );
    }
    // The database choices are read by app name: their 404 is about the app too.
    let s = reduce(
        &at_database(),
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(404)))),
    );
    assert_eq!(s.app_denied, Some(Denial::NoSuchApp));
    // A 404 on a call about the connection itself is not: the step stays, with its own hint.
    let s = reduce(
        &at_database(),
        Action::Database(DatabaseMsg::Saved(Err(http(404)))),
    );
    assert_eq!(s.app_denied, None);
    assert_eq!(s.step, Step::Database);
    assert_eq!(
        s.last_error.as_ref().map(FlowError::key),
        Some("error_hint_refresh")
    );
}

#[test]
fn another_token_or_choosing_the_app_again_asks_heroku_once_more() {
    let denied = reduce(&at_addons(), Action::App(AppMsg::Loaded(Err(http(403)))));
    // Another token: the same app is tried with it.
    let s = reduce(&denied, Action::Token(TokenMsg::Forgotten));
    assert_eq!(s.step, Step::Token);
    assert_eq!(
        s.last_error, None,
        "the refusal is not shown over the new sign-in"
    );
    let (s, _) = step(&s, Action::Token(TokenMsg::Entered { remember: false }));
    assert_eq!(s.app_denied, None);
    let (s, out) = step(
        &s,
        Action::Token(TokenMsg::AccountLoaded(Ok(Default::default()))),
    );
    assert_eq!(s.step, Step::Addons);
    assert!(
        out.contains(&Effect::LoadAddons("acme-sync".into())),
        "{out:?}"
    );
    // Choosing the app again (after its owner let the user in) retries too.
    let (s, out) = step(
        &denied,
        Action::App(AppMsg::Chosen {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
    );
    assert_eq!((s.step, s.app_denied), (Step::Addons, None));
    assert!(
        out.contains(&Effect::LoadAddons("acme-sync".into())),
        "{out:?}"
    );
}
