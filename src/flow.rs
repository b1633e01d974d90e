//! The guided setup as a pure state machine: [`Step`], [`State`], [`Action`] and
//! [`reduce`]`(&State, Action) -> State`, plus what the user can do in each state
//! ([`available_actions`]) and which API calls the next action makes ([`next_calls`]).
//!
//! No yew, no async, no I/O, no clock: the UI performs the calls, feeds their results back as
//! actions, and passes the current time in where timing matters (the Salesforce wait). That keeps
//! every rule testable natively. The state is `Serialize + Deserialize` because the popup
//! closes whenever the Salesforce tab opens (or the user clicks outside it); the UI stores it,
//! unsaved input included, and resumes from it.

pub mod access;
pub mod action;
pub mod addons;
pub mod app_url;
pub mod database;
pub mod diagnose;
pub mod effect;
pub mod import;
pub mod mapping_edit;
pub mod monitor;
pub mod plan;
pub mod reduce;
pub mod salesforce;
pub mod state;
pub mod unanswered;

pub use action::{Action, BrowserTask, FlowError};
pub use addons::{AddonKind, AddonProgress};
pub use app_url::app_from_dashboard_url;
pub use database::valid_schema_name;
pub use plan::{available_actions, next_calls, UserAction};
pub use reduce::reduce;
pub use state::{AppChoice, AppSource, SfEnvironment, State};

/// The setup steps, in order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Step {
    /// Enter (and maybe remember) the Heroku API token.
    #[default]
    Token,
    /// Pick, detect or create the app.
    App,
    /// Make sure Postgres and Heroku Connect are provisioned.
    Addons,
    /// Join the Connect add-on's access list.
    Link,
    /// Find the connection and choose it.
    Connection,
    /// Set db_key and schema_name.
    Database,
    /// Authorize Salesforce.
    Salesforce,
    /// Import a mapping configuration (optional).
    Import,
    /// Watch the running sync.
    Monitor,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 9] = [
        Step::Token,
        Step::App,
        Step::Addons,
        Step::Link,
        Step::Connection,
        Step::Database,
        Step::Salesforce,
        Step::Import,
        Step::Monitor,
    ];

    /// Number of setup steps shown in "step N of 8" (Monitor comes after setup).
    pub const SETUP_STEPS: u8 = 8;

    /// 1-based position; Monitor is 9.
    pub fn number(self) -> u8 {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(1, |i| i as u8 + 1)
    }

    /// The step before, if any.
    pub fn previous(self) -> Option<Step> {
        Step::ALL
            .get(usize::from(self.number()).checked_sub(2)?)
            .copied()
    }

    /// The step after, if any.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(usize::from(self.number())).copied()
    }

    /// i18n key of the step's title, e.g. `step_database`.
    pub fn key(self) -> &'static str {
        match self {
            Step::Token => "step_token",
            Step::App => "step_app",
            Step::Addons => "step_addons",
            Step::Link => "step_link",
            Step::Connection => "step_connection",
            Step::Database => "step_database",
            Step::Salesforce => "step_salesforce",
            Step::Import => "step_import",
            Step::Monitor => "step_monitor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_order() {
        assert_eq!(Step::Token.number(), 1);
        assert_eq!(Step::Import.number(), 8);
        assert_eq!(Step::Token.previous(), None);
        assert_eq!(Step::App.previous(), Some(Step::Token));
        assert_eq!(Step::Monitor.next(), None);
        assert_eq!(Step::Import.next(), Some(Step::Monitor));
        assert!(Step::Link < Step::Database);
    }
}
