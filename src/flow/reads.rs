//! Reads the status view makes only when the user asks (each costs a request of the daily budget),
//! kept with the tab's part of the setup state so a reopened tab shows them as last read: a list
//! per key (the connection's or a mapping's write errors, a mapping's diagnosis, the schema diff of
//! a target API version), with one read at a time per key.

use serde::{Deserialize, Serialize};

use crate::api::ApiError;

/// One read's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Listing<T> {
    /// The read is under way.
    Loading,
    /// As last read.
    Loaded(T),
    /// The read failed.
    Failed(ApiError),
}

/// The reads asked for, by key, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reads<K, T>(Vec<(K, Listing<T>)>);

impl<K, T> Default for Reads<K, T> {
    fn default() -> Self {
        Reads(Vec::new())
    }
}

impl<K: PartialEq, T: PartialEq> Reads<K, T> {
    /// The read of `key`, once asked for.
    pub fn of(&self, key: &K) -> Option<&Listing<T>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, l)| l)
    }

    /// The read asked for last, with its key.
    pub fn latest(&self) -> Option<(&K, &Listing<T>)> {
        self.0.last().map(|(k, l)| (k, l))
    }

    /// Whether `key`'s read is under way.
    pub fn loading(&self, key: &K) -> bool {
        matches!(self.of(key), Some(Listing::Loading))
    }

    /// The user asked for `key`; whether a read is to be made (not while one is). The key becomes
    /// the latest.
    pub fn requested(&mut self, key: K) -> bool {
        if self.loading(&key) {
            return false;
        }
        self.0.retain(|(k, _)| *k != key);
        self.0.push((key, Listing::Loading));
        true
    }

    /// `key`'s read answered (an answer nobody waits for changes nothing).
    pub fn loaded(&mut self, key: &K, answer: Result<T, ApiError>) {
        if let Some((_, listing)) = self
            .0
            .iter_mut()
            .find(|(k, l)| k == key && *l == Listing::Loading)
        {
            *listing = match answer {
                Ok(v) => Listing::Loaded(v),
                Err(e) => Listing::Failed(e),
            };
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

    #[test]
    fn each_key_has_its_own_read_and_one_at_a_time() {
        let mut reads = Reads::<Option<String>, u32>::default();
        let m1 = Some("m1".to_owned());
        assert!(reads.requested(None));
        assert!(!reads.requested(None), "one read at a time");
        assert!(reads.requested(m1.clone()), "another key reads at once");
        assert_eq!(reads.latest(), Some((&m1, &Listing::Loading)));
        reads.loaded(&m1, Ok(1));
        assert_eq!(reads.of(&m1), Some(&Listing::Loaded(1)));
        assert!(reads.loading(&None));
        reads.loaded(&None, Err(ApiError::Timeout));
        assert_eq!(reads.of(&None), Some(&Listing::Failed(ApiError::Timeout)));
        assert!(reads.requested(None), "asked again after a failure");
        assert_eq!(reads.latest(), Some((&None, &Listing::Loading)));
    }

    #[test]
    fn a_reopened_page_keeps_what_was_read_and_drops_the_reads_in_flight() {
        let mut reads = Reads::<Option<String>, u32>::default();
        let m1 = Some("m1".to_owned());
        reads.requested(None);
        reads.requested(m1.clone());
        reads.loaded(&None, Ok(3));
        reads.resumed();
        assert_eq!(reads.of(&None), Some(&Listing::Loaded(3)));
        assert_eq!(reads.of(&m1), None);
        reads.loaded(&m1, Ok(1));
        assert_eq!(reads.of(&m1), None, "a late answer is dropped");
    }
}
