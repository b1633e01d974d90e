//! Parsing details the corpus does not pin down: positions and caret frames, translation parameters,
//! the byte-order mark, the exact depth and size limits, defaults, and export file names.

use connect_pilot::config::{
    export_file_name, export_json, Access, MappingConfig, ParseErrorKind, MAX_DEPTH, MAX_FILE_BYTES,
};

#[test]
fn invalid_json_reports_line_column_and_a_caret_under_the_offending_character() {
    let text = "{\n  \"version\": 1,\n  \"mappings\": [\n    { \"object_name\": \"Case\" \"config\": {} }\n  ]\n}\n";
    let error = MappingConfig::parse(text.as_bytes()).unwrap_err();
    assert_eq!(error.key(), "config.error.invalid_json");
    assert_eq!(
        error.message(),
        "Invalid JSON at line 4, column 29: expected `,` or `}`."
    );
    assert_eq!(
        error.frame().unwrap(),
        "4 |     { \"object_name\": \"Case\" \"config\": {} }\n  |                             ^"
    );
    let params = error.params();
    assert!(params.contains(&("line", "4".to_owned())));
    assert!(params.contains(&("column", "29".to_owned())));
    assert!(params.contains(&("detail", "expected `,` or `}`".to_owned())));
    // Display carries both the message and the frame.
    assert_eq!(
        error.to_string(),
        format!("{}\n{}", error.message(), error.frame().unwrap())
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "{\"version\": 1, \"mappings\": [], \"note\": \"héllo wörld\" x}";
    let error = MappingConfig::parse(text.as_bytes()).unwrap_err();
    let position = error.position.unwrap();
    assert_eq!((position.line, position.column), (1, 54)); // 56 in bytes
    assert_eq!(
        position.snippet.chars().nth(position.snippet_column - 1),
        Some('x')
    );
}

#[test]
fn long_lines_are_cut_around_the_caret() {
    let text = format!(
        "{{\"version\": 1, \"mappings\": [], \"pad\": \"{}\", ]}}",
        "a".repeat(500)
    );
    let error = MappingConfig::parse(text.as_bytes()).unwrap_err();
    let position = error.position.unwrap();
    assert!(
        position.snippet.chars().count() <= 74,
        "{}",
        position.snippet
    );
    assert!(position.snippet.starts_with('…'));
    assert_eq!(
        position.snippet.chars().nth(position.snippet_column - 1),
        Some(']')
    );
}

#[test]
fn shape_errors_carry_the_path_as_data() {
    let error = MappingConfig::parse(
        br#"{"version": 1, "mappings": [{"object_name": "Case", "config": {"access": "rw"}}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        error.kind,
        ParseErrorKind::WrongType {
            path: "mappings[0].config.access".into(),
            expected: "\"read_only\" or \"read_write\"".into(),
            found: "\"rw\"".into(),
        }
    );
    let odd_key = MappingConfig::parse(br#"{"version": 1, "mappings": [{"object_name": "Case", "config": {"fields": {"First Name": 1}}}]}"#)
        .unwrap_err();
    assert_eq!(
        odd_key.message(),
        r#"mappings[0].config.fields["First Name"]: expected an object, found 1"#
    );
}

#[test]
fn a_byte_order_mark_is_stripped() {
    let plain = br#"{"version": 1, "mappings": [{"object_name": "Case", "config": {}}]}"#;
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(plain);
    assert_eq!(
        MappingConfig::parse(&with_bom).unwrap(),
        MappingConfig::parse(plain).unwrap()
    );
}

#[test]
fn invalid_utf8_reports_the_offset_in_the_original_bytes() {
    let error = MappingConfig::parse(b"\xEF\xBB\xBF{\"a\": \"\xC3\x28\"}").unwrap_err();
    assert_eq!(error.kind, ParseErrorKind::InvalidUtf8 { offset: 10 });
    assert_eq!(error.params(), vec![("offset", "10".to_owned())]);
}

#[test]
fn nesting_is_limited_to_exactly_sixty_four_levels() {
    // The top-level object is level 1, so an unknown key may hold 63 more levels.
    let nested = |levels: usize| {
        format!(
            "{{\"version\": 1, \"mappings\": [], \"x\": {}{}}}",
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    let config = MappingConfig::parse(nested(MAX_DEPTH - 1).as_bytes()).unwrap();
    assert!(config.extra.contains_key("x"));
    let error = MappingConfig::parse(nested(MAX_DEPTH).as_bytes()).unwrap_err();
    assert_eq!(error.kind, ParseErrorKind::TooDeep { limit: 64 });
    assert_eq!(
        error.position.as_ref().map(|p| p.column),
        Some(36 + MAX_DEPTH)
    );
    // Far deeper input is refused just as quickly, and without recursion.
    let error = MappingConfig::parse("[".repeat(1_000_000).as_bytes()).unwrap_err();
    assert_eq!(error.key(), "config.error.too_deep");
}

#[test]
fn the_size_limit_is_checked_before_anything_else() {
    let error = MappingConfig::parse(&vec![b' '; MAX_FILE_BYTES + 1]).unwrap_err();
    assert_eq!(error.key(), "config.error.too_large");
    assert_eq!(
        MappingConfig::parse(&vec![b' '; MAX_FILE_BYTES])
            .unwrap_err()
            .key(),
        "config.error.empty"
    );
}

#[test]
fn absent_config_keys_take_the_contract_defaults() {
    let config = MappingConfig::parse(br#"{"version": 1, "mappings": [{"object_name": "Case", "config": {"upsert_field": null}}]}"#)
        .unwrap();
    let settings = &config.mappings[0].config;
    assert_eq!(settings.access, Access::ReadOnly);
    assert!(!settings.sf_notify_enabled);
    assert_eq!(settings.sf_polling_seconds, 600);
    assert_eq!(settings.sf_max_daily_api_calls, 30_000);
    assert_eq!(
        settings.fields.keys().collect::<Vec<_>>(),
        ["CreatedDate", "Id", "IsDeleted", "SystemModstamp"]
    );
    assert!(settings.indexes["Id"].unique);
    assert!(!settings.indexes["SystemModstamp"].unique);
    assert_eq!(settings.upsert_field, None);
}

#[test]
fn the_export_text_is_sorted_and_stable() {
    let a = MappingConfig::parse(
        br#"{"mappings": [{"config": {"fields": {"Name": {}, "Id": {}}, "access": "read_only"}, "object_name": "Lead"},
                         {"object_name": "account", "config": {"revision": 3}}], "version": 1,
            "connection": {"app_name": "a"}}"#,
    )
    .unwrap();
    let b = MappingConfig::parse(
        br#"{"version": 1, "connection": {"app_name": "b"}, "mappings": [
            {"object_name": "account", "config": {"revision": 9, "applied_at": "2025-01-06"}},
            {"object_name": "Lead", "config": {"access": "read_only", "fields": {"Id": {}, "Name": {}}}}]}"#,
    )
    .unwrap();
    let text = export_json(&a);
    assert_eq!(text, export_json(&b));
    assert!(!text.contains("connection") && !text.contains("revision"));
    assert!(text.find("\"account\"").unwrap() < text.find("\"Lead\"").unwrap());
    assert!(
        text.starts_with("{\n  \"mappings\": [\n    {\n      \"config\": {\n        \"access\"")
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn export_file_names_are_sanitised() {
    assert_eq!(
        export_file_name("acme-sync", "herokuconnect-acme-10001"),
        "acme-sync-herokuconnect-acme-10001.json"
    );
    assert_eq!(export_file_name(" my app ", "conn:1"), "my_app-conn_1.json");
    assert_eq!(export_file_name("../../etc", "..passwd"), "etc-passwd.json");
    assert_eq!(export_file_name("", "日本"), "connect-connect.json");
}
