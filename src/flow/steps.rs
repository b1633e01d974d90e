//! One module per step of the guided setup, in the README's numbering. Each holds the step's
//! messages (`Action::<Step>(<Step>Msg)`), how they change the state, which calls follow them and
//! which the step's entry needs, what the user can do on it and the calls "Copy as curl" shows.
//!
//! | step | module |
//! |---|---|
//! | 1 token and app (with its Postgres plan) | [`token`], [`app`] |
//! | 2 add-ons | [`addons`] |
//! | 3 link | [`link`] |
//! | 4 connection | [`connection`] |
//! | 5 database key and schema | [`database`] |
//! | 6 Salesforce | [`salesforce`] |
//! | 7 import | [`import`] |
//! | 8 status (monitor) | [`monitor`] |
//!
//! `reduce`, `effect` and `plan` dispatch to these and keep only what crosses steps: API failures,
//! back and go-to, the clock, the browser's refusals and the connection poll several steps share.

pub mod addons;
pub mod app;
pub mod connection;
pub mod database;
pub mod import;
pub mod link;
pub mod monitor;
pub mod salesforce;
pub mod token;

#[cfg(test)]
pub(crate) mod testing;

pub use addons::AddonsMsg;
pub use app::AppMsg;
pub use connection::ConnectionMsg;
pub use database::DatabaseMsg;
pub use import::ImportMsg;
pub use link::LinkMsg;
pub use monitor::MonitorMsg;
pub use salesforce::SalesforceMsg;
pub use token::TokenMsg;

use super::effect::Effect;
use super::{Action, FlowError, State, Step};

/// A call starts: the page waits for its answer, and the last call's error goes.
pub(crate) fn start(s: &mut State) {
    s.busy = true;
    s.last_error = None;
}

/// Whether what the call needs is there (`ready`). When it is not, no call follows to clear
/// `busy`, so none is started: the error names `step`, the step to finish first.
pub(crate) fn ready(s: &mut State, ready: bool, step: Step) -> bool {
    if !ready {
        s.last_error = Some(FlowError::StepNotReady(step));
    }
    ready
}

/// The entry read of a step that shows the chosen connection: only when the copy may be stale.
/// The poll that just moved the step (or the re-read after the PATCH) is as fresh as a second
/// read would be.
pub(crate) fn reread_on_entry(after: &State, action: &Action) -> Vec<Effect> {
    let delivered = matches!(
        action,
        Action::Connection(ConnectionMsg::Discovered(Ok(_)))
            | Action::Database(DatabaseMsg::ReRead(Ok(_)))
            | Action::ConnectionPolled { result: Ok(_), .. }
    );
    if after.connection().is_some() && !delivered {
        vec![Effect::PollConnection]
    } else {
        Vec::new()
    }
}

/// `GET` of the chosen connection, as "Copy as curl" shows it.
pub(crate) fn detail_call(state: &State) -> Option<crate::api::RequestSpec> {
    let conn = state.connection()?;
    let detail = crate::api::connections::ConnectionDetail::of(conn).ok()?;
    Some(crate::api::RequestSpec::of(&detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A newcomer finds a step's module from its title: `Step::Database` is `steps/database.rs`.
    #[test]
    fn every_step_has_its_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/flow/steps");
        for step in Step::ALL {
            let name = step.key().trim_start_matches("step_");
            assert!(
                dir.join(format!("{name}.rs")).is_file(),
                "{step:?} has no src/flow/steps/{name}.rs"
            );
        }
    }
}
