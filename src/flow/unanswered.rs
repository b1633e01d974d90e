//! A change whose answer never came: the connection dropped (or timed out) after the request may
//! have left, so Heroku may or may not have applied it. Saying "try again" blindly could apply an
//! import twice, and saying "it failed" could be wrong; so the server is read again first and the
//! user is told which it was ([`Checked`]), with the words of [`Checked::key`].
//!
//! This module only decides, from the request's error and the fresh read; the import session
//! (`flow::import`), the setup machine (`flow::reduce`, for the database step's PATCH and for
//! pause, resume and restart) and the mapping panel (a deletion) ask for the read and show the
//! result.

use serde::{Deserialize, Serialize};

use crate::api::model::{Connection, ConnectionState, StateGroup};
use crate::api::{ApiError, ConnectionActionKind};
use crate::config::{self, ConfigDiff, MappingConfig, MappingStatus};

/// What a read of the server after a dropped change says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Checked {
    /// The server shows the change.
    Applied,
    /// The server does not show it: it can be sent again.
    NotApplied,
    /// The read failed too, or the change leaves no trace a read can see.
    Unknown,
}

/// What was changed, for the words and for sending it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// An import of a mapping configuration.
    Import,
    /// Pause, resume or restart.
    Action(ConnectionActionKind),
    /// The deletion of a mapping.
    DeleteMapping,
    /// A mapping created or edited from the status view.
    SaveMapping,
    /// A mapping's reload.
    Reload,
    /// The Salesforce API version change.
    ApiVersion {
        /// The version asked for.
        target: String,
    },
    /// The database key and schema of the connection (the PATCH of the database step).
    Database {
        /// The config var chosen.
        db_key: String,
        /// The schema chosen.
        schema_name: String,
    },
}

/// Whether `error` leaves a change's outcome open: the request may have reached Heroku but no
/// answer came. A refused connection provably sent nothing, and any answer is an answer.
pub fn outcome_unknown(error: &ApiError) -> bool {
    matches!(error, ApiError::Network(_) | ApiError::Timeout)
}

/// Whether an import of `sent` shows in the fresh export: every mapping of the file is there as
/// the file has it (an import merges, so other mappings may be there too).
pub fn import_checked(sent: &MappingConfig, fresh: Option<&MappingConfig>) -> Checked {
    match fresh {
        None => Checked::Unknown,
        Some(fresh) if changes_anything(&config::diff(sent, fresh)) => Checked::NotApplied,
        Some(_) => Checked::Applied,
    }
}

/// Whether importing the file side of `diff` would create or change a mapping (mappings only on
/// the server stay as they are).
pub fn changes_anything(diff: &ConfigDiff) -> bool {
    diff.version.is_some()
        || diff
            .changed()
            .any(|m| m.status != MappingStatus::OnServerOnly)
}

/// Whether the deletion of the mapping `mapping_id` shows in the fresh read: the mapping is gone.
pub fn deletion_checked(mapping_id: &str, fresh: Option<&Connection>) -> Checked {
    match fresh {
        None => Checked::Unknown,
        Some(c) if c.mappings.iter().any(|m| m.id == mapping_id) => Checked::NotApplied,
        Some(_) => Checked::Applied,
    }
}

/// Whether `kind`, asked of a connection in state `before`, shows in the fresh read.
pub fn action_checked(
    kind: ConnectionActionKind,
    before: Option<&ConnectionState>,
    fresh: Option<&Connection>,
) -> Checked {
    let Some(now) = fresh.and_then(|c| c.state.as_ref()) else {
        return Checked::Unknown;
    };
    let paused = *now == ConnectionState::Paused;
    match kind {
        ConnectionActionKind::Pause if paused => Checked::Applied,
        ConnectionActionKind::Resume if !paused => Checked::Applied,
        ConnectionActionKind::Pause | ConnectionActionKind::Resume => Checked::NotApplied,
        // A restart moves a connection out of an error; from a healthy state it leaves no trace.
        ConnectionActionKind::Restart => match before {
            Some(b) if b.group() == StateGroup::Ok => Checked::Unknown,
            Some(b) if b == now => Checked::NotApplied,
            Some(_) if now.group() != StateGroup::Error => Checked::Applied,
            _ => Checked::Unknown,
        },
    }
}

impl Checked {
    /// The message key saying what happened to `change`.
    pub fn key(self, change: &Change) -> &'static str {
        use ConnectionActionKind::{Pause, Restart, Resume};
        match (change, self) {
            // A reload leaves no trace once it ran, so a read never shows it applied or not.
            (_, Checked::Unknown) | (Change::Reload, _) => "unanswered_unknown",
            (Change::ApiVersion { .. }, Checked::Applied) => "unanswered_api_version_applied",
            (Change::ApiVersion { .. }, Checked::NotApplied) => {
                "unanswered_api_version_not_applied"
            }
            (Change::DeleteMapping, Checked::Applied) => "unanswered_delete_applied",
            (Change::DeleteMapping, Checked::NotApplied) => "unanswered_delete_not_applied",
            (Change::SaveMapping, Checked::Applied) => "unanswered_save_mapping_applied",
            (Change::SaveMapping, Checked::NotApplied) => "unanswered_save_mapping_not_applied",
            (Change::Database { .. }, Checked::Applied) => "unanswered_database_applied",
            (Change::Database { .. }, Checked::NotApplied) => "unanswered_database_not_applied",
            (Change::Import, Checked::Applied) => "unanswered_import_applied",
            (Change::Import, Checked::NotApplied) => "unanswered_import_not_applied",
            (Change::Action(Pause), Checked::Applied) => "unanswered_pause_applied",
            (Change::Action(Pause), Checked::NotApplied) => "unanswered_pause_not_applied",
            (Change::Action(Resume), Checked::Applied) => "unanswered_resume_applied",
            (Change::Action(Resume), Checked::NotApplied) => "unanswered_resume_not_applied",
            (Change::Action(Restart), Checked::Applied) => "unanswered_restart_applied",
            (Change::Action(Restart), Checked::NotApplied) => "unanswered_restart_not_applied",
        }
    }

    /// Whether sending the change again is what the user should be offered.
    pub fn may_retry(self) -> bool {
        self == Checked::NotApplied
    }
}

#[cfg(test)]
mod tests;
