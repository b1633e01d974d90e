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
pub mod app_url;
pub mod diagnose;
pub mod effect;
pub mod export;
pub mod import;
pub mod mapping_edit;
pub mod monitor;
pub mod notifications;
pub mod operation;
pub mod options;
pub mod plan;
pub mod reads;
pub mod reduce;
pub mod state;
pub mod steps;
pub mod unanswered;
pub mod write_errors;

pub use action::{Action, BrowserTask, FlowError};
pub use app_url::app_from_dashboard_url;
pub use plan::{available_actions, next_calls, UserAction};
pub use reduce::reduce;
pub use state::{AppChoice, AppSource, SfEnvironment, State};
pub use steps::addons::{AddonKind, AddonProgress};
pub use steps::database::valid_schema_name;
pub use steps::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, ImportMsg, LinkMsg, MonitorMsg, SalesforceMsg,
    TokenMsg,
};

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

    /// Number of steps shown in "step N of 8".
    pub const SETUP_STEPS: u8 = 8;

    /// The step's number in the one numbering the README, the screens and the file headers use:
    /// 1 app and Postgres, 2 add-on, 3 link, 4 connection, 5 database, 6 Salesforce, 7 import,
    /// 8 monitor. The token is part of step 1: it is what opens the app list.
    pub fn number(self) -> u8 {
        match self {
            Step::Token | Step::App => 1,
            Step::Addons => 2,
            Step::Link => 3,
            Step::Connection => 4,
            Step::Database => 5,
            Step::Salesforce => 6,
            Step::Import => 7,
            Step::Monitor => 8,
        }
    }

    /// Position in [`Step::ALL`].
    fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step before, if any.
    pub fn previous(self) -> Option<Step> {
        Step::ALL.get(self.index().checked_sub(1)?).copied()
    }

    /// The step after, if any.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
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
        assert_eq!(Step::Token.previous(), None);
        assert_eq!(Step::App.previous(), Some(Step::Token));
        assert_eq!(Step::Monitor.next(), None);
        assert_eq!(Step::Import.next(), Some(Step::Monitor));
        assert!(Step::Link < Step::Database);
    }

    /// The README's numbering: 1 app + Postgres (the token opens it), 2 add-on, 3 link,
    /// 4 connection, 5 database, 6 Salesforce, 7 import, 8 monitor.
    #[test]
    fn numbering_is_the_readmes() {
        let numbers: Vec<u8> = Step::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, [1, 1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(Step::Database.number(), 5);
        assert_eq!(Step::Import.number(), 7);
        assert_eq!(Step::Monitor.number(), Step::SETUP_STEPS);
        let readme = include_str!("../README.md");
        for (step, words) in [
            (Step::Database, "Database and schema"),
            (Step::Salesforce, "Authorize Salesforce"),
            (Step::Import, "Import mappings"),
        ] {
            let row = format!("Setup step {}, {words}", step.number());
            assert!(readme.contains(&row), "README lacks {row:?}");
        }
        assert!(readme.contains(&format!("\"Status\" is step {}", Step::Monitor.number())));
        assert!(readme.contains(&format!(
            "{}. set database key and schema",
            Step::Database.number()
        )));
    }
}
