//! Diagnostics (§4.4.2): asynchronous connection validation jobs and the per-mapping checks, with the rule ids
//! the CLI plugin shows.
//!
//! Checks read the Store as it is when the job finishes; they never change it.

use serde_json::{json, Map, Value};

use super::seed::{org, version_number};
use super::validation::missing_required;
use super::{Store, ValidationJob};
use crate::error::{AppError, AppResult};

const DOC: &str = "https://devcenter.heroku.com/articles/heroku-connect-diagnose";

fn check(rule_id: &str, display_name: &str, anchor: &str, status: &str, message: String) -> Value {
    json!({"rule_id": rule_id, "display_name": display_name, "doc_url": format!("{DOC}#{anchor}"), "status": status, "message": message})
}

/// Sorts checks into the four arrays by status.
fn grouped(checks: Vec<Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, status) in [
        ("errors", "FAILED"),
        ("warnings", "WARNING"),
        ("passes", "PASSED"),
        ("skips", "SKIPPED"),
    ] {
        let list: Vec<Value> = checks
            .iter()
            .filter(|c| c["status"] == status)
            .cloned()
            .collect();
        out.insert(key.into(), Value::Array(list));
    }
    out
}

impl Store {
    /// Starts a diagnosis job; the caller builds `result_url` from the id.
    pub fn start_validation(&mut self, c: usize) -> String {
        let id = self.ids.uuid();
        let seq = self.next_seq();
        self.validation_jobs.push(ValidationJob {
            id: id.clone(),
            connection_id: self.connections[c].id.clone(),
            created_tick: self.tick,
            gets: 0,
            result: None,
            seq,
        });
        id
    }

    /// One GET of a job: `None` while running (202), the result once done. The second GET finishes it.
    pub fn poll_validation(&mut self, c: usize, job_id: &str) -> AppResult<Option<Value>> {
        let cid = &self.connections[c].id;
        let j = self
            .validation_jobs
            .iter()
            .position(|j| j.id == job_id && &j.connection_id == cid)
            .ok_or_else(|| AppError::not_found(format!("Validation {job_id} not found.")))?;
        self.validation_jobs[j].gets += 1;
        if self.validation_jobs[j].result.is_none() && self.validation_jobs[j].gets >= 2 {
            self.finish_job(j);
        }
        Ok(self.validation_jobs[j].result.clone())
    }

    /// Computes a job's result from the connection as it is now.
    pub fn finish_job(&mut self, j: usize) {
        let cid = self.validation_jobs[j].connection_id.clone();
        let result = match self.connection_index(&cid) {
            Some(c) => self.diagnose(c),
            None => {
                json!({"errors": [], "warnings": [], "passes": [], "skips": [], "mappings": {}})
            }
        };
        self.validation_jobs[j].result = Some(result);
    }

    fn diagnose(&self, c: usize) -> Value {
        let conn = &self.connections[c];
        let latest = org().latest();
        let mut checks = Vec::new();
        checks.push(match &conn.sf {
            None => check(
                "MUST_USE_RECENT_API_VERSION",
                "Salesforce API version",
                "salesforce-api-version",
                "SKIPPED",
                "Salesforce is not authorized yet.".into(),
            ),
            Some(sf) => {
                let v = version_number(&sf.api_version).unwrap_or(latest);
                if latest.saturating_sub(v) > 3 {
                    check(
                        "MUST_USE_RECENT_API_VERSION",
                        "Salesforce API version",
                        "salesforce-api-version",
                        "FAILED",
                        format!(
                            "API version {} is more than three versions behind {latest}.0.",
                            sf.api_version
                        ),
                    )
                } else {
                    check(
                        "MUST_USE_RECENT_API_VERSION",
                        "Salesforce API version",
                        "salesforce-api-version",
                        "PASSED",
                        format!("API version {} is recent.", sf.api_version),
                    )
                }
            }
        });
        checks.push(if conn.logplex_log_enabled {
            check(
                "SHOULD_HAVE_LOG_DRAIN",
                "Log drain",
                "log-drain",
                "PASSED",
                "Connection logs go to a log drain.".into(),
            )
        } else {
            check(
                "SHOULD_HAVE_LOG_DRAIN",
                "Log drain",
                "log-drain",
                "WARNING",
                "No log drain is set; Connect logs are lost.".into(),
            )
        });
        let count = self.mappings_of(&conn.id).count();
        checks.push(if count > 100 {
            check(
                "NUMBER_OF_MAPPINGS",
                "Number of mappings",
                "number-of-mappings",
                "WARNING",
                format!("{count} mappings; more than 100 slows synchronisation."),
            )
        } else {
            check(
                "NUMBER_OF_MAPPINGS",
                "Number of mappings",
                "number-of-mappings",
                "PASSED",
                format!("{count} mappings."),
            )
        });
        let db_plan = conn.db_key.as_ref().and_then(|k| {
            self.db_keys(&conn.app_id)
                .into_iter()
                .find(|(v, _)| v == k)
                .map(|(_, p)| p)
        });
        checks.push(match db_plan {
            None => check(
                "DATABASE_PLAN",
                "Database plan",
                "database-plan",
                "SKIPPED",
                "No database is configured.".into(),
            ),
            Some(p) if p.ends_with("essential-0") => check(
                "DATABASE_PLAN",
                "Database plan",
                "database-plan",
                "WARNING",
                format!("{p} holds at most 10,000 rows."),
            ),
            Some(p) => check(
                "DATABASE_PLAN",
                "Database plan",
                "database-plan",
                "PASSED",
                format!("{p} is suitable."),
            ),
        });
        let mut out = grouped(checks);
        let mut per_mapping = Map::new();
        for m in self.mappings_of(&conn.id) {
            per_mapping.insert(
                m.object_name.clone(),
                Value::Object(self.mapping_checks(m.id.as_str())),
            );
        }
        out.insert("mappings".into(), Value::Object(per_mapping));
        Value::Object(out)
    }

    /// The checks of one mapping, grouped (§4.4.2).
    pub fn mapping_checks(&self, mapping_id: &str) -> Map<String, Value> {
        let Some(m) = self.mappings.iter().find(|m| m.id == mapping_id) else {
            return grouped(Vec::new());
        };
        let version = self
            .connections
            .iter()
            .find(|c| c.id == m.connection_id)
            .map(|c| self.api_version_of(c))
            .unwrap_or_default();
        let fields_at = org()
            .object(&m.object_name)
            .map(|o| org().fields_at(o, &version))
            .unwrap_or_default();
        let mut checks = Vec::new();
        checks.push(if m.config.access != "read_write" {
            check(
                "REQUIRED_FIELDS",
                "Required fields",
                "required-fields",
                "SKIPPED",
                "The mapping is read-only.".into(),
            )
        } else {
            let missing = missing_required(&m.object_name, &m.config, &version);
            if missing.is_empty() {
                check(
                    "REQUIRED_FIELDS",
                    "Required fields",
                    "required-fields",
                    "PASSED",
                    "Every required field is mapped.".into(),
                )
            } else {
                check(
                    "REQUIRED_FIELDS",
                    "Required fields",
                    "required-fields",
                    "FAILED",
                    format!("Required fields are not mapped: {}.", missing.join(", ")),
                )
            }
        });
        checks.push(match &m.config.upsert_field {
            None if m.config.access == "read_write" => check(
                "UPSERT_FIELD",
                "Upsert field",
                "upsert-field",
                "WARNING",
                "A read-write mapping should have an upsert field.".into(),
            ),
            None => check(
                "UPSERT_FIELD",
                "Upsert field",
                "upsert-field",
                "SKIPPED",
                "No upsert field is set.".into(),
            ),
            Some(u) if !m.config.fields.contains_key(u) => check(
                "UPSERT_FIELD",
                "Upsert field",
                "upsert-field",
                "FAILED",
                format!("The upsert field {u} is not mapped."),
            ),
            Some(u) if !fields_at.iter().any(|f| &f.name == u && f.external_id) => check(
                "UPSERT_FIELD",
                "Upsert field",
                "upsert-field",
                "FAILED",
                format!("The upsert field {u} is not an external id."),
            ),
            Some(u) => check(
                "UPSERT_FIELD",
                "Upsert field",
                "upsert-field",
                "PASSED",
                format!("{u} is a mapped external id."),
            ),
        });
        let n = m.config.fields.len();
        checks.push(if n > 100 {
            check(
                "NUMBER_OF_FIELDS",
                "Number of fields",
                "number-of-fields",
                "WARNING",
                format!("{n} fields; more than 100 slows synchronisation."),
            )
        } else {
            check(
                "NUMBER_OF_FIELDS",
                "Number of fields",
                "number-of-fields",
                "PASSED",
                format!("{n} fields."),
            )
        });
        checks.push(check(
            "CALCULATED_FIELDS",
            "Calculated fields",
            "calculated-fields",
            "SKIPPED",
            "Not checked by the emulator.".into(),
        ));
        checks.push(check(
            "BINARY_FIELDS",
            "Binary fields",
            "binary-fields",
            "SKIPPED",
            "Not checked by the emulator.".into(),
        ));
        grouped(checks)
    }
}
