//! `reduce`: the one place where the setup state changes. It never panics and never loses what
//! is known: a failed call leaves everything in place and records the error. A 401 sends the
//! user back to the Token step; a 403 from a connection call to the Link step, but a 403 or 404
//! about the app itself (see [`super::access`]) to the App step, where no button repeats the
//! refused call; other errors stay on the step.
//!
//! Each step's messages are reduced by its module under [`super::steps`]; what is left here
//! crosses steps: the connection's poll, the clock, a page opened again, back and go-to, and
//! failures.

use super::access;
use super::action::{Action, BrowserTask, FlowError};
use super::state::State;
use super::steps;

pub(crate) mod rules;
pub use rules::{action_visible, import_settled};
use rules::{deny_app, expire_wait, fail, ok_or_fail, on_connection_seen};

/// Applies `action` to `state`.
pub fn reduce(state: &State, action: Action) -> State {
    let denied = access::denial(&action);
    let mut s = state.clone();
    apply(&mut s, action);
    if let Some(denial) = denied {
        deny_app(&mut s, denial);
    }
    s
}

fn apply(s: &mut State, action: Action) {
    match action {
        Action::Token(m) => steps::token::reduce(s, m),
        Action::App(m) => steps::app::reduce(s, m),
        Action::Addons(m) => steps::addons::reduce(s, m),
        Action::Link(m) => steps::link::reduce(s, m),
        Action::Connection(m) => steps::connection::reduce(s, m),
        Action::Database(m) => steps::database::reduce(s, m),
        Action::Salesforce(m) => steps::salesforce::reduce(s, m),
        Action::Import(m) => steps::import::reduce(s, m),
        Action::Monitor(m) => steps::monitor::reduce(s, m),
        Action::ConnectionPolled { result, now_ms } => {
            if let Some(conn) = ok_or_fail(s, result) {
                on_connection_seen(s, conn);
            }
            expire_wait(s, now_ms);
        }
        Action::Tick { now_ms } => expire_wait(s, now_ms),
        Action::Resumed => {
            s.action_unconfirmed |= s.busy && s.action_pending.is_some();
            s.busy = false;
            s.tab.resumed();
            if let Some(op) = &mut s.operation {
                op.resumed();
            }
        }
        Action::Back => {
            if let Some(prev) = s.step.previous() {
                s.step = prev;
            }
            s.busy = false;
        }
        Action::GoTo(step) => {
            if steps::ready(s, s.can_enter(step), step) {
                s.step = step;
                s.busy = false;
            }
        }
        Action::ErrorDismissed => s.last_error = None,
        Action::ApiFailed(e) => fail(s, e),
        Action::BrowserFailed { task, detail } => {
            s.busy = false;
            if task == BrowserTask::OpenSalesforce {
                // No login tab opened, so there is nothing to wait for.
                s.sf_waiting_since_ms = None;
            }
            s.last_error = Some(FlowError::Browser { task, detail });
        }
    }
}
