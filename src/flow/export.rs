//! The configuration export the user asked for (Export on the status view and the import screen):
//! read from Heroku, then saved as a file by the full tab, which normalises it with the
//! configuration engine. Kept with the tab's part of the state, so the page shows it under way and
//! says why it failed.

use serde::{Deserialize, Serialize};

use crate::api::ApiError;

/// Where the export stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Export {
    /// Nothing asked, or the last one saved.
    #[default]
    Idle,
    /// `GET …/export` is under way.
    Reading,
    /// Read; the file is being written.
    Saving,
    /// Heroku refused the read.
    ReadFailed(ApiError),
    /// The file could not be written (the words to show, in the user's language).
    SaveFailed(String),
}

impl Export {
    /// Whether it is under way: the button waits, and a second click asks nothing.
    pub fn busy(&self) -> bool {
        matches!(self, Export::Reading | Export::Saving)
    }

    /// The user asked for it: a read starts, unless one is under way.
    pub fn requested(&mut self) {
        if !self.busy() {
            *self = Export::Reading;
        }
    }

    /// The read answered: the file is written next, or the refusal is kept.
    pub fn read(&mut self, answer: Result<(), ApiError>) {
        if *self == Export::Reading {
            *self = answer.map_or_else(Export::ReadFailed, |()| Export::Saving);
        }
    }

    /// The file was written, or not.
    pub fn saved(&mut self, answer: Result<(), String>) {
        if *self == Export::Saving {
            *self = answer.map_or_else(Export::SaveFailed, |()| Export::Idle);
        }
    }

    /// A page opened on this state: an export under way went with the page that asked for it.
    pub fn resumed(&mut self) {
        if self.busy() {
            *self = Export::Idle;
        }
    }
}
