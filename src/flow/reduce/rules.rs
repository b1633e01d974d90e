//! What several actions of [`reduce`](super::reduce) share: recording a failure, storing a connection
//! that was read, choosing an app or a connection, and what a connection read settles (Salesforce
//! authorized, an import done, a pause or resume visible).

use crate::api::model::{Connection, ConnectionState, StateGroup};
use crate::api::{ApiError, ConnectionActionKind, ErrorKind};
use crate::flow::access::Denial;
use crate::flow::action::FlowError;
use crate::flow::state::{step_for_connection, AppChoice, AppSource, State, TabPart};
use crate::flow::steps::database::DEFAULT_SCHEMA;
use crate::flow::steps::salesforce;
use crate::flow::Step;

pub(crate) fn fail(s: &mut State, e: ApiError) {
    s.busy = false;
    s.database_pending = None;
    match e.kind() {
        ErrorKind::Unauthorized => {
            // The token is bad: ask for it again, keep everything else for when it is fixed. The
            // token itself is forgotten wherever it was stored (an effect of this failure).
            s.token_present = false;
            s.token_remembered = false;
            s.step = Step::Token;
        }
        ErrorKind::Forbidden if s.app.is_some() => {
            // Off the access list: whatever was remembered, this app needs linking again.
            s.step = Step::Link;
            s.linked = false;
            let key = linked_key(s);
            s.linked_apps.retain(|k| Some(k) != key.as_ref());
        }
        _ => {}
    }
    s.last_error = Some(FlowError::Api(e));
}

/// How many linked apps are remembered; the oldest go first.
const LINKED_APPS_KEPT: usize = 50;

/// The account and app the setup is for, as `linked_apps` keys them.
fn linked_key(s: &State) -> Option<(String, String)> {
    Some((s.account_email.clone()?, s.app_name()?.to_owned()))
}

/// The chosen app is on the add-on's access list for this account: remember it.
pub(crate) fn mark_linked(s: &mut State) {
    s.linked = true;
    if let Some(key) = linked_key(s) {
        s.linked_apps.retain(|k| *k != key);
        s.linked_apps.push(key);
        let excess = s.linked_apps.len().saturating_sub(LINKED_APPS_KEPT);
        s.linked_apps.drain(..excess);
    }
}

/// Records that Heroku refused the chosen app to this user: the App step, where the way out is
/// another app or another token, never the call that was refused.
pub(crate) fn deny_app(s: &mut State, denial: Denial) {
    if s.app.is_none() {
        return;
    }
    s.app_denied = Some(denial);
    s.step = Step::App;
    if let Some(FlowError::Api(error)) = s.last_error.take() {
        s.last_error = Some(FlowError::AppDenied { denial, error });
    }
}

/// Whether `conn` is the chosen connection.
pub(crate) fn is_chosen(s: &State, conn: &Connection) -> bool {
    s.connection_id.as_deref() == Some(conn.id.as_str())
}

pub(crate) fn ok_or_fail<T>(s: &mut State, r: Result<T, ApiError>) -> Option<T> {
    match r {
        Ok(v) => {
            s.busy = false;
            // An answer to another call (the user's own app list, say) does not hide why the
            // chosen app is refused; only a new choice or a dismissal does.
            if !matches!(s.last_error, Some(FlowError::AppDenied { .. })) {
                s.last_error = None;
            }
            Some(v)
        }
        Err(e) => {
            fail(s, e);
            None
        }
    }
}

/// Replaces the known copy of `conn` (by id), or adds it.
pub(crate) fn store_connection(s: &mut State, conn: Connection) {
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
    forget_connection_records(s);
    s.db_keys.clear();
    s.db_key = None;
    s.database_pending = None;
    s.authorize_redirect = None;
    s.sf_waiting_since_ms = None;
    s.sf_wait_expired = false;
    s.import_pending = false;
    s.action_pending = None;
    s.unanswered = None;
    s.last_status = None;
    s.app_denied = None;
    s.schema_name = DEFAULT_SCHEMA.into();
    s.database_edited = false;
}

/// Drops what the status view read about the chosen connection (its diagnoses, notifications,
/// write errors and version preview): another connection's records are not this one's.
fn forget_connection_records(s: &mut State) {
    // The import keeps its own connection id; the store picks it up only on that connection.
    let import = s.tab.import.take();
    s.tab = TabPart {
        import,
        ..TabPart::default()
    };
}

pub(crate) fn choose_app(s: &mut State, name: String, source: AppSource) {
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
    // A choice made here moves the dashboard tab's app to the one-click offer; taking the offer
    // (or the tab's own app) clears it.
    let leaving_tab = s
        .app
        .as_ref()
        .filter(|a| a.source == AppSource::DashboardTab && a.name != name)
        .map(|a| a.name.clone());
    s.tab_app = match source {
        AppSource::DashboardTab | AppSource::LastUsed => None,
        AppSource::Picked | AppSource::Created => leaving_tab.or(s.tab_app.take()),
    }
    .filter(|tab| *tab != name);
    // Choosing (again) is the user's retry: a refused app is asked about once more.
    s.app_denied = None;
    s.app = Some(AppChoice { name, source });
    // An app this account linked before needs no second link.
    let key = linked_key(s);
    s.linked |= s.linked_apps.iter().any(|k| Some(k) == key.as_ref());
    s.last_error = None;
    s.step = Step::Addons;
}

/// The popup was opened over (or the page found) a dashboard tab showing app `name`. The popup
/// follows the tab, unless the user picked or created the app shown here: then the tab's app is
/// only offered. Before a token, or on the App step, it is a suggestion that moves no step.
pub(crate) fn follow_tab(s: &mut State, name: String) {
    let own_choice = s
        .app
        .as_ref()
        .is_some_and(|a| matches!(a.source, AppSource::Picked | AppSource::Created));
    if s.app_name() == Some(name.as_str()) {
        s.tab_app = None;
    } else if own_choice {
        s.tab_app = Some(name);
    } else {
        let step = s.step;
        let last_error = s.last_error.take();
        choose_app(s, name, AppSource::DashboardTab);
        if matches!(step, Step::Token | Step::App) {
            s.step = step;
            // A refused token is still refused, whichever app the tab shows.
            s.last_error = last_error.filter(|_| step == Step::Token);
        }
    }
}

pub(crate) fn choose_connection(s: &mut State, id: String) {
    if let Some(conn) = s.connections.iter().find(|c| c.id == id) {
        s.last_status = conn.state.clone();
        s.step = step_for_connection(conn);
        s.db_key = s.db_key.take().or_else(|| conn.db_key.clone());
        // What the user typed outranks any answer that arrives after it.
        if let Some(schema) = conn.schema_name.as_ref().filter(|_| !s.database_edited) {
            s.schema_name = schema.clone();
        }
        if s.connection_id.as_deref() != Some(id.as_str()) {
            forget_connection_records(s);
        }
        s.connection_id = Some(id);
    }
}

pub(crate) fn on_connection_seen(s: &mut State, conn: Connection) {
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
    if let Some(op) = &mut s.operation {
        op.seen(&conn);
    }
    store_connection(s, conn);
}

pub(crate) fn expire_wait(s: &mut State, now_ms: u64) {
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
