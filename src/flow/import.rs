//! The import session: what happens between a file landing on the drop zone and a verified import
//! (or a verified undo). [`Session::apply`] takes an [`Event`] and answers with the [`Call`] the UI
//! must make next, so the UI only performs calls and feeds their results back.
//!
//! Stages, in order: nothing chosen → checking (schemas and the current export) → blocked (a parse
//! error or a validation error) or ready (diffed) → backing up → importing → watching → done →
//! undoing → verifying → undone. A failed call leaves the session where the user can try again; the
//! import itself is never retried without the user asking.
//!
//! This module decides; it performs nothing. The calls are in [`crate::driver::import`] (async,
//! generic over the transport) and the backup list in [`backup`]. Polling cadence is the monitor's fast poll.

pub mod backup;

use crate::api::model::{Connection, StateGroup};
use crate::config::{
    self, ConfigDiff, Issue, MappingConfig, MappingStatus, OrgSchema, ParseError, Plan,
};

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Why a drop was refused before anything was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DropProblem {
    /// More than one file.
    SeveralFiles(usize),
    /// A folder.
    Folder,
    /// Text, a link or anything else that is not a file.
    NotAFile,
    /// The browser could not read the file.
    Unreadable(String),
}

impl DropProblem {
    /// The i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            DropProblem::SeveralFiles(_) => "import_drop_several",
            DropProblem::Folder => "import_drop_folder",
            DropProblem::NotAFile => "import_drop_not_file",
            DropProblem::Unreadable(_) => "import_drop_unreadable",
        }
    }
}

/// One imported mapping's progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProgress {
    /// Object name as the file spells it.
    pub object_name: String,
    /// Its state as last seen (`None` while the import has not created it yet).
    pub state: Option<String>,
    /// The state's group.
    pub group: Option<StateGroup>,
    /// The server's description of an error state.
    pub description: Option<String>,
}

/// What the UI must do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// Fetch the schemas of these objects (only when the connection is authorized) and the export
    /// → [`Event::Checked`].
    Check {
        /// Objects to ask the schema endpoint about.
        objects: Vec<String>,
    },
    /// Save this document as a backup → [`Event::BackupSaved`].
    Backup(String),
    /// Send this document to the import endpoint → [`Event::ImportAnswered`].
    Import(String),
    /// Delete these mappings, then re-import `restore` when there is one → [`Event::UndoStarted`].
    Undo {
        /// Objects the import created.
        delete: Vec<String>,
        /// The backup document, when it holds mappings.
        restore: Option<String>,
    },
    /// Export again and compare with the backup → [`Event::Verified`].
    Verify(MappingConfig),
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
    /// The schemas (`None` when not fetched) and the current export.
    Checked {
        /// The org schema, when the connection is authorized.
        schema: Option<OrgSchema>,
        /// The export, parsed, or the error text.
        export: Result<MappingConfig, String>,
    },
    /// The user confirmed the import.
    ImportConfirmed,
    /// The backup was saved, or not.
    BackupSaved(Result<(), String>),
    /// The import endpoint answered.
    ImportAnswered(Result<(), String>),
    /// A fresh read of the connection.
    ConnectionSeen(Connection),
    /// The user asked to undo.
    UndoRequested,
    /// Deletions and the re-import answered; `Ok(true)` when a re-import was sent.
    UndoStarted(Result<bool, String>),
    /// The fresh export's diff against the backup.
    Verified(Result<ConfigDiff, String>),
    /// A server-only mapping was deleted on the user's request; the diff must be refreshed.
    ServerOnlyDeleted(Result<String, String>),
    /// Start over.
    Cleared,
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
    /// The server's export when the file was checked: the diff's other side and the backup.
    pub server: Option<MappingConfig>,
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
    /// After an undo: whether the fresh export matches the backup.
    pub undo_verified: Option<bool>,
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
        self.diff.as_ref().is_some_and(|d| {
            d.version.is_some() || d.changed().any(|m| m.status != MappingStatus::OnServerOnly)
        })
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
                | Stage::Watching
                | Stage::Undoing
                | Stage::UndoWatching
                | Stage::Verifying
        )
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
                *self = Session::default();
                None
            }
            Event::DropRejected(problem) => {
                if self.can_choose() {
                    self.drop_problem = Some(problem);
                }
                None
            }
            Event::FileRead { name, bytes, plan } => self.file_read(name, bytes, plan),
            Event::Checked { schema, export } => {
                if self.stage() != Stage::Checking {
                    return None;
                }
                let config = self.config.as_ref()?;
                let plan = self.plan.unwrap_or(Plan::Demo);
                self.issues = sorted(config::validate(config, plan, schema.as_ref()));
                self.schema_checked = schema.is_some();
                match export {
                    Ok(server) => {
                        let d = config::diff(config, &server);
                        self.created = d
                            .mappings
                            .iter()
                            .filter(|m| m.status == MappingStatus::Added)
                            .map(|m| m.object_name.clone())
                            .collect();
                        self.diff = Some(d);
                        self.server = Some(server);
                        self.stage = Some(if self.has_errors() {
                            Stage::Blocked
                        } else {
                            Stage::Ready
                        });
                    }
                    Err(e) => {
                        self.error = Some(e);
                        self.stage = Some(Stage::Blocked);
                    }
                }
                None
            }
            Event::ImportConfirmed => {
                if !self.can_import() {
                    return None;
                }
                self.error = None;
                self.stage = Some(Stage::BackingUp);
                Some(Call::Backup(config::export_json(self.server.as_ref()?)))
            }
            Event::BackupSaved(result) => {
                if self.stage() != Stage::BackingUp {
                    return None;
                }
                match result {
                    // Never import without a backup: undo depends on it.
                    Err(e) => self.fail(Stage::Ready, e),
                    Ok(()) => {
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
                    Ok(()) => {
                        self.stage = Some(Stage::Watching);
                        self.progress = self
                            .watched()
                            .into_iter()
                            .map(|o| MappingProgress::pending(&o))
                            .collect();
                        None
                    }
                }
            }
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
            Event::ServerOnlyDeleted(result) => match result {
                Err(e) => {
                    self.error = Some(e);
                    None
                }
                Ok(_) if self.config.is_some() && self.parse_error.is_none() => {
                    self.stage = Some(Stage::Checking);
                    Some(self.check_call())
                }
                Ok(_) => None,
            },
        }
    }

    fn file_read(&mut self, name: String, bytes: Vec<u8>, plan: Plan) -> Option<Call> {
        if !self.can_choose() {
            return None;
        }
        *self = Session {
            file_name: Some(name),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            plan: Some(plan),
            ..Session::default()
        };
        match MappingConfig::parse(&bytes) {
            Err(e) => {
                self.parse_error = Some(e);
                self.stage = Some(Stage::Blocked);
                None
            }
            Ok(config) => {
                self.issues = sorted(config::validate(&config, plan, None));
                self.config = Some(config);
                if self.has_errors() {
                    // Shape errors block at once; no call is needed to say so.
                    self.stage = Some(Stage::Blocked);
                    return None;
                }
                self.stage = Some(Stage::Checking);
                Some(self.check_call())
            }
        }
    }

    fn check_call(&self) -> Call {
        Call::Check {
            objects: self
                .config
                .as_ref()
                .map(config::schema::objects_to_fetch)
                .unwrap_or_default(),
        }
    }

    /// The objects the import touches: every mapping of the file.
    fn watched(&self) -> Vec<String> {
        self.config
            .as_ref()
            .map(|c| c.mappings.iter().map(|m| m.object_name.clone()).collect())
            .unwrap_or_default()
    }

    fn connection_seen(&mut self, conn: &Connection) -> Option<Call> {
        match self.stage() {
            Stage::Watching => {
                self.progress = self
                    .watched()
                    .iter()
                    .map(|o| MappingProgress::of(conn, o))
                    .collect();
                let all_there = self.progress.iter().all(|p| p.state.is_some());
                if all_there && crate::flow::reduce::import_settled(conn) {
                    self.stage = Some(Stage::Done);
                }
                None
            }
            Stage::UndoWatching if crate::flow::reduce::import_settled(conn) => self.verify(),
            _ => None,
        }
    }

    fn verify(&mut self) -> Option<Call> {
        self.stage = Some(Stage::Verifying);
        Some(Call::Verify(self.server.clone()?))
    }

    fn fail(&mut self, back_to: Stage, error: String) -> Option<Call> {
        self.error = Some(error);
        self.stage = Some(back_to);
        None
    }
}

impl MappingProgress {
    fn pending(object_name: &str) -> MappingProgress {
        MappingProgress {
            object_name: object_name.to_owned(),
            state: None,
            group: None,
            description: None,
        }
    }

    /// The progress of `object_name` on `conn` (names compared without regard to case).
    pub fn of(conn: &Connection, object_name: &str) -> MappingProgress {
        let found = conn
            .mappings
            .iter()
            .find(|m| m.object_name.eq_ignore_ascii_case(object_name));
        MappingProgress {
            object_name: object_name.to_owned(),
            state: found
                .and_then(|m| m.state.as_ref())
                .map(|s| s.as_str().to_owned()),
            group: found.and_then(|m| m.state.as_ref()).map(|s| s.group()),
            description: found.and_then(|m| m.state_description.clone()),
        }
    }
}

/// Errors before warnings; within a severity, document order.
fn sorted(mut issues: Vec<Issue>) -> Vec<Issue> {
    issues.sort_by_key(|i| i.severity);
    issues
}

#[cfg(test)]
mod tests;
