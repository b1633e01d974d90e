//! What validation reports: [`Issue`]s with a severity, a JSON path, a stable code and a message, and
//! the [`Plan`] whose limits apply. The rules themselves are in `validate.rs`.

use std::fmt;

/// Whether an [`Issue`] blocks the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks the import.
    Error,
    /// Worth reading; the import may go ahead.
    Warning,
}

/// The Heroku Connect plan, which sets the minimum polling interval (contract §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plan {
    /// `herokuconnect:demo`.
    Demo,
    /// `herokuconnect:enterprise`.
    Enterprise,
    /// `herokuconnect:shield`.
    Shield,
}

impl Plan {
    /// Reads `demo`, `enterprise` or `shield`, with or without the `herokuconnect:` prefix.
    pub fn from_name(name: &str) -> Option<Plan> {
        match name.strip_prefix("herokuconnect:").unwrap_or(name) {
            "demo" => Some(Plan::Demo),
            "enterprise" => Some(Plan::Enterprise),
            "shield" => Some(Plan::Shield),
            _ => None,
        }
    }

    /// The plan's name without prefix.
    pub fn name(self) -> &'static str {
        match self {
            Plan::Demo => "demo",
            Plan::Enterprise => "enterprise",
            Plan::Shield => "shield",
        }
    }

    /// Smallest `sf_polling_seconds` the plan allows.
    pub fn min_polling_seconds(self) -> i64 {
        match self {
            Plan::Demo => 600,
            Plan::Enterprise | Plan::Shield => 120,
        }
    }
}

/// What an [`Issue`] is about. [`IssueCode::key`] gives its stable translation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IssueCode {
    /// `version` is absent.
    VersionMissing,
    /// `version` is not 1.
    VersionUnsupported,
    /// The document has no mappings (warning).
    NoMappings,
    /// A key this version does not know (warning).
    UnknownKey,
    /// Two mappings for one object, compared without regard to case.
    DuplicateObject,
    /// `object_name` breaks the API-name rule (`names.rs`).
    InvalidObjectName,
    /// A field name breaks the API-name rule.
    InvalidFieldName,
    /// The same field twice, compared without regard to case.
    DuplicateField,
    /// `Id`, `SystemModstamp` or `IsDeleted` is not in `fields`.
    MissingSystemField,
    /// An index names a field that is not mapped.
    IndexUnmapped,
    /// `upsert_field` is not mapped.
    UpsertUnmapped,
    /// `upsert_field` has no unique index.
    UpsertNotUnique,
    /// `upsert_field` is not an external id in the org schema.
    UpsertNotExternalId,
    /// A read_write mapping without `upsert_field` (warning).
    ReadWriteWithoutUpsert,
    /// `sf_polling_seconds` below the plan minimum.
    PollingBelowMinimum,
    /// `sf_max_daily_api_calls` is zero or negative.
    MaxDailyApiCallsNotPositive,
    /// The org has no such object.
    UnknownObject,
    /// The object has no such field.
    UnknownField,
    /// The object exists but is spelled differently in the org (warning).
    ObjectNameCase,
    /// The field exists but is spelled differently in the org (warning).
    FieldNameCase,
    /// A read_write mapping leaves out fields required to create a record (warning).
    MissingRequiredField,
}

impl IssueCode {
    /// The code's short name, e.g. `duplicate_object`.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::VersionMissing => "version_missing",
            IssueCode::VersionUnsupported => "version_unsupported",
            IssueCode::NoMappings => "no_mappings",
            IssueCode::UnknownKey => "unknown_key",
            IssueCode::DuplicateObject => "duplicate_object",
            IssueCode::InvalidObjectName => "invalid_object_name",
            IssueCode::InvalidFieldName => "invalid_field_name",
            IssueCode::DuplicateField => "duplicate_field",
            IssueCode::MissingSystemField => "missing_system_field",
            IssueCode::IndexUnmapped => "index_unmapped",
            IssueCode::UpsertUnmapped => "upsert_unmapped",
            IssueCode::UpsertNotUnique => "upsert_not_unique",
            IssueCode::UpsertNotExternalId => "upsert_not_external_id",
            IssueCode::ReadWriteWithoutUpsert => "read_write_without_upsert",
            IssueCode::PollingBelowMinimum => "polling_below_minimum",
            IssueCode::MaxDailyApiCallsNotPositive => "max_daily_api_calls_not_positive",
            IssueCode::UnknownObject => "unknown_object",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::ObjectNameCase => "object_name_case",
            IssueCode::FieldNameCase => "field_name_case",
            IssueCode::MissingRequiredField => "missing_required_field",
        }
    }

    /// The translation key, e.g. `config.issue.duplicate_object`.
    pub fn key(self) -> String {
        format!("config.issue.{}", self.as_str())
    }
}

/// One problem found by [`validate`](super::validate()).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path, e.g. `mappings[1].config.fields.Email`; `""` for the document as a whole.
    pub path: String,
    /// What kind of problem.
    pub code: IssueCode,
    /// English text without the path; [`Display`](fmt::Display) puts `path: ` before it.
    pub message: String,
    /// The variable parts of the message by name, for a translated template.
    pub params: Vec<(&'static str, String)>,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Whether any issue is an error, i.e. whether the import must be blocked.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}
