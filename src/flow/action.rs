//! Everything that can happen to the setup: what the user does and what calls return.

use serde::{Deserialize, Serialize};

use super::access::Denial;
use super::addons::AddonKind;
use super::import::SavedImport;
use super::operation::OpKind;
use super::state::{AppSource, SfEnvironment};
use super::unanswered::{Change, Checked};
use super::write_errors::Scope;
use super::Step;
use crate::api::model::{
    Account, Addon, App, AppDbKeys, AuthAnswer, AuthorizeUrl, Connection, Notification, SchemaDiff,
    ValidationJob, ValidationPoll, ValidationResult, WriteError,
};
use crate::api::{ApiError, ConnectionActionKind, Discovered};

/// An error the setup shows; API errors keep their detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlowError {
    /// A call failed.
    Api(ApiError),
    /// The schema name breaks `^[a-z_][a-z0-9_]{0,62}$`.
    InvalidSchemaName(String),
    /// No database was chosen.
    NoDbKey,
    /// The PATCH answered 2xx but the re-read shows other values.
    DatabaseNotSaved {
        /// db_key found on re-read.
        found_db_key: Option<String>,
        /// schema_name found on re-read.
        found_schema_name: Option<String>,
    },
    /// Custom Salesforce login without a domain.
    MissingSalesforceDomain,
    /// The plan is not one offered for that add-on.
    PlanNotOffered(String),
    /// Salesforce did not finish within 15 minutes.
    SalesforceWaitExpired,
    /// The step cannot be entered yet.
    StepNotReady(Step),
    /// A change got no answer; a read of the server then said what became of it.
    Unanswered {
        /// What was changed.
        change: Change,
        /// What the read showed.
        checked: Checked,
        /// The request's own error (the browser's words), for the details.
        error: ApiError,
    },
    /// Heroku refused a call about the app for a reason only someone else can fix (see
    /// [`super::access`]); the answer's detail is kept for the alert.
    AppDenied {
        /// Why.
        denial: Denial,
        /// Heroku's answer.
        error: ApiError,
    },
    /// The browser refused something the setup asked of it; `detail` is the browser's own text.
    Browser {
        /// What was asked.
        task: BrowserTask,
        /// The browser's description of the failure.
        detail: String,
    },
}

/// What the setup asks of the browser itself, outside the Heroku calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BrowserTask {
    /// Keep the token in the extension's storage.
    SaveToken,
    /// Remove the stored token.
    ForgetToken,
    /// Open the Salesforce login in a new tab.
    OpenSalesforce,
}

impl FlowError {
    /// i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            FlowError::Api(e) => e.hint_key(),
            FlowError::InvalidSchemaName(_) => "error_schema_name",
            FlowError::NoDbKey => "error_no_db_key",
            FlowError::DatabaseNotSaved { .. } => "error_database_not_saved",
            FlowError::MissingSalesforceDomain => "error_sf_domain_missing",
            FlowError::PlanNotOffered(_) => "error_plan_not_offered",
            FlowError::SalesforceWaitExpired => "error_sf_wait_expired",
            FlowError::StepNotReady(_) => "error_step_not_ready",
            FlowError::Unanswered {
                change, checked, ..
            } => checked.key(change),
            FlowError::AppDenied { denial, .. } => denial.key(),
            FlowError::Browser { task, .. } => match task {
                BrowserTask::SaveToken => "error_browser_save_token",
                BrowserTask::ForgetToken => "error_browser_forget_token",
                BrowserTask::OpenSalesforce => "error_browser_open_salesforce",
            },
        }
    }

    /// The action that sends a change again, when the error says it can be: a change that got
    /// no answer and that a read of the connection showed was not applied.
    pub fn retry(&self) -> Option<Action> {
        let FlowError::Unanswered {
            change, checked, ..
        } = self
        else {
            return None;
        };
        match change {
            _ if !checked.may_retry() => None,
            Change::Action(kind) => Some(Action::ConnectionActionRequested(*kind)),
            Change::Database {
                db_key,
                schema_name,
            } => Some(Action::DatabaseChosen {
                db_key: db_key.clone(),
                schema_name: schema_name.clone(),
            }),
            Change::ApiVersion { target } => Some(Action::OperationRequested(OpKind::ApiVersion {
                target: target.clone(),
            })),
            // The import session and the mapping panel offer their own retry.
            Change::Import | Change::DeleteMapping | Change::Reload => None,
        }
    }
}

/// An event for [`super::reduce`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// A token was typed (or loaded from storage); `GET /account` follows.
    TokenEntered {
        /// "Remember on this device".
        remember: bool,
    },
    /// The token was forgotten.
    TokenForgotten,
    /// `GET /account` answered.
    AccountLoaded(Result<Account, ApiError>),
    /// The active tab's URL, to detect a dashboard app.
    DashboardUrlSeen {
        /// The tab URL.
        url: String,
        /// Enabled emulator origin, for the emulator's dashboard.
        emulator_origin: Option<String>,
    },
    /// `GET /apps` answered.
    AppsLoaded(Result<Vec<App>, ApiError>),
    /// The user chose an app.
    AppChosen {
        /// App name.
        name: String,
        /// Where it came from.
        source: AppSource,
    },
    /// `GET /apps/<app>` answered (region).
    AppLoaded(Result<App, ApiError>),
    /// The user asked to create an app; `POST /apps` follows.
    AppCreateRequested {
        /// Requested name; Heroku invents one when absent.
        name: Option<String>,
        /// `us` or `eu`.
        region: String,
    },
    /// `POST /apps` answered.
    AppCreated(Result<App, ApiError>),
    /// `GET /apps/<app>/addons` answered.
    AddonsLoaded(Result<Vec<Addon>, ApiError>),
    /// The user picked a plan.
    PlanChosen {
        /// Which add-on.
        kind: AddonKind,
        /// The plan.
        plan: String,
    },
    /// The user asked to add an add-on.
    AddonCreateRequested(AddonKind),
    /// `POST /apps/<app>/addons` answered.
    AddonCreated(Result<Addon, ApiError>),
    /// The user asked to link (join the access list).
    LinkRequested,
    /// `POST /auth/<app>` (or the legacy grant) answered.
    Linked(Result<AuthAnswer, ApiError>),
    /// Discovery was started.
    DiscoverRequested,
    /// Discovery finished.
    ConnectionsDiscovered(Result<Discovered, ApiError>),
    /// The user chose a connection.
    ConnectionChosen(String),
    /// `GET /api/v3/apps/<app>` answered.
    DbKeysLoaded(Result<AppDbKeys, ApiError>),
    /// The user submitted db_key and schema.
    DatabaseChosen {
        /// Config var.
        db_key: String,
        /// Schema.
        schema_name: String,
    },
    /// The user changed db_key or schema on the form without saving yet; kept so that neither a
    /// late answer nor the popup closing loses it.
    DatabaseEdited {
        /// Config var shown as chosen (empty while the list is loading).
        db_key: String,
        /// Schema as typed.
        schema_name: String,
    },
    /// The PATCH answered.
    DatabaseSaved(Result<Connection, ApiError>),
    /// The re-read after the PATCH answered.
    DatabaseReRead(Result<Connection, ApiError>),
    /// The user chose the Salesforce environment.
    SalesforceEnvironmentChosen {
        /// Environment.
        environment: SfEnvironment,
        /// My Domain for `Custom`.
        domain: Option<String>,
    },
    /// The user asked to authorize; `next` is where the browser should land.
    AuthorizeRequested {
        /// An extension page URL.
        next: String,
    },
    /// `POST …/authorize_url` answered.
    AuthorizeUrlReceived(Result<AuthorizeUrl, ApiError>),
    /// The consent tab was opened at `now_ms`.
    SalesforceWaitStarted {
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
    /// A poll of the chosen connection answered at `now_ms`.
    ConnectionPolled {
        /// The (deep) connection.
        result: Result<Connection, ApiError>,
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
    /// A poll came due but nothing changed (lets the wait expire without an answer).
    Tick {
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
    /// "Check again" after the wait expired.
    CheckAgain {
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
    /// An import was sent.
    ImportRequested,
    /// The import answered.
    ImportAccepted(Result<(), ApiError>),
    /// The import screen's session changed what a later page must show of it.
    ImportSaved(Option<SavedImport>),
    /// The user skipped the import.
    ImportSkipped,
    /// A pause/resume/restart was sent from the monitor.
    ConnectionActionRequested(ConnectionActionKind),
    /// It answered.
    ConnectionActionDone(Result<(), ApiError>),
    /// The user asked to reload a mapping or change the API version of the chosen connection.
    OperationRequested(OpKind),
    /// That request answered.
    OperationAnswered(Result<(), ApiError>),
    /// The user put away the operation's result.
    OperationDismissed,
    /// The user asked for the write errors of the chosen connection (`None`) or of one mapping.
    WriteErrorsRequested(Scope),
    /// That read answered.
    WriteErrorsLoaded {
        /// Whose errors.
        scope: Scope,
        /// The list.
        result: Result<Vec<WriteError>, ApiError>,
    },
    /// The user asked for one mapping's own diagnosis (by its id).
    MappingDiagnoseRequested(String),
    /// `GET …/mappings/<id>/validations` answered.
    MappingDiagnosed {
        /// The mapping's id.
        mapping_id: String,
        /// Its checks.
        result: Result<ValidationResult, ApiError>,
    },
    /// The user asked what changing to a target API version (`NN.0`) would do.
    ApiVersionPreviewRequested(String),
    /// `GET …/schema-diff` answered.
    ApiVersionPreviewed {
        /// The version asked about.
        target: String,
        /// The diff.
        result: Result<SchemaDiff, ApiError>,
    },
    /// The user asked for the chosen connection's notifications.
    NotificationsRequested,
    /// `GET …/notifications` answered.
    NotificationsLoaded(Result<Vec<Notification>, ApiError>),
    /// The user acknowledged the listed notifications.
    AcknowledgeRequested,
    /// `POST …/notifications/acknowledge` answered.
    Acknowledged(Result<(), ApiError>),
    /// The user asked for diagnostics of the chosen connection.
    DiagnoseRequested,
    /// `POST …/validations` answered.
    DiagnoseStarted(Result<ValidationJob, ApiError>),
    /// A read of the job's `result_url` answered.
    DiagnosePolled(Result<ValidationPoll, ApiError>),
    /// A page opened on the saved state: calls in flight when the last one closed lost their answers.
    Resumed,
    /// The read of the connection after an action got no answer.
    ActionChecked {
        /// The action sent.
        kind: ConnectionActionKind,
        /// The connection as read afterwards.
        result: Result<Connection, ApiError>,
    },
    /// One step back.
    Back,
    /// Jump to a step (allowed up to the furthest reachable).
    GoTo(Step),
    /// Hide the error.
    ErrorDismissed,
    /// Any other call failed.
    ApiFailed(ApiError),
    /// The browser refused a task; nothing of the setup changes but that the task did not happen.
    BrowserFailed {
        /// What was asked.
        task: BrowserTask,
        /// The browser's description of the failure.
        detail: String,
    },
}

impl Action {
    /// The failed call this action reports, if it reports one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Action::AccountLoaded(Err(e))
            | Action::AppsLoaded(Err(e))
            | Action::AppLoaded(Err(e))
            | Action::AppCreated(Err(e))
            | Action::AddonsLoaded(Err(e))
            | Action::AddonCreated(Err(e))
            | Action::Linked(Err(e))
            | Action::ConnectionsDiscovered(Err(e))
            | Action::DbKeysLoaded(Err(e))
            | Action::DatabaseSaved(Err(e))
            | Action::DatabaseReRead(Err(e))
            | Action::AuthorizeUrlReceived(Err(e))
            | Action::ConnectionPolled { result: Err(e), .. }
            | Action::ImportAccepted(Err(e))
            | Action::ConnectionActionDone(Err(e))
            | Action::OperationAnswered(Err(e))
            | Action::NotificationsLoaded(Err(e))
            | Action::WriteErrorsLoaded { result: Err(e), .. }
            | Action::MappingDiagnosed { result: Err(e), .. }
            | Action::ApiVersionPreviewed { result: Err(e), .. }
            | Action::Acknowledged(Err(e))
            | Action::ApiFailed(e) => Some(e),
            _ => None,
        }
    }
}
