#![cfg(not(target_arch = "wasm32"))]
//! What the popup keeps across closing and opening, on the state machine alone: it follows the
//! dashboard tab it is opened over (unless the user picked the app), remembers which apps this
//! account linked, and keeps what the user typed on the database step against later answers.

mod common;

use common::states::{at_database, chosen, conn, discovered, http, run, step, tab};
use connect_pilot::api::model::{Account, Addon, AppDbKeys, ConnectionState, DbKey, Named};
use connect_pilot::flow::effect::Effect;
use connect_pilot::flow::{reduce, Action, AppSource, State, Step};
use connect_pilot::flow::{AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, TokenMsg};

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
        Action::App(AppMsg::DashboardUrlSeen {
            url: "https://evil.example/apps/x".into(),
            emulator_origin: None,
        }),
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
    Action::Addons(AddonsMsg::Loaded(Ok(vec![
        addon("heroku-postgresql"),
        addon("herokuconnect"),
    ])))
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
            Action::Token(TokenMsg::Forgotten),
            tab("acme-eu"),
            Action::Token(TokenMsg::Entered { remember: false }),
            Action::Token(TokenMsg::AccountLoaded(Ok(Account {
                email: "someone@else.example".into(),
                ..Default::default()
            }))),
            tab("acme-sync"),
        ],
    );
    assert!(!other.linked);
    // Dropped from the access list: the memory goes too.
    let dropped = reduce(
        &back,
        Action::Database(DatabaseMsg::KeysLoaded(Err(http(403)))),
    );
    assert_eq!(dropped.step, Step::Link);
    let again = run(dropped, [tab("acme-eu"), tab("acme-sync"), provisioned()]);
    assert_eq!(again.step, Step::Link);
}

#[test]
fn an_app_the_user_picked_stays_and_the_tabs_app_is_one_click_away() {
    let picked = reduce(
        &at_database(),
        Action::App(AppMsg::Chosen {
            name: "acme-eu".into(),
            source: AppSource::Picked,
        }),
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
        Action::App(AppMsg::Chosen {
            name: "acme-blank".into(),
            source: AppSource::DashboardTab,
        }),
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
        Action::Database(DatabaseMsg::Edited {
            db_key: "HEROKU_POSTGRESQL_RED_URL".into(),
            schema_name: "sales_eu".into(),
        }),
    );
    let mut detail = conn(ConnectionState::New);
    detail.schema_name = Some("salesforce".into());
    detail.db_key = Some("DATABASE_URL".into());
    let s = run(
        s,
        [
            // The answers the database step's entry asked for, arriving after the typing.
            Action::Database(DatabaseMsg::KeysLoaded(Ok(AppDbKeys {
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
            }))),
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
        Action::Database(DatabaseMsg::Edited {
            db_key: "".into(),
            schema_name: "sales_eu".into(),
        }),
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
            Action::Connection(ConnectionMsg::Chosen("c2".into())),
        ],
    );
    assert_eq!(other.schema_name, "salesforce");
    assert!(!other.database_edited);

    let saving = reduce(
        &edited,
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "sales_eu".into(),
        }),
    );
    let mut saved = conn(ConnectionState::NeedAuthentication);
    saved.db_key = Some("DATABASE_URL".into());
    saved.schema_name = Some("sales_eu".into());
    let s = run(
        saving,
        [
            Action::Database(DatabaseMsg::Saved(Ok(saved.clone()))),
            Action::Database(DatabaseMsg::ReRead(Ok(saved))),
        ],
    );
    assert_eq!(s.step, Step::Salesforce);
    assert!(!s.database_edited);
}

#[test]
fn another_app_starts_with_a_blank_form() {
    let edited = reduce(
        &at_database(),
        Action::Database(DatabaseMsg::Edited {
            db_key: "DATABASE_URL".into(),
            schema_name: "sales_eu".into(),
        }),
    );
    let s = reduce(&edited, tab("acme-eu"));
    assert_eq!(s.schema_name, "salesforce");
    assert!(!s.database_edited);
}

// --- What each page saves ----------------------------------------------------------------------

#[test]
fn the_tabs_own_part_is_saved_apart_and_the_popup_never_sees_it() {
    use connect_pilot::flow::diagnose::Diagnosis;
    let mut s = at_database();
    s.tab.diagnosis = Diagnosis::Running {
        result_url: Some("https://connect-virginia.heroku.com/validations/1".into()),
        polls: 2,
    };
    let popup_saved = serde_json::to_value(&s).unwrap();
    assert!(popup_saved.get("diagnosis").is_none(), "{popup_saved}");
    assert!(popup_saved.get("import").is_none(), "{popup_saved}");
    // The popup starts from the state alone: no diagnosis to follow.
    let popup: State = serde_json::from_value(popup_saved).unwrap();
    assert_eq!(popup.tab.diagnosis, Diagnosis::Idle);
    assert_eq!(popup.schema_name, s.schema_name);
    // The tab puts its part back.
    let part = serde_json::to_string(&s.tab_part()).unwrap();
    let tab = popup.with_tab_part(serde_json::from_str(&part).unwrap());
    assert_eq!(tab, s);
}

#[test]
fn the_tabs_part_about_another_connection_is_left_out() {
    use connect_pilot::flow::diagnose::Diagnosis;
    let mut s = at_database();
    s.tab.diagnosis = Diagnosis::Lost;
    let part = s.tab_part();
    assert_eq!(part.connection_id.as_deref(), Some("c1"));
    // The popup (which never reads the tab's part) switched to another app meanwhile.
    let popup: State = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    let elsewhere = reduce(&popup, tab("acme-eu"));
    assert_eq!(
        reduce(&s, tab("acme-eu")).tab.diagnosis,
        Diagnosis::Idle,
        "nor in the tab itself"
    );
    let restored = elsewhere.clone().with_tab_part(part.clone());
    assert_eq!(restored.tab.diagnosis, Diagnosis::Idle);
    assert_eq!(restored, elsewhere);
    // Back on the same connection, it is put back.
    assert_eq!(
        at_database().with_tab_part(part).tab.diagnosis,
        Diagnosis::Lost
    );
}
