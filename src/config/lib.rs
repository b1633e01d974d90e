//! Mapping configuration documents, the file Heroku Connect exports and imports (contract §5).
//!
//! A user drops such a file on the import page; this module turns its bytes into a [`MappingConfig`]
//! ([`MappingConfig::parse`]), checks it before upload ([`validate`](validate())), writes the canonical form used for
//! downloads and comparisons ([`normalise`](normalise())), and compares it with the server's current export ([`diff`](diff())).
//!
//! Everything here is plain Rust over `serde_json`: no browser APIs, no I/O. Fetching the org schema and
//! the server's export is the caller's job; this module only says which schemas it needs
//! ([`schema::objects_to_fetch`]).
//!
//! Keys the document leaves out take the defaults of contract §5.2 while parsing, so two documents that
//! mean the same thing compare equal and an export always spells every setting out.
//!
//! It is built as its own crate, `connect-pilot-config` (`src/config/Cargo.toml`), so that the release
//! profile can compile it for speed and the rest of the extension for size; the app re-exports it as
//! `connect_pilot::config`. It also owns [`json_path`], which the API client shares.

use std::collections::BTreeMap;

use serde_json::Value;

mod de;
pub mod diff;
mod error;
mod fast;
mod field_map;
#[doc(hidden)]
pub mod fuzz;
mod issue;
#[doc(hidden)]
pub mod json_path;
pub mod names;
pub mod normalise;
pub mod order;
mod parse;
mod reject;
pub mod sample;
pub mod schema;
pub mod shown;
pub mod validate;

pub use diff::{diff, Change, ConfigDiff, MappingDiff, MappingStatus, OtherChange};
pub use error::{ParseError, ParseErrorKind, Position, JSON_SYNTAX_FAULTS};
pub use field_map::FieldMap;
pub use issue::{has_errors, Issue, IssueCode, Plan, Severity};
pub use normalise::{export_json, normalise};
pub use schema::{FieldSchema, ObjectSchema, OrgSchema};
pub use validate::validate;

/// A field's API name as a key of [`MappingSettings::fields`]. A document holds one per field of every
/// mapping, tens of thousands in a large export, so names of up to 23 bytes (nearly every Salesforce
/// field name) are stored inline instead of each in its own allocation; it reads as a `&str`.
pub type FieldName = smol_str::SmolStr;

/// Largest file accepted, in bytes (5 MiB). Checked before anything else reads the bytes.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Deepest nesting of arrays and objects accepted. The document itself needs 5 levels; the rest of the
/// budget is for unknown keys. It stays well below `serde_json`'s own limit of 128 so that the
/// recursion is never the thing that fails.
pub const MAX_DEPTH: usize = 64;

/// `sf_polling_seconds` when a mapping leaves it out (contract §5.2).
pub const DEFAULT_POLLING_SECONDS: i64 = 600;

/// `sf_max_daily_api_calls` when a mapping leaves it out (contract §5.2).
pub const DEFAULT_MAX_DAILY_API_CALLS: i64 = 30_000;

/// Fields every mapping must include (contract §5.4).
pub const SYSTEM_FIELDS: [&str; 3] = ["Id", "SystemModstamp", "IsDeleted"];

/// Fields a mapping gets when its `fields` key is absent (contract §5.2).
pub const DEFAULT_FIELDS: [&str; 4] = ["Id", "SystemModstamp", "IsDeleted", "CreatedDate"];

/// A whole configuration document: `version`, the informational `connection` block and the mappings.
///
/// Unknown keys are kept in `extra` at every level, so nothing the server added is lost on export, and
/// [`validate`](validate()) can warn about them with their path.
///
/// # Example
///
/// ```
/// use connect_pilot_config::{MappingConfig, Access};
///
/// let text = br#"{"version": 1, "mappings": [{"object_name": "Contact", "config": {"access": "read_write"}}]}"#;
/// let config = MappingConfig::parse(text).unwrap();
/// assert_eq!(config.mappings[0].config.access, Access::ReadWrite);
/// // Keys left out take their defaults.
/// assert_eq!(config.mappings[0].config.sf_polling_seconds, 600);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MappingConfig {
    /// The format version; only `1` exists. `None` when the key is absent (a validation error).
    pub version: Option<i64>,
    /// The export's `connection` block, kept verbatim. Import ignores it and [`normalise`](normalise()) drops it.
    pub connection: Option<Value>,
    /// The mappings in document order.
    pub mappings: Vec<Mapping>,
    /// Top-level keys this version does not know, by name.
    pub extra: BTreeMap<String, Value>,
}

/// One `{"object_name", "config"}` entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    /// Salesforce API name of the object, as written (`Contact`, `Acme_Invoice__c`).
    pub object_name: String,
    /// The mapping's settings, with defaults filled in.
    pub config: MappingSettings,
    /// Unknown keys beside `object_name` and `config`.
    pub extra: BTreeMap<String, Value>,
}

/// A mapping's `config` block (contract §5.2), with absent keys set to their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingSettings {
    /// Sync direction.
    pub access: Access,
    /// Accelerated polling through the Streaming API.
    pub sf_notify_enabled: bool,
    /// Polling interval; must be at least the plan minimum ([`Plan::min_polling_seconds`]).
    pub sf_polling_seconds: i64,
    /// Salesforce API budget for the mapping; must be positive.
    pub sf_max_daily_api_calls: i64,
    /// Mapped fields by API name. JSON objects have no order, so neither do these: two documents that
    /// list the same fields in another order are equal.
    pub fields: FieldMap,
    /// Indexes by field name.
    pub indexes: BTreeMap<String, IndexOptions>,
    /// External-id field used for writes, if any.
    pub upsert_field: Option<String>,
    /// Server bookkeeping, present in detail responses only; kept verbatim and dropped by [`normalise`](normalise()).
    pub revision: Option<Value>,
    /// Server bookkeeping like `revision`.
    pub applied_at: Option<Value>,
    /// Unknown keys of the `config` block.
    pub extra: BTreeMap<String, Value>,
}

impl Default for MappingSettings {
    /// The settings of a `config` block that is `{}` (contract §5.2).
    fn default() -> Self {
        MappingSettings {
            access: Access::ReadOnly,
            sf_notify_enabled: false,
            sf_polling_seconds: DEFAULT_POLLING_SECONDS,
            sf_max_daily_api_calls: DEFAULT_MAX_DAILY_API_CALLS,
            fields: DEFAULT_FIELDS
                .iter()
                .map(|name| (FieldName::from(*name), FieldOptions::default()))
                .collect(),
            indexes: order::map_of([
                ("Id".to_owned(), IndexOptions::unique(true)),
                ("SystemModstamp".to_owned(), IndexOptions::unique(false)),
            ]),
            upsert_field: None,
            revision: None,
            applied_at: None,
            extra: BTreeMap::new(),
        }
    }
}

/// `config.access`: which way data flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Access {
    /// Salesforce → Postgres only.
    #[default]
    ReadOnly,
    /// Both ways.
    ReadWrite,
}

impl Access {
    /// The value as written in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::ReadOnly => "read_only",
            Access::ReadWrite => "read_write",
        }
    }
}

/// The value of one `config.fields` entry. It is `{}` today; keys inside it are reserved by Heroku, so
/// they are kept in `extra` and reported as unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldOptions {
    /// Keys inside the field's object.
    pub extra: BTreeMap<String, Value>,
}

/// The value of one `config.indexes` entry: `{"unique": bool}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexOptions {
    /// Whether the index is unique; `false` when the key is absent.
    pub unique: bool,
    /// Keys other than `unique`.
    pub extra: BTreeMap<String, Value>,
}

impl IndexOptions {
    /// Options with no extra keys.
    pub fn unique(unique: bool) -> IndexOptions {
        IndexOptions {
            unique,
            extra: BTreeMap::new(),
        }
    }
}

impl MappingConfig {
    /// Parses a configuration file from its raw bytes.
    ///
    /// Checks, in order: size ([`MAX_FILE_BYTES`]), a UTF-8 byte-order mark (stripped), UTF-8 validity,
    /// emptiness, nesting depth ([`MAX_DEPTH`]), JSON syntax, and the shape of every known key. The first
    /// failure is returned; it never panics. Content rules (names, limits, required fields) are not
    /// checked here: that is [`validate`](validate()), which reports every problem at once.
    ///
    /// # Example
    ///
    /// ```
    /// use connect_pilot_config::MappingConfig;
    ///
    /// let err = MappingConfig::parse(br#"{"version": 1, "mappings": [{"object_name": "Case", "config": {"access": "rw"}}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.key(), "config.error.wrong_type");
    /// assert_eq!(err.message(), r#"mappings[0].config.access: expected "read_only" or "read_write", found "rw""#);
    /// ```
    pub fn parse(bytes: &[u8]) -> Result<MappingConfig, ParseError> {
        parse::parse(bytes)
    }

    /// Serialises the document as it is (not normalised), with sorted keys and two-space indentation.
    /// `MappingConfig::parse(config.to_json().as_bytes())` gives back an equal value.
    pub fn to_json(&self) -> String {
        normalise::to_pretty_json(self)
    }
}

/// The file name an export is saved under: `<app>-<resource>.json`, as the official CLI names it.
///
/// Each part keeps ASCII letters, digits, `-`, `_` and `.`; anything else becomes `_`, leading dots are
/// dropped so the name never hides or climbs directories, and an empty part becomes `connect`.
///
/// ```
/// use connect_pilot_config::export_file_name;
///
/// assert_eq!(export_file_name("acme-sync", "herokuconnect-acme-10001"), "acme-sync-herokuconnect-acme-10001.json");
/// assert_eq!(export_file_name("../evil", "a/b c"), "evil-a_b_c.json");
/// ```
pub fn export_file_name(app: &str, resource: &str) -> String {
    format!(
        "{}-{}.json",
        sanitise_name_part(app),
        sanitise_name_part(resource)
    )
}

fn sanitise_name_part(part: &str) -> String {
    let cleaned: String = part
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // Strip what would make a hidden file or a relative path, and the `_` left where a `/` was.
    let trimmed = cleaned.trim_start_matches(['.', '_']).trim_end_matches('.');
    if trimmed.is_empty() {
        "connect".to_owned()
    } else {
        trimmed.to_owned()
    }
}
