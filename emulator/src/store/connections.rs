//! Connection rules: discovery and access grants, database settings, Salesforce authorization and the
//! pause/resume/restart actions. Import and export live in `exchange.rs`.
//!
//! Mapping-level rules (create, update, delete, reload) live in `mappings.rs`.

use serde_json::Value;

use super::seed::org;
use super::{is_mapping_error, is_mapping_ok, Authorization, Connection, SfGrant, Site, Store};
use crate::error::{AppError, AppResult};

/// How long an authorization `state` stays usable, in ticks.
pub const AUTH_STATE_TTL: u64 = 900;

fn schema_name_ok(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && (b[0].is_ascii_lowercase() || b[0] == b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

fn absolute_url(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && !rest.is_empty()
                && !rest.starts_with('/')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

fn str_field<'a>(body: &'a Value, key: &str) -> AppResult<Option<&'a str>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(AppError::bad_request(format!("{key} must be a string."))),
    }
}

/// The outcome of the consent form for the browser.
pub enum Consent {
    /// Redirect to this URL.
    Redirect(String),
    /// Show the "complete" page.
    Complete,
    /// Show the "denied" page.
    Denied,
}

impl Store {
    /// The API version a connection works at.
    pub fn api_version_of(&self, conn: &Connection) -> String {
        conn.sf.as_ref().map_or_else(
            || org().authorized_api_version.clone(),
            |s| s.api_version.clone(),
        )
    }

    /// Discovery search: connections on the user's access lists, filtered by app and resource name (§4.1.1).
    pub fn discover(
        &self,
        user_id: &str,
        app: Option<&str>,
        resource_name: Option<&str>,
    ) -> Vec<usize> {
        self.connections
            .iter()
            .enumerate()
            .filter(|(_, c)| c.access_list.iter().any(|u| u == user_id))
            .filter(|(_, c)| {
                app.is_none_or(|a| {
                    self.app(&c.app_id)
                        .is_some_and(|x| x.name == a || x.id == a)
                })
            })
            .filter(|(_, c)| resource_name.is_none_or(|r| c.resource_name == r))
            .map(|(i, _)| i)
            .collect()
    }

    /// `POST /auth/<app>` (§4.1.2) and the legacy grant (§4.2.9): puts the user on the access list of the app's
    /// connections that `site` serves, then returns every connection the user can now reach there, of any app
    /// and (on discovery) in any region. An app with no Connect add-on here joins nothing and gets `[]`.
    pub fn grant(&mut self, app: &str, user_id: &str, site: &Site) -> AppResult<Vec<usize>> {
        let a = self.member_app(app, user_id)?;
        let app_id = self.apps[a].id.clone();
        let mut joined = false;
        for c in self.connections.iter_mut() {
            if c.app_id == app_id && site.serves(&c.region) {
                if !c.access_list.iter().any(|u| u == user_id) {
                    c.access_list.push(user_id.to_owned());
                }
                joined = true;
            }
        }
        if !joined {
            return Ok(Vec::new());
        }
        Ok((0..self.connections.len())
            .filter(|&i| {
                let c = &self.connections[i];
                site.serves(&c.region) && c.access_list.iter().any(|u| u == user_id)
            })
            .collect())
    }

    /// `PATCH /api/v3/connections/<cid>` (§4.2.3).
    pub fn patch_connection(&mut self, c: usize, body: &Value) -> AppResult<()> {
        if !body.is_object() {
            return Err(AppError::bad_request("The body must be a JSON object."));
        }
        let db_key = str_field(body, "db_key")?;
        let schema = str_field(body, "schema_name")?;
        let name = str_field(body, "name")?;
        let conn = &self.connections[c];
        if let Some(k) = db_key {
            if !self.db_keys(&conn.app_id).iter().any(|(v, _)| v == k) {
                return Err(AppError::bad_request(format!(
                    "db_key {k} is not a Postgres config var of this app."
                )));
            }
        }
        if let Some(s) = schema {
            if !schema_name_ok(s) {
                return Err(AppError::bad_request(
                    "schema_name must match ^[a-z_][a-z0-9_]{0,62}$.",
                ));
            }
        }
        let changes_db = db_key.is_some_and(|k| conn.db_key.as_deref() != Some(k))
            || schema.is_some_and(|s| conn.schema_name.as_deref() != Some(s));
        let has_mappings = self.mappings_of(&conn.id).next().is_some();
        if changes_db
            && !matches!(conn.state.as_str(), "NEW" | "NEED_AUTHENTICATION")
            && has_mappings
        {
            return Err(AppError::invalid_state(format!(
                "The database can only change while the connection is NEW or NEED_AUTHENTICATION or has no mappings (current state: {}).",
                conn.state
            )));
        }
        let conn = &mut self.connections[c];
        if let Some(k) = db_key {
            conn.db_key = Some(k.to_owned());
            if schema.is_none() && conn.schema_name.is_none() {
                conn.schema_name = Some("salesforce".into());
            }
        }
        if let Some(s) = schema {
            conn.schema_name = Some(s.to_owned());
        }
        if let Some(n) = name {
            conn.name = n.to_owned();
        }
        if conn.state == "NEW" && conn.db_key.is_some() && conn.schema_name.is_some() {
            conn.state = "NEED_AUTHENTICATION".into();
        }
        Ok(())
    }

    /// `POST …/authorize_url` (§4.2.5): a single-use `state` and the redirect URL.
    pub fn authorize_url(
        &mut self,
        c: usize,
        user_id: &str,
        body: &Value,
        site: &Site,
    ) -> AppResult<String> {
        if !body.is_object() {
            return Err(AppError::bad_request("The body must be a JSON object."));
        }
        let environment = str_field(body, "environment")?.unwrap_or("production");
        if !matches!(environment, "production" | "sandbox" | "custom") {
            return Err(AppError::bad_request(format!(
                "environment {environment} is not production, sandbox or custom."
            )));
        }
        let domain = str_field(body, "domain")?.map(|d| {
            let d = d.trim_end_matches('/');
            d.strip_prefix("https://")
                .or_else(|| d.strip_prefix("http://"))
                .unwrap_or(d)
                .to_ascii_lowercase()
        });
        if environment == "custom" {
            match &domain {
                None => {
                    return Err(AppError::bad_request(
                        "domain is required for the custom environment.",
                    ))
                }
                Some(d) if !d.ends_with(".salesforce.com") || d.contains('/') => {
                    return Err(AppError::bad_request(
                        "domain must be a host ending in .salesforce.com.",
                    ))
                }
                _ => {}
            }
        }
        let next = str_field(body, "next")?;
        if let Some(n) = next {
            if !absolute_url(n) {
                return Err(AppError::bad_request("next must be an absolute URL."));
            }
        }
        let api_version = match str_field(body, "api_version")? {
            Some(v) => Some(org().supported_version(v).ok_or_else(|| {
                AppError::bad_request(format!("api_version {v} is not between 50.0 and 64.0."))
            })?),
            None => None,
        };
        let conn = &self.connections[c];
        if conn.state == "NEW" {
            return Err(AppError::invalid_state("Configure the database (PATCH db_key and schema_name) before authorizing Salesforce."));
        }
        let login_domain = match (environment, &domain) {
            ("custom", Some(d)) => format!("https://{d}"),
            ("sandbox", _) => "https://test.salesforce.com".into(),
            _ => "https://login.salesforce.com".into(),
        };
        let state = self.ids.hex(32);
        let origin = site.salesforce_origin(environment, domain.as_deref());
        self.authorizations.push(Authorization {
            state: state.clone(),
            connection_id: self.connections[c].id.clone(),
            user_id: user_id.to_owned(),
            environment: environment.into(),
            domain: login_domain,
            next: next.map(str::to_owned),
            api_version,
            created_tick: self.tick,
            used: false,
        });
        Ok(format!("{origin}/services/oauth2/authorize?response_type=code&client_id=connect-emulator&state={state}"))
    }

    /// A usable (unused, unexpired, known) authorization state.
    pub fn pending_authorization(&self, state: &str) -> Option<&Authorization> {
        self.authorizations
            .iter()
            .find(|a| a.state == state && !a.used && self.tick < a.created_tick + AUTH_STATE_TTL)
    }

    /// The consent form's POST (§7). `None` means a bad state (the caller answers 400).
    pub fn consent(&mut self, state: &str, allow: bool) -> Option<Consent> {
        self.pending_authorization(state)?;
        let a = self.authorizations.iter_mut().find(|a| a.state == state)?;
        a.used = true;
        let auth = a.clone();
        let next = auth.next.clone();
        if !allow {
            return Some(match next {
                Some(n) => Consent::Redirect(add_query(&n, "error=access_denied")),
                None => Consent::Denied,
            });
        }
        if let Some(c) = self.connection_index(&auth.connection_id) {
            let version = auth
                .api_version
                .clone()
                .unwrap_or_else(|| org().authorized_api_version.clone());
            let tick = self.tick;
            let conn = &mut self.connections[c];
            conn.sf = Some(SfGrant {
                environment: auth.environment.clone(),
                domain: auth.domain.clone(),
                api_version: version,
            });
            conn.auth_updated_tick = Some(tick);
            if matches!(conn.state.as_str(), "NEED_AUTHENTICATION" | "UNAUTHORIZED") {
                conn.state = "IDLE".into();
                conn.next_state = None;
                conn.left = None;
            }
            let cid = conn.id.clone();
            let unauthorized: Vec<usize> = (0..self.mappings.len())
                .filter(|&m| {
                    self.mappings[m].connection_id == cid
                        && self.mappings[m].state == "UNAUTHORIZED"
                })
                .collect();
            for m in unauthorized {
                let steps = self.chain(m, "RECOVERY", 2, None);
                self.start_steps(m, steps);
            }
        }
        Some(match next {
            Some(n) => Consent::Redirect(n),
            None => Consent::Complete,
        })
    }

    /// `actions/pause`: only from `IDLE` [documented].
    pub fn pause(&mut self, c: usize) -> AppResult<()> {
        let state = &self.connections[c].state;
        if state != "IDLE" {
            return Err(AppError::invalid_state(format!(
                "Connection can only be paused when it is IDLE (current state: {state})."
            )));
        }
        self.set_connection_state(c, "PAUSED", None);
        Ok(())
    }

    /// `actions/resume`: only from `PAUSED`; frozen mapping steps continue.
    pub fn resume(&mut self, c: usize) -> AppResult<()> {
        let state = &self.connections[c].state;
        if state != "PAUSED" {
            return Err(AppError::invalid_state(format!(
                "Connection can only be resumed when it is PAUSED (current state: {state})."
            )));
        }
        self.set_connection_state(c, "IDLE", None);
        Ok(())
    }

    /// `actions/restart` (`connect:recover`): error or unknown states recover; mappings in error recover.
    pub fn restart(&mut self, c: usize) -> AppResult<()> {
        let state = self.connections[c].state.clone();
        if matches!(
            state.as_str(),
            "NEW" | "NEED_AUTHENTICATION" | "PAUSED" | "IMPORT_CONFIGURATION"
        ) {
            let hint = if state == "PAUSED" {
                " Use resume instead."
            } else {
                ""
            };
            return Err(AppError::invalid_state(format!(
                "Connection cannot be restarted in state {state}.{hint}"
            )));
        }
        if !matches!(
            state.as_str(),
            "IDLE" | "BUSY" | "POLLING_DB_CHANGES" | "RECOVERY"
        ) {
            self.set_connection_state(c, "RECOVERY", Some(("IDLE", 1)));
        }
        let cid = self.connections[c].id.clone();
        let broken: Vec<usize> = (0..self.mappings.len())
            .filter(|&m| {
                self.mappings[m].connection_id == cid && is_mapping_error(&self.mappings[m].state)
            })
            .collect();
        for m in broken {
            let steps = self.chain(m, "RECOVERY", 2, None);
            self.start_steps(m, steps);
        }
        Ok(())
    }

    /// Whether any mapping of the connection is in the ok group (used by diagnostics and the dashboard).
    pub fn mapping_summary(&self, connection_id: &str) -> &'static str {
        if self
            .mappings_of(connection_id)
            .any(|m| is_mapping_error(&m.state))
        {
            "ERROR"
        } else if self
            .mappings_of(connection_id)
            .all(|m| is_mapping_ok(&m.state))
        {
            "OK"
        } else {
            "BUSY"
        }
    }
}

/// Adds `pair` to a URL's query, before any fragment.
pub fn add_query(url: &str, pair: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    match fragment {
        Some(f) => format!("{base}{sep}{pair}#{f}"),
        None => format!("{base}{sep}{pair}"),
    }
}
