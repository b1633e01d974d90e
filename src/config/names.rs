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
/// use connect_pilot::config::names::{check_api_name, NameProblem};
///
/// assert_eq!(check_api_name("Acme_Invoice__c"), Ok(()));
/// assert_eq!(check_api_name("acme__Invoice__c"), Ok(()));
/// assert_eq!(check_api_name("Email_"), Err(NameProblem::StrayUnderscore));
/// assert_eq!(check_api_name("Invoice__Line"), Err(NameProblem::UnknownSuffix));
/// ```
pub fn check_api_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    // Bytes, not chars: this runs for every field of every mapping. Decode only the offender.
    if let Some(at) = name
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
    {
        return Err(NameProblem::BadCharacter(
            name[at..].chars().next().unwrap_or('?'),
        ));
    }
    // At most four segments are ever valid; keep those without allocating and just count the rest.
    // A byte scan rather than `split("__")`: this runs for every field of every mapping.
    let mut segments = [""; 4];
    let mut count = 0;
    let bytes = name.as_bytes();
    let mut start = 0;
    loop {
        let end = (start..bytes.len().saturating_sub(1))
            .find(|&i| bytes[i] == b'_' && bytes[i + 1] == b'_')
            .unwrap_or(bytes.len());
        let segment = &name[start..end];
        match segment.as_bytes() {
            [] => return Err(NameProblem::StrayUnderscore),
            [first, ..] if !first.is_ascii_alphabetic() => {
                // `A___c` splits as `A`, `_c`: that is a tripled underscore, not a bad start.
                return Err(if *first == b'_' {
                    NameProblem::StrayUnderscore
                } else {
                    NameProblem::BadStart
                });
            }
            [.., b'_'] => return Err(NameProblem::StrayUnderscore),
            _ => {}
        }
        if count < segments.len() {
            segments[count] = segment;
        }
        count += 1;
        if end == bytes.len() {
            break;
        }
        start = end + 2;
    }
    if count > segments.len() {
        return Err(NameProblem::TooManyParts);
    }
    let (base, namespace) = match &segments[..count] {
        [only] => (*only, None),
        [rest @ .., suffix] => {
            if !SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suffix)) {
                return Err(NameProblem::UnknownSuffix);
            }
            let compound = suffix.eq_ignore_ascii_case("s");
            match (rest, compound) {
                ([base], _) => (*base, None),
                ([namespace, base], _) => (*base, Some(*namespace)),
                ([namespace, base, _part], true) => (*base, Some(*namespace)),
                _ => return Err(NameProblem::TooManyParts),
            }
        }
        [] => return Err(NameProblem::Empty),
    };
    if base.len() > MAX_BASE_LEN {
        return Err(NameProblem::TooLong);
    }
    if namespace.is_some_and(|ns| ns.len() > MAX_NAMESPACE_LEN) {
        return Err(NameProblem::NamespaceTooLong);
    }
    Ok(())
}

/// Orders names as Salesforce compares them: ASCII case folded, then byte order as a tie-break so that
/// the order is total and stable (`Contact` before `contact`).
pub fn cmp_names(a: &str, b: &str) -> Ordering {
    cmp_ignore_case(a, b).then_with(|| a.cmp(b))
}

/// Compares with ASCII case folded, without allocating.
pub fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
            Ordering::Equal => {}
            other => return other,
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
