//! The mapping object (contract §4.3.2) and the Salesforce object schema (§4.3.6).
//! `config` stays JSON here; `crate::config` owns its meaning.

use serde::{Deserialize, Serialize};

use super::{FlexId, MappingState, Timestamp};

/// Row counts of a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MappingCounts {
    /// Rows in Postgres.
    pub db: Option<i64>,
    /// Records in Salesforce.
    pub sf: Option<i64>,
    /// Pending writes.
    pub pending: Option<i64>,
    /// Write errors.
    pub errors: Option<i64>,
}

/// Last activity of a mapping; the API writes these with a space instead of the `T`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MappingTimes {
    /// Last Salesforce poll.
    pub sf_poll: Option<Timestamp>,
    /// Last write to Salesforce.
    pub sf_write: Option<Timestamp>,
    /// Last database poll.
    pub db_poll: Option<Timestamp>,
    /// Last database write.
    pub db_write: Option<Timestamp>,
}

/// A mapping of one Salesforce object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Mapping {
    /// Mapping id.
    pub id: String,
    /// Salesforce API name, e.g. `Contact`.
    pub object_name: String,
    /// State; `None` when absent.
    pub state: Option<MappingState>,
    /// Label such as `OK`.
    pub state_description: Option<String>,
    /// The configuration (§5.2 keys plus `revision`, `applied_at`).
    pub config: serde_json::Value,
    /// Row counts.
    pub counts: Option<MappingCounts>,
    /// Last activity.
    pub times: Option<MappingTimes>,
    /// Writing now.
    pub actively_writing: Option<bool>,
    /// Polling now.
    pub is_polling: Option<bool>,
    /// Has the `_hc_` columns.
    pub has_hc_columns: Option<bool>,
    /// Relative detail URL.
    pub detail_url: Option<String>,
    /// Relative errors URL.
    pub errors_url: Option<String>,
    /// Absolute schema URL.
    pub schema_url: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// Updated.
    pub updated_at: Option<Timestamp>,
}

impl Mapping {
    /// `config.revision`, for an update that must not overwrite someone else's change.
    pub fn revision(&self) -> Option<i64> {
        self.config
            .get("revision")
            .and_then(serde_json::Value::as_i64)
    }

    /// `config.access` (`read_only` or `read_write`).
    pub fn access(&self) -> Option<&str> {
        self.config
            .get("access")
            .and_then(serde_json::Value::as_str)
    }
}

/// One field of a Salesforce object schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SchemaField {
    /// API name.
    pub name: String,
    /// Lower-case Salesforce type, e.g. `string`.
    #[serde(rename = "type")]
    pub field_type: Option<String>,
    /// A value is required on create.
    pub required: Option<bool>,
    /// Unique.
    pub unique: Option<bool>,
    /// External id.
    pub external_id: Option<bool>,
}

/// `GET …/schemas/<Object>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ObjectSchema {
    /// Canonical object name.
    pub name: String,
    /// Fields.
    pub fields: Vec<SchemaField>,
}

/// One write error (§4.4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct WriteError {
    /// Trigger-log id (string or number).
    pub id: FlexId,
    /// Table, lower-case object name.
    pub table_name: Option<String>,
    /// Row id (string or number).
    pub record_id: Option<FlexId>,
    /// What failed.
    pub message: Option<String>,
    /// When.
    pub created_at: Option<Timestamp>,
}
