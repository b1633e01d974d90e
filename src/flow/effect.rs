//! Which API call follows an action, and which poll is due in a state: the bridge between the pure
//! setup machine and the code that talks to the network.
//!
//! The UI feeds every action to [`super::reduce`], then asks [`effects`] what to do about it and
//! performs exactly those calls, feeding each answer back as the matching result action. Polling is
//! the same idea over time: [`due_poll`] says what to re-read and how soon. Keeping both here means
//! the order of calls in the whole guided setup is tested natively; the wasm layer only executes.

use super::monitor::{FAST_POLL_MS, SLOW_POLL_MS};
use super::operation::OpKind;
use super::steps::{self, addons};
use super::write_errors::Scope;
use super::{Action, FlowError, State, Step};
use crate::api::{ConnectionActionKind, ErrorKind};

/// Poll interval while add-ons provision.
pub const ADDON_POLL_MS: u64 = 2_000;
/// Poll interval while waiting for Salesforce consent (contract §7).
pub const SALESFORCE_POLL_MS: u64 = 5_000;

/// One call (or browser step) the UI performs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// `GET /account` → [`TokenMsg::AccountLoaded`](super::steps::TokenMsg::AccountLoaded).
    LoadAccount,
    /// `GET /apps` → [`AppMsg::ListLoaded`](super::steps::AppMsg::ListLoaded).
    LoadApps,
    /// `GET /apps/<app>` → [`AppMsg::Loaded`](super::steps::AppMsg::Loaded).
    LoadApp(String),
    /// `POST /apps` → [`AppMsg::Created`](super::steps::AppMsg::Created).
    CreateApp {
        /// Requested name; Heroku invents one when absent.
        name: Option<String>,
        /// `us` or `eu`.
        region: String,
    },
    /// `GET /apps/<app>/addons` → [`AddonsMsg::Loaded`](super::steps::AddonsMsg::Loaded).
    LoadAddons(String),
    /// `POST /apps/<app>/addons` → [`AddonsMsg::Created`](super::steps::AddonsMsg::Created).
    CreateAddon {
        /// App name.
        app: String,
        /// Plan, e.g. `herokuconnect:demo`.
        plan: String,
    },
    /// `POST /auth/<app>` (or the legacy grant) → [`LinkMsg::Linked`](super::steps::LinkMsg::Linked).
    Link(String),
    /// Discovery (or the legacy list) → [`ConnectionMsg::Discovered`](super::steps::ConnectionMsg::Discovered).
    Discover(String),
    /// `GET /api/v3/apps/<app>` on the chosen connection's region → [`DatabaseMsg::KeysLoaded`](super::steps::DatabaseMsg::KeysLoaded).
    LoadDbKeys(String),
    /// `PATCH /api/v3/connections/<id>` → [`DatabaseMsg::Saved`](super::steps::DatabaseMsg::Saved).
    SaveDatabase {
        /// Config var name.
        db_key: String,
        /// Schema.
        schema_name: String,
    },
    /// Re-read of the chosen connection after the PATCH → [`DatabaseMsg::ReRead`](super::steps::DatabaseMsg::ReRead).
    ReReadConnection,
    /// `POST …/authorize_url` → [`SalesforceMsg::UrlReceived`](super::steps::SalesforceMsg::UrlReceived).
    AuthorizeUrl {
        /// `production`, `sandbox` or `custom`.
        environment: String,
        /// My Domain for `custom`.
        domain: Option<String>,
        /// Where the browser lands afterwards.
        next: String,
    },
    /// Record the wait, then open the consent page in a new tab → [`SalesforceMsg::WaitStarted`](super::steps::SalesforceMsg::WaitStarted).
    OpenSalesforce(String),
    /// Deep re-read of the chosen connection → [`Action::ConnectionPolled`].
    PollConnection,
    /// `POST …/actions/<kind>` → [`MonitorMsg::ActionDone`](super::steps::MonitorMsg::ActionDone).
    ConnectionAction(ConnectionActionKind),
    /// A mapping reload or API version change → [`MonitorMsg::OperationAnswered`](super::steps::MonitorMsg::OperationAnswered).
    Operate(OpKind),
    /// `GET …/errors` of the connection (`None`) or of one mapping → [`MonitorMsg::WriteErrorsLoaded`](super::steps::MonitorMsg::WriteErrorsLoaded).
    LoadWriteErrors(Scope),
    /// `GET …/mappings/<id>/validations` → [`MonitorMsg::MappingDiagnosed`](super::steps::MonitorMsg::MappingDiagnosed).
    DiagnoseMapping(String),
    /// `GET …/schema-diff?target_version=` → [`MonitorMsg::ApiVersionPreviewed`](super::steps::MonitorMsg::ApiVersionPreviewed).
    PreviewApiVersion(String),
    /// `GET …/schemas/<object>` → [`MonitorMsg::SchemaLoaded`](super::steps::MonitorMsg::SchemaLoaded).
    LoadSchema(String),
    /// `GET …/export` → [`MonitorMsg::Exported`](super::steps::MonitorMsg::Exported).
    Export,
    /// Write the export as a file (the full tab, which normalises it first) →
    /// [`MonitorMsg::ExportSaved`](super::steps::MonitorMsg::ExportSaved).
    SaveExport(serde_json::Value),
    /// `GET …/notifications` → [`MonitorMsg::NotificationsLoaded`](super::steps::MonitorMsg::NotificationsLoaded).
    LoadNotifications,
    /// `POST …/notifications/acknowledge` → [`MonitorMsg::Acknowledged`](super::steps::MonitorMsg::Acknowledged).
    AcknowledgeNotifications,
    /// `POST …/validations` → [`MonitorMsg::DiagnoseStarted`](super::steps::MonitorMsg::DiagnoseStarted).
    StartValidation,
    /// `GET <result_url>` → [`MonitorMsg::DiagnosePolled`](super::steps::MonitorMsg::DiagnosePolled).
    PollValidation(String),
    /// `GET` the connection after that action got no answer → [`MonitorMsg::ActionChecked`](super::steps::MonitorMsg::ActionChecked).
    CheckAction(ConnectionActionKind),
    /// Remove the token from every storage area, because Heroku refused it: a token that no
    /// longer signs in is not kept anywhere. Failure → [`Action::BrowserFailed`].
    ForgetToken,
}

impl Effect {
    /// Whether the effect acts on the chosen connection (and is void without one).
    pub fn needs_connection(&self) -> bool {
        match self {
            Effect::LoadAccount
            | Effect::LoadApps
            | Effect::LoadApp(_)
            | Effect::CreateApp { .. }
            | Effect::LoadAddons(_)
            | Effect::CreateAddon { .. }
            | Effect::Link(_)
            | Effect::Discover(_)
            | Effect::OpenSalesforce(_)
            | Effect::PollValidation(_)
            | Effect::SaveExport(_)
            | Effect::ForgetToken => false,
            Effect::LoadDbKeys(_)
            | Effect::SaveDatabase { .. }
            | Effect::ReReadConnection
            | Effect::AuthorizeUrl { .. }
            | Effect::PollConnection
            | Effect::ConnectionAction(_)
            | Effect::CheckAction(_)
            | Effect::Operate(_)
            | Effect::LoadNotifications
            | Effect::AcknowledgeNotifications
            | Effect::LoadWriteErrors(_)
            | Effect::DiagnoseMapping(_)
            | Effect::PreviewApiVersion(_)
            | Effect::LoadSchema(_)
            | Effect::Export
            | Effect::StartValidation => true,
        }
    }
}

/// What to do after `action` took the state from `before` to `after`. Each step's module says
/// which calls its messages lead to; only the token's removal after a 401 is decided here.
pub fn effects(before: &State, after: &State, action: &Action) -> Vec<Effect> {
    let mut out = Vec::new();
    if action
        .api_error()
        .is_some_and(|e| e.kind() == ErrorKind::Unauthorized)
    {
        out.push(Effect::ForgetToken);
    }
    match action {
        Action::Token(m) => steps::token::effects(after, m, &mut out),
        Action::App(m) => steps::app::effects(m, &mut out),
        Action::Addons(m) => steps::addons::effects(after, m, &mut out),
        Action::Link(m) => steps::link::effects(after, m, &mut out),
        Action::Connection(m) => steps::connection::effects(after, m, &mut out),
        Action::Database(m) => steps::database::effects(after, m, &mut out),
        Action::Salesforce(m) => steps::salesforce::effects(after, m, &mut out),
        Action::Monitor(m) => steps::monitor::effects(before, after, m, &mut out),
        // The import's own calls belong to its session (`flow::import`); the rest ask for none
        // beyond what entering a step asks for.
        Action::Import(_)
        | Action::ConnectionPolled { .. }
        | Action::Tick { .. }
        | Action::Resumed
        | Action::Back
        | Action::GoTo(_)
        | Action::ErrorDismissed
        | Action::ApiFailed(_)
        | Action::BrowserFailed { .. } => {}
    }
    // `Linked` both asks for discovery and enters the Connection step, whose entry asks again:
    // one discovery is enough (two would also race each other in the UI).
    for e in on_entry(before, after, action) {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    // The driver can only drop a connection-scoped call when no connection is chosen, and the
    // action that asked for it would then wait for an answer that never comes.
    if after.connection().is_none() {
        out.retain(|e| !e.needs_connection());
    }
    out
}

/// Loads a step needs when it is entered, or when what it shows changed underneath it.
fn on_entry(before: &State, after: &State, action: &Action) -> Vec<Effect> {
    if before.step == after.step && before.app == after.app {
        return Vec::new();
    }
    if after.step == Step::App {
        return steps::app::entry(after);
    }
    let Some(app) = after.app_name() else {
        return Vec::new();
    };
    match after.step {
        Step::Addons => steps::addons::entry(after, app),
        Step::Connection => steps::connection::entry(after, app),
        Step::Database => steps::database::entry(after, app),
        Step::Salesforce | Step::Import | Step::Monitor => steps::reread_on_entry(after, action),
        Step::Token | Step::App | Step::Link => Vec::new(),
    }
}

/// A re-read that should happen after `after_ms` milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    /// What to re-read.
    pub effect: Effect,
    /// How long to wait first.
    pub after_ms: u64,
}

/// After a 429 or 503 the server said how long to wait; no poll comes sooner than that.
fn wait_ms(state: &State) -> u64 {
    match &state.last_error {
        Some(FlowError::Api(e)) => e.retry_after().map_or(0, |s| s.saturating_mul(1000)),
        _ => 0,
    }
}

/// The poll due in `state` while the page also watches an import settle (`watching`, the import
/// session's own state, which the setup state does not hold): the connection is then read at
/// least as often as the fast poll, by the same one timer.
pub fn due_poll_importing(state: &State, watching: bool) -> Option<Poll> {
    let due = due_poll(state);
    if !watching || state.busy || !state.token_present || state.connection().is_none() {
        return due;
    }
    let fast = FAST_POLL_MS.max(wait_ms(state));
    match due {
        Some(p) if p.effect != Effect::PollConnection => Some(p),
        Some(p) => Some(Poll {
            after_ms: p.after_ms.min(fast),
            ..p
        }),
        None => Some(Poll {
            effect: Effect::PollConnection,
            after_ms: fast,
        }),
    }
}

/// The poll due in `state`, if any: add-ons while they provision, the connection while Salesforce
/// consent, an import or an action is awaited (fast), and the monitor when steady (slow). The UI
/// runs it only while its page is visible, so a closed or hidden popup costs nothing.
pub fn due_poll(state: &State) -> Option<Poll> {
    if state.busy || !state.token_present {
        return None;
    }
    let wait_ms = wait_ms(state);
    // A diagnosis is read often and briefly; the connection's own poll waits until it is done.
    if let Some(url) = state.tab.diagnosis.result_url() {
        return Some(Poll {
            effect: Effect::PollValidation(url.to_owned()),
            after_ms: super::diagnose::POLL_EVERY_MS.max(wait_ms),
        });
    }
    if let Some(app) = state.app_name().filter(|_| {
        state.step == Step::Addons
            && !state.addons.is_empty()
            && !addons::all_provisioned(&state.addons)
    }) {
        return Some(Poll {
            effect: Effect::LoadAddons(app.to_owned()),
            after_ms: ADDON_POLL_MS.max(wait_ms),
        });
    }
    // A connection is read for itself: what follows it needs no app name.
    let conn = state.connection()?;
    let after_ms = if state.waiting_for_salesforce() {
        SALESFORCE_POLL_MS
    } else if state.import_pending || state.action_pending.is_some() || state.operation_followed() {
        FAST_POLL_MS
    } else if matches!(state.step, Step::Import | Step::Monitor) {
        super::monitor::poll_interval_ms(conn, false)
    } else {
        return None;
    };
    Some(Poll {
        effect: Effect::PollConnection,
        after_ms: after_ms.min(SLOW_POLL_MS).max(wait_ms),
    })
}

#[cfg(test)]
mod tests;
