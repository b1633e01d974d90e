//! The token level of the fast reader: whitespace, strings without escapes, literals, plain
//! integers, and values kept verbatim (found by their extent, then read by serde_json); and the
//! ordering of a `fields` or `indexes` object's names. Every function gives up with `None`
//! on anything outside what it reads, and never describes a problem: the slow path does that.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Reader;
use crate::order;

impl<'a> Reader<'a> {
    /// Skips JSON whitespace (exactly the four bytes serde_json skips).
    pub(super) fn ws(&mut self) {
        self.i = skip_ws(self.b, self.i);
    }

    /// The next byte after whitespace, not consumed.
    pub(super) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    /// Consumes `byte` after whitespace.
    pub(super) fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// Walks the members of an object whose `{` is next: `member` reads one key's value. An empty
    /// object calls it never.
    pub(super) fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            member(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string without escapes, after whitespace. An escape or a control character gives up
    /// (serde_json decodes the one and refuses the other; the slow path does either).
    pub(super) fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        self.i = string_end(self.b, start)?;
        // Both ends sit next to a `"`, so they are character boundaries and this cannot fail.
        let text = self.text.get(start..self.i);
        self.i += 1;
        text
    }

    /// `true` or `false`.
    pub(super) fn boolean(&mut self) -> Option<bool> {
        self.ws();
        let rest = &self.b[self.i..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.i += len;
        Some(value)
    }

    /// Whether `null` is next; consumed if so.
    pub(super) fn null(&mut self) -> bool {
        self.ws();
        let found = self.b[self.i..].starts_with(b"null");
        if found {
            self.i += 4;
        }
        found
    }

    /// A plain integer of at most 18 digits: no fraction, no exponent, no leading zero, not `-0`
    /// (serde_json reads that as a float). Anything else gives up.
    pub(super) fn int(&mut self) -> Option<i64> {
        self.ws();
        let negative = self.b.get(self.i) == Some(&b'-');
        if negative {
            self.i += 1;
        }
        let start = self.i;
        let mut value: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = self.b.get(self.i) {
            if self.i - start == 18 {
                return None;
            }
            value = value * 10 + i64::from(d - b'0');
            self.i += 1;
        }
        let digits = self.i - start;
        let leading_zero = digits > 1 && self.b[start] == b'0';
        let fraction = matches!(self.b.get(self.i), Some(b'.' | b'e' | b'E'));
        if digits == 0 || leading_zero || fraction || (negative && value == 0) {
            return None;
        }
        Some(if negative { -value } else { value })
    }

    /// Any JSON value, read by serde_json from the bytes it spans; `levels` are the arrays and
    /// objects of the document around it.
    pub(super) fn value(&mut self, levels: usize) -> Option<Value> {
        self.ws();
        let start = self.i;
        let depth = self.skip_value()?;
        self.deepest = self.deepest.max(levels + depth);
        serde_json::from_slice(&self.b[start..self.i]).ok()
    }

    /// Moves past one value without checking it (serde_json checks it next): a string, a bracketed
    /// group with the strings inside it, or a scalar up to the next delimiter or whitespace. Returns
    /// how deep the brackets nest.
    fn skip_value(&mut self) -> Option<usize> {
        match *self.b.get(self.i)? {
            b'"' => self.skip_string().map(|()| 0),
            b'[' | b'{' => {
                let (mut depth, mut deepest) = (0usize, 0usize);
                loop {
                    match *self.b.get(self.i)? {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b'[' | b'{' => {
                            depth += 1;
                            deepest = deepest.max(depth);
                        }
                        b']' | b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return Some(deepest);
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while let Some(b) = self.b.get(self.i) {
                    if matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\t' | b'\r') {
                        break;
                    }
                    self.i += 1;
                }
                Some(0)
            }
        }
    }

    /// Moves past a string whose `"` is next, stepping over escapes.
    fn skip_string(&mut self) -> Option<()> {
        self.i += 1;
        loop {
            match *self.b.get(self.i)? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                _ => self.i += 1,
            }
        }
    }
}

/// The index of the first byte at or after `i` that is not JSON whitespace.
#[inline(always)]
pub(super) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

const PLAIN: u8 = 0;
const QUOTE: u8 = 1;
const STOP: u8 = 2;

/// What each byte means inside a string: the closing quote, a byte that sends the document to the
/// slow path (an escape, or a control character JSON forbids), or anything else.
const STRING_BYTE: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = STOP;
        b += 1;
    }
    table[b'"' as usize] = QUOTE;
    table[b'\\' as usize] = STOP;
    table
};

/// Where the string whose contents start at `b[i]` ends: the index of its closing quote. An escape
/// or a control character gives up.
#[inline(always)]
pub(super) fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match STRING_BYTE[usize::from(*b.get(i)?)] {
            PLAIN => i += 1,
            QUOTE => return Some(i),
            _ => return None,
        }
    }
}

/// The map of an `indexes` object; a repeated name gives up.
pub(super) fn by_name<T>(entries: Vec<(String, T)>) -> Option<BTreeMap<String, T>> {
    let count = entries.len();
    // Collecting drops repeats and builds the tree in bulk from the sorted entries (its own sort only
    // confirms the order, one look at each pair), faster than inserting them one by one.
    let map: BTreeMap<String, T> = in_order(entries).into_iter().collect();
    // A shorter map means a repeated name, which the slow path reports.
    (map.len() == count).then_some(map)
}

/// `entries` sorted by name. Exports list names in order, and a file written by hand often lists a
/// few names first (the system fields) and the rest in order after them. Those few are moved into
/// place one by one, where a general sort would compare far more; anything else takes the standard
/// sort.
pub(super) fn in_order<K: Ord, T>(mut entries: Vec<(K, T)>) -> Vec<(K, T)> {
    const FEW: usize = 8;
    let first_out_of_order = |run: &[(K, T)]| {
        run.windows(2)
            .position(|pair| pair[0].0 >= pair[1].0)
            .map(|at| at + 1)
    };
    let Some(head) = first_out_of_order(&entries) else {
        return entries;
    };
    if head > FEW || first_out_of_order(&entries[head..]).is_some() {
        order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        return entries;
    }
    // The ordered head goes to the back; each of its names then moves down to where it belongs in
    // the ordered part before it.
    entries.rotate_left(head);
    for at in entries.len() - head..entries.len() {
        let to = entries[..at].partition_point(|e| e.0 < entries[at].0);
        entries[to..=at].rotate_right(1);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, ())> {
        list.iter().map(|n| (n.to_string(), ())).collect()
    }

    #[test]
    fn names_come_out_in_order_whatever_order_they_came_in() {
        let system_first = [
            "Id",
            "IsDeleted",
            "SystemModstamp",
            "Amount",
            "CloseDate",
            "Name",
        ];
        for list in [
            &["A", "B", "C"][..],
            &system_first[..],
            &["Z", "Y", "X", "W"][..],
            &["M", "A", "Z", "B", "Y", "C"][..],
            &["B", "C", "D", "E", "F", "G", "H", "I", "J", "A"][..],
            &["J", "K", "L", "M", "N", "O", "P", "Q", "R", "A", "B"][..],
        ] {
            let mut expected = names(list);
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(in_order(names(list)), expected, "{list:?}");
        }
    }

    #[test]
    fn a_repeated_name_gives_up_wherever_it_is() {
        assert!(by_name(names(&["A", "B", "C"])).is_some());
        for list in [
            &["A", "A"][..],
            &["Id", "Zeta", "Alpha", "Id"][..],
            &["B", "C", "A", "C"][..],
            &["C", "B", "A", "B"][..],
        ] {
            assert_eq!(by_name(names(list)), None, "{list:?}");
        }
    }
}
