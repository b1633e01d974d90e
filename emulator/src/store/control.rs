//! The control side of the Store (§8.2–8.5): faults and their matching, the request log, forced states,
//! injected events and the state dump.
//!
//! Reset lives on `EmulatorState`, which swaps in a fresh seeded Store.

use serde_json::{json, Value};

use super::{clock, Fault, LogEntry, Notification, Store, WriteError};
use crate::error::{AppError, AppResult};

/// Entries the request log keeps.
pub const LOG_CAPACITY: usize = 10_000;

/// Whether a `*`/`**` pattern matches a path, segment by segment.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    fn go(p: &[&str], s: &[&str]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((&"**", rest)) => (0..=s.len()).any(|i| go(rest, &s[i..])),
            Some((head, rest)) => s
                .split_first()
                .is_some_and(|(seg, srest)| (*head == "*" || head == seg) && go(rest, srest)),
        }
    }
    go(&pat, &segs)
}

fn opt_str(body: &Value, key: &str) -> AppResult<Option<String>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(AppError::bad_request(format!("{key} must be a string."))),
    }
}

fn req_str(body: &Value, key: &str) -> AppResult<String> {
    opt_str(body, key)?.ok_or_else(|| AppError::bad_request(format!("{key} is required.")))
}

impl Store {
    /// Registers a fault; returns its id.
    pub fn add_fault(&mut self, body: &Value) -> AppResult<Fault> {
        if !body.is_object() {
            return Err(AppError::bad_request("A fault must be a JSON object."));
        }
        let path = req_str(body, "path")?;
        let times = match body.get("times") {
            None | Some(Value::Null) => 1,
            Some(v) => v
                .as_u64()
                .filter(|n| *n >= 1)
                .ok_or_else(|| AppError::bad_request("times must be a positive integer."))?,
        };
        let delay_ms = match body.get("delay_ms") {
            None | Some(Value::Null) => 0,
            Some(v) => v
                .as_u64()
                .ok_or_else(|| AppError::bad_request("delay_ms must be a non-negative integer."))?,
        };
        let drop = match body.get("drop") {
            None | Some(Value::Null) => false,
            Some(v) => v
                .as_bool()
                .ok_or_else(|| AppError::bad_request("drop must be a boolean."))?,
        };
        let respond = match body.get("respond") {
            None | Some(Value::Null) => None,
            Some(r @ Value::Object(o)) => {
                if !o
                    .get("status")
                    .and_then(Value::as_u64)
                    .is_some_and(|s| (100..=599).contains(&s))
                {
                    return Err(AppError::bad_request(
                        "respond.status must be an HTTP status.",
                    ));
                }
                if !matches!(
                    o.get("headers"),
                    None | Some(Value::Null) | Some(Value::Object(_))
                ) {
                    return Err(AppError::bad_request("respond.headers must be an object."));
                }
                if !matches!(
                    o.get("body_text"),
                    None | Some(Value::Null) | Some(Value::String(_))
                ) {
                    return Err(AppError::bad_request("respond.body_text must be a string."));
                }
                Some(r.clone())
            }
            Some(_) => return Err(AppError::bad_request("respond must be an object.")),
        };
        self.fault_counter += 1;
        let fault = Fault {
            id: format!("fault-{}", self.fault_counter),
            method: opt_str(body, "method")?.map(|m| m.to_ascii_uppercase()),
            host: opt_str(body, "host")?.map(|h| h.to_ascii_lowercase()),
            path,
            times,
            respond,
            delay_ms,
            drop,
        };
        self.faults.push(fault.clone());
        Ok(fault)
    }

    /// The first matching fault, with one use taken; it disappears at zero.
    pub fn take_fault(&mut self, method: &str, host: &str, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| {
            f.method
                .as_deref()
                .is_none_or(|m| m == "*" || m.eq_ignore_ascii_case(method))
                && f.host
                    .as_deref()
                    .is_none_or(|h| h.eq_ignore_ascii_case(host))
                && path_matches(&f.path, path)
        })?;
        let fault = self.faults[i].clone();
        self.faults[i].times -= 1;
        if self.faults[i].times == 0 {
            self.faults.remove(i);
        }
        Some(fault)
    }

    /// Appends a log entry, keeping the last 10,000.
    pub fn log_request(&mut self, mut entry: LogEntry) {
        self.log_seq += 1;
        entry.seq = self.log_seq;
        entry.sim_time = clock::rfc3339(self.tick);
        self.log.push_back(entry);
        while self.log.len() > LOG_CAPACITY {
            self.log.pop_front();
        }
    }

    /// Log entries with `seq > since`.
    pub fn requests_since(&self, since: u64) -> Vec<&LogEntry> {
        self.log.iter().filter(|e| e.seq > since).collect()
    }

    /// `/_emulator/set-state`: forces any string on a connection or mapping, stopping its timers.
    pub fn force_state(&mut self, body: &Value) -> AppResult<()> {
        let state = req_str(body, "state")?;
        if let Some(cid) = opt_str(body, "connection_id")? {
            let c = self
                .connection_index(&cid)
                .ok_or_else(|| AppError::not_found(format!("Connection {cid} not found.")))?;
            self.set_connection_state(c, &state, None);
            return Ok(());
        }
        if let Some(mid) = opt_str(body, "mapping_id")? {
            let m = self
                .mappings
                .iter()
                .position(|m| m.id == mid)
                .ok_or_else(|| AppError::not_found(format!("Mapping {mid} not found.")))?;
            let map = &mut self.mappings[m];
            map.state = state;
            map.left = None;
            map.steps.clear();
            map.updated_tick = self.tick;
            return Ok(());
        }
        Err(AppError::bad_request(
            "connection_id or mapping_id is required.",
        ))
    }

    /// `/_emulator/events`: stores a write error or a notification and returns it.
    pub fn add_event(&mut self, body: &Value) -> AppResult<Value> {
        let cid = req_str(body, "connection_id")?;
        if self.connection_index(&cid).is_none() {
            return Err(AppError::not_found(format!("Connection {cid} not found.")));
        }
        let message = req_str(body, "message")?;
        match req_str(body, "kind")?.as_str() {
            "write_error" => {
                let object_name = req_str(body, "object_name")?;
                let record_id = match body.get("record_id") {
                    Some(v @ (Value::String(_) | Value::Number(_))) => v.clone(),
                    None | Some(Value::Null) => json!(self.ids.range(1, 100_000)),
                    Some(_) => {
                        return Err(AppError::bad_request(
                            "record_id must be a string or a number.",
                        ))
                    }
                };
                let id = 1000 + self.write_errors.len() as u64 + 1;
                let e = WriteError {
                    id,
                    connection_id: cid,
                    object_name,
                    record_id,
                    message,
                    created_tick: self.tick,
                };
                let out = write_error_json(&e);
                self.write_errors.push(e);
                Ok(out)
            }
            "notification" => {
                let event_type = req_str(body, "event_type")?;
                let id = (5000 + self.notifications.len() + 1).to_string();
                let n = Notification {
                    id,
                    connection_id: cid,
                    event_type,
                    message,
                    created_tick: self.tick,
                    acknowledged: false,
                };
                let out = json!({"id": n.id, "created_at": clock::rfc3339(n.created_tick), "event_type": n.event_type, "message": n.message});
                self.notifications.push(n);
                Ok(out)
            }
            other => Err(AppError::bad_request(format!(
                "kind {other} is not write_error or notification."
            ))),
        }
    }

    /// `GET /_emulator/state`: everything, without token values.
    pub fn dump(&self) -> Value {
        let users: Vec<Value> = self
            .users
            .iter()
            .map(|u| json!({"id": u.id, "email": u.email, "name": u.name}))
            .collect();
        let email = |token: &str| {
            self.user_by_token(token)
                .map_or_else(|| "unknown".to_owned(), |u| u.email.clone())
        };
        let connect: serde_json::Map<String, Value> = self
            .connect_counters
            .iter()
            .map(|(t, c)| {
                (
                    email(t),
                    json!({"day": c.day, "used": c.used, "limit": self.limits.connect_daily_limit}),
                )
            })
            .collect();
        let platform: serde_json::Map<String, Value> = self
            .platform_buckets
            .iter()
            .map(|(u, b)| (self.user(u).map_or_else(|| u.clone(), |u| u.email.clone()), json!({"tokens": b.tokens, "refilled_tick": b.refilled_tick, "limit": self.limits.platform_limit})))
            .collect();
        json!({
            "tick": self.tick,
            "now": clock::rfc3339(self.tick),
            "seed": self.seed,
            "users": users,
            "apps": self.apps,
            "addons": self.addons,
            "connections": self.connections,
            "mappings": self.mappings,
            "write_errors": self.write_errors,
            "notifications": self.notifications,
            "validation_jobs": self.validation_jobs,
            "authorizations": self.authorizations,
            "rate_limits": {"connect": connect, "platform": platform},
            "faults": self.faults,
        })
    }
}

/// A write error as the API lists it.
pub fn write_error_json(e: &WriteError) -> Value {
    json!({
        "id": e.id,
        "table_name": e.object_name.to_ascii_lowercase(),
        "record_id": e.record_id,
        "message": e.message,
        "created_at": clock::rfc3339(e.created_tick),
    })
}
