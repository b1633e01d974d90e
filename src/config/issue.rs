//! What validation reports: [`Issue`]s with a severity, a JSON path, a stable code and a message, and
//! the [`Plan`] whose limits apply, and how an issue reads through a message catalogue. The rules
//! themselves are in `validate.rs`.

use std::fmt;

use super::names::{check_api_name, NameProblem, MAX_BASE_LEN, MAX_NAMESPACE_LEN};
use super::shown::{cut, cut_with, quoted_with};

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

    /// The stable identifier, e.g. `config.issue.duplicate_object`, as the corpus and tests name it.
    /// The template's name is [`IssueCode::message_key`].
    pub fn key(self) -> String {
        format!("config.issue.{}", self.as_str())
    }

    /// The name of the message's template in `extension/_locales/*/messages.json`, e.g.
    /// `config_issue_duplicate_object` (chrome.i18n allows only `[A-Za-z0-9_@]` in names).
    pub fn message_key(self) -> &'static str {
        match self {
            IssueCode::VersionMissing => "config_issue_version_missing",
            IssueCode::VersionUnsupported => "config_issue_version_unsupported",
            IssueCode::NoMappings => "config_issue_no_mappings",
            IssueCode::UnknownKey => "config_issue_unknown_key",
            IssueCode::DuplicateObject => "config_issue_duplicate_object",
            IssueCode::InvalidObjectName => "config_issue_invalid_object_name",
            IssueCode::InvalidFieldName => "config_issue_invalid_field_name",
            IssueCode::DuplicateField => "config_issue_duplicate_field",
            IssueCode::MissingSystemField => "config_issue_missing_system_field",
            IssueCode::IndexUnmapped => "config_issue_index_unmapped",
            IssueCode::UpsertUnmapped => "config_issue_upsert_unmapped",
            IssueCode::UpsertNotUnique => "config_issue_upsert_not_unique",
            IssueCode::UpsertNotExternalId => "config_issue_upsert_not_external_id",
            IssueCode::ReadWriteWithoutUpsert => "config_issue_read_write_without_upsert",
            IssueCode::PollingBelowMinimum => "config_issue_polling_below_minimum",
            IssueCode::MaxDailyApiCallsNotPositive => {
                "config_issue_max_daily_api_calls_not_positive"
            }
            IssueCode::UnknownObject => "config_issue_unknown_object",
            IssueCode::UnknownField => "config_issue_unknown_field",
            IssueCode::ObjectNameCase => "config_issue_object_name_case",
            IssueCode::FieldNameCase => "config_issue_field_name_case",
            IssueCode::MissingRequiredField => "config_issue_missing_required_field",
        }
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

impl Issue {
    /// The message without the path in the language of `lookup`, which returns the template named by
    /// its first argument filled with the second (`$1`, `$2`, … in order), as `chrome.i18n.getMessage`
    /// does. The arguments are the [`params`](Self::params) in their order, names in JSON quotes as
    /// the English text shows them; an invalid name's reason follows its name, found by checking the
    /// name again ([`check_api_name`]) and looked up as a message of its own. With the English templates this equals [`message`](Self::message), which
    /// `tests/config_messages.rs` checks; an issue that lacks a param its template needs keeps that
    /// English text rather than show a gap.
    pub fn message_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let raw = |name: &str| {
            self.params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        let param = |name: &str| raw(name).map(|v| cut_with(v, &lookup).into_owned());
        let quoted = |name: &str| raw(name).map(|v| quoted_with(v, &lookup));
        let reason = |name: &str| {
            let problem = check_api_name(raw(name)?).err()?;
            let (key, arg) = name_problem_message(problem);
            let args: Vec<&str> = arg.iter().map(String::as_str).collect();
            Some(lookup(key, &args))
        };
        let args: Vec<Option<String>> = match self.code {
            IssueCode::VersionMissing
            | IssueCode::NoMappings
            | IssueCode::ReadWriteWithoutUpsert => {
                vec![]
            }
            IssueCode::VersionUnsupported => vec![param("version")],
            IssueCode::UnknownKey => vec![quoted("key")],
            IssueCode::DuplicateObject => {
                vec![param("object"), param("first"), param("first_object")]
            }
            IssueCode::InvalidObjectName => vec![quoted("object"), reason("object")],
            IssueCode::InvalidFieldName => vec![quoted("field"), reason("field")],
            IssueCode::DuplicateField
            | IssueCode::IndexUnmapped
            | IssueCode::UpsertUnmapped
            | IssueCode::UpsertNotUnique
            | IssueCode::UpsertNotExternalId => vec![quoted("field")],
            // The system fields are plain names; the English text puts them in quotes as they are.
            IssueCode::MissingSystemField => vec![param("field")],
            IssueCode::PollingBelowMinimum => {
                vec![param("seconds"), param("plan"), param("minimum")]
            }
            IssueCode::MaxDailyApiCallsNotPositive => vec![param("value")],
            IssueCode::UnknownObject => vec![quoted("object")],
            IssueCode::UnknownField => vec![quoted("object"), quoted("field")],
            IssueCode::ObjectNameCase | IssueCode::FieldNameCase => vec![quoted("canonical")],
            IssueCode::MissingRequiredField => vec![param("fields"), quoted("object")],
        };
        match args.into_iter().collect::<Option<Vec<String>>>() {
            Some(args) => {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                lookup(self.code.message_key(), &args)
            }
            None => self.message.clone(),
        }
    }

    /// [`message_with`](Self::message_with) after `path: ` as [`Display`](fmt::Display) puts it.
    /// A path that holds a long name is cut like the name ([`cut_with`]).
    pub fn to_string_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let message = self.message_with(&lookup);
        if self.path.is_empty() {
            message
        } else {
            format!("{}: {message}", cut_with(&self.path, &lookup))
        }
    }
}

/// The template and its one argument, if any, for why a name is not a valid API name.
fn name_problem_message(problem: NameProblem) -> (&'static str, Option<String>) {
    match problem {
        NameProblem::Empty => ("config_name_empty", None),
        NameProblem::BadCharacter(c) => ("config_name_bad_character", Some(format!("{c:?}"))),
        NameProblem::BadStart => ("config_name_bad_start", None),
        NameProblem::StrayUnderscore => ("config_name_stray_underscore", None),
        NameProblem::UnknownSuffix => ("config_name_unknown_suffix", None),
        NameProblem::TooManyParts => ("config_name_too_many_parts", None),
        NameProblem::TooLong => ("config_name_too_long", Some(MAX_BASE_LEN.to_string())),
        NameProblem::NamespaceTooLong => (
            "config_name_namespace_too_long",
            Some(MAX_NAMESPACE_LEN.to_string()),
        ),
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", cut(&self.path), self.message)
        }
    }
}

/// Whether any issue is an error, i.e. whether the import must be blocked.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}
