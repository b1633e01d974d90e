//! Import and export of mapping configurations (§4.2.7, §4.2.8, §5): the document's shape and the merge rule
//! ("import never deletes").
//!
//! Per-mapping timing after an import is the mapping chain of `transitions.rs`.

use serde_json::{json, Value};

use super::seed::org;
use super::validation::{canonical_object, parse_config, plan_minimum};
use super::{MappingConfig, Store};
use crate::error::{AppError, AppResult};

impl Store {
    /// The mapping configuration document (§5), answered in every state.
    pub fn export(&self, c: usize) -> Value {
        let conn = &self.connections[c];
        let mappings: Vec<Value> = self
            .mappings_of(&conn.id)
            .map(|m| json!({"object_name": m.object_name, "config": config_json(&m.config)}))
            .collect();
        json!({
            "version": 1,
            "connection": {
                "app_name": self.app(&conn.app_id).map(|a| a.name.clone()),
                "name": conn.name,
                "organization_id": conn.sf.as_ref().map(|_| org().id.clone()),
                "api_version": self.api_version_of(conn),
                "logplex_log_enabled": conn.logplex_log_enabled,
                "features": features(),
                "exported_at": super::clock::rfc3339_offset(self.tick),
            },
            "mappings": mappings,
        })
    }

    /// `actions/import` (§4.2.8): a merge that never deletes; 400 for a malformed document, 409 unless `IDLE`.
    pub fn import(&mut self, c: usize, doc: &Value) -> AppResult<()> {
        let obj = doc
            .as_object()
            .ok_or_else(|| AppError::bad_request("The configuration must be a JSON object."))?;
        if obj.get("version") != Some(&json!(1)) {
            return Err(AppError::bad_request("version must be 1."));
        }
        let list = obj
            .get("mappings")
            .and_then(Value::as_array)
            .ok_or_else(|| AppError::bad_request("mappings must be an array."))?;
        let plan = self.connections[c].plan.clone();
        let mut parsed: Vec<(String, MappingConfig)> = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let path = format!("mappings[{i}]");
            let name = entry
                .get("object_name")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| {
                    AppError::bad_request(format!("{path}.object_name must be a non-empty string."))
                })?;
            let raw = entry.get("config").cloned().unwrap_or_else(|| json!({}));
            let mut config =
                parse_config(&raw, MappingConfig::default(), &format!("{path}.config"))?;
            config.sf_polling_seconds = config.sf_polling_seconds.max(plan_minimum(&plan));
            let name = canonical_object(name);
            if parsed.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                return Err(AppError::bad_request(format!(
                    "{path}.object_name {name} appears twice."
                )));
            }
            parsed.push((name, config));
        }
        let state = &self.connections[c].state;
        if state != "IDLE" {
            return Err(AppError::invalid_state(format!("A configuration can only be imported while the connection is IDLE (current state: {state}).")));
        }
        self.set_connection_state(c, "IMPORT_CONFIGURATION", Some(("IDLE", 2)));
        let cid = self.connections[c].id.clone();
        for (name, config) in parsed {
            let existing = self
                .mappings
                .iter()
                .position(|m| m.connection_id == cid && m.object_name.eq_ignore_ascii_case(&name));
            match existing {
                Some(m) => self.replace_config(m, config),
                None => {
                    self.insert_mapping(&cid, &name, config);
                }
            }
        }
        Ok(())
    }
}

/// The feature flags a connection reports.
pub fn features() -> Value {
    json!({"poll_db_no_merge": true, "poll_external_ids": false, "disable_bulk_writes": false, "rest_count_only": false, "cdc_for_accelerated_polling": false})
}

/// A config as the wire shows it, without `revision` and `applied_at`.
pub fn config_json(c: &MappingConfig) -> Value {
    let mut v = json!({
        "access": c.access,
        "sf_notify_enabled": c.sf_notify_enabled,
        "sf_polling_seconds": c.sf_polling_seconds,
        "sf_max_daily_api_calls": c.sf_max_daily_api_calls,
        "fields": c.fields,
        "indexes": c.indexes,
    });
    if let Some(u) = &c.upsert_field {
        v["upsert_field"] = json!(u);
    }
    v
}
