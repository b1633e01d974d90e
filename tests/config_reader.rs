//! The parser's two readers agree: the hand-written one that reads almost every real document, and the
//! serde one it hands everything unusual to. Each document here is read both ways (`fuzz::exercise`
//! asserts the fast reader's answer whenever it gives one), and the public parse must accept exactly
//! what the serde reader accepts, with the same result.

use connect_pilot::config::{fuzz, sample, MappingConfig};

/// What the serde reader makes of `text`.
fn serde_reader(text: &str) -> Option<MappingConfig> {
    serde_json::from_str(text).ok()
}

fn agree(text: &str) {
    fuzz::exercise(text.as_bytes());
    assert_eq!(
        MappingConfig::parse(text.as_bytes()).ok(),
        serde_reader(text),
        "{text}"
    );
}

/// A one-mapping document whose `config` block is `config`.
fn with_config(config: &str) -> String {
    format!(r#"{{"version": 1, "mappings": [{{"object_name": "Contact", "config": {config}}}]}}"#)
}

#[test]
fn generated_documents_of_every_shape_read_the_same() {
    for (mappings, fields) in [(0, 0), (1, 5), (2, 17), (7, 120)] {
        agree(&sample::generate(mappings, fields));
    }
}

#[test]
fn layout_does_not_matter() {
    let compact = r#"{"version":1,"mappings":[{"object_name":"Contact","config":{"fields":{"Id":{},"IsDeleted":{},"SystemModstamp":{}}}}]}"#;
    let spread = "{\r\n\t\"version\" : 1 ,\r\n\t\"mappings\" : [ { \"object_name\" : \"Contact\" , \"config\" : { \"fields\" : { \"Id\" : { } , \"IsDeleted\" :{ }, \"SystemModstamp\":{}\n } } } ]\n}\n";
    agree(compact);
    agree(spread);
    assert_eq!(
        MappingConfig::parse(compact.as_bytes()).unwrap(),
        MappingConfig::parse(spread.as_bytes()).unwrap()
    );
}

#[test]
fn kept_values_read_the_same_at_every_level() {
    agree(
        r#"{"version": 1, "x_top": [1, -2.5, "a\"b", {"k": null}], "connection": {"app_name": "caf\u00e9 \\ app", "n": 1e3},
            "mappings": [{"object_name": "Contact", "x_m": true, "config": {"x_c": {"a": [[]]},
            "revision": 12, "applied_at": "2025-01-06T11:30:00Z",
            "fields": {"Id": {"x_f": "\u2603"}, "IsDeleted": {}, "SystemModstamp": {}},
            "indexes": {"Id": {"unique": true, "x_i": [true, false]}}}}]}"#,
    );
    agree(&with_config(r#"{"x": "}]\"[{", "fields": {"Id": {}}}"#));
    agree(&with_config(r#"{"x": 12345678901234567890123}"#));
}

#[test]
fn integers_read_the_same_at_their_edges() {
    for n in [
        "0",
        "-0",
        "1",
        "-1",
        "600",
        "01",
        "1.0",
        "1e3",
        "1E3",
        "-",
        "999999999999999999",
        "-999999999999999999",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
    ] {
        agree(&format!(
            r#"{{"version": {n}, "mappings": [{{"object_name": "Case", "config": {{"sf_polling_seconds": {n}, "sf_max_daily_api_calls": {n}}}}}]}}"#
        ));
    }
}

#[test]
fn strings_with_escapes_or_other_scripts_read_the_same() {
    agree(&with_config(
        r#"{"access": "read\u005fwrite", "upsert_field": "Ext\u005fId__c", "fields": {"N\u0061me": {}, "Ext_Id__c": {}}}"#,
    ));
    agree(r#"{"version": 1, "mappings": [{"object_name": "Caf\u00e9__c", "config": {}}]}"#);
    agree("{\"version\": 1, \"mappings\": [{\"object_name\": \"Café__c\", \"config\": {\"fields\": {\"Näme\": {}}}}]}");
    agree(&with_config("{\"fields\": {\"Tab\there\": {}}}"));
    agree(&with_config(
        r#"{"upsert_field": null, "access": "read_only"}"#,
    ));
    agree(&with_config(
        r#"{"upsert_field": "null", "sf_notify_enabled": false}"#,
    ));
    agree(&with_config(r#"{"access": "READ_ONLY"}"#));
    agree(&with_config(r#"{"sf_notify_enabled": truex}"#));
    agree(&with_config(r#"{"upsert_field": nullx}"#));
}

#[test]
fn names_in_any_order_read_the_same() {
    let fields = |names: &[&str]| {
        let entries: Vec<String> = names.iter().map(|n| format!("\"{n}\": {{}}")).collect();
        with_config(&format!(r#"{{"fields": {{{}}}}}"#, entries.join(", ")))
    };
    // In order; system fields first then the rest in order; reversed; shuffled.
    agree(&fields(&["A", "B", "C", "D"]));
    agree(&fields(&[
        "Id",
        "IsDeleted",
        "SystemModstamp",
        "Alpha",
        "Beta",
        "Gamma",
    ]));
    agree(&fields(&["Z", "Y", "X", "W", "V"]));
    agree(&fields(&["M", "A", "Z", "B", "Y", "C"]));
    // Repeats, next to each other or across the two runs: both readers refuse them.
    agree(&fields(&["A", "A"]));
    agree(&fields(&["Id", "Zeta", "Alpha", "Id"]));
    agree(&fields(&["B", "C", "A", "C"]));
    agree(&with_config(
        r#"{"indexes": {"Id": {"unique": true}, "Id": {"unique": false}}}"#,
    ));
}

#[test]
fn broken_documents_are_refused_by_both() {
    for text in [
        r#"{"version": 1, "mappings": [], "version": 1}"#,
        r#"{"version": 1, "mappings": [],}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A", "config": {}},]}"#,
        r#"{"version": 1}"#,
        r#"{"version": 1, "mappings": [{"config": {}}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A"}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"fields": {"Id": 1}}}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"fields": {"Id": {"x": 1, "x": 2}}}}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"indexes": {"Id": {"unique": 1}}}}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"access": "read_only", "access": "read_only"}}]}"#,
        r#"{"version": 1, "mappings": [{"object_name": 7, "config": {}}]}"#,
        r#"{"version": 1, "mappings": {}}"#,
        r#"{"version": 1, "mappings": []} x"#,
        r#"[{"version": 1, "mappings": []}]"#,
        r#"{"version": 1, "mappings": [], "x": 1, "x": 2}"#,
        r#"{"version": 1, "mappings": [], "x": [1, 2}"#,
        r#"{"version": 1, "mappings": [], "x": "unterminated}"#,
        r#"{version: 1, "mappings": []}"#,
    ] {
        agree(text);
        assert!(MappingConfig::parse(text.as_bytes()).is_err(), "{text}");
    }
}

#[test]
fn nesting_near_the_limit_reads_the_same() {
    // Kept values one level inside the limit are accepted; deeper ones are refused with the depth
    // error, whichever reader saw them first.
    for depth in [57, 58, 59, 63, 64, 100, 130] {
        let value = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = with_config(&format!(r#"{{"fields": {{"Id": {{"x": {value}}}}}}}"#));
        fuzz::exercise(text.as_bytes());
        let parsed = MappingConfig::parse(text.as_bytes());
        // Field options sit 6 levels down.
        assert_eq!(parsed.is_ok(), 6 + depth <= 64, "depth {depth}");
        if let Err(e) = parsed {
            assert_eq!(e.key(), "config.error.too_deep", "depth {depth}");
        }
    }
}
