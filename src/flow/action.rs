//! Everything that can happen to the setup: what the user does and what calls return.

use serde::{Deserialize, Serialize};

use super::access::Denial;
use super::operation::OpKind;
use super::steps::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, ImportMsg, LinkMsg, MonitorMsg, SalesforceMsg,
    TokenMsg,
};
use super::unanswered::{Change, Checked};
use super::Step;
use crate::api::model::Connection;
use crate::api::ApiError;

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
            Change::Action(kind) => Some(Action::Monitor(MonitorMsg::ActionRequested(*kind))),
            Change::Database {
                db_key,
                schema_name,
            } => Some(Action::Database(DatabaseMsg::Chosen {
                db_key: db_key.clone(),
                schema_name: schema_name.clone(),
            })),
            Change::ApiVersion { target } => Some(Action::Monitor(MonitorMsg::OperationRequested(
                OpKind::ApiVersion {
                    target: target.clone(),
                },
            ))),
            // The import session and the mapping panel offer their own retry.
            Change::Import | Change::DeleteMapping | Change::SaveMapping | Change::Reload => None,
        }
    }
}

/// An event for [`super::reduce`]: a step's own message, or one of the few that cross steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Step 1: the token.
    Token(TokenMsg),
    /// Step 1: the app.
    App(AppMsg),
    /// Step 2: the add-ons.
    Addons(AddonsMsg),
    /// Step 3: the link.
    Link(LinkMsg),
    /// Step 4: the connection.
    Connection(ConnectionMsg),
    /// Step 5: database key and schema.
    Database(DatabaseMsg),
    /// Step 6: Salesforce.
    Salesforce(SalesforceMsg),
    /// Step 7: the import.
    Import(ImportMsg),
    /// Step 8: the status view.
    Monitor(MonitorMsg),
    /// A poll of the chosen connection answered at `now_ms`. Several steps wait on it: the
    /// Salesforce consent, an import applying, an action or operation under way.
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
    /// A page opened on the saved state: calls in flight when the last one closed lost their answers.
    Resumed,
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
            Action::Token(m) => m.api_error(),
            Action::App(m) => m.api_error(),
            Action::Addons(m) => m.api_error(),
            Action::Link(m) => m.api_error(),
            Action::Connection(m) => m.api_error(),
            Action::Database(m) => m.api_error(),
            Action::Salesforce(m) => m.api_error(),
            Action::Import(m) => m.api_error(),
            Action::Monitor(m) => m.api_error(),
            Action::ConnectionPolled { result: Err(e), .. } | Action::ApiFailed(e) => Some(e),
            Action::ConnectionPolled { result: Ok(_), .. }
            | Action::Tick { .. }
            | Action::Resumed
            | Action::Back
            | Action::GoTo(_)
            | Action::ErrorDismissed
            | Action::BrowserFailed { .. } => None,
        }
    }
}
