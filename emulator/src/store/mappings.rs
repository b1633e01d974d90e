//! Mapping rules: create, update (PATCH and PUT), delete and reload, with the connection-state guards of §4.3.
//!
//! Timed steps after each change are driven by `transitions.rs`.

use std::collections::VecDeque;

use serde_json::Value;

use super::validation::{canonical_object, parse_config, rule_errors};
use super::{Counts, Mapping, MappingConfig, Store, Times};
use crate::error::{AppError, AppResult};

fn guard_setup(state: &str, what: &str) -> AppResult<()> {
    if matches!(
        state,
        "NEW" | "NEED_AUTHENTICATION" | "IMPORT_CONFIGURATION"
    ) {
        return Err(AppError::invalid_state(format!(
            "Mappings cannot be {what} while the connection is {state}."
        )));
    }
    Ok(())
}

impl Store {
    /// Adds a mapping and starts `INITIAL` (1) → `RELOAD_TABLE` (3) → `DATA_SYNCED`, or → `BAD_CONFIG`.
    pub fn insert_mapping(
        &mut self,
        connection_id: &str,
        object_name: &str,
        config: MappingConfig,
    ) -> usize {
        let num = self.next_seq();
        let id = self.ids.uuid();
        self.mappings.push(Mapping {
            id,
            num,
            connection_id: connection_id.to_owned(),
            object_name: object_name.to_owned(),
            config,
            revision: 1,
            applied_tick: self.tick,
            state: "INITIAL".into(),
            left: None,
            steps: VecDeque::new(),
            counts: Counts::default(),
            times: Times::default(),
            last_poll: self.tick,
            created_tick: self.tick,
            updated_tick: self.tick,
            seq: num,
        });
        let m = self.mappings.len() - 1;
        let steps = self.chain(m, "INITIAL", 1, Some(("RELOAD_TABLE", 3)));
        self.start_steps(m, steps);
        m
    }

    /// Replaces a config; a real change starts `SCHEMA_CHANGED` (1) → `RESYNC` (2) → `DATA_SYNCED`.
    pub fn replace_config(&mut self, m: usize, config: MappingConfig) {
        if self.mappings[m].config == config {
            return;
        }
        let map = &mut self.mappings[m];
        map.config = config;
        map.revision += 1;
        map.applied_tick = self.tick;
        map.updated_tick = self.tick;
        let steps = self.chain(m, "SCHEMA_CHANGED", 1, Some(("RESYNC", 2)));
        self.start_steps(m, steps);
    }

    fn checked(&self, c: usize, object_name: &str, config: &MappingConfig) -> AppResult<()> {
        let conn = &self.connections[c];
        let errors = rule_errors(
            object_name,
            config,
            &conn.plan,
            &self.api_version_of(conn),
            true,
        );
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::validation(errors))
        }
    }

    /// `POST /api/v3/connections/<cid>/mappings` (§4.3.1).
    pub fn create_mapping(&mut self, c: usize, body: &Value) -> AppResult<usize> {
        let obj = body
            .as_object()
            .ok_or_else(|| AppError::bad_request("The body must be a JSON object."))?;
        let name = obj
            .get("object_name")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| AppError::bad_request("object_name must be a non-empty string."))?;
        let raw = obj
            .get("config")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default()));
        let config = parse_config(&raw, MappingConfig::default(), "config")?;
        let conn = &self.connections[c];
        guard_setup(&conn.state, "created")?;
        let name = canonical_object(name);
        if self
            .mappings_of(&conn.id)
            .any(|m| m.object_name.eq_ignore_ascii_case(&name))
        {
            return Err(AppError::conflict(
                "already_exists",
                format!("A mapping for {name} already exists on this connection."),
            ));
        }
        self.checked(c, &name, &config)?;
        let cid = conn.id.clone();
        Ok(self.insert_mapping(&cid, &name, config))
    }

    /// `PATCH` or `PUT /api/v3/mappings/<mid>` (§4.3.3): keys present replace; `revision` must match if given.
    pub fn update_mapping(&mut self, m: usize, c: usize, body: &Value) -> AppResult<()> {
        let obj = body
            .as_object()
            .ok_or_else(|| AppError::bad_request("The body must be a JSON object."))?;
        let revision = match obj.get("revision") {
            None | Some(Value::Null) => None,
            Some(v) => Some(
                v.as_u64()
                    .ok_or_else(|| AppError::bad_request("revision must be an integer."))?,
            ),
        };
        let raw = obj
            .get("config")
            .cloned()
            .unwrap_or_else(|| Value::Object(Default::default()));
        let config = parse_config(&raw, self.mappings[m].config.clone(), "config")?;
        guard_setup(&self.connections[c].state, "changed")?;
        if let Some(r) = revision {
            if r != self.mappings[m].revision {
                return Err(AppError::conflict(
                    "stale_revision",
                    format!(
                        "The mapping is at revision {}, not {r}. Reload it and retry.",
                        self.mappings[m].revision
                    ),
                ));
            }
        }
        let name = self.mappings[m].object_name.clone();
        self.checked(c, &name, &config)?;
        if self.mappings[m].config == config {
            let map = &mut self.mappings[m];
            map.revision += 1;
            map.updated_tick = self.tick;
        } else {
            self.replace_config(m, config);
        }
        Ok(())
    }

    /// `DELETE /api/v3/mappings/<mid>`: 409 during an import.
    pub fn delete_mapping(&mut self, m: usize, c: usize) -> AppResult<()> {
        let state = &self.connections[c].state;
        if state == "IMPORT_CONFIGURATION" {
            return Err(AppError::invalid_state(
                "Mappings cannot be deleted while a configuration is being imported.",
            ));
        }
        self.mappings.remove(m);
        Ok(())
    }

    /// `actions/reload`: `RELOAD_TABLE` (3) → `DATA_SYNCED`; while paused it waits for resume.
    pub fn reload_mapping(&mut self, m: usize, c: usize) -> AppResult<()> {
        guard_setup(&self.connections[c].state, "reloaded")?;
        let steps = self.chain(m, "RELOAD_TABLE", 3, None);
        self.start_steps(m, steps);
        Ok(())
    }
}
