//! Salesforce API names, checked without asking Salesforce, and compared the way Salesforce does
//! (without regard to ASCII case).
//!
//! The rule, applied to object names and field names alike:
//!
//! 1. A name is one or more *segments* joined by a double underscore `__`.
//! 2. Every segment starts with an ASCII letter, holds only ASCII letters, digits and single
//!    underscores, and does not end with an underscore. So `__` appears only as a separator, and a
//!    name never starts or ends with `_` or holds `___`.
//! 3. A name with one segment is a standard name (`Contact`, `Account_Region`), at most 40 characters.
//! 4. A name with several segments ends in a known suffix: `__c` (custom), `__r` (relationship),
//!    `__e` (platform event), `__mdt` (custom metadata), `__x` (external object), `__b` (big object),
//!    `__s` (compound part, e.g. `Location__Latitude__s`), `__pc` (person-account field), `__share`,
//!    `__history`, `__feed`, `__kav`, `__ka`, `__xo`, `__chn`, `__dlm`, `__dll`, `__dlo`, `__dmo`, `__pr`.
//!    Before the suffix comes the base name (at most 40 characters), optionally preceded by a namespace
//!    prefix of at most 15 characters (`acme__Invoice__c`). A `__s` suffix allows one more segment, the
//!    compound field's own name.
//!
//! Suffixes match without regard to case, as Salesforce does. Passing this check says nothing about
//! whether the org has the object or field; that takes the schema (`schema.rs`).

use std::cmp::Ordering;

/// Longest base name, not counting namespace and suffix.
pub const MAX_BASE_LEN: usize = 40;

/// Longest namespace prefix.
pub const MAX_NAMESPACE_LEN: usize = 15;

const SUFFIXES: [&str; 20] = [
    "c", "r", "e", "mdt", "x", "b", "s", "pc", "share", "history", "feed", "kav", "ka", "xo",
    "chn", "dlm", "dll", "dlo", "dmo", "pr",
];

/// The entry of [`SUFFIXES`] that `segment` spells, in any case.
fn known_suffix(segment: &[u8]) -> Option<&'static str> {
    // Lower-cased into a buffer as long as the longest suffix ("history"), so that the common one-
    // letter suffixes cost one comparison, not a call per candidate.
    let mut folded = [0u8; 7];
    let folded = folded.get_mut(..segment.len())?;
    for (to, from) in folded.iter_mut().zip(segment) {
        *to = from.to_ascii_lowercase();
    }
    SUFFIXES
        .iter()
        .copied()
        .find(|suffix| suffix.as_bytes() == &folded[..])
}

/// Why a name breaks the rule in the module docs, worded to follow "… is not a valid API name: ".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// The name is empty.
    Empty,
    /// A character other than an ASCII letter, digit or underscore.
    BadCharacter(char),
    /// A segment starts with something other than a letter (includes a leading `_` or digit).
    BadStart,
    /// Ends with an underscore, or has `___`.
    StrayUnderscore,
    /// Several segments, but the last is not a known suffix.
    UnknownSuffix,
    /// More segments than namespace, base and suffix allow.
    TooManyParts,
    /// Base name over [`MAX_BASE_LEN`].
    TooLong,
    /// Namespace over [`MAX_NAMESPACE_LEN`].
    NamespaceTooLong,
}

impl NameProblem {
    /// A short English reason.
    pub fn reason(self) -> String {
        match self {
            NameProblem::Empty => "it is empty".to_owned(),
            NameProblem::BadCharacter(c) => {
                format!("{c:?} is not allowed; use letters, digits and underscores")
            }
            NameProblem::BadStart => "each part must start with a letter".to_owned(),
            NameProblem::StrayUnderscore => "it has a trailing or tripled underscore".to_owned(),
            NameProblem::UnknownSuffix => {
                "a double underscore may only introduce a namespace or a suffix such as __c"
                    .to_owned()
            }
            NameProblem::TooManyParts => "it has too many double underscores".to_owned(),
            NameProblem::TooLong => format!("the name is longer than {MAX_BASE_LEN} characters"),
            NameProblem::NamespaceTooLong => {
                format!("the namespace prefix is longer than {MAX_NAMESPACE_LEN} characters")
            }
        }
    }
}

/// Checks `name` against the rule in the module docs.
///
/// ```
/// use connect_pilot_config::names::{check_api_name, NameProblem};
///
/// assert_eq!(check_api_name("Acme_Invoice__c"), Ok(()));
/// assert_eq!(check_api_name("acme__Invoice__c"), Ok(()));
/// assert_eq!(check_api_name("Email_"), Err(NameProblem::StrayUnderscore));
/// assert_eq!(check_api_name("Invoice__Line"), Err(NameProblem::UnknownSuffix));
/// ```
pub fn check_api_name(name: &str) -> Result<(), NameProblem> {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return Err(NameProblem::Empty);
    }
    // One pass over the bytes, as this runs for every field of every mapping: split at each `__`,
    // keep the bounds of the first four segments (no more are ever valid), note the first segment
    // that breaks a rule, and stop at a bad character, which is reported before anything else.
    let mut bounds = [(0, 0); 4];
    let mut count = 0;
    let mut problem = None;
    let (mut start, mut i) = (0, 0);
    loop {
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'_' {
                if bytes.get(i + 1) == Some(&b'_') {
                    break;
                }
            } else if CLASS[usize::from(b)] == OTHER {
                // Every byte before `i` is ASCII, so `i` starts a character.
                let c = name[i..].chars().next().unwrap_or('?');
                return Err(NameProblem::BadCharacter(c));
            }
            i += 1;
        }
        if problem.is_none() {
            problem = segment_problem(&bytes[start..i]);
        }
        if let Some(slot) = bounds.get_mut(count) {
            *slot = (start, i);
        }
        count += 1;
        if i == bytes.len() {
            break;
        }
        i += 2;
        start = i;
    }
    if let Some(problem) = problem {
        return Err(problem);
    }
    if count > bounds.len() {
        return Err(NameProblem::TooManyParts);
    }
    let (base, namespace) = if count == 1 {
        (bounds[0], None)
    } else {
        let (from, to) = bounds[count - 1];
        let Some(suffix) = known_suffix(&bytes[from..to]) else {
            return Err(NameProblem::UnknownSuffix);
        };
        let compound = suffix == "s";
        match (count - 1, compound) {
            (1, _) => (bounds[0], None),
            (2, _) | (3, true) => (bounds[1], Some(bounds[0])),
            _ => return Err(NameProblem::TooManyParts),
        }
    };
    let len = |(from, to): (usize, usize)| to - from;
    if len(base) > MAX_BASE_LEN {
        return Err(NameProblem::TooLong);
    }
    if namespace.is_some_and(|ns| len(ns) > MAX_NAMESPACE_LEN) {
        return Err(NameProblem::NamespaceTooLong);
    }
    Ok(())
}

/// What a segment between `__` separators breaks, if anything: it must be non-empty, start with a
/// letter and not end with `_`. A leading `_` is a tripled underscore (`A___c` splits as `A`, `_c`).
fn segment_problem(segment: &[u8]) -> Option<NameProblem> {
    match segment {
        [] | [b'_', ..] => Some(NameProblem::StrayUnderscore),
        [first, ..] if CLASS[usize::from(*first)] != LETTER => Some(NameProblem::BadStart),
        [.., b'_'] => Some(NameProblem::StrayUnderscore),
        _ => None,
    }
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;

/// The class of every byte, so the scan makes one lookup per byte. `_` counts as a digit here: it
/// may appear anywhere except at the start of a segment, and the scan looks at it separately.
const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' | b'_' => DIGIT,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// Orders names as Salesforce compares them: ASCII case folded, then byte order as a tie-break so that
/// the order is total and stable (`Contact` before `contact`).
pub fn cmp_names(a: &str, b: &str) -> Ordering {
    cmp_ignore_case(a, b).then_with(|| a.cmp(b))
}

/// Compares with ASCII case folded, without allocating.
pub fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (&x, &y) in a.iter().zip(b) {
        // Names share long prefixes; fold only where the bytes differ.
        if x != y {
            match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
                Ordering::Equal => {}
                other => return other,
            }
        }
    }
    a.len().cmp(&b.len())
}

/// Whether two names are the same name to Salesforce.
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_standard_custom_and_namespaced_names() {
        for name in [
            "Id",
            "SystemModstamp",
            "Acme_Id__c",
            "acme__Invoice__c",
            "Location__Latitude__s",
            "Order__History",
            "Type__mdt",
            "ns__Loc__Longitude__s",
            "A1",
            &format!("{}__c", "A".repeat(40)),
        ] {
            assert_eq!(check_api_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn rejects_each_broken_rule() {
        let cases = [
            ("", NameProblem::Empty),
            ("Acme Invoice__c", NameProblem::BadCharacter(' ')),
            ("Émail", NameProblem::BadCharacter('É')),
            ("1Email", NameProblem::BadStart),
            ("_Email", NameProblem::StrayUnderscore),
            ("Email_", NameProblem::StrayUnderscore),
            ("Email___c", NameProblem::StrayUnderscore),
            ("Email__", NameProblem::StrayUnderscore),
            ("Bad__Name", NameProblem::UnknownSuffix),
            ("a__b__c__c", NameProblem::TooManyParts),
            ("Location__Latitude__x__s__s", NameProblem::TooManyParts),
        ];
        for (name, problem) in cases {
            assert_eq!(check_api_name(name), Err(problem), "{name:?}");
        }
        assert_eq!(check_api_name(&"A".repeat(41)), Err(NameProblem::TooLong));
        assert_eq!(
            check_api_name(&format!("{}__c", "A".repeat(41))),
            Err(NameProblem::TooLong)
        );
        assert_eq!(
            check_api_name(&format!("{}__Thing__c", "n".repeat(16))),
            Err(NameProblem::NamespaceTooLong)
        );
    }

    #[test]
    fn ordering_folds_case_then_breaks_ties() {
        assert_eq!(cmp_names("account", "Contact"), Ordering::Less);
        assert_eq!(cmp_names("Contact", "contact"), Ordering::Less);
        assert_eq!(cmp_ignore_case("Contact", "contact"), Ordering::Equal);
        assert_eq!(cmp_ignore_case("Con", "contact"), Ordering::Less);
    }
}
