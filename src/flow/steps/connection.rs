//! Step 4, the connection: discovery finds the app's Heroku Connect connections (or the legacy
//! list on the app's region); one is chosen, by the user when there are several. The chosen
//! connection decides which step comes next.

use serde::{Deserialize, Serialize};

use super::database::DEFAULT_SCHEMA;
use super::{ready, start};
use crate::api::central::SearchConnections;
use crate::api::legacy::LegacyConnections;
use crate::api::{ApiError, ConnectFlow, Discovered, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::{choose_connection, mark_linked, ok_or_fail};
use crate::flow::{State, Step};

/// What happens on the connection step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ConnectionMsg {
    /// Discovery was started.
    DiscoverRequested,
    /// Discovery finished.
    Discovered(Result<Discovered, ApiError>),
    /// The user chose a connection.
    Chosen(String),
}

impl ConnectionMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ConnectionMsg::Discovered(Err(e)) => Some(e),
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: ConnectionMsg) {
    match msg {
        ConnectionMsg::DiscoverRequested => {
            if ready(s, s.app.is_some(), Step::App) {
                start(s);
            }
        }
        ConnectionMsg::Discovered(r) => {
            if let Some(found) = ok_or_fail(s, r) {
                discovered(s, found);
            }
        }
        ConnectionMsg::Chosen(id) => {
            s.db_key = None;
            if s.connection_id.as_deref() != Some(id.as_str()) {
                // What was typed belonged to the other connection.
                s.schema_name = DEFAULT_SCHEMA.into();
                s.database_edited = false;
            }
            choose_connection(s, id);
        }
    }
}

fn discovered(s: &mut State, found: Discovered) {
    s.flow = Some(found.flow);
    s.used_fallback = found.used_fallback;
    mark_linked(s);
    s.connections = found.connections;
    if s.step < Step::Connection {
        s.step = Step::Connection;
    }
    let keep = s
        .connection_id
        .clone()
        .filter(|id| s.connections.iter().any(|c| &c.id == id));
    s.connection_id = None;
    if keep.is_none() {
        // The connection the database values were sent for is gone: no answer about it can move
        // the step any more.
        s.database_pending = None;
    }
    match (keep, s.connections.len()) {
        (Some(id), _) => choose_connection(s, id),
        (None, 1) => {
            let id = s.connections[0].id.clone();
            choose_connection(s, id);
        }
        _ => {}
    }
}

pub(crate) fn effects(after: &State, msg: &ConnectionMsg, out: &mut Vec<Effect>) {
    if let (ConnectionMsg::DiscoverRequested, Some(app)) = (msg, after.app_name()) {
        out.push(Effect::Discover(app.to_owned()));
    }
}

/// Discovery on entry, once linked, when nothing was found yet.
pub(crate) fn entry(after: &State, app: &str) -> Vec<Effect> {
    if after.connections.is_empty() && after.linked {
        vec![Effect::Discover(app.to_owned())]
    } else {
        Vec::new()
    }
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    v.push(UserAction::Discover);
    if state.connections.len() > 1 {
        v.push(UserAction::ChooseConnection);
    }
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let Some(app) = state.app_name().map(str::to_owned) else {
        return Vec::new();
    };
    vec![match (state.flow, super::link::legacy_base(state)) {
        (Some(ConnectFlow::Legacy), Some(region_url)) => {
            RequestSpec::of(&LegacyConnections { region_url, app })
        }
        _ => RequestSpec::of(&SearchConnections {
            app,
            resource_name: None,
        }),
    }]
}
