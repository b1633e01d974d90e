//! The one Store: every user, app, add-on, connection, mapping, monitoring item, rate-limit counter, fault and
//! log entry the emulator knows, and one method per business rule.
//!
//! The Store knows nothing about HTTP beyond `AppError`; routing, headers and serialisation of requests live in
//! `routes/` and `layer.rs`. Its submodules split the rules by family; this file holds the data and the lookups
//! and access checks they share.

pub mod clock;
pub mod connections;
pub mod control;
pub mod diagnostics;
pub mod exchange;
pub mod ids;
pub mod mappings;
pub mod model;
pub mod monitoring;
pub mod platform;
pub mod rate_limit;
pub mod seed;
pub mod site;
pub mod transitions;
pub mod validation;

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use ids::IdGen;
pub use model::*;
pub use site::{Scope, Site};

/// Everything the emulator knows, saved whole by `--state`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Store {
    /// Seed name the store was built from.
    pub seed: String,
    /// Rate-limit settings.
    pub limits: Limits,
    /// Simulated clock.
    pub tick: u64,
    /// Entity ids.
    pub ids: IdGen,
    /// `Request-Id` values, kept apart so inspection calls never shift entity ids.
    pub request_ids: IdGen,
    /// Creation-order and `_id` counter.
    pub counter: u64,
    /// Users.
    pub users: Vec<User>,
    /// Apps.
    pub apps: Vec<App>,
    /// Add-ons.
    pub addons: Vec<Addon>,
    /// Connections.
    pub connections: Vec<Connection>,
    /// Mappings.
    pub mappings: Vec<Mapping>,
    /// Write errors.
    pub write_errors: Vec<WriteError>,
    /// Notifications.
    pub notifications: Vec<Notification>,
    /// Validation jobs.
    pub validation_jobs: Vec<ValidationJob>,
    /// Salesforce authorization states.
    pub authorizations: Vec<Authorization>,
    /// Connect counters by token.
    pub connect_counters: BTreeMap<String, ConnectCounter>,
    /// Platform buckets by user id.
    pub platform_buckets: BTreeMap<String, Bucket>,
    /// Faults in registration order.
    pub faults: Vec<Fault>,
    /// Last fault number.
    pub fault_counter: u64,
    /// Request log.
    pub log: VecDeque<LogEntry>,
    /// Last log sequence number.
    pub log_seq: u64,
}

/// Connection states in the paused group, where mapping timers stop.
pub fn is_paused_group(state: &str) -> bool {
    matches!(state, "PAUSED" | "SYSTEM_ON_ICE" | "ICED")
}

/// Connection states in the error group (§6.1).
pub fn is_connection_error(state: &str) -> bool {
    matches!(
        state,
        "SYSTEM_ERROR"
            | "DB_UNAVAILABLE"
            | "TOO_MANY_ROWS"
            | "UNAUTHORIZED"
            | "HEROKU_UNAUTH"
            | "INACTIVE_ORG"
    )
}

/// Mapping states in the ok group (§6.2).
pub fn is_mapping_ok(state: &str) -> bool {
    matches!(
        state,
        "DATA_SYNCED"
            | "POLLING_SF_CHANGES"
            | "POLLING_SF_BULK"
            | "POLLING_SF_FOR_DELETES"
            | "POLL_EXTERNAL_IDS"
            | "RESOLVE_EXTERNAL_IDS"
            | "WAIT_BULK_UPDATE"
            | "APPLYING_BULK_UPDATE"
            | "ABORTED"
    )
}

/// Mapping states in the in-progress group (§6.2).
pub fn is_mapping_in_progress(state: &str) -> bool {
    matches!(
        state,
        "INITIAL"
            | "RESYNC"
            | "RELOAD_TABLE"
            | "SCHEMA_CHANGED"
            | "WAIT_BULK_LOAD"
            | "LOADING_BULK_JOB"
            | "RECOVERY"
    )
}

/// Mapping states in the error group (§6.2).
pub fn is_mapping_error(state: &str) -> bool {
    matches!(
        state,
        "BULK_LOAD_ERROR"
            | "SYSTEM_ERROR"
            | "DB_UNAVAILABLE"
            | "BAD_CONFIG"
            | "SYNC_REMOVED"
            | "INACTIVE_ORG"
            | "UNAUTHORIZED"
    )
}

impl Store {
    /// The next creation-order number.
    pub fn next_seq(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The user a token acts for.
    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| u.token == token)
    }

    /// A user by id.
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    /// An app by name or id.
    pub fn app_index(&self, name_or_id: &str) -> Option<usize> {
        self.apps
            .iter()
            .position(|a| a.name == name_or_id || a.id == name_or_id)
    }

    /// An app by id.
    pub fn app(&self, id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.id == id)
    }

    /// Whether a user owns or collaborates on an app.
    pub fn is_member(&self, app: &App, user_id: &str) -> bool {
        app.owner_id == user_id || app.collaborators.iter().any(|c| c == user_id)
    }

    /// An app the user is a member of: 404 unknown, 403 not a member.
    pub fn member_app(&self, name_or_id: &str, user_id: &str) -> AppResult<usize> {
        let i = self
            .app_index(name_or_id)
            .ok_or_else(|| AppError::not_found(format!("App {name_or_id} not found.")))?;
        if !self.is_member(&self.apps[i], user_id) {
            return Err(AppError::forbidden(format!(
                "You do not have access to the app {}.",
                self.apps[i].name
            )));
        }
        Ok(i)
    }

    /// A connection by id.
    pub fn connection_index(&self, id: &str) -> Option<usize> {
        self.connections.iter().position(|c| c.id == id)
    }

    /// A connection the user may use on this host: 404 unknown or served elsewhere, 403 not on the access list.
    pub fn accessible_connection(&self, id: &str, user_id: &str, site: &Site) -> AppResult<usize> {
        let i = self
            .connection_index(id)
            .filter(|&i| site.serves(&self.connections[i].region))
            .ok_or_else(|| AppError::not_found(format!("Connection {id} not found.")))?;
        if !self.connections[i].access_list.iter().any(|u| u == user_id) {
            return Err(AppError::forbidden(
                "You are not on this connection's access list. Call POST /auth/<app> first.",
            ));
        }
        Ok(i)
    }

    /// A mapping the user may use on this host, with its connection's index.
    pub fn accessible_mapping(
        &self,
        id: &str,
        user_id: &str,
        site: &Site,
    ) -> AppResult<(usize, usize)> {
        let m = self
            .mappings
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(|| AppError::not_found(format!("Mapping {id} not found.")))?;
        let cid = self.mappings[m].connection_id.clone();
        let c = self
            .accessible_connection(&cid, user_id, site)
            .map_err(|e| {
                if e.id == "not_found" {
                    AppError::not_found(format!("Mapping {id} not found."))
                } else {
                    e
                }
            })?;
        Ok((m, c))
    }

    /// Mappings of a connection, in creation order.
    pub fn mappings_of<'a>(
        &'a self,
        connection_id: &'a str,
    ) -> impl Iterator<Item = &'a Mapping> + 'a {
        self.mappings
            .iter()
            .filter(move |m| m.connection_id == connection_id)
    }

    /// Write errors of the last 24 simulated hours for a connection and, optionally, one object.
    pub fn recent_write_errors<'a>(
        &'a self,
        connection_id: &'a str,
        object: Option<&'a str>,
    ) -> Vec<&'a WriteError> {
        let since = self.tick.saturating_sub(clock::DAY);
        self.write_errors
            .iter()
            .filter(|e| e.connection_id == connection_id && e.created_tick >= since)
            .filter(|e| object.is_none_or(|o| e.object_name.eq_ignore_ascii_case(o)))
            .collect()
    }
}
