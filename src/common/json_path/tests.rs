//! Tests of the JSON-path finder: paths of every kind of failure, checked against serde_path_to_error.

use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[allow(dead_code)]
#[derive(Deserialize)]
struct Doc {
    name: String,
    count: u32,
    items: Vec<Item>,
    kind: Option<Kind>,
    #[serde(default)]
    extra: BTreeMap<String, Vec<u8>>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Item {
    id: u64,
    tags: Vec<String>,
    pair: Option<(u8, bool)>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
enum Kind {
    Plain,
    Region(String),
    Both { a: u8 },
}

/// The path the walk names and the one a path-tracking second pass names, for one text.
fn both(text: &str) -> (String, String) {
    assert!(
        serde_json::from_str::<Doc>(text).is_err(),
        "decodes: {text}"
    );
    let text2 = spaced(text);
    let again = serde_json::from_str::<Doc>(&text2)
        .err()
        .expect("fails again");
    let ours = dotted(&locate(&text2, &again));
    let mut de = serde_json::Deserializer::from_str(text);
    let tracked = match serde_path_to_error::deserialize::<_, Doc>(&mut de) {
        Err(e) => e.path().to_string(),
        Ok(_) => ".".to_owned(),
    };
    (ours, tracked)
}

const GOOD_ITEM: &str = r#"{"id": 1, "tags": ["a"], "pair": [1, true]}"#;

fn doc(items: &str, tail: &str) -> String {
    format!("{{\"name\": \"n\", \"count\": 3, \"items\": [{items}]{tail}}}")
}

#[test]
fn names_the_same_path_as_a_tracking_pass() {
    let cases = [
        r#"{"name": 5}"#.to_owned(),
        r#"{"name": {"x": 1}}"#.to_owned(),
        r#"{"name": [1]}"#.to_owned(),
        r#"{"name": null}"#.to_owned(),
        r#"{"name": "a", "count": -1}"#.to_owned(),
        r#"{"name": "a", "count": 1.5}"#.to_owned(),
        r#"{"name": "a", "count": "1"}"#.to_owned(),
        r#"{"name": "a", "count": 99999999999}"#.to_owned(),
        r#"{"name": "a"}"#.to_owned(),
        "{\n  \"name\": \"a\",\n  \"count\": true\n}".to_owned(),
        r#"{"name": "a", "name": "b"}"#.to_owned(),
        r#"[]"#.to_owned(),
        r#"5"#.to_owned(),
        doc(r#"{"id": 1}"#, ""),
        doc(&format!("{GOOD_ITEM}, {{\"id\": \"x\"}}"), ""),
        doc(&format!("{GOOD_ITEM}, {GOOD_ITEM}, 7"), ""),
        doc(r#"{"id": 1, "tags": ["a", 2]}"#, ""),
        doc(r#"{"id": 1, "tags": [], "pair": [1]}"#, ""),
        doc(r#"{"id": 1, "tags": [], "pair": [1, 2]}"#, ""),
        doc(r#"{"id": 1, "tags": [], "pair": null, "bad\"key": 1}"#, ""),
        doc(r#"{"id": 1, "tags": [], "zzz": 1}"#, ""),
        doc(r#"{"id": 1, "tags": [], "pair": null, "zzz""#, ""),
        doc(GOOD_ITEM, r#", "kind": "Weird""#),
        doc(GOOD_ITEM, r#", "kind": {"Region": 5}"#),
        doc(GOOD_ITEM, r#", "kind": {"Weird": 5}"#),
        doc(GOOD_ITEM, r#", "kind": {"Plain": 5}"#),
        doc(GOOD_ITEM, r#", "kind": {"Both": {"a": "x"}}"#),
        doc(GOOD_ITEM, r#", "kind": {"Both": {}}"#),
        doc(GOOD_ITEM, r#", "extra": {"k\"q": [1, 300]}"#),
        doc(GOOD_ITEM, r#", "extra": {"k": {}}"#),
        // Syntax and end of input.
        r#"{"name": "a", "count": 1"#.to_owned(),
        r#"{"name": "a", "count": 1."#.to_owned(),
        r#"{"name": "a", "count": tru"#.to_owned(),
        r#"{"name": "a", "count":"#.to_owned(),
        r#"{"name": "a", "count" 1}"#.to_owned(),
        r#"{"name": "a", "count": 12x}"#.to_owned(),
        r#"{"name": "a", "cou"#.to_owned(),
        r#"{"name": "a\q"}"#.to_owned(),
        r#"{"name": "a",}"#.to_owned(),
        r#"{"name": "abc"#.to_owned(),
        doc(r#"{"id": 1, "tags": ["a",]}"#, ""),
        doc(r#"{"id": 1, "tags": ["a" "b"]}"#, ""),
        doc(r#"{"id": 1, "tags": ["a""#, ""),
        doc(GOOD_ITEM, r#", "extra": {"k": [1, 2"#),
    ];
    for text in &cases {
        let (ours, tracked) = both(text);
        assert_eq!(ours, tracked, "{text}");
    }
}

#[test]
fn dotted_notation() {
    let path = [
        Segment::Key("mappings".into()),
        Segment::Index(0),
        Segment::Key("object_name".into()),
    ];
    assert_eq!(dotted(&path), "mappings[0].object_name");
    assert_eq!(dotted(&[]), ".");
    assert_eq!(dotted(&[Segment::Index(2)]), "[2]");
}
