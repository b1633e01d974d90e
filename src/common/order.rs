//! The one stable sort of the extension, and maps built without one.
//!
//! Every `sort_by` call site and every `collect()` into a `BTreeMap` compiles its own copy of the
//! standard library's sort, 3 to 20 KB of wasm each (the larger figure in this crate, which is built
//! for speed). Sorting positions instead of items needs a single copy for any item type: the items
//! are then moved into place once. Maps are built by inserting, which needs no sort at all.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The positions `0..len`, ordered by `cmp`; equal items keep their order.
fn order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `items` by `cmp`, stably (equal items keep their order), as `slice::sort_by` does.
///
/// ```
/// let mut words = vec!["pear", "Fig", "apple", "fig"];
/// connect_pilot_common::order::sort_by(&mut words, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
/// assert_eq!(words, ["apple", "Fig", "fig", "pear"]);
/// ```
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // Most lists arrive sorted (exports are); one look at each pair settles it.
    if items
        .windows(2)
        .all(|pair| cmp(&pair[0], &pair[1]) != Ordering::Greater)
    {
        return;
    }
    let order = order(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .into_iter()
        .filter_map(|at| slots[at].take())
        .collect();
}

/// A map of `pairs`; a repeated key keeps its last value, as `collect()` does.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // Every list of up to 7 keys from a 3-letter alphabet, tagged by position to see stability.
        for len in 0..=7u32 {
            for code in 0..3u32.pow(len) {
                let keys: Vec<(u32, usize)> = (0..len)
                    .map(|i| ((code / 3u32.pow(i)) % 3, i as usize))
                    .collect();
                let mut ours = keys.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = keys;
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn a_map_keeps_the_last_value_of_a_repeated_key() {
        let map = map_of([("b", 1), ("a", 2), ("b", 3)]);
        assert_eq!(map, [("a", 2), ("b", 3)].into_iter().collect());
    }
}
