//! [`FieldMap`]: a mapping's `fields`, the field names it maps with their options, in name order.
//!
//! It is a sorted vector rather than a `BTreeMap`. A document holds a `fields` object per mapping, with
//! most of the document's entries; reading a file builds every one of them while the user waits, and
//! validation and the diff then walk them in order. Exports list the names already sorted, so the
//! parser's entries become the map as they are, with no tree to build, and walking a vector is the
//! cheapest walk there is. Edits (the mapping form adds or removes one field at a time) shift the
//! entries after the edited one, which for a hundred fields costs nothing a user could see.
//!
//! It reads like the `BTreeMap` it replaces: the same order (byte order of the names), `get`,
//! `insert` and `remove` by `&str`, `iter`, `keys`, `values`, equality and `collect()`, where a
//! repeated name keeps its last options.

use std::fmt;

use super::{FieldName, FieldOptions};

/// Field names and their options, sorted by name, each name once.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FieldMap {
    /// Strictly increasing by name.
    entries: Vec<(FieldName, FieldOptions)>,
}

impl FieldMap {
    /// An empty map.
    pub fn new() -> FieldMap {
        FieldMap::default()
    }

    /// The map of `entries` when their names are strictly increasing, that is sorted and never
    /// repeated; otherwise `None`. The parsers' path: they sort first and report a repeated name.
    pub(crate) fn from_sorted(entries: Vec<(FieldName, FieldOptions)>) -> Option<FieldMap> {
        entries
            .windows(2)
            .all(|pair| pair[0].0 < pair[1].0)
            .then_some(FieldMap { entries })
    }

    /// Where `name` is, or where it would go.
    fn find(&self, name: &str) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The options of `name`, if it is mapped (exact spelling).
    pub fn get(&self, name: &str) -> Option<&FieldOptions> {
        self.find(name).ok().map(|at| &self.entries[at].1)
    }

    /// Whether `name` is mapped (exact spelling).
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Maps `name` with `options`, returning the options it had if it was mapped already.
    pub fn insert(&mut self, name: FieldName, options: FieldOptions) -> Option<FieldOptions> {
        match self.find(&name) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, options)),
            Err(at) => {
                self.entries.insert(at, (name, options));
                None
            }
        }
    }

    /// Unmaps `name`, returning its options if it was mapped.
    pub fn remove(&mut self, name: &str) -> Option<FieldOptions> {
        self.find(name).ok().map(|at| self.entries.remove(at).1)
    }

    /// The entries in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&FieldName, &FieldOptions)> + '_ {
        self.entries.iter().map(|(name, options)| (name, options))
    }

    /// The names in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &FieldName> + '_ {
        self.entries.iter().map(|(name, _)| name)
    }

    /// The options in name order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &FieldOptions> + '_ {
        self.entries.iter().map(|(_, options)| options)
    }
}

impl FromIterator<(FieldName, FieldOptions)> for FieldMap {
    /// Sorts by name; a repeated name keeps its last options, as collecting into a `BTreeMap` does.
    fn from_iter<I: IntoIterator<Item = (FieldName, FieldOptions)>>(iter: I) -> FieldMap {
        let mut entries: Vec<(FieldName, FieldOptions)> = iter.into_iter().collect();
        super::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        // Of a run of equal names, keep the last: `dedup_by` keeps the first, so each later entry
        // hands its options to the one kept before it is dropped.
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        FieldMap { entries }
    }
}

impl<'a> IntoIterator for &'a FieldMap {
    type Item = (&'a FieldName, &'a FieldOptions);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (FieldName, FieldOptions)>,
        fn(&'a (FieldName, FieldOptions)) -> (&'a FieldName, &'a FieldOptions),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(name, options)| (name, options))
    }
}

impl fmt::Debug for FieldMap {
    /// As a map, the way a `BTreeMap` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn options(tag: i64) -> FieldOptions {
        FieldOptions {
            extra: [("x".to_owned(), tag.into())].into_iter().collect(),
        }
    }

    /// Every sequence of up to 5 inserts and removes over 4 names, each name at most 2 bytes, ends
    /// with the same entries in a `FieldMap` as in a `BTreeMap`, each step answering the same.
    #[test]
    fn behaves_like_a_btree_map() {
        const NAMES: [&str; 4] = ["b", "A", "ab", "a"];
        for len in 0..=5u32 {
            for code in 0..8u32.pow(len) {
                let (mut ours, mut std) = (FieldMap::new(), BTreeMap::new());
                for step in 0..len {
                    let op = (code / 8u32.pow(step)) % 8;
                    let name = NAMES[(op % 4) as usize];
                    if op < 4 {
                        let tag = i64::from(step);
                        assert_eq!(
                            ours.insert(name.into(), options(tag)),
                            std.insert(FieldName::from(name), options(tag))
                        );
                    } else {
                        assert_eq!(ours.remove(name), std.remove(name));
                    }
                    assert_eq!(ours.get(name), std.get(name));
                    assert_eq!(ours.contains_key("a"), std.contains_key("a"));
                }
                assert!(ours.iter().eq(std.iter()));
                assert_eq!(ours.len(), std.len());
                assert_eq!(format!("{ours:?}"), format!("{std:?}"));
            }
        }
    }

    #[test]
    fn collecting_sorts_and_keeps_the_last_of_a_repeated_name() {
        let map: FieldMap = [("b", 1), ("a", 2), ("b", 3), ("b", 4), ("c", 5)]
            .into_iter()
            .map(|(name, tag)| (FieldName::from(name), options(tag)))
            .collect();
        let std: BTreeMap<FieldName, FieldOptions> =
            [("b", 1), ("a", 2), ("b", 3), ("b", 4), ("c", 5)]
                .into_iter()
                .map(|(name, tag)| (FieldName::from(name), options(tag)))
                .collect();
        assert!(map.iter().eq(std.iter()));
    }

    #[test]
    fn only_strictly_increasing_entries_are_taken_as_they_are() {
        let entries = |names: &[&str]| -> Vec<(FieldName, FieldOptions)> {
            names
                .iter()
                .map(|n| (FieldName::from(*n), FieldOptions::default()))
                .collect()
        };
        assert!(FieldMap::from_sorted(entries(&["Id", "IsDeleted", "Name"])).is_some());
        assert!(FieldMap::from_sorted(entries(&[])).is_some());
        assert!(
            FieldMap::from_sorted(entries(&["Id", "Id"])).is_none(),
            "repeated"
        );
        assert!(
            FieldMap::from_sorted(entries(&["Name", "Id"])).is_none(),
            "out of order"
        );
    }
}
