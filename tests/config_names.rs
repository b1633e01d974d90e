//! `check_api_name` against a plain reading of its rule: two passes, `split("__")` and no shortcuts.
//! The product's version is tuned because it runs for every field of every mapping; this one is slow
//! and obvious, and both must give the same answer for every name, including which problem is reported
//! first.

use connect_pilot::config::names::{check_api_name, NameProblem, MAX_BASE_LEN, MAX_NAMESPACE_LEN};

const SUFFIXES: [&str; 20] = [
    "c", "r", "e", "mdt", "x", "b", "s", "pc", "share", "history", "feed", "kav", "ka", "xo",
    "chn", "dlm", "dll", "dlo", "dmo", "pr",
];

/// The rule of `config::names`, read literally: a bad character anywhere first, then each segment in
/// order, then the number of parts, the suffix and the lengths.
fn reference(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(NameProblem::BadCharacter(c));
    }
    let segments: Vec<&str> = name.split("__").collect();
    for segment in &segments {
        match segment.as_bytes() {
            [] | [b'_', ..] => return Err(NameProblem::StrayUnderscore),
            [first, ..] if !first.is_ascii_alphabetic() => return Err(NameProblem::BadStart),
            [.., b'_'] => return Err(NameProblem::StrayUnderscore),
            _ => {}
        }
    }
    if segments.len() > 4 {
        return Err(NameProblem::TooManyParts);
    }
    let (base, namespace) = match segments.as_slice() {
        [only] => (*only, None),
        [rest @ .., suffix] => {
            if !SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suffix)) {
                return Err(NameProblem::UnknownSuffix);
            }
            match (rest, suffix.eq_ignore_ascii_case("s")) {
                ([base], _) => (*base, None),
                ([namespace, base], _) | ([namespace, base, _], true) => (*base, Some(*namespace)),
                _ => return Err(NameProblem::TooManyParts),
            }
        }
        [] => unreachable!("split yields at least one segment"),
    };
    if base.len() > MAX_BASE_LEN {
        return Err(NameProblem::TooLong);
    }
    if namespace.is_some_and(|ns| ns.len() > MAX_NAMESPACE_LEN) {
        return Err(NameProblem::NamespaceTooLong);
    }
    Ok(())
}

#[test]
fn every_short_name_over_a_small_alphabet_gets_the_reference_answer() {
    // Letters of both cases, a digit, the underscore, a space and a non-ASCII letter: every rule
    // and every pair of rules in conflict shows up within seven characters.
    let alphabet = ['a', 'C', 's', '1', '_', ' ', 'é'];
    let mut names = vec![String::new()];
    let mut checked = 0;
    for _ in 0..7 {
        let mut longer = Vec::with_capacity(names.len() * alphabet.len());
        for name in &names {
            for c in alphabet {
                let mut next = name.clone();
                next.push(c);
                assert_eq!(check_api_name(&next), reference(&next), "{next:?}");
                checked += 1;
                longer.push(next);
            }
        }
        names = longer;
    }
    assert!(checked > 900_000, "only {checked} names");
}

#[test]
fn long_names_and_many_parts_get_the_reference_answer() {
    let long = |n: usize| "A".repeat(n);
    let mut names = vec![
        format!("{}__c", long(40)),
        format!("{}__c", long(41)),
        format!("{}__{}__c", long(15), long(40)),
        format!("{}__{}__c", long(16), long(40)),
        format!("{}__{}__Part__s", long(15), long(41)),
        "a__b__c__d__e".to_owned(),
        "a__b__c__d__e_".to_owned(),
        "a__b__c__d__1e".to_owned(),
        "a__b__c__d__e f".to_owned(),
        "a__b__c__d__s".to_owned(),
        "ns__Loc__Lat__S".to_owned(),
        "ns__Loc__Lat__c".to_owned(),
        "Account__History".to_owned(),
        "Order__SHARE".to_owned(),
        "x__kav".to_owned(),
        "x__kv".to_owned(),
        "____".to_owned(),
        "_".to_owned(),
        "a_".to_owned(),
    ];
    // Every suffix, in two cases.
    for suffix in SUFFIXES {
        names.push(format!("Thing__{suffix}"));
        names.push(format!("Thing__{}", suffix.to_ascii_uppercase()));
    }
    for name in names {
        assert_eq!(check_api_name(&name), reference(&name), "{name:?}");
    }
}
