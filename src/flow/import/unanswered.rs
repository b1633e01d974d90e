//! The session's steps after an import whose answer never came: the export is read again
//! ([`Call::Confirm`]) and [`import_checked`] says whether the file shows in it. Applied, the import
//! is watched as if Heroku had answered; not applied, the user may send it again; unknown (the read
//! failed too), the held export is let go, so the next attempt redoes the preview against the
//! server first and cannot apply the file twice.

use super::{Call, MappingProgress, Session, Stage};
use crate::config::MappingConfig;
use crate::flow::unanswered::{import_checked, Checked};

impl Session {
    /// Watches the imported mappings until they settle.
    pub(super) fn watch_import(&mut self) -> Option<Call> {
        self.stage = Some(Stage::Watching);
        self.progress = self
            .watched()
            .into_iter()
            .map(|o| MappingProgress::pending(&o))
            .collect();
        None
    }

    pub(super) fn import_unanswered(&mut self, detail: String) -> Option<Call> {
        if self.stage() != Stage::Importing {
            return None;
        }
        self.unanswered = Some((Checked::Unknown, detail));
        self.stage = Some(Stage::Confirming);
        Some(Call::Confirm)
    }

    pub(super) fn confirmed(&mut self, result: Result<MappingConfig, String>) -> Option<Call> {
        if self.stage() != Stage::Confirming {
            return None;
        }
        let fresh = result.ok();
        let checked = match &self.config {
            Some(sent) => import_checked(sent, fresh.as_ref()),
            None => Checked::Unknown,
        };
        if let Some((seen, _)) = &mut self.unanswered {
            *seen = checked;
        }
        match checked {
            Checked::Applied => self.watch_import(),
            Checked::NotApplied => {
                // The preview is redone against the export as it is now, so "Import" sends the
                // file again against what the server has.
                self.server = fresh;
                self.compare();
                None
            }
            Checked::Unknown => {
                self.server = None;
                self.stage = Some(Stage::Ready);
                None
            }
        }
    }
}
