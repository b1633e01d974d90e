//! What the steps' tests of their calls share: a chosen app or connection, an account, an error
//! answer, and the effects of one action as the store computes them.

pub(crate) use crate::api::model::{Account, App, Connection, ConnectionState};
pub(crate) use crate::api::Discovered;
pub(crate) use crate::flow::effect::{effects, Effect};
pub(crate) use crate::flow::{reduce, Action, AppChoice, AppSource};
pub(crate) use crate::flow::{ConnectionMsg, MonitorMsg, State, Step, TokenMsg};

pub(crate) const NEXT: &str = "chrome-extension://x/www/app.html#/salesforce-done";

pub(crate) fn conn(state: &str, db: bool, org: bool) -> Connection {
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

pub(crate) fn with_app(step: Step) -> State {
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

pub(crate) fn with_conn(step: Step, c: Connection) -> State {
    State {
        linked: true,
        connection_id: Some(c.id.clone()),
        db_key: c.db_key.clone(),
        connections: vec![c],
        ..with_app(step)
    }
}

/// The effects of `action` in `s`, as the store computes them.
pub(crate) fn run(s: &State, action: Action) -> Vec<Effect> {
    let after = reduce(s, action.clone());
    effects(s, &after, &action)
}

pub(crate) fn account() -> Action {
    Action::Token(TokenMsg::AccountLoaded(Ok(Account {
        email: "demo@example.com".into(),
        ..Account::default()
    })))
}

pub(crate) fn err(status: u16) -> crate::api::ApiError {
    crate::api::ApiError::from_response(&crate::api::HttpResponse {
        status,
        ..Default::default()
    })
}
