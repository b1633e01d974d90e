//! The chosen connection's unacknowledged notifications (`connect:notifications`) and their
//! acknowledgement (`connect:notifications:acknowledge`), as the tab's part of the setup state keeps
//! them: a page opened again shows the list it had, and an acknowledgement is always followed by a
//! re-read, so the list shows what the server still holds, never what the page assumes.

use serde::{Deserialize, Serialize};

use super::unanswered::outcome_unknown;
use crate::api::model::{Notification, NotificationQuery};
use crate::api::ApiError;

/// The page size the official plugin sends.
pub const PAGE_SIZE: u32 = 1000;

/// The query of both the list and the acknowledgement: the same page, so only what was listed
/// can be acknowledged.
pub fn query() -> NotificationQuery {
    NotificationQuery {
        page_size: Some(PAGE_SIZE),
        ..NotificationQuery::default()
    }
}

/// Where the list stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Notifications {
    /// Not asked for (or asked for by a page that closed before the answer).
    #[default]
    Idle,
    /// A read is under way.
    Loading,
    /// The acknowledgement is under way; a read follows it.
    Acknowledging,
    /// The server's list as last read, newest first.
    Loaded(Vec<Notification>),
    /// A call failed.
    Failed(ApiError),
}

impl Notifications {
    /// Whether a call is under way.
    pub fn busy(&self) -> bool {
        matches!(self, Notifications::Loading | Notifications::Acknowledging)
    }

    /// The user asked for the list; whether a read is to be made.
    pub fn requested(&mut self) -> bool {
        if self.busy() {
            return false;
        }
        *self = Notifications::Loading;
        true
    }

    /// The read answered (an answer nobody waits for changes nothing).
    pub fn loaded(&mut self, answer: Result<Vec<Notification>, ApiError>) {
        if *self == Notifications::Loading {
            *self = match answer {
                Ok(list) => Notifications::Loaded(list),
                Err(e) => Notifications::Failed(e),
            };
        }
    }

    /// The user acknowledged the listed notifications; whether the call is to be made.
    pub fn acknowledge(&mut self) -> bool {
        if !matches!(self, Notifications::Loaded(list) if !list.is_empty()) {
            return false;
        }
        *self = Notifications::Acknowledging;
        true
    }

    /// The acknowledgement answered; whether the list is to be read again. A refusal is said as it
    /// came; a lost answer is read back like a success, since the list tells what happened.
    pub fn acknowledged(&mut self, answer: Result<(), ApiError>) -> bool {
        if *self != Notifications::Acknowledging {
            return false;
        }
        match answer {
            Err(e) if !outcome_unknown(&e) => {
                *self = Notifications::Failed(e);
                false
            }
            _ => {
                *self = Notifications::Loading;
                true
            }
        }
    }

    /// A page opened on this state: a call in flight lost its answer with the last page; the list
    /// is asked for again by the user, and reading it is always safe.
    pub fn resumed(&mut self) {
        if self.busy() {
            *self = Notifications::Idle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one() -> Vec<Notification> {
        vec![Notification {
            message: Some("Contact needs attention".into()),
            ..Notification::default()
        }]
    }

    #[test]
    fn an_acknowledgement_is_followed_by_a_fresh_read() {
        let mut n = Notifications::default();
        assert!(n.requested());
        assert!(!n.requested(), "one read at a time");
        n.loaded(Ok(one()));
        assert_eq!(n, Notifications::Loaded(one()));
        assert!(n.acknowledge());
        assert!(n.busy());
        assert!(n.acknowledged(Ok(())), "the list is read again");
        assert_eq!(n, Notifications::Loading);
        n.loaded(Ok(Vec::new()));
        assert_eq!(n, Notifications::Loaded(Vec::new()));
        assert!(!n.acknowledge(), "nothing listed, nothing to acknowledge");
    }

    #[test]
    fn a_lost_answer_is_read_back_and_a_refusal_is_said() {
        let mut n = Notifications::Loaded(one());
        n.acknowledge();
        assert!(n.acknowledged(Err(ApiError::Timeout)));
        assert_eq!(n, Notifications::Loading);
        let mut n = Notifications::Loaded(one());
        n.acknowledge();
        let refused = ApiError::Refused("connection refused".into());
        assert!(!n.acknowledged(Err(refused.clone())));
        assert_eq!(n, Notifications::Failed(refused));
    }

    #[test]
    fn a_reopened_page_forgets_only_the_calls_in_flight() {
        let mut n = Notifications::Loaded(one());
        n.resumed();
        assert_eq!(n, Notifications::Loaded(one()));
        n.acknowledge();
        n.resumed();
        assert_eq!(n, Notifications::Idle);
        n.loaded(Ok(one()));
        assert_eq!(n, Notifications::Idle, "a late answer is dropped");
    }
}
