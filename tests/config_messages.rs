//! The configuration checker's messages through the locale files: every parse error and every issue,
//! rendered from `extension/_locales/en/messages.json` the way `chrome.i18n.getMessage` fills a
//! template, must read exactly as the English text `config` builds, and the Japanese templates must
//! take the same placeholders and turn out Japanese.
//!
//! Inputs: the whole bad-file and good-file corpus, plus documents and errors built here for the kinds,
//! codes, name problems and value words the corpus does not reach. The set of templates to cover is
//! read from the code (`"config_…"` literals in `config/error.rs` and `config/issue.rs`), so a new kind
//! or code without a template, or a template nothing renders, fails here.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use connect_pilot::config::schema::{objects_to_fetch, SchemaLookup};
use connect_pilot::config::shown::cut_with;
use connect_pilot::config::{
    validate, Issue, MappingConfig, ObjectSchema, OrgSchema, ParseError, ParseErrorKind, Plan,
    Position, JSON_SYNTAX_FAULTS, MAX_DEPTH, MAX_FILE_BYTES,
};
use serde_json::Value;

use common::i18n::{get_message, has_japanese, keys_named_in, Locales};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl Locales {
    /// A lookup for `message_with` over one language; a key missing in either language fails.
    fn lookup<'a>(
        &'a self,
        lang: &'a BTreeMap<String, Value>,
    ) -> impl Fn(&str, &[&str]) -> String + 'a {
        move |key: &str, args: &[&str]| self.fill(lang, key, args)
    }

    /// Renders `error` in both languages: English exactly as `message()`, Japanese as Japanese.
    fn check_error(&self, what: &str, error: &ParseError) {
        let key = error.message_key();
        let stable = error.key().replace('.', "_");
        assert_eq!(key.strip_suffix("_at").unwrap_or(key), stable);
        let en = error.message_with(self.lookup(&self.en));
        assert_eq!(en, error.message(), "{what}: {key}");
        let ja = error.message_with(self.lookup(&self.ja));
        assert_japanese(what, &en, &ja);
    }

    /// Renders `issue` in both languages: English exactly as its `message` (and with the path as
    /// `Display` shows it), Japanese as Japanese, from the code's own template.
    fn check_issue(&self, what: &str, issue: &Issue) {
        let key = issue.code.message_key();
        assert_eq!(key, issue.code.key().replace('.', "_"));
        self.used.borrow_mut().remove(key);
        let en = issue.message_with(self.lookup(&self.en));
        assert!(
            self.used.borrow().contains(key),
            "{what}: {key} was not used; the issue lacks a param its template needs: {:?}",
            issue.params
        );
        assert_eq!(en, issue.message, "{what}: {key}");
        assert_eq!(
            issue.to_string_with(self.lookup(&self.en)),
            issue.to_string()
        );
        let ja = issue.message_with(self.lookup(&self.ja));
        assert_japanese(what, &en, &ja);
        let ja_full = issue.to_string_with(self.lookup(&self.ja));
        let path = cut_with(&issue.path, self.lookup(&self.ja));
        assert!(ja_full.starts_with(path.as_ref()), "{what}: {ja_full}");
    }
}

/// The Japanese text is not the English one, has Japanese in it, no placeholder left, and every
/// quoted name or value of the English text verbatim (up to the cut of a long one).
fn assert_japanese(what: &str, en: &str, ja: &str) {
    assert_ne!(ja, en, "{what}: the Japanese text is the English one");
    assert!(has_japanese(ja), "{what}: no Japanese in {ja:?}");
    for quoted in quoted_parts(en) {
        // A long value is cut, and its length said in each language's words: the kept start of
        // it is what stays verbatim.
        let kept = quoted.split_once('…').map_or(quoted, |(head, _)| head);
        assert!(ja.contains(kept), "{what}: {ja:?} lost {kept}");
    }
}

/// The double-quoted parts of `text`, with JSON escapes inside.
fn quoted_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (start, c) {
            (None, '"') => start = Some(i),
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(s), '"') => {
                parts.push(&text[s..=i]);
                start = None;
            }
            _ => {}
        }
    }
    parts
}

fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures/config").join(path)
}

/// The org schema of the corpus, with a 404 for every other object the document names.
fn org_schema(config: &MappingConfig) -> OrgSchema {
    let schemas: Vec<ObjectSchema> =
        serde_json::from_value(read_json(&fixture("schema/demo-org.json"))).unwrap();
    let mut org = OrgSchema::from_schemas(schemas);
    for object in objects_to_fetch(config) {
        if org.lookup(&object) == SchemaLookup::NotFetched {
            org.insert_unknown(&object);
        }
    }
    org
}

/// Parses and validates one document as the corpus entry says (plan, schema), checking every message.
fn check_document(locales: &Locales, what: &str, bytes: &[u8], entry: &Value) {
    let config = match MappingConfig::parse(bytes) {
        Err(error) => return locales.check_error(what, &error),
        Ok(config) => config,
    };
    let plan = entry["plan"]
        .as_str()
        .map_or(Plan::Demo, |p| Plan::from_name(p).unwrap());
    let schema = entry.get("schema").map(|_| org_schema(&config));
    for issue in validate(&config, plan, schema.as_ref()) {
        locales.check_issue(&format!("{what} {}", issue.path), &issue);
    }
}

/// The corpus, then what it lacks: issues that need a schema and a read_write mapping, every reason a
/// name can be invalid, odd characters in names, and the parse errors no file in the corpus produces.
fn check_everything(locales: &Locales) {
    for set in ["bad", "good"] {
        let expected = read_json(&fixture(&format!("{set}/expected.json")));
        for (name, entry) in expected.as_object().unwrap() {
            let bytes = fs::read(fixture(&format!("{set}/{name}"))).unwrap();
            check_document(locales, name, &bytes, entry);
        }
    }
    let with_schema = serde_json::json!({ "schema": "demo-org.json" });
    let spelled = br#"{"version": 1, "mappings": [{"object_name": "contact", "config": {
        "access": "read_write",
        "fields": {"Id": {}, "IsDeleted": {}, "systemmodstamp": {}, "email": {}}}}]}"#;
    check_document(locales, "spelling", spelled, &with_schema);
    let names = r#"{"version": 1, "mappings": [{"object_name": "Acme Invoice__c", "config": {
        "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "": {}, "Acme-Id": {},
            "1Email": {}, "Email_": {}, "Invoice__Line": {}, "ns__Base__c__x": {},
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA": {}, "abcdefghijklmnop__Invoice__c": {},
            "Straße": {}}}}],
        "$1 \"odd\" $$ key": true}"#;
    check_document(locales, "names", names.as_bytes(), &Value::Null);
    let (object, field, key) = ("O".repeat(1_000), "F".repeat(200), "k".repeat(100));
    let huge = format!(
        r#"{{"version": 1, "mappings": [{{"object_name": "{object}", "config": {{
            "fields": {{"Id": {{}}, "IsDeleted": {{}}, "SystemModstamp": {{}}, "{field}": {{}}}},
            "indexes": {{"{field}x": {{}}}}, "upsert_field": "{field}y", "{key}": 1}}}}]}}"#
    );
    check_document(locales, "huge names", huge.as_bytes(), &Value::Null);

    let at = |line, column| {
        Some(Position {
            line,
            column,
            snippet: String::new(),
            snippet_column: column,
        })
    };
    let shape = |path: &str, detail: &str| ParseErrorKind::InvalidShape {
        path: path.into(),
        detail: detail.into(),
    };
    let long = "x".repeat(500);
    let mut errors = vec![
        (
            ParseErrorKind::WrongType {
                path: format!("mappings[0].config.fields.{long}"),
                expected: "an object".into(),
                found: format!("\"{long}\""),
            },
            at(1, 9),
        ),
        (
            ParseErrorKind::DuplicateKey {
                path: format!("mappings[0].{long}"),
                key: long.clone(),
            },
            None,
        ),
        (
            ParseErrorKind::TooLarge {
                size: MAX_FILE_BYTES + 1,
                limit: MAX_FILE_BYTES,
            },
            None,
        ),
        (ParseErrorKind::TooDeep { limit: MAX_DEPTH }, None),
        (
            shape(
                "mappings[0].config",
                "invalid length 0, expected $1 \"one\"",
            ),
            at(3, 7),
        ),
        (shape("", "unexpected shape"), None),
        (
            ParseErrorKind::MissingKey {
                path: String::new(),
                key: "version".into(),
            },
            at(1, 1),
        ),
    ];
    // Every word the readers use for a kind of value, as `expected` and, for arrays and objects, as
    // `found`: none may stay English in Japanese.
    for phrase in expected_phrases() {
        let kind = ParseErrorKind::WrongType {
            path: "mappings[0]".into(),
            expected: phrase,
            found: "an array".into(),
        };
        errors.push((kind, at(2, 4)));
    }
    // Every syntax fault of the JSON reader, with and without a position: none may stay English.
    for (i, (phrase, _)) in JSON_SYNTAX_FAULTS.iter().enumerate() {
        let kind = ParseErrorKind::InvalidJson {
            detail: (*phrase).to_owned(),
        };
        errors.push((kind, if i % 2 == 0 { at(4, 2) } else { None }));
    }
    for (kind, position) in errors {
        let what = format!("built {kind:?}");
        locales.check_error(&what, &ParseError { kind, position });
    }
}

/// The `const EXPECTED` phrases of the readers under `src/config`, and the one bound they word inline.
fn expected_phrases() -> BTreeSet<String> {
    fn scan(dir: &Path, phrases: &mut BTreeSet<String>) {
        let prefix = "const EXPECTED: &'static str = ";
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                scan(&path, phrases);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices(prefix) {
                    let rest = &text[i + prefix.len()..];
                    let literal = &rest[..rest.find(";\n").unwrap()];
                    phrases.insert(serde_json::from_str(literal).unwrap());
                }
            }
        }
    }
    let mut phrases = BTreeSet::from(["an integer no larger than 9223372036854775807".to_owned()]);
    scan(&root().join("src/config"), &mut phrases);
    assert!(phrases.len() >= 8, "found only {phrases:?}");
    phrases
}

/// Every `"config_…"` message key the code names in `config/error.rs` and `config/issue.rs`.
fn keys_in_code() -> BTreeSet<String> {
    keys_named_in(
        "config_",
        &[
            "src/config/error.rs".into(),
            "src/config/error/syntax.rs".into(),
            "src/config/issue.rs".into(),
            "src/config/shown.rs".into(),
        ],
    )
}

#[test]
fn every_message_reads_as_the_english_text_and_turns_japanese() {
    let locales = Locales::load();
    check_everything(&locales);
    let used = locales.used.into_inner();
    let in_code = keys_in_code();
    let unused: Vec<&String> = in_code.difference(&used).collect();
    assert!(unused.is_empty(), "no input renders {unused:?}");
    // 9 kinds (+2 with a position), 21 codes, 8 name problems, 9 value words, "top level", 23 syntax
    // faults.
    assert!(
        in_code.len() >= 73,
        "only {} keys in the code",
        in_code.len()
    );
}

#[test]
fn the_locales_hold_exactly_the_code_s_config_keys_with_the_same_placeholders() {
    common::i18n::assert_locales_hold("config_", &keys_in_code());
}

#[test]
fn a_position_takes_its_own_template_and_japanese_word_order() {
    let locales = Locales::load();
    let error = MappingConfig::parse(b"{,}").unwrap_err();
    assert_eq!(error.key(), "config.error.invalid_json");
    assert_eq!(error.message_key(), "config_error_invalid_json_at");
    let shown = error.message_with(locales.lookup(&locales.ja));
    assert!(shown.starts_with("1 行 2 列目の JSON"), "{shown}");
}

#[test]
fn substitution_follows_chrome() {
    let entry = serde_json::json!({
        "message": "$A$ costs $$5, $$$$ is two; $B$ $x then $P1$",
        "placeholders": { "a": { "content": "$2" }, "b": { "content": "$1" }, "p1": { "content": "[$9]" } }
    });
    assert_eq!(
        get_message("k", &entry, &["one $1", "two"]),
        "two costs $5, $$$ is two; one $1  then []"
    );
}

/// Documents that break JSON in each way a configuration file can, inside the document's own keys and
/// inside a key the format does not know (which the reader skips but still has to read).
const BROKEN_JSON: &[&str] = &[
    r#"{"version": 1, "mappings": [{"object_name": "Contact""#,
    r#"{"version": 1, "mappings": ["#,
    r#"{"version": 1, "mappings": [{"object_name": "Cont"#,
    r#"{"version": 1, "mappings": "#,
    r#"{"version" 1}"#,
    r#"{"version": 1, "x": [1 2]}"#,
    r#"{"version": 1 "mappings": []}"#,
    r#"{"version": 1, "x": tru}"#,
    r#"{"version": 1, "x": [}"#,
    r#"{"version": 1, "x": "a\qb"}"#,
    r#"{"version": 1, "x": -}"#,
    r#"{"version": 1e999, "mappings": []}"#,
    "{\"version\": 1, \"x\": \"a\u{1}b\"}",
    r#"{"version": 1, 2: 3}"#,
    r#"{"version": 1, "x": "\ud800\u0041"}"#,
    r#"{"version": 1, "mappings": [],}"#,
    r#"{"version": 1, "mappings": []} x"#,
];

#[test]
fn a_broken_document_names_a_syntax_fault_the_locales_translate() {
    let locales = Locales::load();
    let ja =
        |error: &ParseError| error.message_with(|key, args| locales.fill(&locales.ja, key, args));
    let mut seen = BTreeSet::new();
    for text in BROKEN_JSON {
        let error = MappingConfig::parse(text.as_bytes()).expect_err(text);
        let ParseErrorKind::InvalidJson { detail } = &error.kind else {
            panic!("{text}: not invalid JSON but {error:?}");
        };
        assert!(
            JSON_SYNTAX_FAULTS
                .iter()
                .any(|(phrase, _)| phrase == detail),
            "{text}: the reader said {detail:?}, which has no template"
        );
        let shown = ja(&error);
        assert!(!shown.contains(detail.as_str()), "{text}: {shown}");
        assert!(has_japanese(&shown), "{shown}");
        seen.insert(detail.clone());
    }
    // Each document above shows a different fault.
    assert_eq!(seen.len(), BROKEN_JSON.len(), "{seen:#?}");
}

/// A name of a million characters is refused with a message a page can show: a short quote of its
/// start and its length, in both languages, in the message and in the issue's path alike.
#[test]
fn a_million_character_name_is_quoted_short_with_its_length() {
    let locales = Locales::load();
    let name = format!("Acme{}", "x".repeat(999_996));
    let doc = format!(
        r#"{{"version": 1, "mappings": [{{"object_name": "{name}", "config": {{
            "fields": {{"Id": {{}}, "IsDeleted": {{}}, "SystemModstamp": {{}}, "{name}": {{}}}}}}}}]}}"#
    );
    let config = MappingConfig::parse(doc.as_bytes()).expect("the document is well formed");
    let issues = validate(&config, Plan::Demo, None);
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["invalid_object_name", "invalid_field_name"]);
    for issue in &issues {
        for (lang, catalogue, length) in [
            ("en", &locales.en, "… (1,000,000 characters)"),
            ("ja", &locales.ja, "…（1,000,000 文字）"),
        ] {
            let shown = issue.to_string_with(locales.lookup(catalogue));
            assert!(
                shown.chars().count() < 400,
                "{lang}: {} characters",
                shown.chars().count()
            );
            assert!(shown.contains(length), "{lang}: {shown}");
            assert!(shown.contains(&name[..60]), "{lang}: {shown}");
        }
        assert_eq!(
            issue.to_string_with(locales.lookup(&locales.en)),
            issue.to_string()
        );
        assert!(issue.message.chars().count() < 300, "{}", issue.message);
    }
    // A parse error quoting such a value is cut the same way.
    let error = ParseError {
        kind: ParseErrorKind::DuplicateKey {
            path: String::new(),
            key: name.clone(),
        },
        position: None,
    };
    let shown = error.message_with(locales.lookup(&locales.ja));
    assert!(
        shown.chars().count() < 300 && shown.contains("…（1,000,000 文字）"),
        "{shown}"
    );
    assert!(
        error.message().ends_with("… (1,000,000 characters)\""),
        "{}",
        error.message()
    );
}
