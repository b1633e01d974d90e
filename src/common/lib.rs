//! Pieces shared by layers that must not depend on each other: the API client and the
//! configuration engine ([`json_path`]), the browser bindings and the configuration engine
//! ([`order`]), the browser bindings and the guided flow ([`DropProblem`]). Nothing here knows the
//! client, the configuration engine, the flow or the browser.

pub mod json_path;
pub mod order;

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
