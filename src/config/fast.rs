//! The fast path of [`MappingConfig::parse`](super::MappingConfig::parse): a hand-written reader for
//! well-formed documents, which are what users drop almost every time.
//!
//! It reads the bytes once, straight into the document types, without serde's visitor calls per key
//! and value. It decides nothing about errors: on anything it does not expect (a syntax error, a wrong
//! kind, a repeated key, an escape in a name, a number that is not a plain integer) it gives up and
//! `parse.rs` runs the serde reader of `de.rs` from the start, which either accepts the document or
//! names the problem with its position. So whenever this returns a document, it is the document the
//! serde reader would have returned (`config::fuzz` checks that on every input it sees); whenever it
//! returns `None`, nothing is lost but time.
//!
//! Values kept verbatim (`connection`, `revision`, `applied_at`, unknown keys) are handed to
//! `serde_json` one at a time, so their rules (escapes, numbers, nesting) stay serde_json's own.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    Access, FieldMap, FieldName, FieldOptions, IndexOptions, Mapping, MappingConfig,
    MappingSettings, DEFAULT_MAX_DAILY_API_CALLS, DEFAULT_POLLING_SECONDS, MAX_DEPTH,
};

mod lex;
use lex::{by_name, in_order, skip_ws, string_end};

/// Reads `bytes` (no byte-order mark) as a whole document, or gives up with `None`. It also gives up
/// when a kept value nests deeper than [`MAX_DEPTH`], so the slow path can say where.
pub(super) fn read(bytes: &[u8]) -> Option<MappingConfig> {
    // One pass over the whole text instead of one per string: a document either path accepts is
    // UTF-8 throughout, as JSON allows non-ASCII bytes only inside strings.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut r = Reader {
        text,
        b: bytes,
        i: 0,
        deepest: 0,
        fields_hint: 0,
    };
    let config = r.document()?;
    r.ws();
    (r.i == r.b.len() && r.deepest <= MAX_DEPTH).then_some(config)
}

struct Reader<'a> {
    /// The document, known to be UTF-8.
    text: &'a str,
    /// The same, as bytes: the reader works on bytes and takes names from `text`.
    b: &'a [u8],
    /// Where the reader is.
    i: usize,
    /// The deepest level reached inside a kept value, counting the levels of the document above it.
    deepest: usize,
    /// How many fields the last mapping had: mappings tend to be alike, so this sizes the next list.
    fields_hint: usize,
}

impl Reader<'_> {
    fn document(&mut self) -> Option<MappingConfig> {
        let (mut version, mut connection, mut mappings) = (None, None, None);
        let mut extra = BTreeMap::new();
        self.object(|r, key| match key {
            "version" => once(&mut version, r.int()?),
            "connection" => once(&mut connection, r.value(1)?),
            "mappings" => once(&mut mappings, r.mappings()?),
            _ => unknown(&mut extra, key, r.value(1)?),
        })?;
        Some(MappingConfig {
            version,
            connection,
            mappings: mappings?,
            extra,
        })
    }

    fn mappings(&mut self) -> Option<Vec<Mapping>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            out.push(self.mapping()?);
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    fn mapping(&mut self) -> Option<Mapping> {
        let (mut object_name, mut config) = (None, None);
        let mut extra = BTreeMap::new();
        self.object(|r, key| match key {
            "object_name" => once(&mut object_name, r.string()?.to_owned()),
            "config" => once(&mut config, r.settings()?),
            _ => unknown(&mut extra, key, r.value(3)?),
        })?;
        Some(Mapping {
            object_name: object_name?,
            config: config?,
            extra,
        })
    }

    fn settings(&mut self) -> Option<MappingSettings> {
        let (mut access, mut notify, mut polling, mut calls) = (None, None, None, None);
        let (mut fields, mut indexes, mut upsert, mut revision, mut applied_at) =
            (None, None, None, None, None);
        let mut extra = BTreeMap::new();
        self.object(|r, key| match key {
            "access" => once(
                &mut access,
                match r.string()? {
                    "read_only" => Access::ReadOnly,
                    "read_write" => Access::ReadWrite,
                    _ => return None,
                },
            ),
            "sf_notify_enabled" => once(&mut notify, r.boolean()?),
            "sf_polling_seconds" => once(&mut polling, r.int()?),
            "sf_max_daily_api_calls" => once(&mut calls, r.int()?),
            "fields" => once(&mut fields, r.fields()?),
            "indexes" => once(&mut indexes, r.indexes()?),
            "upsert_field" => {
                let value = if r.null() {
                    None
                } else {
                    Some(r.string()?.to_owned())
                };
                once(&mut upsert, value)
            }
            "revision" => once(&mut revision, r.value(4)?),
            "applied_at" => once(&mut applied_at, r.value(4)?),
            _ => unknown(&mut extra, key, r.value(4)?),
        })?;
        // Defaults are built only for the keys left out: they allocate.
        let defaults = || MappingSettings::default();
        Some(MappingSettings {
            access: access.unwrap_or(Access::ReadOnly),
            sf_notify_enabled: notify.unwrap_or(false),
            sf_polling_seconds: polling.unwrap_or(DEFAULT_POLLING_SECONDS),
            sf_max_daily_api_calls: calls.unwrap_or(DEFAULT_MAX_DAILY_API_CALLS),
            fields: fields.unwrap_or_else(|| defaults().fields),
            indexes: indexes.unwrap_or_else(|| defaults().indexes),
            upsert_field: upsert.flatten(),
            revision,
            applied_at,
            extra,
        })
    }

    /// The `fields` object. It holds most of a document's bytes, so its entries are read by one
    /// tight loop over the bytes; nearly every entry is `"Name": {}`, which needs no further reading.
    fn fields(&mut self) -> Option<FieldMap> {
        let b = self.b;
        let mut i = skip_ws(b, self.i);
        if b.get(i) != Some(&b'{') {
            return None;
        }
        i = skip_ws(b, i + 1);
        let mut entries = Vec::with_capacity(self.fields_hint);
        if b.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                if b.get(i) != Some(&b'"') {
                    return None;
                }
                let start = i + 1;
                i = string_end(b, start)?;
                // Both ends sit next to a `"`, so they are character boundaries.
                let name = self.text.get(start..i)?;
                i = skip_ws(b, i + 1);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i = skip_ws(b, i + 1);
                let options = if b.get(i..i + 2) == Some(b"{}") {
                    i += 2;
                    FieldOptions::default()
                } else {
                    self.i = i;
                    let options = self.field_options()?;
                    i = self.i;
                    options
                };
                entries.push((FieldName::from(name), options));
                i = skip_ws(b, i);
                match b.get(i) {
                    Some(b',') => i = skip_ws(b, i + 1),
                    Some(b'}') => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.i = i;
        self.fields_hint = entries.len();
        FieldMap::from_sorted(in_order(entries))
    }

    /// The `indexes` object.
    fn indexes(&mut self) -> Option<BTreeMap<String, IndexOptions>> {
        let mut entries = Vec::new();
        self.object(|r, name| {
            entries.push((name.to_owned(), r.index_options()?));
            Some(())
        })?;
        by_name(entries)
    }

    /// One field's options object, `{}` in every known export.
    fn field_options(&mut self) -> Option<FieldOptions> {
        let mut extra = BTreeMap::new();
        self.object(|r, key| unknown(&mut extra, key, r.value(6)?))?;
        Some(FieldOptions { extra })
    }

    /// One index's options object.
    fn index_options(&mut self) -> Option<IndexOptions> {
        let mut unique = None;
        let mut extra = BTreeMap::new();
        self.object(|r, key| match key {
            "unique" => once(&mut unique, r.boolean()?),
            _ => unknown(&mut extra, key, r.value(6)?),
        })?;
        Some(IndexOptions {
            unique: unique.unwrap_or(false),
            extra,
        })
    }
}

/// Stores a known key's value; a repeated key gives up.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// Keeps an unknown key's value; a repeated key gives up.
fn unknown(extra: &mut BTreeMap<String, Value>, key: &str, value: Value) -> Option<()> {
    (!extra.contains_key(key)).then(|| {
        extra.insert(key.to_owned(), value);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{export_json, sample};

    /// The serde reader's answer, which the fast path must match whenever it answers.
    fn slow(text: &str) -> Option<MappingConfig> {
        serde_json::from_str(text).ok()
    }

    /// The fast path reads `text`, and reads it as the serde reader does.
    fn reads(text: &str) {
        let fast = read(text.as_bytes());
        assert!(fast.is_some(), "the fast path gave up on {text}");
        assert_eq!(fast, slow(text));
    }

    #[test]
    fn reads_generated_documents_and_their_exports() {
        for (mappings, fields) in [(0, 0), (1, 5), (3, 40), (20, 100)] {
            let text = sample::generate(mappings, fields);
            reads(&text);
            reads(&export_json(
                &MappingConfig::parse(text.as_bytes()).unwrap(),
            ));
        }
    }

    #[test]
    fn reads_documents_with_kept_values_and_defaults() {
        reads(
            r#"{"version": 1, "connection": {"app_name": "a\"b", "n": [1, {"x": null}]}, "x_top": 1.5,
                "mappings": [{"object_name": "Contact", "x_m": "}", "config": {}},
                {"object_name": "Lead", "config": {"access": "read_write", "upsert_field": null,
                 "revision": {"n": 3}, "applied_at": "2025-01-06", "x_c": [],
                 "fields": {"Id": {"x_f": true}, "Email": { }}, "indexes": {"Id": {"unique": true, "x_i": 1}}}}]}"#,
        );
    }

    #[test]
    fn reads_names_too_long_to_keep_inline() {
        // 23 bytes is the longest name kept inline; these are stored apart, and must sort the same.
        reads(
            r#"{"version": 1, "mappings": [{"object_name": "Acme_Invoice_Line_Item_Detail__c", "config": {
                "fields": {"Id": {}, "Zz": {}, "Exactly_23_Bytes_Long_c": {}, "Exactly_24_Bytes_Long__c": {},
                           "A_Field_Name_Far_Longer_Than_Inline__c": {}}}}]}"#,
        );
    }

    #[test]
    fn gives_up_on_what_the_slow_path_must_explain() {
        for text in [
            r#"{"version": 1, "mappings": [], "version": 1}"#,
            r#"{"version": 1.0, "mappings": []}"#,
            r#"{"version": -0, "mappings": []}"#,
            r#"{"version": 1, "mappings": [{"object_name": "A\u0042", "config": {}}]}"#,
            r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"fields": {"B": {}, "B": {}}}}]}"#,
            r#"{"version": 1, "mappings": [{"object_name": "A", "config": {"access": "rw"}}]}"#,
            r#"{"version": 1}"#,
            r#"{"version": 1, "mappings": []} []"#,
        ] {
            assert_eq!(read(text.as_bytes()), None, "{text}");
        }
        let deep = format!(
            r#"{{"version": 1, "mappings": [], "x": {}{}}}"#,
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_eq!(read(deep.as_bytes()), None, "deeper than the limit");
    }
}
