//! From bytes to a [`MappingConfig`]: cheap checks on the raw bytes, then one typed pass.
//!
//! The happy path reads the bytes once, straight into the document types, with the hand-written
//! reader of `fast.rs`; when it gives up, the serde reader of `de.rs` reads them. Only when that fails
//! too do the slower checks run: UTF-8 with the offending offset, a depth scan with its position, and
//! a walk of the text to the failure to name its JSON path. Positions come from `serde_json` itself
//! or, for the depth limit, from our own scan. This module stops at the shape of the
//! document: content rules are `validate.rs`.

use serde_json::error::Category;
use serde_json::Value;

use crate::json_path::{self, Segment};

use super::error::{position_at_line_column, position_at_offset, ParseError, ParseErrorKind};
use super::fast;
use super::reject::Fault;
use super::{MappingConfig, MAX_DEPTH, MAX_FILE_BYTES};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn parse(bytes: &[u8]) -> Result<MappingConfig, ParseError> {
    // Size first, before any pass over the bytes.
    if bytes.len() > MAX_FILE_BYTES {
        let kind = ParseErrorKind::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        };
        return Err(ParseError::new(kind, None));
    }
    let (body, skipped) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    // Stops at the first other byte, so this costs nothing on a real document.
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::new(ParseErrorKind::Empty, None));
    }
    // The happy path is one pass of the hand-written reader, which checks the depth of kept values as
    // it goes. Anything it gives up on goes to the serde reader, which either accepts it or says what
    // is wrong. Either way a document that parses is valid UTF-8: the fast reader checks the whole
    // text first, and serde_json checks inside strings and rejects any other non-ASCII byte. Only
    // values kept under unknown keys can nest deeper than the format itself, so only those are
    // measured after a serde read.
    if let Some(config) = fast::read(body) {
        return Ok(config);
    }
    match serde_json::from_slice::<MappingConfig>(body) {
        Ok(config) if captured_depth(&config) <= MAX_DEPTH => Ok(config),
        outcome => Err(diagnose(body, skipped, outcome.err())),
    }
}

/// Finds the first problem in the order the checks are documented: UTF-8, then depth, then what the
/// JSON reader said. Runs only when something is wrong.
fn diagnose(body: &[u8], skipped: usize, error: Option<serde_json::Error>) -> ParseError {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            return ParseError::new(
                ParseErrorKind::InvalidUtf8 {
                    offset: skipped + e.valid_up_to(),
                },
                None,
            )
        }
    };
    if let Some(offset) = too_deep_at(body) {
        let position = position_at_offset(text, offset);
        return ParseError::new(ParseErrorKind::TooDeep { limit: MAX_DEPTH }, Some(position));
    }
    match error {
        Some(error) => explain(text, error),
        // `captured_depth` and the scan disagree; cannot happen, but say something true.
        None => ParseError::new(ParseErrorKind::TooDeep { limit: MAX_DEPTH }, None),
    }
}

/// The deepest nesting level reached inside values kept verbatim (`connection`, unknown keys,
/// `revision`, `applied_at`), counting the levels of the document above them.
fn captured_depth(config: &MappingConfig) -> usize {
    // Levels above a value: top object 1; mappings array 2, mapping 3, config 4, fields/indexes 5,
    // one field's or index's object 6.
    let under = |base: usize, values: &mut dyn Iterator<Item = &Value>| {
        values.map(|v| base + depth(v)).max().unwrap_or(0)
    };
    let mut deepest = under(
        1,
        &mut config.connection.iter().chain(config.extra.values()),
    );
    for mapping in &config.mappings {
        let c = &mapping.config;
        deepest = deepest.max(under(3, &mut mapping.extra.values()));
        deepest = deepest.max(under(
            4,
            &mut c.extra.values().chain(&c.revision).chain(&c.applied_at),
        ));
        for options in c.fields.values().filter(|o| !o.extra.is_empty()) {
            deepest = deepest.max(under(6, &mut options.extra.values()));
        }
        for options in c.indexes.values().filter(|o| !o.extra.is_empty()) {
            deepest = deepest.max(under(6, &mut options.extra.values()));
        }
    }
    deepest
}

/// Levels of arrays and objects in `value`: 0 for a scalar, 1 for `[]`.
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// The byte offset of the first `[` or `{` that opens level `MAX_DEPTH + 1`, if any.
///
/// A plain byte scan that skips string contents; it does not check the JSON otherwise (the parser does).
/// It runs only once something is wrong; serde_json's own recursion limit (128) keeps the stack safe
/// before that.
fn too_deep_at(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // Skip to the closing quote, stepping over escapes.
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Turns a failed typed pass into a [`ParseError`].
fn explain(text: &str, error: serde_json::Error) -> ParseError {
    let position =
        (error.line() > 0).then(|| position_at_line_column(text, error.line(), error.column()));
    match error.classify() {
        Category::Data => shape_error(text, error),
        Category::Syntax | Category::Eof | Category::Io => {
            let detail = strip_position(&error);
            ParseError::new(ParseErrorKind::InvalidJson { detail }, position)
        }
    }
}

/// Names the JSON path of a shape failure from the text and the failed pass's position, without a
/// second, path-tracking pass (which would compile a second copy of every document type's
/// Deserialize into the wasm).
fn shape_error(text: &str, error: serde_json::Error) -> ParseError {
    // The same typed read again over the padded text places the failure exactly; it is the very
    // instantiation that failed, so it adds no code.
    let padded = json_path::spaced(text);
    let again = serde_json::from_slice::<MappingConfig>(padded.as_bytes()).err();
    let path = render_path(&json_path::locate(
        &padded,
        again.as_ref().unwrap_or(&error),
    ));
    let position =
        (error.line() > 0).then(|| position_at_line_column(text, error.line(), error.column()));
    let message = strip_position(&error);
    let kind = match Fault::decode(&message) {
        Some(Fault::WrongType { expected, found }) => ParseErrorKind::WrongType {
            path,
            expected,
            found,
        },
        Some(Fault::Missing { key }) => ParseErrorKind::MissingKey { path, key },
        Some(Fault::Duplicate { key }) => ParseErrorKind::DuplicateKey { path, key },
        None => ParseErrorKind::InvalidShape {
            path,
            detail: message,
        },
    };
    ParseError::new(kind, position)
}

/// serde_json appends " at line L column C" to its messages; the position is reported separately.
fn strip_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&suffix) {
        Some(stripped) => stripped.to_owned(),
        None => message,
    }
}

/// `mappings[2].config.access`; a key that is not a plain identifier is written `["Bad Key"]`.
fn render_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
            Segment::Key(key) => push_key(&mut out, key),
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

/// Appends one object key to a path in the notation of [`render_path`]; shared with the validator so
/// both speak the same paths.
pub(crate) fn push_key(out: &mut String, key: &str) {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&serde_json::Value::String(key.to_owned()).to_string());
        out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        let inside = format!("{{\"k\": \"{}\"}}", "[".repeat(200));
        assert_eq!(too_deep_at(inside.as_bytes()), None);
        let escaped = format!("{{\"k\": \"\\\"{}\"}}", "[".repeat(200));
        assert_eq!(too_deep_at(escaped.as_bytes()), None);
    }

    #[test]
    fn depth_scan_points_at_the_bracket_over_the_limit() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep_at(deep.as_bytes()), Some(MAX_DEPTH));
        assert_eq!(too_deep_at("[".repeat(MAX_DEPTH).as_bytes()), None);
    }

    #[test]
    fn paths_quote_keys_that_are_not_identifiers() {
        let mut path = String::from("mappings[0].config.fields");
        push_key(&mut path, "Bad Name");
        assert_eq!(path, r#"mappings[0].config.fields["Bad Name"]"#);
        let mut top = String::new();
        push_key(&mut top, "version");
        assert_eq!(top, "version");
    }
}
