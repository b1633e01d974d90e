//! The import session: what happens between a file landing on the drop zone and a verified import
//! (or a verified undo). [`Session::apply`] takes an [`Event`] and answers with the [`Call`] the UI
//! must make next, so the UI only performs calls and feeds their results back.
//!
//! Stages, in order: nothing chosen → checking (schemas and the current export) → blocked (a parse
//! error or a validation error) or ready (diffed) → backing up → importing → watching → done →
//! undoing → verifying → undone. A failed call leaves the session where the user can try again; the
//! import itself is never retried without the user asking. An import whose answer never came is
//! followed by a read of the export (confirming), which says whether it was applied: applied, it is
//! watched as if answered; not applied, it can be sent again; unknown, the next attempt redoes the
//! preview first, so it is never applied twice.
//!
//! The export is fetched by the first check and held for the next files the user drops, so a drop
//! costs no request and no second parse of the export. Whatever the preview showed, the import itself
//! starts by fetching the export again: when it differs from the held one (someone changed a mapping
//! meanwhile), the preview is redone against it and nothing is sent, so the backup, the undo list and
//! the import always agree with the server as it is. Anything that changes the server (an import, an
//! undo, a deletion) lets go of the held export.
//!
//! This module decides; it performs nothing. The calls are in [`crate::driver::import`] (async,
//! generic over the transport) and the backup list in [`backup`]. Polling cadence is the monitor's fast poll.

pub mod backup;
mod events;
pub mod handover;
mod progress;
mod saved;
mod steps;
mod unanswered;

use steps::sorted;

pub use events::{Call, DropProblem, Event};
pub use progress::MappingProgress;
pub use saved::SavedImport;

use crate::config::{self, ConfigDiff, Issue, MappingConfig, ParseError, Plan};
use crate::flow::unanswered::Checked;

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    /// No file yet.
    Empty,
    /// Parsed without errors; fetching the org schema and the current export.
    Checking,
    /// The file cannot be imported: a parse error, a validation error, or the export failed.
    Blocked,
    /// Validated and diffed; the user may import.
    Ready,
    /// Saving the current export as a backup.
    BackingUp,
    /// The import request is on its way.
    Importing,
    /// The import's answer never came: reading the export to see whether it was applied.
    Confirming,
    /// Accepted; waiting for the connection and every imported mapping to settle.
    Watching,
    /// Every imported mapping settled.
    Done,
    /// Deleting the mappings the import created and re-importing the backup.
    Undoing,
    /// The backup was re-imported; waiting for it to settle.
    UndoWatching,
    /// Exporting again to compare with the backup.
    Verifying,
    /// The undo ran; [`Session::undo_verified`] says whether the server matches the backup.
    Undone,
}

/// The whole session.
#[derive(Debug, Clone, Default)]
pub struct Session {
    stage: Option<Stage>,
    /// The file's name.
    pub file_name: Option<String>,
    /// The document text (lossy when not UTF-8; only sent when it parsed).
    pub text: String,
    /// The plan the validation used.
    pub plan: Option<Plan>,
    /// Why the file did not parse.
    pub parse_error: Option<ParseError>,
    /// The parsed file.
    pub config: Option<MappingConfig>,
    /// Validation results, errors first.
    pub issues: Vec<Issue>,
    /// Whether the issues include the org-schema checks.
    pub schema_checked: bool,
    /// The server's export: the diff's other side, then the backup. Held across drops until the
    /// server changes (see the module docs).
    pub server: Option<MappingConfig>,
    /// The export fetched before the backup differed from the one the preview used, so the preview
    /// was redone and nothing was imported.
    pub server_changed: bool,
    /// What the import would change.
    pub diff: Option<ConfigDiff>,
    /// Objects the import creates (undo deletes them).
    pub created: Vec<String>,
    /// Per-mapping progress while watching.
    pub progress: Vec<MappingProgress>,
    /// A refused drop.
    pub drop_problem: Option<DropProblem>,
    /// The last failed call, as text without the token.
    pub error: Option<String>,
    /// The import's answer never came: what the export read afterwards showed, and the error of
    /// the import request (the browser's words, for the details).
    pub unanswered: Option<(Checked, String)>,
    /// After an undo: whether the fresh export matches the backup.
    pub undo_verified: Option<bool>,
    /// The backups of the connection, newest first, once read (or why they could not be).
    pub backups: Option<Result<Vec<backup::Backup>, String>>,
    /// The ticket of the latest check; answers to older ones are ignored.
    ticket: u32,
}

impl Session {
    /// The current stage.
    pub fn stage(&self) -> Stage {
        self.stage.unwrap_or(Stage::Empty)
    }

    /// Whether validation found an error.
    pub fn has_errors(&self) -> bool {
        self.parse_error.is_some() || config::has_errors(&self.issues)
    }

    /// Whether the import would create or change a mapping (server-only ones stay as they are).
    pub fn would_change(&self) -> bool {
        self.diff
            .as_ref()
            .is_some_and(crate::flow::unanswered::changes_anything)
    }

    /// Whether "Import" is enabled.
    pub fn can_import(&self) -> bool {
        self.stage() == Stage::Ready && !self.has_errors() && self.would_change()
    }

    /// Whether "Undo import" is enabled.
    pub fn can_undo(&self) -> bool {
        self.stage() == Stage::Done && self.server.is_some()
    }

    /// Whether a new file may be chosen (not while a call that changes the server is under way).
    pub fn can_choose(&self) -> bool {
        !matches!(
            self.stage(),
            Stage::BackingUp
                | Stage::Importing
                | Stage::Confirming
                | Stage::Watching
                | Stage::Undoing
                | Stage::UndoWatching
                | Stage::Verifying
        )
    }

    /// When a new file may be chosen: moves this file's results out, leaving an empty session that
    /// keeps what outlives a file (see `next_session`). The UI frees them after the next file's
    /// results are on screen: freeing thousands of names is work nobody needs to wait for.
    pub fn retire(&mut self) -> Option<Session> {
        if !self.can_choose() {
            return None;
        }
        let next = self.next_session();
        Some(std::mem::replace(self, next))
    }

    /// Whether server-only mappings may be deleted now.
    pub fn can_delete_server_only(&self) -> bool {
        matches!(self.stage(), Stage::Ready | Stage::Blocked) && self.server.is_some()
    }

    /// Whether the connection must be re-read on the fast poll.
    pub fn polling(&self) -> bool {
        matches!(self.stage(), Stage::Watching | Stage::UndoWatching)
    }

    /// Applies `event` and returns the call to make next, if any.
    pub fn apply(&mut self, event: Event) -> Option<Call> {
        match event {
            Event::Cleared => {
                *self = self.next_session();
                None
            }
            Event::DropRejected(problem) => {
                if self.can_choose() {
                    self.drop_problem = Some(problem);
                }
                None
            }
            Event::FileRead { name, bytes, plan } => self.file_read(name, bytes, plan),
            Event::Checked {
                ticket,
                schema,
                export,
            } => {
                if self.stage() != Stage::Checking || ticket != self.ticket {
                    return None;
                }
                match export {
                    Some(Ok(server)) => self.server = Some(server),
                    Some(Err(e)) => return self.fail(Stage::Blocked, e),
                    None => {}
                }
                if let (Some(config), Some(schema)) = (&self.config, &schema) {
                    // Without a schema the checks of `file_read` stand; with one they run again.
                    let plan = self.plan.unwrap_or(Plan::Demo);
                    self.issues = sorted(config::validate(config, plan, Some(schema)));
                }
                self.schema_checked = schema.is_some();
                self.compare();
                None
            }
            Event::ImportConfirmed => {
                if !self.can_import() {
                    return None;
                }
                self.error = None;
                self.server_changed = false;
                self.unanswered = None;
                self.stage = Some(Stage::BackingUp);
                Some(Call::Refresh)
            }
            Event::Refreshed(result) => {
                if self.stage() != Stage::BackingUp {
                    return None;
                }
                let fresh = match result {
                    Err(e) => return self.fail(Stage::Ready, e),
                    Ok(fresh) => fresh,
                };
                let same = self
                    .server
                    .as_ref()
                    .is_some_and(|held| config::normalise(held) == config::normalise(&fresh));
                self.server = Some(fresh);
                if same {
                    return Some(Call::Backup(config::export_json(self.server.as_ref()?)));
                }
                self.server_changed = true;
                self.compare();
                None
            }
            Event::BackupSaved(result) => {
                if self.stage() != Stage::BackingUp {
                    return None;
                }
                match result {
                    // Never import without a backup: undo depends on it.
                    Err(e) => self.fail(Stage::Ready, e),
                    Ok(list) => {
                        self.backups = Some(Ok(list));
                        self.stage = Some(Stage::Importing);
                        Some(Call::Import(self.text.clone()))
                    }
                }
            }
            Event::ImportAnswered(result) => {
                if self.stage() != Stage::Importing {
                    return None;
                }
                match result {
                    Err(e) => self.fail(Stage::Ready, e),
                    Ok(()) => self.watch_import(),
                }
            }
            Event::ImportUnanswered(detail) => self.import_unanswered(detail),
            Event::Confirmed(result) => self.confirmed(result),
            Event::ConnectionSeen(conn) => self.connection_seen(&conn),
            Event::UndoRequested => {
                if !self.can_undo() {
                    return None;
                }
                let backup = self.server.as_ref()?;
                self.stage = Some(Stage::Undoing);
                self.undo_verified = None;
                Some(Call::Undo {
                    delete: self.created.clone(),
                    restore: (!backup.mappings.is_empty()).then(|| config::export_json(backup)),
                })
            }
            Event::UndoStarted(result) => {
                if self.stage() != Stage::Undoing {
                    return None;
                }
                match result {
                    Err(e) => self.fail(Stage::Done, e),
                    Ok(true) => {
                        self.stage = Some(Stage::UndoWatching);
                        None
                    }
                    Ok(false) => self.verify(),
                }
            }
            Event::Verified(result) => {
                if self.stage() != Stage::Verifying {
                    return None;
                }
                match result {
                    Err(e) => self.fail(Stage::Done, e),
                    Ok(d) => {
                        self.undo_verified = Some(d.is_empty());
                        self.stage = Some(Stage::Undone);
                        None
                    }
                }
            }
            Event::BackupsRead(list) => {
                self.backups = Some(list);
                None
            }
            Event::DeleteServerOnlyRequested(object) => self
                .can_delete_server_only()
                .then_some(Call::DeleteServerOnly(object)),
            Event::ServerOnlyDeleted(result) => match result {
                Err(e) => {
                    self.error = Some(e);
                    None
                }
                Ok(_) => {
                    // The held export still lists the deleted mapping.
                    self.server = None;
                    (self.config.is_some() && self.parse_error.is_none()).then(|| {
                        self.stage = Some(Stage::Checking);
                        self.check_call()
                    })
                }
            },
        }
    }
}

#[cfg(test)]
mod tests;
