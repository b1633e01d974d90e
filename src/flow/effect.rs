//! Which API call follows an action, and which poll is due in a state: the bridge between the pure
//! setup machine and the code that talks to the network.
//!
//! The UI feeds every action to [`super::reduce`], then asks [`effects`] what to do about it and
//! performs exactly those calls, feeding each answer back as the matching result action. Polling is
//! the same idea over time: [`due_poll`] says what to re-read and how soon. Keeping both here means
//! the order of calls in the whole guided setup is tested natively; the wasm layer only executes.

use super::addons::{self, AddonKind};
use super::monitor::{FAST_POLL_MS, SLOW_POLL_MS};
use super::notifications::Notifications;
use super::operation::{OpKind, OpStage};
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
    /// `GET /account` → [`Action::AccountLoaded`].
    LoadAccount,
    /// `GET /apps` → [`Action::AppsLoaded`].
    LoadApps,
    /// `GET /apps/<app>` → [`Action::AppLoaded`].
    LoadApp(String),
    /// `POST /apps` → [`Action::AppCreated`].
    CreateApp {
        /// Requested name; Heroku invents one when absent.
        name: Option<String>,
        /// `us` or `eu`.
        region: String,
    },
    /// `GET /apps/<app>/addons` → [`Action::AddonsLoaded`].
    LoadAddons(String),
    /// `POST /apps/<app>/addons` → [`Action::AddonCreated`].
    CreateAddon {
        /// App name.
        app: String,
        /// Plan, e.g. `herokuconnect:demo`.
        plan: String,
    },
    /// `POST /auth/<app>` (or the legacy grant) → [`Action::Linked`].
    Link(String),
    /// Discovery (or the legacy list) → [`Action::ConnectionsDiscovered`].
    Discover(String),
    /// `GET /api/v3/apps/<app>` on the chosen connection's region → [`Action::DbKeysLoaded`].
    LoadDbKeys(String),
    /// `PATCH /api/v3/connections/<id>` → [`Action::DatabaseSaved`].
    SaveDatabase {
        /// Config var name.
        db_key: String,
        /// Schema.
        schema_name: String,
    },
    /// Re-read of the chosen connection after the PATCH → [`Action::DatabaseReRead`].
    ReReadConnection,
    /// `POST …/authorize_url` → [`Action::AuthorizeUrlReceived`].
    AuthorizeUrl {
        /// `production`, `sandbox` or `custom`.
        environment: String,
        /// My Domain for `custom`.
        domain: Option<String>,
        /// Where the browser lands afterwards.
        next: String,
    },
    /// Record the wait, then open the consent page in a new tab → [`Action::SalesforceWaitStarted`].
    OpenSalesforce(String),
    /// Deep re-read of the chosen connection → [`Action::ConnectionPolled`].
    PollConnection,
    /// `POST …/actions/<kind>` → [`Action::ConnectionActionDone`].
    ConnectionAction(ConnectionActionKind),
    /// A mapping reload or API version change → [`Action::OperationAnswered`].
    Operate(OpKind),
    /// `GET …/errors` of the connection (`None`) or of one mapping → [`Action::WriteErrorsLoaded`].
    LoadWriteErrors(Scope),
    /// `GET …/mappings/<id>/validations` → [`Action::MappingDiagnosed`].
    DiagnoseMapping(String),
    /// `GET …/schema-diff?target_version=` → [`Action::ApiVersionPreviewed`].
    PreviewApiVersion(String),
    /// `GET …/notifications` → [`Action::NotificationsLoaded`].
    LoadNotifications,
    /// `POST …/notifications/acknowledge` → [`Action::Acknowledged`].
    AcknowledgeNotifications,
    /// `POST …/validations` → [`Action::DiagnoseStarted`].
    StartValidation,
    /// `GET <result_url>` → [`Action::DiagnosePolled`].
    PollValidation(String),
    /// `GET` the connection after that action got no answer → [`Action::ActionChecked`].
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
            | Effect::StartValidation => true,
        }
    }
}

/// What to do after `action` took the state from `before` to `after`.
pub fn effects(before: &State, after: &State, action: &Action) -> Vec<Effect> {
    let app = after.app_name().map(str::to_owned);
    let mut out = Vec::new();
    if action
        .api_error()
        .is_some_and(|e| e.kind() == ErrorKind::Unauthorized)
    {
        out.push(Effect::ForgetToken);
    }
    match action {
        Action::TokenEntered { .. } => out.push(Effect::LoadAccount),
        // A token re-entered mid-setup keeps the list it already has.
        Action::AccountLoaded(Ok(_)) if after.apps.is_empty() => out.push(Effect::LoadApps),
        Action::AppCreateRequested { name, region } => out.push(Effect::CreateApp {
            name: name.clone(),
            region: region.clone(),
        }),
        Action::AddonCreateRequested(kind) => {
            if let Some(app) = app.clone() {
                let plan = match kind {
                    AddonKind::Postgres => after.postgres_plan.clone(),
                    AddonKind::Connect => after.connect_plan.clone(),
                };
                out.push(Effect::CreateAddon { app, plan });
            }
        }
        Action::LinkRequested => out.extend(app.clone().map(Effect::Link)),
        Action::Linked(Ok(_)) | Action::DiscoverRequested => {
            out.extend(app.clone().map(Effect::Discover))
        }
        Action::DatabaseChosen { .. } => {
            if let Some((db_key, schema_name)) = after.database_pending.clone() {
                out.push(Effect::SaveDatabase {
                    db_key,
                    schema_name,
                });
            }
        }
        // Only a save still awaited is re-read: a late answer about a connection no longer
        // chosen would have the driver read the chosen one instead.
        Action::DatabaseSaved(Ok(_)) if after.database_pending.is_some() => {
            out.push(Effect::ReReadConnection)
        }
        // No answer to the PATCH: the re-read says whether it was applied.
        Action::DatabaseSaved(Err(_)) if after.unanswered.is_some() => {
            out.push(Effect::ReReadConnection)
        }
        Action::AuthorizeRequested { .. } => {
            if let (true, Some(next)) = (after.busy, after.sf_next.clone()) {
                out.push(Effect::AuthorizeUrl {
                    environment: after.sf_environment.as_str().to_owned(),
                    domain: after.sf_domain.clone(),
                    next,
                });
            }
        }
        Action::AuthorizeUrlReceived(Ok(answer)) => {
            out.push(Effect::OpenSalesforce(answer.redirect.clone()))
        }
        Action::CheckAgain { .. } | Action::ConnectionActionDone(Ok(_)) => {
            out.push(Effect::PollConnection)
        }
        Action::ConnectionActionRequested(kind) => out.push(Effect::ConnectionAction(*kind)),
        Action::OperationRequested(_) => {
            // Only a request the reducer took: never a second one while one is under way.
            let taken = before.operation != after.operation;
            if let Some(op) = after
                .operation
                .as_ref()
                .filter(|op| taken && op.stage == OpStage::Sent)
            {
                out.push(Effect::Operate(op.kind.clone()));
            }
        }
        // Heroku accepted it, or its answer was lost: a read of the connection follows it.
        Action::OperationAnswered(_)
            if after.operation.as_ref().is_some_and(|op| op.watching()) =>
        {
            out.push(Effect::PollConnection)
        }
        Action::DiagnoseRequested if after.diagnosis.running() => out.push(Effect::StartValidation),
        // Each call only when the reducer took the request (never a second one in flight).
        Action::WriteErrorsRequested(scope)
            if after.write_errors.loading(scope) && !before.write_errors.loading(scope) =>
        {
            out.push(Effect::LoadWriteErrors(scope.clone()))
        }
        Action::MappingDiagnoseRequested(id)
            if after.mapping_diagnoses.loading(id) && !before.mapping_diagnoses.loading(id) =>
        {
            out.push(Effect::DiagnoseMapping(id.clone()))
        }
        Action::ApiVersionPreviewRequested(target)
            if after.schema_diffs.loading(target) && !before.schema_diffs.loading(target) =>
        {
            out.push(Effect::PreviewApiVersion(target.clone()))
        }
        Action::NotificationsRequested | Action::Acknowledged(_)
            if after.notifications == Notifications::Loading
                && before.notifications != Notifications::Loading =>
        {
            out.push(Effect::LoadNotifications)
        }
        Action::AcknowledgeRequested
            if after.notifications == Notifications::Acknowledging
                && before.notifications != Notifications::Acknowledging =>
        {
            out.push(Effect::AcknowledgeNotifications)
        }
        Action::ConnectionActionDone(Err(_)) if after.unanswered.is_some() => {
            if let Some(kind) = after.action_pending {
                out.push(Effect::CheckAction(kind));
            }
        }
        _ => {}
    }
    // `Linked` both asks for discovery and enters the Connection step, whose entry asks again:
    // one discovery is enough (two would also race each other in the UI).
    for e in on_entry(before, after, action, app.as_deref()) {
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

/// Whether `action` itself carried a fresh copy of the chosen connection, so that entering a
/// step because of it needs no re-read.
fn delivered_connection(action: &Action) -> bool {
    matches!(
        action,
        Action::ConnectionsDiscovered(Ok(_))
            | Action::DatabaseReRead(Ok(_))
            | Action::ConnectionPolled { result: Ok(_), .. }
    )
}

/// Loads a step needs when it is entered, or when what it shows changed underneath it.
fn on_entry(before: &State, after: &State, action: &Action, app: Option<&str>) -> Vec<Effect> {
    let entered = before.step != after.step || before.app != after.app;
    if !entered {
        return Vec::new();
    }
    // The picker needs the list even when the popup closed before the first answer came.
    if after.step == Step::App && after.apps.is_empty() {
        return vec![Effect::LoadApps];
    }
    let Some(app) = app else {
        return Vec::new();
    };
    match after.step {
        // The region is known when the app came from the app list; only then is `GET /apps/<app>` spared.
        Step::Addons if after.app_region.is_some() => vec![Effect::LoadAddons(app.to_owned())],
        Step::Addons => vec![
            Effect::LoadApp(app.to_owned()),
            Effect::LoadAddons(app.to_owned()),
        ],
        Step::Connection if after.connections.is_empty() && after.linked => {
            vec![Effect::Discover(app.to_owned())]
        }
        Step::Database if after.connection().is_some() => vec![Effect::LoadDbKeys(app.to_owned())],
        // Re-read on entry only when the copy may be stale: the poll that just moved the step
        // (or the re-read after the PATCH) is as fresh as a second read would be.
        Step::Salesforce | Step::Import | Step::Monitor
            if after.connection().is_some() && !delivered_connection(action) =>
        {
            vec![Effect::PollConnection]
        }
        _ => Vec::new(),
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

/// The poll due in `state`, if any: add-ons while they provision, the connection while Salesforce
/// consent, an import or an action is awaited (fast), and the monitor when steady (slow). The UI
/// runs it only while its page is visible, so a closed or hidden popup costs nothing.
pub fn due_poll(state: &State) -> Option<Poll> {
    if state.busy || !state.token_present {
        return None;
    }
    // After a 429 or 503 the server said how long to wait; no poll comes sooner than that.
    let wait_ms = match &state.last_error {
        Some(FlowError::Api(e)) => e.retry_after().map_or(0, |s| s.saturating_mul(1000)),
        _ => 0,
    };
    // A diagnosis is read often and briefly; the connection's own poll waits until it is done.
    if let Some(url) = state.diagnosis.result_url() {
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
