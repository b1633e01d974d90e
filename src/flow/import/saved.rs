//! The part of an import that outlives the page showing it. A popup closes whenever it loses focus
//! and a tab can be reloaded, while the import it started goes on on the server: the setup state
//! keeps this record (per app, with the rest of the setup) so the next page shows the import as it
//! stands, then its result.
//!
//! Only what changed the server is kept: a file still being checked costs nothing to drop again.
//! An import whose answer was lost (the page closed while it was sent) is never sent again: the
//! next page reads the export back, as after a dropped connection, and watches the import only if
//! the file shows there; if it does not, the user is told and may send it again.

use serde::{Deserialize, Serialize};

use super::{Call, MappingProgress, Session, Stage};
use crate::config::{self, MappingConfig, Plan};
use crate::flow::unanswered::Checked;

/// An import that was sent, as the setup state keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedImport {
    /// The connection it was sent to.
    pub connection_id: String,
    /// The file's name.
    pub file_name: Option<String>,
    /// The document sent.
    pub text: String,
    /// `Importing`, `Watching` or `Done`.
    pub stage: Stage,
    /// Objects the import creates (undo deletes them).
    pub created: Vec<String>,
    /// The backup taken before it, as exported.
    pub backup: Option<String>,
    /// Per-mapping progress as last seen.
    pub progress: Vec<MappingProgress>,
}

impl Session {
    /// What the setup state keeps of this session for `connection_id`: an import under way or done.
    pub fn saved(&self, connection_id: &str) -> Option<SavedImport> {
        let stage = self.stage();
        matches!(stage, Stage::Importing | Stage::Watching | Stage::Done).then(|| SavedImport {
            connection_id: connection_id.to_owned(),
            file_name: self.file_name.clone(),
            text: self.text.clone(),
            stage,
            created: self.created.clone(),
            backup: self.server.as_ref().map(config::export_json),
            progress: self.progress.clone(),
        })
    }

    /// The session `saved` describes, on a page opened afresh; `plan` is the connection's, and
    /// `closed` the words for an import whose answer went with the page that sent it. Such a
    /// session starts with [`Session::resume_call`].
    pub fn resumed(saved: &SavedImport, plan: Plan, closed: &str) -> Session {
        let parse = |text: &str| MappingConfig::parse(text.as_bytes()).ok();
        let config = parse(&saved.text);
        let server = saved.backup.as_deref().and_then(parse);
        let mut session = Session {
            // The answer to an import in flight is gone with the page that sent it.
            stage: Some(match saved.stage {
                Stage::Importing => Stage::Confirming,
                stage => stage,
            }),
            unanswered: (saved.stage == Stage::Importing)
                .then(|| (Checked::Unknown, closed.to_owned())),
            file_name: saved.file_name.clone(),
            text: saved.text.clone(),
            plan: Some(plan),
            diff: config
                .as_ref()
                .zip(server.as_ref())
                .map(|(c, s)| config::diff(c, s)),
            config,
            server,
            created: saved.created.clone(),
            progress: saved.progress.clone(),
            ..Session::default()
        };
        if session.progress.is_empty() {
            session.progress = session
                .watched()
                .iter()
                .map(|o| MappingProgress::pending(o))
                .collect();
        }
        session
    }

    /// The call a resumed session starts with: reading the export back when the import's answer
    /// was lost.
    pub fn resume_call(&self) -> Option<Call> {
        (self.stage() == Stage::Confirming).then_some(Call::Confirm)
    }

    /// The calls a page showing this session makes first: the resumed import's check, and the
    /// backups list.
    pub fn opening_calls(&self) -> Vec<Call> {
        self.resume_call()
            .into_iter()
            .chain([Call::ReadBackups])
            .collect()
    }
}
