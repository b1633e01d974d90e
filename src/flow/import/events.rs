//! What the import session and the UI say to each other: the [`Call`]s the session asks for, the
//! [`Event`]s that answer them (and the user's own actions), and why a drop was refused.

use super::backup::Backup;
use crate::api::model::Connection;
use crate::config::{ConfigDiff, MappingConfig, OrgSchema, Plan};

/// Why a drop was refused; shared with the browser bindings, which find it.
pub use connect_pilot_common::DropProblem;

/// What the UI must do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// Fetch the schemas of these objects (only when the connection is authorized) and, when asked,
    /// the export → [`Event::Checked`] with the same `ticket`.
    Check {
        /// Objects to ask the schema endpoint about.
        objects: Vec<String>,
        /// Whether to fetch the export: not when the session holds one that is still current.
        export: bool,
        /// Names this check, so the answer to an earlier file's check is told apart and ignored.
        ticket: u32,
    },
    /// Fetch the export again before the backup → [`Event::Refreshed`].
    Refresh,
    /// Save this document as a backup → [`Event::BackupSaved`] with the connection's backups.
    Backup(String),
    /// Read the connection's backups → [`Event::BackupsRead`].
    ReadBackups,
    /// Send this document to the import endpoint → [`Event::ImportAnswered`], or
    /// [`Event::ImportUnanswered`] when no answer came.
    Import(String),
    /// Read the export to see whether an unanswered import was applied → [`Event::Confirmed`].
    Confirm,
    /// Delete these mappings, then re-import `restore` when there is one → [`Event::UndoStarted`].
    Undo {
        /// Objects the import created.
        delete: Vec<String>,
        /// The backup document, when it holds mappings.
        restore: Option<String>,
    },
    /// Export again and compare with the backup → [`Event::Verified`].
    Verify(MappingConfig),
    /// Delete this mapping on the server only → [`Event::ServerOnlyDeleted`].
    DeleteServerOnly(String),
}

/// What happened.
// An event is built, applied once and dropped; boxing the large ones would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Event {
    /// A drop was refused.
    DropRejected(DropProblem),
    /// A file (or pasted text) was read.
    FileRead {
        /// File name, or a label for pasted text.
        name: String,
        /// Its raw bytes.
        bytes: Vec<u8>,
        /// The connection's plan.
        plan: Plan,
    },
    /// The answer to [`Call::Check`].
    Checked {
        /// The check's ticket.
        ticket: u32,
        /// The org schema, when the connection is authorized.
        schema: Option<OrgSchema>,
        /// The export, parsed, or the error text; `None` when it was not asked for.
        export: Option<Result<MappingConfig, String>>,
    },
    /// The export fetched again just before the backup, parsed, or the error text.
    Refreshed(Result<MappingConfig, String>),
    /// The user confirmed the import.
    ImportConfirmed,
    /// The backup was saved (the connection's backups now, newest first), or not.
    BackupSaved(Result<Vec<Backup>, String>),
    /// The connection's backups, newest first, or why the browser would not read them.
    BackupsRead(Result<Vec<Backup>, String>),
    /// The import endpoint answered.
    ImportAnswered(Result<(), String>),
    /// No answer came from the import endpoint (dropped or timed out), with the error's text.
    ImportUnanswered(String),
    /// The answer to [`Call::Confirm`]: the export, parsed, or the error text.
    Confirmed(Result<MappingConfig, String>),
    /// A fresh read of the connection.
    ConnectionSeen(Connection),
    /// The user asked to undo.
    UndoRequested,
    /// Deletions and the re-import answered; `Ok(true)` when a re-import was sent.
    UndoStarted(Result<bool, String>),
    /// The fresh export's diff against the backup.
    Verified(Result<ConfigDiff, String>),
    /// The user typed a server-only mapping's name to delete it.
    DeleteServerOnlyRequested(String),
    /// A server-only mapping was deleted on the user's request; the diff must be refreshed.
    ServerOnlyDeleted(Result<String, String>),
    /// Start over.
    Cleared,
}
