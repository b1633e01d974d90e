//! Backups of the server's configuration, taken before every import: which list they live in, how
//! many are kept and what a saved one is called when downloaded. Storing them is the UI's job
//! (`chrome.storage.local`); this module only shapes the list.

use serde::{Deserialize, Serialize};

/// How many backups are kept per connection; the oldest goes first.
pub const KEEP: usize = 10;

/// One saved export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// When it was taken, in ms since the epoch.
    pub saved_at_ms: u64,
    /// The app's name.
    pub app: String,
    /// The connection's resource name (or id when it has none).
    pub resource: String,
    /// The normalised export (`config::export_json`).
    pub document: String,
}

impl Backup {
    /// The name the backup downloads under: the export's name with the time in it, so several
    /// backups never overwrite each other in the downloads folder.
    pub fn file_name(&self) -> String {
        let base = crate::config::export_file_name(&self.app, &self.resource);
        let stem = base.trim_end_matches(".json");
        format!("{stem}-backup-{}.json", self.saved_at_ms)
    }
}

/// The storage key of a connection's backups.
pub fn storage_key(connection_id: &str) -> String {
    format!("backups:{connection_id}")
}

/// `list` with `backup` added, newest first, at most [`KEEP`] long.
pub fn remember(mut list: Vec<Backup>, backup: Backup) -> Vec<Backup> {
    list.insert(0, backup);
    crate::config::order::sort_by(&mut list, |a, b| b.saved_at_ms.cmp(&a.saved_at_ms));
    list.truncate(KEEP);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64) -> Backup {
        Backup {
            saved_at_ms: ms,
            app: "acme-sync".into(),
            resource: "herokuconnect-acme".into(),
            document: "{}".into(),
        }
    }

    #[test]
    fn keeps_the_newest_ten() {
        let mut list = Vec::new();
        for ms in 1..=12 {
            list = remember(list, at(ms));
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].saved_at_ms, 12);
        assert_eq!(list[KEEP - 1].saved_at_ms, 3);
    }

    #[test]
    fn names_and_keys() {
        assert_eq!(
            at(5).file_name(),
            "acme-sync-herokuconnect-acme-backup-5.json"
        );
        assert_eq!(storage_key("c1"), "backups:c1");
    }
}
