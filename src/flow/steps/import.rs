//! Step 7, import: a mapping configuration is checked, diffed, backed up and sent on the full
//! tab's import screen, whose session is [`crate::flow::import`]. This module is what the setup
//! itself knows of it: that an import was sent and is applying (the connection's poll says when
//! it settled), what a later page must show of the session, and that the user may skip the step.

use serde::{Deserialize, Serialize};

use super::start;
use crate::api::{ApiError, RequestSpec};
use crate::flow::import::SavedImport;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::ok_or_fail;
use crate::flow::{State, Step};

/// What happens on the import step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportMsg {
    /// An import was sent.
    Requested,
    /// The import answered.
    Accepted(Result<(), ApiError>),
    /// The import screen's session changed what a later page must show of it.
    Saved(Option<SavedImport>),
    /// The user skipped the import.
    Skipped,
}

impl ImportMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ImportMsg::Accepted(Err(e)) => Some(e),
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: ImportMsg) {
    match msg {
        ImportMsg::Requested => start(s),
        ImportMsg::Accepted(r) => {
            if ok_or_fail(s, r).is_some() {
                s.import_pending = true;
            }
        }
        ImportMsg::Saved(saved) => s.tab.import = saved,
        ImportMsg::Skipped => {
            if s.can_enter(Step::Monitor) {
                s.step = Step::Monitor;
            }
        }
    }
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    if !state.import_pending {
        v.extend([UserAction::Import, UserAction::SkipImport]);
    }
}

/// The import call itself is not listed: its body is the document the user drops, which the
/// state does not hold (it can be large and belongs to `crate::config`).
pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    super::detail_call(state).into_iter().collect()
}
