//! Platform API rules: creating apps and add-ons, and what provisioning does when it finishes.
//!
//! Provisioning timers are driven by `transitions.rs`; this file only says what happens at each end.

use serde_json::Value;

use super::{Addon, App, Connection, Store};
use crate::error::{AppError, AppResult};

const ADJECTIVES: &[&str] = &[
    "shiny", "quiet", "brave", "calm", "eager", "fuzzy", "gentle", "lively", "polar", "sunny",
];
const NOUNS: &[&str] = &[
    "river", "meadow", "harbor", "canyon", "forest", "island", "summit", "valley", "comet", "falls",
];
const COLORS: &[&str] = &[
    "AMBER", "BLUE", "BRONZE", "CHARCOAL", "COBALT", "COPPER", "CRIMSON", "GOLD", "GRAY", "GREEN",
];

/// Accepted add-on plans and their canonical names.
fn canonical_plan(plan: &str) -> Option<&'static str> {
    match plan {
        "heroku-postgresql:essential-0" => Some("heroku-postgresql:essential-0"),
        "heroku-postgresql:essential-1" => Some("heroku-postgresql:essential-1"),
        "heroku-postgresql:essential-2" => Some("heroku-postgresql:essential-2"),
        "herokuconnect:demo" | "herokuconnect" => Some("herokuconnect:demo"),
        _ => None,
    }
}

fn valid_app_name(name: &str) -> bool {
    let b = name.as_bytes();
    (3..=30).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[b.len() - 1] != b'-'
}

fn optional_str<'a>(body: &'a Value, key: &str) -> AppResult<Option<&'a str>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(AppError::bad_request(format!("{key} must be a string."))),
    }
}

impl Store {
    /// Apps the user owns or collaborates on.
    pub fn apps_of(&self, user_id: &str) -> Vec<&App> {
        self.apps
            .iter()
            .filter(|a| self.is_member(a, user_id))
            .collect()
    }

    /// `POST /apps`: 422 for a bad or taken name or an unknown region.
    pub fn create_app(&mut self, user_id: &str, body: &Value) -> AppResult<usize> {
        if !body.is_object() {
            return Err(AppError::bad_request("The body must be a JSON object."));
        }
        let region = optional_str(body, "region")?.unwrap_or("us");
        if region != "us" && region != "eu" {
            return Err(AppError::validation(vec![(
                "region".into(),
                format!("Region {region} is not available."),
            )]));
        }
        optional_str(body, "stack")?;
        let name = match optional_str(body, "name")? {
            Some(n) => {
                if !valid_app_name(n) {
                    return Err(AppError::validation(vec![(
                        "name".into(),
                        "Name must start with a letter, end with a letter or digit, and only contain lowercase letters, digits and dashes (3 to 30 characters).".into(),
                    )]));
                }
                if self.app_index(n).is_some() {
                    return Err(AppError::validation(vec![(
                        "name".into(),
                        format!("Name {n} is already taken."),
                    )]));
                }
                n.to_owned()
            }
            None => loop {
                let a = ADJECTIVES[self.ids.range(0, ADJECTIVES.len() as u64) as usize];
                let n = NOUNS[self.ids.range(0, NOUNS.len() as u64) as usize];
                let candidate = format!("{a}-{n}-{}", self.ids.range(10_000, 100_000));
                if self.app_index(&candidate).is_none() {
                    break candidate;
                }
            },
        };
        let app = App {
            id: self.ids.uuid(),
            name,
            region: region.into(),
            owner_id: user_id.into(),
            collaborators: Vec::new(),
            created_tick: self.tick,
        };
        self.apps.push(app);
        Ok(self.apps.len() - 1)
    }

    /// Add-ons of an app.
    pub fn addons_of(&self, app_id: &str) -> Vec<&Addon> {
        self.addons.iter().filter(|a| a.app_id == app_id).collect()
    }

    /// `POST /apps/<app>/addons`: 422 for an unknown plan; starts provisioning (Postgres 5 ticks, Connect 2).
    pub fn create_addon(&mut self, app_index: usize, body: &Value) -> AppResult<usize> {
        if !body.is_object() {
            return Err(AppError::bad_request("The body must be a JSON object."));
        }
        let plan = optional_str(body, "plan")?.ok_or_else(|| {
            AppError::validation(vec![("plan".into(), "plan is required.".into())])
        })?;
        let plan = canonical_plan(plan).ok_or_else(|| {
            AppError::validation(vec![(
                "plan".into(),
                format!(
                    "Couldn't find either the add-on service or the add-on plan of \"{plan}\"."
                ),
            )])
        })?;
        optional_str(body, "confirm")?;
        let attachment = match body.get("attachment") {
            None | Some(Value::Null) => None,
            Some(a @ Value::Object(_)) => optional_str(a, "name")?.map(str::to_owned),
            Some(_) => return Err(AppError::bad_request("attachment must be an object.")),
        };
        if !matches!(
            body.get("config"),
            None | Some(Value::Null) | Some(Value::Object(_))
        ) {
            return Err(AppError::bad_request("config must be an object."));
        }
        let app_id = self.apps[app_index].id.clone();
        let is_postgres = plan.starts_with("heroku-postgresql");
        let name = match optional_str(body, "name")? {
            Some(n) => {
                if !valid_app_name(n) && !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err(AppError::validation(vec![(
                        "name".into(),
                        "Invalid add-on name.".into(),
                    )]));
                }
                if self.addons.iter().any(|a| a.name == n) {
                    return Err(AppError::validation(vec![(
                        "name".into(),
                        format!("Name {n} is already taken."),
                    )]));
                }
                n.to_owned()
            }
            None => {
                let prefix = if is_postgres {
                    "postgresql"
                } else {
                    "herokuconnect"
                };
                loop {
                    let word = NOUNS[self.ids.range(0, NOUNS.len() as u64) as usize];
                    let candidate = format!("{prefix}-{word}-{}", self.ids.range(10_000, 100_000));
                    if !self.addons.iter().any(|a| a.name == candidate) {
                        break candidate;
                    }
                }
            }
        };
        let config_vars = if !is_postgres {
            Vec::new()
        } else if let Some(a) = attachment {
            let upper = a.to_ascii_uppercase().replace('-', "_");
            vec![if upper.ends_with("_URL") {
                upper
            } else {
                format!("{upper}_URL")
            }]
        } else {
            let existing = self
                .addons
                .iter()
                .filter(|a| a.app_id == app_id && a.is_postgres())
                .count();
            if existing == 0 {
                vec!["DATABASE_URL".into()]
            } else {
                vec![format!(
                    "HEROKU_POSTGRESQL_{}_URL",
                    COLORS[(existing - 1) % COLORS.len()]
                )]
            }
        };
        let addon = Addon {
            id: self.ids.uuid(),
            name,
            app_id,
            plan: plan.into(),
            state: "provisioning".into(),
            config_vars,
            created_tick: self.tick,
            left: Some(if is_postgres { 5 } else { 2 }),
            seq: self.next_seq(),
        };
        self.addons.push(addon);
        Ok(self.addons.len() - 1)
    }

    /// An add-on reached `provisioned`: a Connect add-on gets its connection, `NEW` with an empty access list.
    pub fn addon_provisioned(&mut self, addon_id: &str) {
        let Some(i) = self.addons.iter().position(|a| a.id == addon_id) else {
            return;
        };
        self.addons[i].state = "provisioned".into();
        self.addons[i].left = None;
        let addon = self.addons[i].clone();
        if !addon.is_connect() || self.connection_index(&addon.id).is_some() {
            return;
        }
        let Some(app) = self.app(&addon.app_id).cloned() else {
            return;
        };
        let num = self.next_seq();
        self.connections.push(Connection {
            id: addon.id.clone(),
            num,
            app_id: app.id.clone(),
            name: app.name.clone(),
            resource_name: addon.name.clone(),
            plan: addon.plan_short().into(),
            region: app.region.clone(),
            state: "NEW".into(),
            db_key: None,
            schema_name: None,
            sf: None,
            auth_updated_tick: None,
            logplex_log_enabled: false,
            access_list: Vec::new(),
            created_tick: self.tick,
            next_state: None,
            left: None,
            seq: num,
        });
    }

    /// Config vars of the app's provisioned Postgres add-ons, with each one's plan (§4.2.4).
    pub fn db_keys(&self, app_id: &str) -> Vec<(String, String)> {
        self.addons
            .iter()
            .filter(|a| a.app_id == app_id && a.is_postgres() && a.state == "provisioned")
            .flat_map(|a| {
                a.config_vars
                    .iter()
                    .map(move |v| (v.clone(), a.plan.clone()))
            })
            .collect()
    }
}
