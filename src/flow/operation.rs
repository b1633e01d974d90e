//! A change to the sync that goes on after Heroku answered: a mapping's reload, and the Salesforce
//! API version change. The setup state keeps it ([`Operation`]) from the click to its result, so a
//! popup that closed meanwhile (it closes whenever it loses focus) shows it running, then how it
//! ended, when it opens again.
//!
//! Heroku's answer only says the change was accepted: a reload is finished when a read of the
//! connection shows the mapping back out of its reload, and a version change when the connection
//! reports the new version. An answer that never came (the connection dropped, or the page closed
//! first) is decided by the next read too, never by sending the change again.

use serde::{Deserialize, Serialize};

use super::unanswered::{outcome_unknown, Change, Checked};
use super::FlowError;
use crate::api::model::{normalise_api_version, Connection, StateGroup};
use crate::api::ApiError;

/// Reads after which a reload that was never seen running counts as finished: a small mapping can
/// reload between two reads.
pub const UNSEEN_RELOAD_READS: u32 = 3;

/// What is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpKind {
    /// `POST …/mappings/<id>/actions/reload`.
    Reload {
        /// The mapping's id.
        mapping_id: String,
        /// Its object, for the words.
        object_name: String,
    },
    /// `POST …/actions/change-sf-api-version`, to `target` (`NN.0`).
    ApiVersion {
        /// The version asked for.
        target: String,
    },
}

/// Where the change stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpStage {
    /// Sent; Heroku has not answered yet.
    Sent,
    /// Heroku accepted it; reads of the connection follow it.
    Running {
        /// Reads since the answer.
        reads: u32,
        /// A read showed the mapping reloading.
        seen_working: bool,
    },
    /// No answer came: `Some` the connection dropped (its error), `None` the page closed first.
    /// The next read of the connection says what became of it.
    Unanswered(Option<ApiError>),
    /// Done as asked.
    Finished,
    /// The page closed before the answer, and the read cannot tell whether it arrived (a reload
    /// that is not running), or shows it did not (the version is unchanged).
    Unconfirmed,
    /// Refused, or a dropped answer whose read said what became of it.
    Failed(FlowError),
}

/// A reload or version change of the chosen connection, kept with the setup state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// The connection it changes.
    pub connection_id: String,
    /// What it changes.
    pub kind: OpKind,
    /// Where it stands.
    pub stage: OpStage,
}

impl Operation {
    /// Just sent.
    pub fn sent(connection_id: &str, kind: OpKind) -> Operation {
        Operation {
            connection_id: connection_id.to_owned(),
            kind,
            stage: OpStage::Sent,
        }
    }

    /// Whether it is still under way: the UI shows progress and offers no second change.
    pub fn in_flight(&self) -> bool {
        matches!(
            self.stage,
            OpStage::Sent | OpStage::Running { .. } | OpStage::Unanswered(_)
        )
    }

    /// Whether the connection is read soon to follow it (the call itself is not in flight).
    pub fn watching(&self) -> bool {
        matches!(self.stage, OpStage::Running { .. } | OpStage::Unanswered(_))
    }

    /// The mapping it reloads, if it is a reload.
    pub fn reloading(&self) -> Option<&str> {
        match (&self.kind, self.in_flight()) {
            (OpKind::Reload { mapping_id, .. }, true) => Some(mapping_id),
            _ => None,
        }
    }

    /// Heroku answered the request.
    pub fn answered(&mut self, answer: Result<(), ApiError>) {
        if self.stage != OpStage::Sent {
            return;
        }
        self.stage = match answer {
            Ok(()) => OpStage::Running {
                reads: 0,
                seen_working: false,
            },
            Err(e) if outcome_unknown(&e) => OpStage::Unanswered(Some(e)),
            Err(e) => OpStage::Failed(FlowError::Api(e)),
        };
    }

    /// A page opened on the saved state: a request in flight lost its answer with the last page.
    pub fn resumed(&mut self) {
        if self.stage == OpStage::Sent {
            self.stage = OpStage::Unanswered(None);
        }
    }

    /// A read of the connection answered; `conn` is ignored unless it is this operation's.
    pub fn seen(&mut self, conn: &Connection) {
        if conn.id != self.connection_id {
            return;
        }
        let arrived = match &self.kind {
            OpKind::Reload { mapping_id, .. } => {
                let mapping = conn.mappings.iter().find(|m| m.id == *mapping_id);
                // A deleted mapping has nothing left to reload.
                mapping.is_none_or(|m| {
                    m.state
                        .as_ref()
                        .is_some_and(|s| s.group() == StateGroup::InProgress)
                })
            }
            OpKind::ApiVersion { target } => conn
                .sf_api_version()
                .is_some_and(|v| normalise_api_version(v) == *target),
        };
        self.stage = match (
            std::mem::replace(&mut self.stage, OpStage::Sent),
            &self.kind,
        ) {
            (OpStage::Running { reads, .. }, OpKind::ApiVersion { .. }) if !arrived => {
                // Heroku said yes; a read that lags behind is read again, a few times.
                if reads + 1 >= UNSEEN_RELOAD_READS {
                    OpStage::Finished
                } else {
                    OpStage::Running {
                        reads: reads + 1,
                        seen_working: false,
                    }
                }
            }
            (OpStage::Running { .. }, OpKind::ApiVersion { .. }) => OpStage::Finished,
            (
                OpStage::Running {
                    reads,
                    seen_working,
                },
                OpKind::Reload { .. },
            ) => {
                if arrived {
                    OpStage::Running {
                        reads: reads + 1,
                        seen_working: true,
                    }
                } else if seen_working || reads + 1 >= UNSEEN_RELOAD_READS {
                    OpStage::Finished
                } else {
                    OpStage::Running {
                        reads: reads + 1,
                        seen_working,
                    }
                }
            }
            (OpStage::Unanswered(_), OpKind::Reload { .. }) if arrived => OpStage::Running {
                reads: 1,
                seen_working: true,
            },
            (OpStage::Unanswered(_), OpKind::ApiVersion { .. }) if arrived => OpStage::Finished,
            (OpStage::Unanswered(None), _) => OpStage::Unconfirmed,
            (OpStage::Unanswered(Some(error)), kind) => OpStage::Failed(FlowError::Unanswered {
                change: change_of(kind),
                // A reload leaves no trace once it has run; an unchanged version is one.
                checked: match kind {
                    OpKind::Reload { .. } => Checked::Unknown,
                    OpKind::ApiVersion { .. } => Checked::NotApplied,
                },
                error,
            }),
            (stage, _) => stage,
        };
    }

    /// The i18n key of the words shown for it, and their argument.
    pub fn words(&self) -> Option<(&'static str, &str)> {
        let arg = match &self.kind {
            OpKind::Reload { object_name, .. } => object_name.as_str(),
            OpKind::ApiVersion { target } => target.as_str(),
        };
        let reload = matches!(self.kind, OpKind::Reload { .. });
        let key = match (&self.stage, reload) {
            (OpStage::Sent | OpStage::Unanswered(_), true) => "monitor_reload_sending",
            (OpStage::Running { .. }, true) => "monitor_reload_started",
            (OpStage::Finished, true) => "monitor_reload_finished",
            (OpStage::Unconfirmed, true) => "monitor_reload_unconfirmed",
            (OpStage::Sent | OpStage::Unanswered(_) | OpStage::Running { .. }, false) => {
                "monitor_api_version_changing"
            }
            (OpStage::Finished, false) => "monitor_api_version_changed",
            (OpStage::Unconfirmed, false) => "monitor_api_version_unconfirmed",
            (OpStage::Failed(_), _) => return None,
        };
        Some((key, arg))
    }

    /// The error to show, when it failed.
    pub fn error(&self) -> Option<&FlowError> {
        match &self.stage {
            OpStage::Failed(e) => Some(e),
            _ => None,
        }
    }
}

fn change_of(kind: &OpKind) -> Change {
    match kind {
        OpKind::Reload { .. } => Change::Reload,
        OpKind::ApiVersion { target } => Change::ApiVersion {
            target: target.clone(),
        },
    }
}

#[cfg(test)]
mod tests;
