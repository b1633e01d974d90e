//! Why a configuration file could not be read: a stable key for translation, the variable parts as
//! data, an English message, and where in the text it went wrong.
//!
//! Messages are part of the product's interface: the import page shows them and browser tests look for
//! them verbatim, so change one only together with `tests/fixtures/config/bad/expected.json`.

use std::borrow::Cow;
use std::fmt;

use super::shown::{cut, cut_with};

mod syntax;

pub use syntax::JSON_SYNTAX_FAULTS;

/// A failed [`MappingConfig::parse`](super::MappingConfig::parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong, with its variable parts.
    pub kind: ParseErrorKind,
    /// Where, when the failure has a place in the text.
    pub position: Option<Position>,
}

/// The kinds of parse failure. Each has a stable [`ParseError::key`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// No bytes, only whitespace, or only a byte-order mark.
    Empty,
    /// Over [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES).
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not UTF-8 text.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte, counted from the start of the file.
        offset: usize,
    },
    /// Arrays and objects nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// Not JSON.
    InvalidJson {
        /// The JSON parser's description, e.g. ``expected `,` or `}` ``.
        detail: String,
    },
    /// A known key holds the wrong kind of value.
    WrongType {
        /// JSON path of the value, e.g. `mappings[2].config.access`.
        path: String,
        /// What the format wants, e.g. `"read_only" or "read_write"`.
        expected: String,
        /// What the file has, e.g. `"rw"`.
        found: String,
    },
    /// A required key is absent.
    MissingKey {
        /// JSON path of the object lacking it (empty for the top level).
        path: String,
        /// The missing key.
        key: String,
    },
    /// The same key twice in one object.
    DuplicateKey {
        /// JSON path of the object (empty for the top level).
        path: String,
        /// The repeated key.
        key: String,
    },
    /// Any other shape problem the JSON reader reported.
    InvalidShape {
        /// JSON path where it happened.
        path: String,
        /// The reader's description.
        detail: String,
    },
}

/// A place in the text, 1-based, with the line it is on for a caret display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// The line's text, shortened around the column when it is long.
    pub snippet: String,
    /// Column of the caret within `snippet`, in characters, from 1.
    pub snippet_column: usize,
}

impl ParseError {
    pub(crate) fn new(kind: ParseErrorKind, position: Option<Position>) -> ParseError {
        ParseError { kind, position }
    }

    /// The stable identifier of the kind, e.g. `config.error.invalid_json`: what tests, the corpus and
    /// the page's `data-key` name it by. The template's name is [`ParseError::message_key`].
    pub fn key(&self) -> &'static str {
        match self.kind {
            ParseErrorKind::Empty => "config.error.empty",
            ParseErrorKind::TooLarge { .. } => "config.error.too_large",
            ParseErrorKind::InvalidUtf8 { .. } => "config.error.invalid_utf8",
            ParseErrorKind::TooDeep { .. } => "config.error.too_deep",
            ParseErrorKind::InvalidJson { .. } => "config.error.invalid_json",
            ParseErrorKind::WrongType { .. } => "config.error.wrong_type",
            ParseErrorKind::MissingKey { .. } => "config.error.missing_key",
            ParseErrorKind::DuplicateKey { .. } => "config.error.duplicate_key",
            ParseErrorKind::InvalidShape { .. } => "config.error.invalid_shape",
        }
    }

    /// The name of the message's template in `extension/_locales/*/messages.json`, e.g.
    /// `config_error_invalid_json` (chrome.i18n allows only `[A-Za-z0-9_@]` in names). The kinds whose
    /// message names a place have a second template, `…_at`, used when there is a position.
    pub fn message_key(&self) -> &'static str {
        let at = self.shown_position().is_some();
        match self.kind {
            ParseErrorKind::Empty => "config_error_empty",
            ParseErrorKind::TooLarge { .. } => "config_error_too_large",
            ParseErrorKind::InvalidUtf8 { .. } => "config_error_invalid_utf8",
            ParseErrorKind::TooDeep { .. } if at => "config_error_too_deep_at",
            ParseErrorKind::TooDeep { .. } => "config_error_too_deep",
            ParseErrorKind::InvalidJson { .. } if at => "config_error_invalid_json_at",
            ParseErrorKind::InvalidJson { .. } => "config_error_invalid_json",
            ParseErrorKind::WrongType { .. } => "config_error_wrong_type",
            ParseErrorKind::MissingKey { .. } => "config_error_missing_key",
            ParseErrorKind::DuplicateKey { .. } => "config_error_duplicate_key",
            ParseErrorKind::InvalidShape { .. } => "config_error_invalid_shape",
        }
    }

    /// The message in the language of `lookup`, which returns the template named by its first
    /// argument filled with the second (`$1`, `$2`, … in order), as `chrome.i18n.getMessage` does.
    /// The arguments are [`params`](Self::params) in their order, the position only for an `…_at`
    /// template; the words "top level", the value kinds of a wrong type ("an object", "true or
    /// false", …) and the JSON reader's syntax faults ("trailing comma", …) are looked up as messages
    /// of their own. With the English templates this equals
    /// [`message`](Self::message), which `tests/config_messages.rs` checks.
    pub fn message_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let key = self.message_key();
        let mut args: Vec<String> = self
            .kind_params()
            .into_iter()
            .map(|(name, value)| {
                let value = match name {
                    "path" if value.is_empty() => return lookup("config_path_top_level", &[]),
                    "expected" | "found" => translated(VALUE_KINDS, value, &lookup),
                    "detail" => translated(JSON_SYNTAX_FAULTS, value, &lookup),
                    _ => value,
                };
                // Paths, keys and found values come from the file and can be any length.
                cut_with(&value, &lookup).into_owned()
            })
            .collect();
        if let Some(p) = self.shown_position() {
            args.extend([p.line.to_string(), p.column.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        lookup(key, &args)
    }

    /// The position when the message names it (" at line L, column C"); the other kinds leave the
    /// place to [`frame`](Self::frame).
    fn shown_position(&self) -> Option<&Position> {
        match self.kind {
            ParseErrorKind::TooDeep { .. } | ParseErrorKind::InvalidJson { .. } => {
                self.position.as_ref()
            }
            _ => None,
        }
    }

    /// The variable parts of the message by name, for a translated template. Positions appear as
    /// `line` and `column`.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = self.kind_params();
        if let Some(position) = &self.position {
            params.push(("line", position.line.to_string()));
            params.push(("column", position.column.to_string()));
        }
        params
    }

    /// [`params`](Self::params) without the position.
    fn kind_params(&self) -> Vec<(&'static str, String)> {
        match &self.kind {
            ParseErrorKind::Empty => vec![],
            ParseErrorKind::TooLarge { size, limit } => {
                vec![("size", size.to_string()), ("limit", limit.to_string())]
            }
            ParseErrorKind::InvalidUtf8 { offset } => vec![("offset", offset.to_string())],
            ParseErrorKind::TooDeep { limit } => vec![("limit", limit.to_string())],
            ParseErrorKind::InvalidJson { detail } => vec![("detail", detail.clone())],
            ParseErrorKind::WrongType {
                path,
                expected,
                found,
            } => {
                vec![
                    ("path", path.clone()),
                    ("expected", expected.clone()),
                    ("found", found.clone()),
                ]
            }
            ParseErrorKind::MissingKey { path, key }
            | ParseErrorKind::DuplicateKey { path, key } => {
                vec![("path", path.clone()), ("key", key.clone())]
            }
            ParseErrorKind::InvalidShape { path, detail } => {
                vec![("path", path.clone()), ("detail", detail.clone())]
            }
        }
    }

    /// The one-line English message shown to the user.
    pub fn message(&self) -> String {
        let at = |p: &Option<Position>| match p {
            Some(p) => format!(" at line {}, column {}", p.line, p.column),
            None => String::new(),
        };
        match &self.kind {
            ParseErrorKind::Empty => "The file is empty.".to_owned(),
            ParseErrorKind::TooLarge { size, limit } => {
                format!("The file is {size} bytes; configuration files are limited to {limit} bytes (5 MB).")
            }
            ParseErrorKind::InvalidUtf8 { offset } => {
                format!("The file is not UTF-8 text: invalid byte at offset {offset}.")
            }
            ParseErrorKind::TooDeep { limit } => {
                format!(
                    "The file nests arrays and objects deeper than {limit} levels{}.",
                    at(&self.position)
                )
            }
            ParseErrorKind::InvalidJson { detail } => {
                format!("Invalid JSON{}: {}.", at(&self.position), cut(detail))
            }
            ParseErrorKind::WrongType {
                path,
                expected,
                found,
            } => {
                format!(
                    "{}: expected {}, found {}",
                    display_path(path),
                    cut(expected),
                    cut(found)
                )
            }
            ParseErrorKind::MissingKey { path, key } => {
                format!("{}: missing \"{}\"", display_path(path), cut(key))
            }
            ParseErrorKind::DuplicateKey { path, key } => {
                format!("{}: duplicate key \"{}\"", display_path(path), cut(key))
            }
            ParseErrorKind::InvalidShape { path, detail } => {
                format!("{}: {}", display_path(path), cut(detail))
            }
        }
    }

    /// The offending line with a caret under the column, or `None` without a position:
    ///
    /// ```text
    ///   3 |       "config": { "access": "rw" }
    ///     |                                 ^
    /// ```
    pub fn frame(&self) -> Option<String> {
        let p = self.position.as_ref()?;
        let gutter = p.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_pad = " ".repeat(p.snippet_column.saturating_sub(1));
        Some(format!("{gutter} | {}\n{pad} | {caret_pad}^", p.snippet))
    }
}

/// The readers' English words for a kind of value (`expected`, and `found` when it is not a JSON
/// literal), each with the message key that translates it. A phrase missing here is shown as it is.
const VALUE_KINDS: &[(&str, &str)] = &[
    ("an object", "config_value_object"),
    ("an array", "config_value_array"),
    ("a key", "config_value_key"),
    ("an integer", "config_value_integer"),
    (
        "an integer no larger than 9223372036854775807",
        "config_value_integer_max",
    ),
    ("true or false", "config_value_boolean"),
    ("a string", "config_value_string"),
    ("a string or null", "config_value_string_or_null"),
    ("\"read_only\" or \"read_write\"", "config_value_access"),
];

/// `phrase` in the language of `lookup` when `table` (English phrase, message key) lists it, else as
/// it is. A `found` JSON string is quoted, so the string `"an object"` never reads as the phrase
/// `an object`.
fn translated(
    table: &[(&str, &str)],
    phrase: String,
    lookup: impl Fn(&str, &[&str]) -> String,
) -> String {
    match table.iter().find(|(english, _)| *english == phrase) {
        Some((_, key)) => lookup(key, &[]),
        None => phrase,
    }
}

/// The top level has an empty path; say so in words. A path holding a long key is cut.
fn display_path(path: &str) -> Cow<'_, str> {
    if path.is_empty() {
        Cow::Borrowed("top level")
    } else {
        cut(path)
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some(frame) = self.frame() {
            write!(f, "\n{frame}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Longest snippet shown; minified exports put the whole document on one line.
const SNIPPET_CHARS: usize = 72;

/// Builds a [`Position`] from a byte offset into `text`.
pub(crate) fn position_at_offset(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].bytes().filter(|&b| b == b'\n').count() + 1;
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let column = text[line_start..offset].chars().count() + 1;
    let (snippet, snippet_column) = window(line_text, column);
    Position {
        line,
        column,
        snippet,
        snippet_column,
    }
}

/// Builds a [`Position`] from `serde_json`'s 1-based line and byte column.
pub(crate) fn position_at_line_column(text: &str, line: usize, column: usize) -> Position {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    // serde_json counts the column up to and including the byte it stopped at; point at that byte.
    position_at_offset(text, line_start + column.saturating_sub(1))
}

/// Cuts `line` to at most [`SNIPPET_CHARS`] characters around `column`, marking cuts with `…`.
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return (line.to_owned(), column);
    }
    let half = SNIPPET_CHARS / 2;
    let start = column
        .saturating_sub(1)
        .saturating_sub(half)
        .min(chars.len().saturating_sub(SNIPPET_CHARS));
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut snippet = String::new();
    let mut caret = column - start;
    if start > 0 {
        snippet.push('…');
        caret += 1;
    }
    snippet.extend(&chars[start..end]);
    if end < chars.len() {
        snippet.push('…');
    }
    (snippet, caret)
}
