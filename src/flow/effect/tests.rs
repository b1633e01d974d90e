//! Tests of which calls follow each action and which poll is due.

use super::*;
use crate::api::model::{Account, App, AuthorizeUrl, Connection, ConnectionState};
use crate::api::Discovered;
use crate::flow::{reduce, AddonKind, AppChoice, AppSource, SfEnvironment};
use crate::flow::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, LinkMsg, MonitorMsg, SalesforceMsg, TokenMsg,
};

const NEXT: &str = "chrome-extension://x/www/app.html#/salesforce-done";

fn conn(state: &str, db: bool, org: bool) -> Connection {
    Connection {
        id: "c1".into(),
        app_name: Some("acme-sync".into()),
        region_url: Some("https://connect-virginia.heroku.com".into()),
        state: Some(ConnectionState::parse(state)),
        db_key: db.then(|| "DATABASE_URL".into()),
        schema_name: db.then(|| "salesforce".into()),
        organization_id: org.then(|| "00D".into()),
        ..Connection::default()
    }
}

fn with_app(step: Step) -> State {
    State {
        step,
        token_present: true,
        app: Some(AppChoice {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
        ..State::default()
    }
}

fn with_conn(step: Step, c: Connection) -> State {
    State {
        linked: true,
        connection_id: Some(c.id.clone()),
        db_key: c.db_key.clone(),
        connections: vec![c],
        ..with_app(step)
    }
}

/// The effects of `action` in `s`, as the store computes them.
fn run(s: &State, action: Action) -> Vec<Effect> {
    let after = reduce(s, action.clone());
    effects(s, &after, &action)
}

fn account() -> Action {
    Action::Token(TokenMsg::AccountLoaded(Ok(Account {
        email: "demo@example.com".into(),
        ..Account::default()
    })))
}

fn err(status: u16) -> crate::api::ApiError {
    crate::api::ApiError::from_response(&crate::api::HttpResponse {
        status,
        ..Default::default()
    })
}

#[test]
fn token_and_account() {
    let s = State::default();
    assert_eq!(
        run(&s, Action::Token(TokenMsg::Entered { remember: false })),
        vec![Effect::LoadAccount]
    );
    assert_eq!(run(&s, account()), vec![Effect::LoadApps]);
    // A refused token is removed from storage; nothing is sent with it.
    assert_eq!(
        run(&s, Action::Token(TokenMsg::AccountLoaded(Err(err(401))))),
        vec![Effect::ForgetToken]
    );

    // The app list is already there (a token re-entered mid-setup): no second GET /apps,
    // only what the step the user returns to needs.
    let loaded = State {
        apps: vec![App {
            name: "acme-sync".into(),
            ..App::default()
        }],
        token_present: false,
        ..with_app(Step::Token)
    };
    assert_eq!(
        run(&loaded, account()),
        vec![
            Effect::LoadApp("acme-sync".into()),
            Effect::LoadAddons("acme-sync".into())
        ]
    );
    let apps_only = State {
        app: None,
        ..loaded
    };
    assert_eq!(run(&apps_only, account()), vec![]);
}

#[test]
fn app_steps() {
    let s = State {
        step: Step::App,
        token_present: true,
        ..State::default()
    };
    let chosen = Action::App(AppMsg::Chosen {
        name: "acme-blank".into(),
        source: AppSource::Picked,
    });
    assert_eq!(
        run(&s, chosen.clone()),
        vec![
            Effect::LoadApp("acme-blank".into()),
            Effect::LoadAddons("acme-blank".into())
        ]
    );
    // Choosing the app already shown changes nothing to load.
    let again = reduce(&s, chosen.clone());
    assert_eq!(run(&again, chosen), vec![]);
    // An invalid name is ignored, so nothing is loaded.
    let bad = Action::App(AppMsg::Chosen {
        name: "Bad Name".into(),
        source: AppSource::Picked,
    });
    assert_eq!(run(&s, bad), vec![]);
    assert_eq!(
        run(
            &s,
            Action::App(AppMsg::CreateRequested {
                name: Some("acme-new".into()),
                region: "eu".into()
            })
        ),
        vec![Effect::CreateApp {
            name: Some("acme-new".into()),
            region: "eu".into()
        }]
    );
}

#[test]
fn addons() {
    let s = with_app(Step::Addons);
    assert_eq!(
        run(
            &s,
            Action::Addons(AddonsMsg::CreateRequested(AddonKind::Connect))
        ),
        vec![Effect::CreateAddon {
            app: "acme-sync".into(),
            plan: "herokuconnect:demo".into()
        }]
    );
    // The chosen plan is the one created.
    let s = reduce(
        &s,
        Action::Addons(AddonsMsg::PlanChosen {
            kind: AddonKind::Postgres,
            plan: "heroku-postgresql:essential-1".into(),
        }),
    );
    assert_eq!(
        run(
            &s,
            Action::Addons(AddonsMsg::CreateRequested(AddonKind::Postgres))
        ),
        vec![Effect::CreateAddon {
            app: "acme-sync".into(),
            plan: "heroku-postgresql:essential-1".into()
        }]
    );
    // No app: nothing to create it on.
    let none = State {
        step: Step::Addons,
        ..State::default()
    };
    assert_eq!(
        run(
            &none,
            Action::Addons(AddonsMsg::CreateRequested(AddonKind::Postgres))
        ),
        vec![]
    );
    assert_eq!(
        run(&s, Action::Addons(AddonsMsg::Loaded(Ok(vec![])))),
        vec![]
    );
}

#[test]
fn link_and_discovery() {
    let s = with_app(Step::Link);
    assert_eq!(
        run(&s, Action::Link(LinkMsg::Requested)),
        vec![Effect::Link("acme-sync".into())]
    );
    // Linking asks for discovery and enters the Connection step, which would ask again:
    // exactly one discovery.
    let linking = reduce(&s, Action::Link(LinkMsg::Requested));
    assert_eq!(
        run(
            &linking,
            Action::Link(LinkMsg::Linked(Ok(Default::default())))
        ),
        vec![Effect::Discover("acme-sync".into())]
    );
    // Busy until discovery answers, so the step says it is searching.
    let linked = reduce(
        &linking,
        Action::Link(LinkMsg::Linked(Ok(Default::default()))),
    );
    assert_eq!((linked.step, linked.busy), (Step::Connection, true));
    // Refused to a non-member: no second link, only the user's own apps for the picker.
    assert_eq!(
        run(&linking, Action::Link(LinkMsg::Linked(Err(err(403))))),
        vec![Effect::LoadApps]
    );
    assert_eq!(
        run(
            &with_app(Step::Connection),
            Action::Connection(ConnectionMsg::DiscoverRequested)
        ),
        vec![Effect::Discover("acme-sync".into())]
    );

    let found = |c: Connection| {
        Action::Connection(ConnectionMsg::Discovered(Ok(Discovered {
            connections: vec![c],
            flow: crate::api::ConnectFlow::Discovery,
            used_fallback: false,
        })))
    };
    // One NEW connection: chosen, Database entered, its choices loaded.
    assert_eq!(
        run(&linking, found(conn("NEW", false, false))),
        vec![Effect::LoadDbKeys("acme-sync".into())]
    );
    // An authorized one lands on Import, and the discovery read is fresh: no re-read.
    assert_eq!(run(&linking, found(conn("IDLE", true, true))), vec![]);
}

#[test]
fn database() {
    let s = with_conn(Step::Database, conn("NEW", false, false));
    let chosen = |schema: &str| {
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: schema.into(),
        })
    };
    assert_eq!(
        run(&s, chosen("salesforce")),
        vec![Effect::SaveDatabase {
            db_key: "DATABASE_URL".into(),
            schema_name: "salesforce".into()
        }]
    );
    // Refused before any call: an invalid schema or no database.
    assert_eq!(run(&s, chosen("Sales Force")), vec![]);
    assert_eq!(
        run(
            &s,
            Action::Database(DatabaseMsg::Chosen {
                db_key: " ".into(),
                schema_name: "salesforce".into()
            })
        ),
        vec![]
    );
    let saving = reduce(&s, chosen("salesforce"));
    let saved = conn("NEED_AUTHENTICATION", true, false);
    assert_eq!(
        run(
            &saving,
            Action::Database(DatabaseMsg::Saved(Ok(saved.clone())))
        ),
        vec![Effect::ReReadConnection]
    );
    assert_eq!(
        run(&saving, Action::Database(DatabaseMsg::Saved(Err(err(409))))),
        vec![]
    );
    // The re-read moves to Salesforce and is itself the fresh copy.
    let rereading = reduce(
        &saving,
        Action::Database(DatabaseMsg::Saved(Ok(saved.clone()))),
    );
    let after = reduce(
        &rereading,
        Action::Database(DatabaseMsg::ReRead(Ok(saved.clone()))),
    );
    assert_eq!(after.step, Step::Salesforce);
    assert_eq!(
        run(
            &rereading,
            Action::Database(DatabaseMsg::ReRead(Ok(saved.clone())))
        ),
        vec![]
    );
    // Without a chosen connection nothing connection-scoped is asked for.
    let lost = State {
        connection_id: None,
        ..saving
    };
    assert_eq!(
        run(&lost, Action::Database(DatabaseMsg::Saved(Ok(saved)))),
        vec![]
    );
    assert_eq!(run(&lost, chosen("salesforce")), vec![]);
    assert_eq!(
        run(
            &s,
            Action::Database(DatabaseMsg::KeysLoaded(Ok(Default::default())))
        ),
        vec![]
    );
}

#[test]
fn salesforce() {
    let s = with_conn(Step::Salesforce, conn("NEED_AUTHENTICATION", true, false));
    let authorize = Action::Salesforce(SalesforceMsg::AuthorizeRequested { next: NEXT.into() });
    assert_eq!(
        run(&s, authorize.clone()),
        vec![Effect::AuthorizeUrl {
            environment: "production".into(),
            domain: None,
            next: NEXT.into()
        }]
    );
    let env = |environment, domain: Option<&str>| {
        Action::Salesforce(SalesforceMsg::EnvironmentChosen {
            environment,
            domain: domain.map(str::to_owned),
        })
    };
    assert_eq!(run(&s, env(SfEnvironment::Sandbox, None)), vec![]);
    // My Domain without a domain is refused before the call.
    let custom = reduce(&s, env(SfEnvironment::Custom, Some("  ")));
    assert_eq!(run(&custom, authorize.clone()), vec![]);
    let custom = reduce(
        &s,
        env(SfEnvironment::Custom, Some("acme.my.salesforce.com")),
    );
    assert_eq!(
        run(&custom, authorize.clone()),
        vec![Effect::AuthorizeUrl {
            environment: "custom".into(),
            domain: Some("acme.my.salesforce.com".into()),
            next: NEXT.into()
        }]
    );
    let asking = reduce(&s, authorize);
    let url = "https://login.salesforce.com/services/oauth2/authorize?state=x";
    assert_eq!(
        run(
            &asking,
            Action::Salesforce(SalesforceMsg::UrlReceived(Ok(AuthorizeUrl {
                redirect: url.into()
            })))
        ),
        vec![Effect::OpenSalesforce(url.into())]
    );
    assert_eq!(
        run(
            &asking,
            Action::Salesforce(SalesforceMsg::UrlReceived(Err(err(409))))
        ),
        vec![]
    );
    let waiting = reduce(
        &asking,
        Action::Salesforce(SalesforceMsg::WaitStarted { now_ms: 1 }),
    );
    assert_eq!(run(&waiting, Action::Tick { now_ms: 2 }), vec![]);
    assert_eq!(
        run(
            &waiting,
            Action::Salesforce(SalesforceMsg::CheckAgain { now_ms: 3 })
        ),
        vec![Effect::PollConnection]
    );
    // The poll that sees consent moves to Import and needs no second read.
    let polled = Action::ConnectionPolled {
        result: Ok(conn("IDLE", true, true)),
        now_ms: 4,
    };
    assert_eq!(reduce(&waiting, polled.clone()).step, Step::Import);
    assert_eq!(run(&waiting, polled), vec![]);
}

#[test]
fn entering_a_connection_step_by_navigation_re_reads_it() {
    let s = with_conn(Step::Salesforce, conn("IDLE", true, true));
    assert_eq!(
        run(&s, Action::GoTo(Step::Import)),
        vec![Effect::PollConnection]
    );
    assert_eq!(
        run(&s, Action::Back),
        vec![Effect::LoadDbKeys("acme-sync".into())]
    );
    assert_eq!(run(&s, Action::ErrorDismissed), vec![]);
}

#[test]
fn monitor_actions() {
    let s = with_conn(Step::Monitor, conn("IDLE", true, true));
    assert_eq!(
        run(
            &s,
            Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
        ),
        vec![Effect::ConnectionAction(ConnectionActionKind::Pause)]
    );
    let sent = reduce(
        &s,
        Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause)),
    );
    assert_eq!(
        run(&sent, Action::Monitor(MonitorMsg::ActionDone(Ok(())))),
        vec![Effect::PollConnection]
    );
    assert_eq!(
        run(
            &sent,
            Action::Monitor(MonitorMsg::ActionDone(Err(err(409))))
        ),
        vec![]
    );
    let none = with_app(Step::Monitor);
    assert_eq!(
        run(
            &none,
            Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
        ),
        vec![]
    );
    assert!(
        !reduce(
            &none,
            Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
        )
        .busy
    );
}

#[test]
fn due_poll_caps_and_gates() {
    let s = with_conn(Step::Monitor, conn("IDLE", true, true));
    assert_eq!(
        due_poll(&s),
        Some(Poll {
            effect: Effect::PollConnection,
            after_ms: SLOW_POLL_MS
        })
    );
    let importing = State {
        import_pending: true,
        ..s.clone()
    };
    assert_eq!(due_poll(&importing).map(|p| p.after_ms), Some(FAST_POLL_MS));
    assert_eq!(
        due_poll(&State {
            busy: true,
            ..s.clone()
        }),
        None
    );
    assert_eq!(
        due_poll(&State {
            token_present: false,
            ..s.clone()
        }),
        None
    );
    // Database and Salesforce (not waiting) have nothing to watch.
    assert_eq!(
        due_poll(&State {
            step: Step::Database,
            ..s
        }),
        None
    );
}

#[test]
fn no_poll_comes_before_the_servers_retry_after() {
    use crate::api::error::HttpError;
    use crate::api::ApiError;
    let mut s = State {
        token_present: true,
        app: Some(AppChoice {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
        connections: vec![conn("IDLE", true, true)],
        connection_id: Some("c1".into()),
        step: Step::Monitor,
        ..State::default()
    };
    let steady = due_poll(&s).expect("the monitor polls");
    assert_eq!(steady.after_ms, SLOW_POLL_MS);
    s.action_pending = Some(crate::api::ConnectionActionKind::Pause);
    assert_eq!(due_poll(&s).unwrap().after_ms, FAST_POLL_MS);
    s.last_error = Some(FlowError::Api(ApiError::Http(Box::new(HttpError {
        status: 429,
        id: Some("rate_limit".into()),
        message: None,
        body_excerpt: None,
        request_id: None,
        retry_after: Some(90),
        errors: Vec::new(),
        syncing_mappings: Vec::new(),
    }))));
    assert_eq!(due_poll(&s).unwrap().after_ms, 90_000);
}

#[test]
fn resuming_on_the_app_step_loads_the_list_once() {
    let s = State {
        token_present: true,
        step: Step::App,
        ..State::default()
    };
    // Resuming is entering the step from a blank start.
    assert_eq!(
        effects(&State::default(), &s, &Action::ErrorDismissed),
        vec![Effect::LoadApps]
    );
    let signed_in = reduce(
        &State::default(),
        Action::Token(TokenMsg::Entered { remember: false }),
    );
    let account = Action::Token(TokenMsg::AccountLoaded(Ok(Account::default())));
    let after = reduce(&signed_in, account.clone());
    assert_eq!(
        effects(&signed_in, &after, &account),
        vec![Effect::LoadApps]
    );
}

/// The monitor of `c1` in `state`, as a page finds it when it opens.
fn monitor_in(state: &str) -> State {
    State {
        connections: vec![conn(state, true, true)],
        connection_id: Some("c1".into()),
        ..with_app(Step::Monitor)
    }
}

fn polled(s: &State, state: &str) -> State {
    let result = Ok(conn(state, true, true));
    reduce(s, Action::ConnectionPolled { result, now_ms: 1 })
}

#[test]
fn a_page_reopened_on_a_pending_pause_shows_it_until_a_read_settles_it() {
    use crate::api::ConnectionActionKind::Pause;
    let sent = reduce(
        &monitor_in("IDLE"),
        Action::Monitor(MonitorMsg::ActionRequested(Pause)),
    );
    let answered = reduce(&sent, Action::Monitor(MonitorMsg::ActionDone(Ok(()))));
    let json = serde_json::to_string(&answered).unwrap();
    let reopened = reduce(&serde_json::from_str(&json).unwrap(), Action::Resumed);
    assert_eq!(
        reopened.action_pending,
        Some(Pause),
        "the progress is shown"
    );
    assert_eq!(due_poll(&reopened).unwrap().after_ms, FAST_POLL_MS);
    assert_eq!(
        polled(&reopened, "IDLE").action_pending,
        Some(Pause),
        "202 came: wait"
    );
    assert_eq!(polled(&reopened, "PAUSED").action_pending, None);

    // The page closed before the 202: one read decides, and nothing is sent again.
    let lost = reduce(&sent, Action::Resumed);
    assert!(!lost.busy && lost.action_unconfirmed);
    assert_eq!(lost.action_pending, Some(Pause));
    let seen = polled(&lost, "IDLE");
    assert_eq!(
        (seen.action_pending, seen.action_unconfirmed),
        (None, false)
    );
    let arrived = polled(&lost, "PAUSED");
    assert_eq!(arrived.action_pending, None);
    assert_eq!(arrived.last_status, Some(ConnectionState::Paused));
}
