#![cfg(not(target_arch = "wasm32"))]
//! The setup off the happy path, on the state machine alone: a late answer about a connection that
//! is no longer listed, a token Heroku refused, a user the app does not let in, the dashboard tab
//! the popup is opened over, and what the user typed but has not saved yet.

mod common;

use common::states::{at_database, conn, discovered, http, run};
use connect_pilot::api::model::{Account, Addon, AppDbKeys, ConnectionState, DbKey, Named};
use connect_pilot::api::Method;
use connect_pilot::flow::access::Denial;
use connect_pilot::flow::effect::{due_poll, effects, Effect};
use connect_pilot::flow::{
    available_actions, next_calls, reduce, Action, AppSource, FlowError, State, Step, UserAction,
};

fn database_chosen() -> Action {
    Action::DatabaseChosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    }
}

/// `reduce`, plus the effects it asks for.
fn step(s: &State, action: Action) -> (State, Vec<Effect>) {
    let after = reduce(s, action.clone());
    let out = effects(s, &after, &action);
    (after, out)
}

fn tab(app: &str) -> Action {
    Action::DashboardUrlSeen {
        url: format!("https://dashboard.heroku.com/apps/{app}"),
        emulator_origin: None,
    }
}

fn chosen(s: &State) -> Option<(&str, AppSource)> {
    s.app.as_ref().map(|a| (a.name.as_str(), a.source))
}

// --- A late answer (the shrunk case of flow_props' seed 3aaf7d49…) -----------------------------

#[test]
fn a_late_save_for_a_connection_no_longer_listed_leaves_nothing_busy() {
    let s = run(
        State::default(),
        [
            Action::TokenEntered { remember: false },
            Action::AppChosen {
                name: "acme-sync".into(),
                source: AppSource::Picked,
            },
            discovered(vec![conn(ConnectionState::New)]),
            database_chosen(),
        ],
    );
    assert!(s.busy && s.database_pending.is_some());
    let (s, _) = step(&s, discovered(vec![]));
    assert_eq!(s.connection_id, None);
    assert_eq!(s.database_pending, None, "nothing left to save to");

    let (s, out) = step(&s, Action::DatabaseSaved(Ok(conn(ConnectionState::New))));
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
            Action::ConnectionChosen("c2".into()),
        ],
    );
    let (s, out) = step(&s, Action::DatabaseSaved(Ok(conn(ConnectionState::New))));
    assert!(!s.busy);
    assert_eq!(s.database_pending, None);
    assert!(!out.contains(&Effect::ReReadConnection), "{out:?}");
    // A re-read of c2 arriving anyway settles nothing: c2 was never saved.
    let (s, _) = step(&s, Action::DatabaseReRead(Ok(c2)));
    assert_eq!(s.step, Step::Database);
    assert_eq!(s.last_error, None);
}

// --- A refused token ----------------------------------------------------------------------------

#[test]
fn a_refused_token_is_forgotten_wherever_the_answer_came_from() {
    let s = at_database();
    assert!(s.token_remembered);
    for action in [
        Action::AccountLoaded(Err(http(401))),
        Action::DbKeysLoaded(Err(http(401))),
        Action::Linked(Err(http(401))),
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
        let (_, out) = step(&s, Action::DbKeysLoaded(Err(http(status))));
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
            Action::TokenEntered { remember: false },
            Action::AccountLoaded(Ok(Default::default())),
        ],
    )
}

#[test]
fn a_403_about_the_app_or_from_linking_never_offers_the_link_again() {
    for refused in [
        Action::AppLoaded(Err(http(403))),
        Action::AddonsLoaded(Err(http(403))),
        Action::Linked(Err(http(403))),
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
        let s = reduce(&s, Action::AppsLoaded(Ok(vec![])));
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
    let s = reduce(&at_database(), Action::DbKeysLoaded(Err(http(403))));
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
        Action::AppLoaded(Err(http(404))),
        Action::Linked(Err(http(404))),
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
    let s = reduce(&at_database(), Action::DbKeysLoaded(Err(http(404))));
    assert_eq!(s.app_denied, Some(Denial::NoSuchApp));
    // A 404 on a call about the connection itself is not: the step stays, with its own hint.
    let s = reduce(&at_database(), Action::DatabaseSaved(Err(http(404))));
    assert_eq!(s.app_denied, None);
    assert_eq!(s.step, Step::Database);
    assert_eq!(
        s.last_error.as_ref().map(FlowError::key),
        Some("error_hint_refresh")
    );
}

#[test]
fn another_token_or_choosing_the_app_again_asks_heroku_once_more() {
    let denied = reduce(&at_addons(), Action::AppLoaded(Err(http(403))));
    // Another token: the same app is tried with it.
    let s = reduce(&denied, Action::TokenForgotten);
    assert_eq!(s.step, Step::Token);
    assert_eq!(
        s.last_error, None,
        "the refusal is not shown over the new sign-in"
    );
    let (s, _) = step(&s, Action::TokenEntered { remember: false });
    assert_eq!(s.app_denied, None);
    let (s, out) = step(&s, Action::AccountLoaded(Ok(Default::default())));
    assert_eq!(s.step, Step::Addons);
    assert!(
        out.contains(&Effect::LoadAddons("acme-sync".into())),
        "{out:?}"
    );
    // Choosing the app again (after its owner let the user in) retries too.
    let (s, out) = step(
        &denied,
        Action::AppChosen {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        },
    );
    assert_eq!((s.step, s.app_denied), (Step::Addons, None));
    assert!(
        out.contains(&Effect::LoadAddons("acme-sync".into())),
        "{out:?}"
    );
}

// --- The dashboard tab --------------------------------------------------------------------------

#[test]
fn before_a_token_the_tab_suggests_the_app_and_moves_no_step() {
    let s = reduce(&State::default(), tab("acme-eu"));
    assert_eq!(chosen(&s), Some(("acme-eu", AppSource::DashboardTab)));
    assert_eq!(s.step, Step::Token);
    let s = reduce(&s, tab("acme-sync"));
    assert_eq!(chosen(&s), Some(("acme-sync", AppSource::DashboardTab)));
    assert_eq!(s.step, Step::Token);
    let junk = reduce(
        &s,
        Action::DashboardUrlSeen {
            url: "https://evil.example/apps/x".into(),
            emulator_origin: None,
        },
    );
    assert_eq!(junk.app, s.app);
}

#[test]
fn the_popup_follows_the_dashboard_tab_it_is_opened_over() {
    let s = at_database();
    assert_eq!(chosen(&s), Some(("acme-sync", AppSource::DashboardTab)));
    let (eu, out) = step(&s, tab("acme-eu"));
    assert_eq!(chosen(&eu), Some(("acme-eu", AppSource::DashboardTab)));
    assert_eq!(eu.step, Step::Addons);
    assert!(
        eu.connections.is_empty(),
        "acme-sync's facts are not acme-eu's"
    );
    assert_eq!(eu.tab_app, None);
    assert!(
        out.contains(&Effect::LoadAddons("acme-eu".into())),
        "{out:?}"
    );
    // The same tab again changes nothing.
    assert_eq!(reduce(&s, tab("acme-sync")), s);
}

/// Both add-ons of an app, provisioned.
fn provisioned() -> Action {
    let addon = |service: &str| Addon {
        addon_service: Some(Named {
            id: None,
            name: Some(service.into()),
        }),
        state: Some("provisioned".into()),
        ..Addon::default()
    };
    Action::AddonsLoaded(Ok(vec![addon("heroku-postgresql"), addon("herokuconnect")]))
}

#[test]
fn back_on_an_app_linked_before_the_popup_needs_no_second_link() {
    let sync = at_database();
    assert!(sync.linked);
    let eu = run(sync, [tab("acme-eu"), provisioned()]);
    assert_eq!(eu.step, Step::Link, "acme-eu was never linked");
    let (back, _) = step(&eu, tab("acme-sync"));
    assert!(back.linked, "acme-sync was linked by this account");
    let (back, out) = step(&back, provisioned());
    assert_eq!(back.step, Step::Connection);
    assert_eq!(
        out,
        vec![Effect::Discover("acme-sync".into())],
        "a read, no link"
    );
    let (back, _) = step(&back, discovered(vec![conn(ConnectionState::New)]));
    assert_eq!(back.step, Step::Database);

    // Another account did not link it.
    let other = run(
        back.clone(),
        [
            Action::TokenForgotten,
            tab("acme-eu"),
            Action::TokenEntered { remember: false },
            Action::AccountLoaded(Ok(Account {
                email: "someone@else.example".into(),
                ..Default::default()
            })),
            tab("acme-sync"),
        ],
    );
    assert!(!other.linked);
    // Dropped from the access list: the memory goes too.
    let dropped = reduce(&back, Action::DbKeysLoaded(Err(http(403))));
    assert_eq!(dropped.step, Step::Link);
    let again = run(dropped, [tab("acme-eu"), tab("acme-sync"), provisioned()]);
    assert_eq!(again.step, Step::Link);
}

#[test]
fn an_app_the_user_picked_stays_and_the_tabs_app_is_one_click_away() {
    let picked = reduce(
        &at_database(),
        Action::AppChosen {
            name: "acme-eu".into(),
            source: AppSource::Picked,
        },
    );
    assert_eq!(
        picked.tab_app.as_deref(),
        Some("acme-sync"),
        "the tab's app is offered at once"
    );
    let s = reduce(&picked, tab("acme-blank"));
    assert_eq!(chosen(&s), Some(("acme-eu", AppSource::Picked)));
    assert_eq!(s.tab_app.as_deref(), Some("acme-blank"));
    // Reopened over the picked app's own tab: nothing to offer.
    assert_eq!(reduce(&s, tab("acme-eu")).tab_app, None);
    // Taking the offer: the tab's app, followed from then on.
    let (took, out) = step(
        &s,
        Action::AppChosen {
            name: "acme-blank".into(),
            source: AppSource::DashboardTab,
        },
    );
    assert_eq!(chosen(&took), Some(("acme-blank", AppSource::DashboardTab)));
    assert_eq!(took.tab_app, None);
    assert!(
        out.contains(&Effect::LoadAddons("acme-blank".into())),
        "{out:?}"
    );
    assert_eq!(
        chosen(&reduce(&took, tab("acme-sync"))),
        Some(("acme-sync", AppSource::DashboardTab))
    );
}

// --- What the user typed ------------------------------------------------------------------------

#[test]
fn a_typed_schema_survives_later_answers_and_the_popup_closing() {
    let s = reduce(
        &at_database(),
        Action::DatabaseEdited {
            db_key: "HEROKU_POSTGRESQL_RED_URL".into(),
            schema_name: "sales_eu".into(),
        },
    );
    let mut detail = conn(ConnectionState::New);
    detail.schema_name = Some("salesforce".into());
    detail.db_key = Some("DATABASE_URL".into());
    let s = run(
        s,
        [
            // The answers the database step's entry asked for, arriving after the typing.
            Action::DbKeysLoaded(Ok(AppDbKeys {
                db_keys: vec![
                    DbKey {
                        name: "DATABASE_URL".into(),
                        addon: None,
                    },
                    DbKey {
                        name: "HEROKU_POSTGRESQL_RED_URL".into(),
                        addon: None,
                    },
                ],
            })),
            discovered(vec![detail.clone()]),
            Action::ConnectionPolled {
                result: Ok(detail),
                now_ms: 1,
            },
        ],
    );
    assert_eq!(s.schema_name, "sales_eu");
    assert_eq!(s.db_key.as_deref(), Some("HEROKU_POSTGRESQL_RED_URL"));
    assert_eq!(s.step, Step::Database);

    // The popup closing and reopening: the state goes through storage as JSON.
    let back: State = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.schema_name, "sales_eu");
    assert!(back.database_edited);
}

#[test]
fn saving_or_another_connection_ends_the_edit() {
    let edited = reduce(
        &at_database(),
        Action::DatabaseEdited {
            db_key: "".into(),
            schema_name: "sales_eu".into(),
        },
    );
    assert_eq!(
        edited.db_key, None,
        "an empty list's placeholder is no choice"
    );
    let mut c2 = conn(ConnectionState::New);
    c2.id = "c2".into();
    let other = run(
        edited.clone(),
        [
            discovered(vec![conn(ConnectionState::New), c2]),
            Action::ConnectionChosen("c2".into()),
        ],
    );
    assert_eq!(other.schema_name, "salesforce");
    assert!(!other.database_edited);

    let saving = reduce(
        &edited,
        Action::DatabaseChosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "sales_eu".into(),
        },
    );
    let mut saved = conn(ConnectionState::NeedAuthentication);
    saved.db_key = Some("DATABASE_URL".into());
    saved.schema_name = Some("sales_eu".into());
    let s = run(
        saving,
        [
            Action::DatabaseSaved(Ok(saved.clone())),
            Action::DatabaseReRead(Ok(saved)),
        ],
    );
    assert_eq!(s.step, Step::Salesforce);
    assert!(!s.database_edited);
}

#[test]
fn another_app_starts_with_a_blank_form() {
    let edited = reduce(
        &at_database(),
        Action::DatabaseEdited {
            db_key: "DATABASE_URL".into(),
            schema_name: "sales_eu".into(),
        },
    );
    let s = reduce(&edited, tab("acme-eu"));
    assert_eq!(s.schema_name, "salesforce");
    assert!(!s.database_edited);
}
