//! Monitoring answers: diagnostics (§4.4.2), notifications (§4.4.3), schema diff (§4.4.4),
//! and the small answers of setup calls (authorize_url, db_keys, validations job).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{FlexId, Timestamp};

/// One diagnostic check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Check {
    /// Title, as on Dev Center's diagnose page.
    pub display_name: Option<String>,
    /// Explanation.
    pub message: Option<String>,
    /// Link to Dev Center.
    pub doc_url: Option<String>,
    /// e.g. `MUST_USE_RECENT_API_VERSION`.
    pub rule_id: Option<String>,
    /// `FAILED`, `WARNING`, `PASSED`, `SKIPPED` (the client groups by array, not by this).
    pub status: Option<String>,
}

/// The four arrays of checks; any may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CheckGroups {
    /// Failed checks.
    pub errors: Vec<Check>,
    /// Warnings.
    pub warnings: Vec<Check>,
    /// Passed checks.
    pub passes: Vec<Check>,
    /// Skipped checks.
    pub skips: Vec<Check>,
}

/// A validation result: connection checks plus per-object checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ValidationResult {
    /// Connection-level checks.
    #[serde(flatten)]
    pub checks: CheckGroups,
    /// Per object name.
    pub mappings: BTreeMap<String, CheckGroups>,
}

/// `POST …/validations` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ValidationJob {
    /// Absolute URL to poll (through the token gate).
    pub result_url: String,
}

/// One poll of a validation job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValidationPoll {
    /// 202: still running.
    Pending,
    /// 200: done.
    Done(ValidationResult),
}

/// A notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Notification {
    /// Id (string or number).
    pub id: FlexId,
    /// When.
    pub created_at: Option<Timestamp>,
    /// e.g. `mapping-error`.
    pub event_type: Option<String>,
    /// Text.
    pub message: Option<String>,
}

/// `GET …/notifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct NotificationList {
    /// Unacknowledged notifications, newest first.
    pub results: Vec<Notification>,
}

/// Query of notification list and acknowledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NotificationQuery {
    /// `YYYY-MM-DD` or RFC 3339.
    pub after: Option<String>,
    /// `YYYY-MM-DD` or RFC 3339.
    pub before: Option<String>,
    /// e.g. `mapping-error`.
    pub event_type: Option<String>,
    /// 1–1000.
    pub page_size: Option<u32>,
}

/// Per-mapping part of a schema diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MappingDiff {
    /// Object name.
    pub name: String,
    /// Some field changed.
    pub fields_have_changed: Option<bool>,
    /// A change needs the mapping edited first.
    pub has_unsafe_changes: Option<bool>,
    /// Could not be determined.
    pub action_undetermined: Option<bool>,
    /// Explanation.
    pub result_message: Option<String>,
}

/// `GET …/schema-diff` and the change-sf-api-version answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SchemaDiff {
    /// Current version.
    pub current_api_version: Option<String>,
    /// Target version.
    pub target_api_version: Option<String>,
    /// Diff id.
    pub guid: Option<String>,
    /// Per mapping.
    pub mappings: Vec<MappingDiff>,
    /// Present on the change answer.
    pub target_version: Option<String>,
}

/// `GET /api/v3/apps/<app>` (§4.2.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AppDbKeys {
    /// Postgres config vars the connection can use.
    pub db_keys: Vec<DbKey>,
}

/// One database choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DbKey {
    /// Config var, e.g. `DATABASE_URL`.
    pub name: String,
    /// The add-on behind it; may be null.
    pub addon: Option<DbKeyAddon>,
}

impl DbKey {
    /// The plan, or `None` for "unknown plan".
    pub fn plan(&self) -> Option<&str> {
        self.addon.as_ref().and_then(|a| a.plan.as_deref())
    }
}

/// The add-on of a db_key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DbKeyAddon {
    /// e.g. `heroku-postgresql:essential-0`; may be null.
    pub plan: Option<String>,
}

/// `POST …/authorize_url` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AuthorizeUrl {
    /// URL to open in a browser tab.
    pub redirect: String,
}
