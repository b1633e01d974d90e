//! A change to the sync made from the status view: a mapping's creation, edit, reload or deletion,
//! and the Salesforce API version change. The setup state keeps it ([`Operation`]) from the click to its result, so a
//! popup that closed meanwhile (it closes whenever it loses focus) shows it running, then how it
//! ended, when it opens again.
//!
//! Heroku's answer only says the change was accepted: a reload is finished when a read of the
//! connection shows the mapping back out of its reload, a deletion when the mapping is gone from
//! it, a saved mapping when it is there (with a new revision, for an edit), and a version change when the connection reports the new version. An answer that never came (the connection dropped, or the page closed
//! first) is decided by the next read too, never by sending the change again.

use serde::{Deserialize, Serialize};

use super::unanswered::{deletion_checked, outcome_unknown, Change, Checked};
use super::FlowError;
use crate::api::model::{normalise_api_version, Connection, StateGroup};
use crate::api::ApiError;

/// Reads after which a change Heroku accepted counts as done although no read showed it: a small
/// mapping can reload between two reads, and a list can lag behind a deletion or a version change.
pub const UNSEEN_READS: u32 = 3;

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
    /// `DELETE …/mappings/<id>`.
    Delete {
        /// The mapping's id.
        mapping_id: String,
        /// Its object, for the words.
        object_name: String,
    },
    /// `POST …/mappings` (a new mapping, `mapping_id` is `None`) or `PATCH …/mappings/<id>`.
    SaveMapping {
        /// The mapping's id, when an existing one is edited.
        mapping_id: Option<String>,
        /// Its object.
        object_name: String,
        /// The configuration sent, checked by the import rules first (`flow::mapping_edit`).
        config: serde_json::Value,
        /// The edited mapping's revision as read (sent, so that a concurrent change is refused).
        revision: Option<i64>,
    },
    /// `POST …/actions/change-sf-api-version`, to `target` (`NN.0`).
    ApiVersion {
        /// The version asked for.
        target: String,
    },
}

impl OpKind {
    /// Its name in the page (`data-testid`s): `reload`, `delete`, `save-mapping` or `api-version`.
    pub fn word(&self) -> &'static str {
        match self {
            OpKind::Reload { .. } => "reload",
            OpKind::Delete { .. } => "delete",
            OpKind::SaveMapping { .. } => "save-mapping",
            OpKind::ApiVersion { .. } => "api-version",
        }
    }

    /// Whether it changes one mapping (shown with the mappings) rather than the connection.
    pub fn of_mapping(&self) -> bool {
        !matches!(self, OpKind::ApiVersion { .. })
    }

    /// Whether no read can show it arrived: an edit of a mapping whose revision is unknown.
    fn untraceable(&self) -> bool {
        matches!(
            self,
            OpKind::SaveMapping {
                mapping_id: Some(_),
                revision: None,
                ..
            }
        )
    }

    /// The mapping it changes, if it changes one.
    pub fn mapping_id(&self) -> Option<&str> {
        match self {
            OpKind::Reload { mapping_id, .. } | OpKind::Delete { mapping_id, .. } => {
                Some(mapping_id)
            }
            OpKind::SaveMapping { mapping_id, .. } => mapping_id.as_deref(),
            OpKind::ApiVersion { .. } => None,
        }
    }
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

    /// Whether its request still waits for Heroku's answer (or for a read that says what became of
    /// it). Only then is a second change refused: one that Heroku accepted and that reads merely
    /// follow (a long reload) leaves the other mappings free, and the table shows each one's state.
    pub fn awaiting_answer(&self) -> bool {
        matches!(self.stage, OpStage::Sent | OpStage::Unanswered(_))
    }

    /// Whether the connection is read soon to follow it (the call itself is not in flight).
    pub fn watching(&self) -> bool {
        matches!(self.stage, OpStage::Running { .. } | OpStage::Unanswered(_))
    }

    /// The mapping it reloads, while a reload is under way.
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
        // What a read shows once the change took effect.
        let arrived = match &self.kind {
            // A deleted mapping has nothing left to reload.
            OpKind::Reload { mapping_id, .. } => conn
                .mappings
                .iter()
                .find(|m| m.id == *mapping_id)
                .is_none_or(|m| {
                    m.state
                        .as_ref()
                        .is_some_and(|s| s.group() == StateGroup::InProgress)
                }),
            OpKind::Delete { mapping_id, .. } => {
                deletion_checked(mapping_id, Some(conn)) == Checked::Applied
            }
            OpKind::SaveMapping {
                mapping_id: None,
                object_name,
                ..
            } => conn
                .mappings
                .iter()
                .any(|m| m.object_name.eq_ignore_ascii_case(object_name)),
            // An edit shows as a new revision; without one to compare, reads cannot tell.
            OpKind::SaveMapping {
                mapping_id: Some(id),
                revision,
                ..
            } => conn
                .mappings
                .iter()
                .find(|m| m.id == *id)
                .is_some_and(|m| revision.is_some() && m.revision() != *revision),
            OpKind::ApiVersion { target } => conn
                .sf_api_version()
                .is_some_and(|v| normalise_api_version(v) == *target),
        };
        let reload = matches!(self.kind, OpKind::Reload { .. });
        self.stage = match std::mem::replace(&mut self.stage, OpStage::Sent) {
            // A reload runs until a read shows the mapping back out of it; one that is never seen
            // running counts as done after a few reads (a small mapping reloads between two).
            OpStage::Running {
                reads,
                seen_working,
            } if reload => {
                if arrived {
                    OpStage::Running {
                        reads: reads + 1,
                        seen_working: true,
                    }
                } else if seen_working || reads + 1 >= UNSEEN_READS {
                    OpStage::Finished
                } else {
                    OpStage::Running {
                        reads: reads + 1,
                        seen_working,
                    }
                }
            }
            // Heroku said yes; a read that lags behind is read again, a few times.
            OpStage::Running { reads, .. } if !arrived && reads + 1 < UNSEEN_READS => {
                OpStage::Running {
                    reads: reads + 1,
                    seen_working: false,
                }
            }
            OpStage::Running { .. } => OpStage::Finished,
            OpStage::Unanswered(_) if arrived && reload => OpStage::Running {
                reads: 1,
                seen_working: true,
            },
            OpStage::Unanswered(_) if arrived => OpStage::Finished,
            OpStage::Unanswered(None) => OpStage::Unconfirmed,
            OpStage::Unanswered(Some(error)) => OpStage::Failed(FlowError::Unanswered {
                change: change_of(&self.kind),
                // A reload leaves no trace once it has run, nor does an edit of a mapping without a
                // revision; a mapping still there (or not there yet), an unchanged revision or
                // version is one.
                checked: if reload || self.kind.untraceable() {
                    Checked::Unknown
                } else {
                    Checked::NotApplied
                },
                error,
            }),
            stage => stage,
        };
    }

    /// The i18n key of the words shown for it, and their argument.
    pub fn words(&self) -> Option<(&'static str, &str)> {
        use OpStage::{Failed, Finished, Running, Sent, Unanswered, Unconfirmed};
        let (arg, [sending, running, finished, unconfirmed]) = match &self.kind {
            OpKind::Reload { object_name, .. } => (
                object_name.as_str(),
                [
                    "monitor_reload_sending",
                    "monitor_reload_started",
                    "monitor_reload_finished",
                    "monitor_reload_unconfirmed",
                ],
            ),
            OpKind::Delete { object_name, .. } => (
                object_name.as_str(),
                [
                    "monitor_delete_sending",
                    "monitor_delete_sending",
                    "monitor_delete_finished",
                    "monitor_delete_unconfirmed",
                ],
            ),
            OpKind::SaveMapping { object_name, .. } => (
                object_name.as_str(),
                [
                    "monitor_mapping_saving",
                    "monitor_mapping_saving",
                    "monitor_mapping_saved",
                    "monitor_mapping_save_unconfirmed",
                ],
            ),
            OpKind::ApiVersion { target } => (
                target.as_str(),
                [
                    "monitor_api_version_changing",
                    "monitor_api_version_changing",
                    "monitor_api_version_changed",
                    "monitor_api_version_unconfirmed",
                ],
            ),
        };
        let key = match &self.stage {
            Sent | Unanswered(_) => sending,
            Running { .. } => running,
            Finished => finished,
            Unconfirmed => unconfirmed,
            Failed(_) => return None,
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
        OpKind::Delete { .. } => Change::DeleteMapping,
        OpKind::SaveMapping { .. } => Change::SaveMapping,
        OpKind::ApiVersion { target } => Change::ApiVersion {
            target: target.clone(),
        },
    }
}

#[cfg(test)]
mod tests;
