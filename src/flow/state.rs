//! What the setup knows so far. Everything here is serialisable and nothing here is secret:
//! the token itself lives in browser storage, the state only says whether one is present.

use serde::{Deserialize, Serialize};

use super::access::Denial;
use super::action::FlowError;
use super::diagnose::Diagnosis;
use super::export::Export;
use super::import::SavedImport;
use super::notifications::Notifications;
use super::operation::Operation;
use super::reads::Reads;
use super::steps::addons::AddonKind;
use super::steps::database::DEFAULT_SCHEMA;
use super::write_errors::WriteErrorLists;
use super::Step;
use crate::api::model::{
    Addon, App, Connection, ConnectionState, DbKey, ObjectSchema, SchemaDiff, ValidationResult,
};
use crate::api::{ApiError, ConnectFlow, ConnectionActionKind};
use crate::config::Plan;

/// Where the app name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppSource {
    /// The Heroku dashboard tab the user has open.
    DashboardTab,
    /// The app used last time.
    LastUsed,
    /// Picked from the list.
    Picked,
    /// Created in this setup.
    Created,
}

/// The chosen app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppChoice {
    /// App name.
    pub name: String,
    /// Where it came from.
    pub source: AppSource,
}

/// Salesforce login environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SfEnvironment {
    /// `login.salesforce.com`.
    #[default]
    Production,
    /// `test.salesforce.com`.
    Sandbox,
    /// A My Domain host.
    Custom,
}

impl SfEnvironment {
    /// The value the API takes.
    pub fn as_str(self) -> &'static str {
        match self {
            SfEnvironment::Production => "production",
            SfEnvironment::Sandbox => "sandbox",
            SfEnvironment::Custom => "custom",
        }
    }
}

/// The whole setup state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The step shown.
    pub step: Step,
    /// A token has been entered (and not rejected since).
    pub token_present: bool,
    /// The user chose "Remember on this device".
    pub token_remembered: bool,
    /// The account's email, once `GET /account` answered.
    pub account_email: Option<String>,
    /// The chosen app.
    pub app: Option<AppChoice>,
    /// The app of the dashboard tab, when it differs from an app the user picked or created
    /// here: offered in one click, never switched to on its own.
    pub tab_app: Option<String>,
    /// Heroku refused the chosen app to this user; until another app or token is chosen, no
    /// step that calls about the app is offered.
    pub app_denied: Option<Denial>,
    /// The app's `region.name`.
    pub app_region: Option<String>,
    /// The user's apps, for the picker.
    pub apps: Vec<App>,
    /// `GET /apps` answered, so an empty `apps` means the account has none (not "loading").
    pub apps_loaded: bool,
    /// The app's add-ons as last listed.
    pub addons: Vec<Addon>,
    /// Chosen Postgres plan.
    pub postgres_plan: String,
    /// Chosen Connect plan.
    pub connect_plan: String,
    /// Add-on creates sent in this setup (provisioning progress).
    pub addons_requested: Vec<AddonKind>,
    /// `POST /auth` succeeded for this app.
    pub linked: bool,
    /// (account email, app) pairs this browser has linked: following the dashboard tab back to
    /// such an app goes straight to its connections, without a second link.
    pub linked_apps: Vec<(String, String)>,
    /// The flow that found the connections (never mixed afterwards).
    pub flow: Option<ConnectFlow>,
    /// Discovery was unreachable and Flow B was used instead.
    pub used_fallback: bool,
    /// The app's connections.
    pub connections: Vec<Connection>,
    /// The chosen connection's id.
    pub connection_id: Option<String>,
    /// Database choices.
    pub db_keys: Vec<DbKey>,
    /// Chosen db_key.
    pub db_key: Option<String>,
    /// Chosen schema.
    pub schema_name: String,
    /// The user changed db_key or schema since the database step showed the connection's values:
    /// a later answer about the connection no longer overwrites them.
    pub database_edited: bool,
    /// Sent db_key and schema, waiting for the PATCH answer and the re-read.
    pub database_pending: Option<(String, String)>,
    /// Salesforce environment.
    pub sf_environment: SfEnvironment,
    /// My Domain for `Custom`.
    pub sf_domain: Option<String>,
    /// Where the browser lands after consent (an extension page).
    pub sf_next: Option<String>,
    /// The consent URL to open.
    pub authorize_redirect: Option<String>,
    /// Waiting for Salesforce since this time (ms since the epoch).
    pub sf_waiting_since_ms: Option<u64>,
    /// The 15-minute wait ran out; offer "check again".
    pub sf_wait_expired: bool,
    /// An import was accepted and is being applied.
    pub import_pending: bool,
    /// A connection action was sent and its new state has not shown yet.
    pub action_pending: Option<ConnectionActionKind>,
    /// The page that sent the pending action closed before its answer came: the next read of the
    /// connection decides whether it arrived.
    pub action_unconfirmed: bool,
    /// What only the full tab shows: the import it runs, diagnoses, notifications, write errors, the
    /// API version preview. Saved apart ([`TabPart`]), so the popup never reads it.
    #[serde(skip)]
    pub tab: TabPart,
    /// A mapping reload or API version change, from the click to its result.
    pub operation: Option<Operation>,
    /// The last connection state seen.
    pub last_status: Option<ConnectionState>,
    /// The pending action's request got no answer (this error): the connection is being read to
    /// see whether it was applied.
    pub unanswered: Option<ApiError>,
    /// The last error, shown on the current step until dismissed.
    pub last_error: Option<FlowError>,
    /// A call is in flight.
    pub busy: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            step: Step::Token,
            token_present: false,
            token_remembered: false,
            account_email: None,
            app: None,
            tab_app: None,
            app_denied: None,
            app_region: None,
            apps: Vec::new(),
            apps_loaded: false,
            addons: Vec::new(),
            postgres_plan: AddonKind::Postgres.default_plan().into(),
            connect_plan: AddonKind::Connect.default_plan().into(),
            addons_requested: Vec::new(),
            linked: false,
            linked_apps: Vec::new(),
            flow: None,
            used_fallback: false,
            connections: Vec::new(),
            connection_id: None,
            db_keys: Vec::new(),
            db_key: None,
            schema_name: DEFAULT_SCHEMA.into(),
            database_edited: false,
            database_pending: None,
            sf_environment: SfEnvironment::Production,
            sf_domain: None,
            sf_next: None,
            authorize_redirect: None,
            sf_waiting_since_ms: None,
            sf_wait_expired: false,
            import_pending: false,
            action_pending: None,
            action_unconfirmed: false,
            tab: TabPart::default(),
            operation: None,
            last_status: None,
            unanswered: None,
            last_error: None,
            busy: false,
        }
    }
}

/// What only the full tab shows of the setup: the import it runs, the diagnoses, the
/// notifications, the write errors and the API version preview. The state leaves it out of its own
/// serialisation and the tab saves it under a key of its own ([`SavedTabPart`]), so the popup,
/// which shows none of it, never reads or writes it and its wasm carries no code to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TabPart {
    /// The import sent from the import screen, kept for the next page that shows it.
    pub import: Option<SavedImport>,
    /// Diagnostics of the chosen connection.
    pub diagnosis: Diagnosis,
    /// The chosen connection's notifications.
    pub notifications: Notifications,
    /// The write errors read on the chosen connection.
    pub write_errors: WriteErrorLists,
    /// Each mapping's own diagnosis, by mapping id.
    pub mapping_diagnoses: Reads<String, ValidationResult>,
    /// The schema diff of the target API version previewed last.
    pub schema_diffs: Reads<String, SchemaDiff>,
    /// The fields of the objects the mapping editor asked about, by object name.
    pub schemas: Reads<String, ObjectSchema>,
    /// The configuration export the user asked for.
    pub export: Export,
}

impl TabPart {
    /// A page opened on this part: reads in flight lost their answers with the last page.
    pub fn resumed(&mut self) {
        self.diagnosis.resumed();
        self.notifications.resumed();
        self.write_errors.resumed();
        self.mapping_diagnoses.resumed();
        self.schema_diffs.resumed();
        self.schemas.resumed();
        self.export.resumed();
    }
}

/// The tab's part as saved: with the connection it is about, since the popup may have chosen
/// another one (or another app) since the tab saved it, without touching it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedTabPart {
    /// The connection the part is about.
    pub connection_id: Option<String>,
    /// The part.
    pub part: TabPart,
}

impl State {
    /// The part the full tab saves apart.
    pub fn tab_part(&self) -> SavedTabPart {
        SavedTabPart {
            connection_id: self.connection_id.clone(),
            part: self.tab.clone(),
        }
    }

    /// This state with the tab's part put back, when it is about the connection chosen now; one
    /// about another connection is left out, as choosing that connection here would have done.
    pub fn with_tab_part(mut self, saved: SavedTabPart) -> State {
        if saved.connection_id == self.connection_id {
            self.tab = saved.part;
        }
        self
    }

    /// Whether a reload, deletion or version change of the chosen connection is followed by reads
    /// (one of a connection no longer chosen waits until it is chosen again).
    pub fn operation_followed(&self) -> bool {
        self.operation.as_ref().is_some_and(|op| {
            op.watching() && self.connection_id.as_deref() == Some(op.connection_id.as_str())
        })
    }

    /// The chosen connection's plan, which the configuration checks follow; an unknown one is
    /// checked as the strictest (demo's 10-minute polling floor).
    pub fn plan(&self) -> Plan {
        self.connection()
            .and_then(|c| c.plan.as_deref())
            .and_then(Plan::from_name)
            .unwrap_or(Plan::Demo)
    }

    /// The chosen app's name.
    pub fn app_name(&self) -> Option<&str> {
        self.app.as_ref().map(|a| a.name.as_str())
    }

    /// The app the picker shows selected: the chosen or detected app when the list holds it, else
    /// the first of the list (never whatever the browser happens to leave selected).
    pub fn picker_app(&self) -> Option<&str> {
        self.app_name()
            .filter(|name| self.apps.iter().any(|a| a.name == *name))
            .or_else(|| self.apps.first().map(|a| a.name.as_str()))
    }

    /// The chosen connection.
    pub fn connection(&self) -> Option<&Connection> {
        let id = self.connection_id.as_deref()?;
        self.connections.iter().find(|c| c.id == id)
    }

    /// "Step N of 8".
    pub fn progress(&self) -> (u8, u8) {
        (self.step.number(), Step::SETUP_STEPS)
    }

    /// Whether the Salesforce wait is running.
    pub fn waiting_for_salesforce(&self) -> bool {
        self.sf_waiting_since_ms.is_some()
    }

    /// The furthest step the known facts allow.
    pub fn furthest_step(&self) -> Step {
        if !self.token_present {
            return Step::Token;
        }
        if self.app.is_none() || self.app_denied.is_some() {
            return Step::App;
        }
        if let Some(conn) = self.connection() {
            return step_for_connection(conn);
        }
        if self.linked || !self.connections.is_empty() {
            Step::Connection
        } else if super::steps::addons::all_provisioned(&self.addons) {
            Step::Link
        } else {
            Step::Addons
        }
    }

    /// Whether the user may go to `step` now.
    pub fn can_enter(&self, step: Step) -> bool {
        let furthest = self.furthest_step();
        // The import is optional: once it is reachable, so is the monitor.
        step <= furthest || (step == Step::Monitor && furthest == Step::Import)
    }
}

/// Where setup stands for a connection: database first, then Salesforce, then import.
pub fn step_for_connection(conn: &Connection) -> Step {
    let db_set = conn.db_key.is_some() && conn.schema_name.is_some();
    if !db_set || conn.state == Some(ConnectionState::New) {
        Step::Database
    } else if !super::steps::salesforce::authorized(conn) {
        Step::Salesforce
    } else if conn.mappings.is_empty() {
        Step::Import
    } else {
        Step::Monitor
    }
}
