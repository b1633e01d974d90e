//! What several actions of [`reduce`](super::reduce) share: recording a failure, storing a connection
//! that was read, choosing an app or a connection, and what a connection read settles (Salesforce
//! authorized, an import done, a pause or resume visible).

use crate::api::model::{Connection, ConnectionState, StateGroup};
use crate::api::{ApiError, ConnectionActionKind, ErrorKind};
use crate::flow::action::FlowError;
use crate::flow::salesforce;
use crate::flow::state::{step_for_connection, AppChoice, AppSource, State};
use crate::flow::Step;

pub(super) fn fail(s: &mut State, e: ApiError) {
    s.busy = false;
    s.database_pending = None;
    match e.kind() {
        ErrorKind::Unauthorized => {
            // The token is bad: ask for it again, keep everything else for when it is fixed.
            s.token_present = false;
            s.step = Step::Token;
        }
        ErrorKind::Forbidden if s.app.is_some() => s.step = Step::Link,
        _ => {}
    }
    s.last_error = Some(FlowError::Api(e));
}

pub(super) fn ok_or_fail<T>(s: &mut State, r: Result<T, ApiError>) -> Option<T> {
    match r {
        Ok(v) => {
            s.busy = false;
            s.last_error = None;
            Some(v)
        }
        Err(e) => {
            fail(s, e);
            None
        }
    }
}

/// Replaces the known copy of `conn` (by id), or adds it.
pub(super) fn store_connection(s: &mut State, conn: Connection) {
    s.last_status = conn.state.clone().or(s.last_status.take());
    match s.connections.iter_mut().find(|c| c.id == conn.id) {
        Some(old) => {
            let merged = conn.merged_over(old);
            *old = merged;
        }
        None => s.connections.push(conn),
    }
}

fn forget_app_facts(s: &mut State) {
    s.app_region = None;
    s.addons.clear();
    s.addons_requested.clear();
    s.linked = false;
    s.flow = None;
    s.used_fallback = false;
    s.connections.clear();
    s.connection_id = None;
    s.db_keys.clear();
    s.db_key = None;
    s.database_pending = None;
    s.authorize_redirect = None;
    s.sf_waiting_since_ms = None;
    s.sf_wait_expired = false;
    s.import_pending = false;
    s.action_pending = None;
    s.last_status = None;
}

pub(super) fn choose_app(s: &mut State, name: String, source: AppSource) {
    if s.app_name() != Some(name.as_str()) {
        forget_app_facts(s);
    }
    // The app list already says where the app lives; knowing it spares a `GET /apps/<app>`.
    if s.app_region.is_none() {
        s.app_region = s
            .apps
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.region_name())
            .map(str::to_string);
    }
    s.app = Some(AppChoice { name, source });
    s.last_error = None;
    s.step = Step::Addons;
}

pub(super) fn choose_connection(s: &mut State, id: String) {
    if let Some(conn) = s.connections.iter().find(|c| c.id == id) {
        s.last_status = conn.state.clone();
        s.step = step_for_connection(conn);
        s.db_key = s.db_key.take().or_else(|| conn.db_key.clone());
        if let Some(schema) = &conn.schema_name {
            s.schema_name = schema.clone();
        }
        s.connection_id = Some(id);
    }
}

pub(super) fn on_connection_seen(s: &mut State, conn: Connection) {
    let is_chosen = s.connection_id.as_deref() == Some(conn.id.as_str());
    if !is_chosen {
        store_connection(s, conn);
        return;
    }
    if s.waiting_for_salesforce() && salesforce::authorized(&conn) {
        s.sf_waiting_since_ms = None;
        s.sf_wait_expired = false;
        if s.step == Step::Salesforce {
            s.step = step_for_connection(&conn);
        }
    }
    if s.import_pending && import_settled(&conn) {
        s.import_pending = false;
        if s.step == Step::Import {
            s.step = Step::Monitor;
        }
    }
    if let (Some(kind), Some(state)) = (s.action_pending, conn.state.as_ref()) {
        // An action whose answer was lost and whose effect this read does not show never arrived.
        if action_visible(kind, state) || s.action_unconfirmed {
            s.action_pending = None;
        }
    }
    s.action_unconfirmed = false;
    store_connection(s, conn);
}

pub(super) fn expire_wait(s: &mut State, now_ms: u64) {
    if let Some(since) = s.sf_waiting_since_ms {
        if !salesforce::still_waiting(since, now_ms) {
            s.sf_waiting_since_ms = None;
            s.sf_wait_expired = true;
            s.last_error = Some(FlowError::SalesforceWaitExpired);
        }
    }
}

/// The import is done once the connection left `IMPORT_CONFIGURATION` and every mapping is in
/// the ok or error group.
pub fn import_settled(conn: &Connection) -> bool {
    conn.state != Some(ConnectionState::ImportConfiguration)
        && conn.mappings.iter().all(|m| {
            matches!(
                m.state.as_ref().map(|st| st.group()),
                Some(StateGroup::Ok | StateGroup::Error)
            )
        })
}

/// Whether the connection shows the effect of an action.
pub fn action_visible(kind: ConnectionActionKind, state: &ConnectionState) -> bool {
    match kind {
        ConnectionActionKind::Pause => *state == ConnectionState::Paused,
        ConnectionActionKind::Resume => *state != ConnectionState::Paused,
        ConnectionActionKind::Restart => state.group() == StateGroup::Ok,
    }
}
