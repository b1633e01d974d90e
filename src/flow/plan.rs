//! For each state: what the user can do, and which API calls the next action makes. The UI
//! shows the first as buttons and the second as "Copy as curl" / "Copy as Heroku CLI command".
//! Both come from the steps' own modules ([`super::steps`]).

use super::state::State;
use super::steps::{self, addons::AddonKind};
use super::Step;
use crate::api::RequestSpec;

/// Something the user can do now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UserAction {
    /// Enter a token.
    EnterToken,
    /// Forget the stored token.
    ForgetToken,
    /// Pick an app from the list.
    PickApp,
    /// Create a new app.
    CreateApp,
    /// Add a missing add-on.
    AddAddon(AddonKind),
    /// List the add-ons again (provisioning progress).
    RefreshAddons,
    /// Join the access list.
    Link,
    /// Find the connections.
    Discover,
    /// Choose among several connections.
    ChooseConnection,
    /// Save db_key and schema.
    SaveDatabase,
    /// Pick production, sandbox or My Domain.
    ChooseSalesforceEnvironment,
    /// Open Salesforce consent.
    Authorize,
    /// Check the connection again after the wait expired.
    CheckAgain,
    /// Import a configuration.
    Import,
    /// Go on without importing.
    SkipImport,
    /// Go to the monitor.
    OpenMonitor,
    /// One step back.
    Back,
    /// Hide the error.
    DismissError,
}

/// What the user can do in `state`.
pub fn available_actions(state: &State) -> Vec<UserAction> {
    let mut v = Vec::new();
    if state.busy {
        return v;
    }
    match state.step {
        Step::Token => steps::token::available(state, &mut v),
        Step::App => steps::app::available(state, &mut v),
        Step::Addons => steps::addons::available(state, &mut v),
        Step::Link => steps::link::available(&mut v),
        Step::Connection => steps::connection::available(state, &mut v),
        Step::Database => v.push(UserAction::SaveDatabase),
        Step::Salesforce => steps::salesforce::available(state, &mut v),
        Step::Import => steps::import::available(state, &mut v),
        Step::Monitor => {}
    }
    if !matches!(state.step, Step::Monitor | Step::Import) && state.can_enter(Step::Monitor) {
        v.push(UserAction::OpenMonitor);
    }
    if state.step.previous().is_some() {
        v.push(UserAction::Back);
    }
    if state.last_error.is_some() {
        v.push(UserAction::DismissError);
    }
    v
}

/// The calls the next action in `state` makes, in order, as data: each step's module lists its own.
pub fn next_calls(state: &State) -> Vec<RequestSpec> {
    match state.step {
        Step::Token => steps::token::calls(),
        Step::App => steps::app::calls(state),
        Step::Addons => steps::addons::calls(state),
        Step::Link => steps::link::calls(state),
        Step::Connection => steps::connection::calls(state),
        Step::Database => steps::database::calls(state),
        Step::Salesforce => steps::salesforce::calls(state),
        Step::Import => steps::import::calls(state),
        Step::Monitor => steps::monitor::calls(state),
    }
}
