//! Monitoring rules: notifications, the Salesforce API-version diff and change, and object schemas.
//! Diagnostics live in `diagnostics.rs`.
//!
//! Write errors and notifications only come from `/_emulator/events`; nothing here invents them.

use serde_json::{json, Value};

use super::seed::{org, version_number};
use super::{clock, is_mapping_in_progress, Store};
use crate::error::{AppError, AppResult};
use crate::query::Query;

/// Parsed notification query (§4.4.3).
struct NotificationQuery {
    after: Option<i64>,
    before: Option<i64>,
    event_type: Option<String>,
    page_size: usize,
}

fn notification_query(query: &Query) -> AppResult<NotificationQuery> {
    let time = |name: &str| {
        query
            .get(name)
            .map(|v| {
                timestamp(v).ok_or_else(|| {
                    AppError::bad_request(format!(
                        "{name} must be YYYY-MM-DD or an RFC 3339 timestamp."
                    ))
                })
            })
            .transpose()
    };
    let page_size = match query.uint("page_size")? {
        None => 100,
        Some(n) if (1..=1000).contains(&n) => n as usize,
        Some(_) => {
            return Err(AppError::bad_request(
                "page_size must be an integer between 1 and 1000.",
            ))
        }
    };
    Ok(NotificationQuery {
        after: time("after")?,
        before: time("before")?,
        event_type: query.get("event_type").map(str::to_owned),
        page_size,
    })
}

/// A query timestamp. A `+` left unencoded in a query string decodes to a space, so `…T09:00:00+01:00` can
/// arrive as `…T09:00:00 01:00`; a space just before a trailing `HH:MM` is read back as that `+`.
fn timestamp(value: &str) -> Option<i64> {
    clock::parse_unix(value).or_else(|| {
        let at = value.len().checked_sub(6)?;
        let (time, zone) = (value.get(..at)?, value.get(at..)?.strip_prefix(' ')?);
        clock::parse_unix(&format!("{time}+{zone}"))
    })
}

impl Store {
    /// Every unacknowledged notification the query selects, newest first; `page_size` is the caller's to apply.
    fn matching_notifications(&self, cid: &str, q: &NotificationQuery) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.notifications.len())
            .filter(|&i| {
                let n = &self.notifications[i];
                let t = clock::unix_of(n.created_tick);
                n.connection_id == cid
                    && !n.acknowledged
                    && q.after.is_none_or(|a| t > a)
                    && q.before.is_none_or(|b| t < b)
                    && q.event_type.as_ref().is_none_or(|e| &n.event_type == e)
            })
            .collect();
        out.sort_by(|a, b| {
            self.notifications[*b]
                .created_tick
                .cmp(&self.notifications[*a].created_tick)
                .then(b.cmp(a))
        });
        out
    }

    /// Unacknowledged notifications, newest first.
    pub fn notifications_page(&self, c: usize, query: &Query) -> AppResult<Vec<Value>> {
        let q = notification_query(query)?;
        let cid = &self.connections[c].id;
        Ok(self
            .matching_notifications(cid, &q)
            .into_iter()
            .take(q.page_size)
            .map(|i| {
                let n = &self.notifications[i];
                json!({"id": n.id, "created_at": clock::rfc3339(n.created_tick), "event_type": n.event_type, "message": n.message})
            })
            .collect())
    }

    /// Marks every matching notification acknowledged: `page_size` is validated but does not cap it (§4.4.3).
    pub fn acknowledge(&mut self, c: usize, query: &Query) -> AppResult<()> {
        let q = notification_query(query)?;
        let cid = self.connections[c].id.clone();
        for i in self.matching_notifications(&cid, &q) {
            self.notifications[i].acknowledged = true;
        }
        Ok(())
    }

    /// `GET …/schema-diff` (§4.4.4).
    pub fn schema_diff(&mut self, c: usize, target: Option<&str>) -> AppResult<Value> {
        let target = target.ok_or_else(|| AppError::bad_request("target_version is required."))?;
        let target = org().supported_version(target).ok_or_else(|| {
            AppError::bad_request(format!(
                "target_version {target} is not between 50.0 and 64.0."
            ))
        })?;
        let conn = &self.connections[c];
        let Some(sf) = &conn.sf else {
            return Err(AppError::invalid_state(
                "Salesforce is not authorized for this connection.",
            ));
        };
        let current = sf.api_version.clone();
        let (from, to) = (
            version_number(&current).unwrap_or(62),
            version_number(&target).unwrap_or(62),
        );
        let mut mappings = Vec::new();
        for m in self.mappings_of(&conn.id) {
            let mut messages = Vec::new();
            let mut unsafe_change = false;
            for ch in &org().schema_changes {
                let v = version_number(&ch.version).unwrap_or(0);
                let side = if from < v && v <= to {
                    &ch.upgrade
                } else if to < v && v <= from {
                    &ch.downgrade
                } else {
                    continue;
                };
                if ch.object == m.object_name && m.config.fields.contains_key(&ch.field) {
                    messages.push(side.message.clone());
                    unsafe_change |= side.is_unsafe;
                }
            }
            mappings.push(json!({
                "name": m.object_name,
                "fields_have_changed": !messages.is_empty(),
                "has_unsafe_changes": unsafe_change,
                "action_undetermined": false,
                "result_message": if messages.is_empty() { "No changes.".to_owned() } else { messages.join(" ") },
            }));
        }
        let guid = self.ids.uuid();
        Ok(
            json!({"current_api_version": current, "target_api_version": target, "guid": guid, "mappings": mappings}),
        )
    }

    /// `POST …/actions/change-sf-api-version`: only while `PAUSED`, nothing syncing, no unsafe change.
    pub fn change_api_version(&mut self, c: usize, body: &Value) -> AppResult<Value> {
        if !body.is_object() {
            return Err(AppError::bad_request("The body must be a JSON object."));
        }
        let target = match body.get("target_version") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(_) => return Err(AppError::bad_request("target_version must be a string.")),
        };
        let diff = self.schema_diff(c, target.as_deref())?;
        let conn = &self.connections[c];
        if conn.state != "PAUSED" {
            return Err(AppError::invalid_state(format!(
                "Pause the connection before changing the API version (current state: {}).",
                conn.state
            )));
        }
        let syncing: Vec<String> = self
            .mappings_of(&conn.id)
            .filter(|m| is_mapping_in_progress(&m.state))
            .map(|m| m.object_name.clone())
            .collect();
        if !syncing.is_empty() {
            return Err(AppError::conflict(
                "mappings_syncing",
                format!(
                    "Mapping {} is still syncing; retry when it is done.",
                    syncing[0]
                ),
            )
            .with("syncing_mappings", json!(syncing)));
        }
        let unsafe_names: Vec<Value> = diff["mappings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["has_unsafe_changes"] == true)
            .map(|m| m["name"].clone())
            .collect();
        if !unsafe_names.is_empty() {
            return Err(AppError::conflict(
                "unsafe_changes",
                "Some mappings have unsafe changes. Edit them and retry.",
            )
            .with("mappings", json!(unsafe_names)));
        }
        let target = diff["target_api_version"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if let Some(sf) = self.connections[c].sf.as_mut() {
            sf.api_version = target.clone();
        }
        let mut out = diff;
        out["target_version"] = json!(target);
        Ok(out)
    }

    /// `GET …/schemas/<Object>` (§4.3.6): 409 before authorization, 404 for an unknown object.
    pub fn object_schema(&self, c: usize, object: &str) -> AppResult<Value> {
        let conn = &self.connections[c];
        if conn.sf.is_none() {
            return Err(AppError::invalid_state(
                "Salesforce is not authorized for this connection.",
            ));
        }
        let o = org().object(object).ok_or_else(|| {
            AppError::not_found(format!("Object {object} not found in Salesforce."))
        })?;
        Ok(json!({"name": o.name, "fields": org().fields_at(o, &self.api_version_of(conn))}))
    }
}
