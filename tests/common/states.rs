//! Setup states built from actions alone, with no emulator: the starting points of the tests of
//! `reduce` and `effects` on their own.

use connect_pilot::api::error::HttpError;
use connect_pilot::api::model::{Account, Connection, ConnectionState};
use connect_pilot::api::{ApiError, ConnectFlow, Discovered};
use connect_pilot::flow::effect::{effects, Effect};
use connect_pilot::flow::{reduce, Action, AppSource, State};
use connect_pilot::flow::{AppMsg, ConnectionMsg, DatabaseMsg, TokenMsg};

/// An HTTP error answer with `status`.
pub fn http(status: u16) -> ApiError {
    ApiError::Http(Box::new(HttpError {
        status,
        id: None,
        message: Some("nope".into()),
        body_excerpt: None,
        request_id: None,
        retry_after: None,
        errors: vec![],
        syncing_mappings: vec![],
    }))
}

/// Connection `c1` of acme-sync in `state`, nothing set yet.
pub fn conn(state: ConnectionState) -> Connection {
    Connection {
        id: "c1".into(),
        app_name: Some("acme-sync".into()),
        region_url: Some("https://connect-virginia.heroku.com".into()),
        state: Some(state),
        ..Connection::default()
    }
}

/// Discovery in Flow A found exactly `connections`.
pub fn discovered(connections: Vec<Connection>) -> Action {
    Action::Connection(ConnectionMsg::Discovered(Ok(Discovered {
        connections,
        flow: ConnectFlow::Discovery,
        used_fallback: false,
    })))
}

/// Applies `actions` in order, from `s`.
pub fn run(mut s: State, actions: impl IntoIterator<Item = Action>) -> State {
    for a in actions {
        s = reduce(&s, a);
    }
    s
}

/// Signed in (remembered), acme-sync from the dashboard tab, its one connection `c1` (NEW) chosen:
/// the Database step.
pub fn at_database() -> State {
    run(
        State::default(),
        [
            Action::Token(TokenMsg::Entered { remember: true }),
            Action::Token(TokenMsg::AccountLoaded(Ok(Account {
                email: "a@b.c".into(),
                ..Default::default()
            }))),
            Action::App(AppMsg::Chosen {
                name: "acme-sync".into(),
                source: AppSource::DashboardTab,
            }),
            discovered(vec![conn(ConnectionState::New)]),
        ],
    )
}

/// The user saves DATABASE_URL with the schema `salesforce`.
pub fn database_chosen() -> Action {
    Action::Database(DatabaseMsg::Chosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    })
}

/// `reduce`, plus the effects it asks for.
pub fn step(s: &State, action: Action) -> (State, Vec<Effect>) {
    let after = reduce(s, action.clone());
    let out = effects(s, &after, &action);
    (after, out)
}

/// The page found a dashboard tab showing `app`.
pub fn tab(app: &str) -> Action {
    Action::App(AppMsg::DashboardUrlSeen {
        url: format!("https://dashboard.heroku.com/apps/{app}"),
        emulator_origin: None,
    })
}

/// The chosen app and where it came from.
pub fn chosen(s: &State) -> Option<(&str, AppSource)> {
    s.app.as_ref().map(|a| (a.name.as_str(), a.source))
}
