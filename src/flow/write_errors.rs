//! Write errors of the last 24 hours (`connect:write-errors`, `connect:mapping:write-errors`), as
//! the tab's part of the setup state keeps them: one list for the connection and one per mapping
//! asked about, each read only when the user asks (every read is one request of the daily budget),
//! and shown again as last read when the tab is opened again.

use serde::{Deserialize, Serialize};

use crate::api::model::WriteError;
use crate::api::ApiError;

/// Whose write errors: the connection's (`None`) or one mapping's (its id).
pub type Scope = Option<String>;

/// One list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Listing {
    /// A read is under way.
    Loading,
    /// As last read.
    Loaded(Vec<WriteError>),
    /// The read failed.
    Failed(ApiError),
}

/// Every list asked about on the chosen connection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteErrorLists(Vec<(Scope, Listing)>);

impl WriteErrorLists {
    /// The list of `scope`, once asked for.
    pub fn of(&self, scope: &Scope) -> Option<&Listing> {
        self.0.iter().find(|(s, _)| s == scope).map(|(_, l)| l)
    }

    fn set(&mut self, scope: Scope, listing: Listing) {
        match self.0.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, l)) => *l = listing,
            None => self.0.push((scope, listing)),
        }
    }

    /// The user asked for `scope`'s list; whether a read is to be made (not while one is).
    pub fn requested(&mut self, scope: Scope) -> bool {
        if self.of(&scope) == Some(&Listing::Loading) {
            return false;
        }
        self.set(scope, Listing::Loading);
        true
    }

    /// `scope`'s read answered (an answer nobody waits for changes nothing).
    pub fn loaded(&mut self, scope: Scope, answer: Result<Vec<WriteError>, ApiError>) {
        if self.of(&scope) == Some(&Listing::Loading) {
            let listing = match answer {
                Ok(list) => Listing::Loaded(list),
                Err(e) => Listing::Failed(e),
            };
            self.set(scope, listing);
        }
    }

    /// A page opened on this state: reads in flight lost their answers with the last page.
    pub fn resumed(&mut self) {
        self.0.retain(|(_, l)| *l != Listing::Loading);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one() -> Vec<WriteError> {
        vec![WriteError {
            message: Some("REQUIRED_FIELD_MISSING".into()),
            ..WriteError::default()
        }]
    }

    #[test]
    fn each_scope_has_its_own_list_and_one_read_at_a_time() {
        let mut lists = WriteErrorLists::default();
        let contact = Some("m1".to_owned());
        assert!(lists.requested(None));
        assert!(!lists.requested(None), "one read at a time");
        assert!(
            lists.requested(contact.clone()),
            "another scope reads at once"
        );
        lists.loaded(contact.clone(), Ok(one()));
        assert_eq!(lists.of(&contact), Some(&Listing::Loaded(one())));
        assert_eq!(lists.of(&None), Some(&Listing::Loading));
        lists.loaded(None, Err(ApiError::Timeout));
        assert_eq!(lists.of(&None), Some(&Listing::Failed(ApiError::Timeout)));
        assert!(lists.requested(None), "asked again after a failure");
    }

    #[test]
    fn a_reopened_page_keeps_the_lists_read_and_drops_the_reads_in_flight() {
        let mut lists = WriteErrorLists::default();
        lists.requested(None);
        lists.requested(Some("m1".into()));
        lists.loaded(None, Ok(one()));
        lists.resumed();
        assert_eq!(lists.of(&None), Some(&Listing::Loaded(one())));
        assert_eq!(lists.of(&Some("m1".into())), None);
        lists.loaded(Some("m1".into()), Ok(one()));
        assert_eq!(
            lists.of(&Some("m1".into())),
            None,
            "a late answer is dropped"
        );
    }
}
