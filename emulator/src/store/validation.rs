//! Mapping configs: parsing a `config` object with its defaults (§5.2), and the content rules of §5.4 against
//! the demo org's schema and the plan minimum (§5.3).
//!
//! Type errors are 400s here; rule breaks come back as a list, and the caller decides whether they mean 422
//! (create, update) or `BAD_CONFIG` (import).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::seed::org;
use super::MappingConfig;
use crate::error::{AppError, AppResult};

/// The fields every mapping must have.
pub const REQUIRED_SYSTEM_FIELDS: [&str; 3] = ["Id", "SystemModstamp", "IsDeleted"];

/// Minimum `sf_polling_seconds` of a plan.
pub fn plan_minimum(plan: &str) -> u64 {
    if plan == "demo" {
        600
    } else {
        120
    }
}

impl Default for MappingConfig {
    fn default() -> Self {
        let fields = ["Id", "SystemModstamp", "IsDeleted", "CreatedDate"]
            .iter()
            .map(|f| ((*f).to_owned(), json!({})))
            .collect();
        let indexes = BTreeMap::from([
            ("Id".to_owned(), json!({"unique": true})),
            ("SystemModstamp".to_owned(), json!({"unique": false})),
        ]);
        Self {
            access: "read_only".into(),
            sf_notify_enabled: false,
            sf_polling_seconds: 600,
            sf_max_daily_api_calls: 30_000,
            fields,
            indexes,
            upsert_field: None,
        }
    }
}

fn bad(path: &str, what: &str) -> AppError {
    AppError::bad_request(format!("{path} must be {what}.")).with("path", json!(path))
}

fn uint(v: &Value, path: &str) -> AppResult<u64> {
    v.as_u64()
        .ok_or_else(|| bad(path, "a non-negative integer"))
}

/// Parses `config` over `base`: each key present replaces the stored value; unknown keys are ignored.
pub fn parse_config(value: &Value, base: MappingConfig, path: &str) -> AppResult<MappingConfig> {
    let obj = value.as_object().ok_or_else(|| bad(path, "an object"))?;
    let mut config = base;
    for (key, v) in obj {
        let p = format!("{path}.{key}");
        match key.as_str() {
            "access" => match v.as_str() {
                Some(a @ ("read_only" | "read_write")) => config.access = a.into(),
                _ => return Err(bad(&p, "\"read_only\" or \"read_write\"")),
            },
            "sf_notify_enabled" => {
                config.sf_notify_enabled = v.as_bool().ok_or_else(|| bad(&p, "a boolean"))?
            }
            "sf_polling_seconds" => config.sf_polling_seconds = uint(v, &p)?,
            "sf_max_daily_api_calls" => {
                let n = uint(v, &p)?;
                if n == 0 {
                    return Err(bad(&p, "greater than zero"));
                }
                config.sf_max_daily_api_calls = n;
            }
            "fields" => config.fields = parse_fields(v, &p)?,
            "indexes" => config.indexes = parse_indexes(v, &p)?,
            "upsert_field" => {
                config.upsert_field = match v {
                    Value::Null => None,
                    Value::String(s) => Some(s.clone()),
                    _ => return Err(bad(&p, "a string")),
                }
            }
            _ => {}
        }
    }
    Ok(config)
}

fn parse_fields(v: &Value, path: &str) -> AppResult<BTreeMap<String, Value>> {
    let obj = v
        .as_object()
        .ok_or_else(|| bad(path, "an object of field names"))?;
    obj.iter()
        .map(|(name, opts)| match opts {
            Value::Object(_) => Ok((name.clone(), opts.clone())),
            Value::Null => Ok((name.clone(), Value::Object(Map::new()))),
            _ => Err(bad(&format!("{path}.{name}"), "an object")),
        })
        .collect()
}

fn parse_indexes(v: &Value, path: &str) -> AppResult<BTreeMap<String, Value>> {
    let obj = v
        .as_object()
        .ok_or_else(|| bad(path, "an object of field names"))?;
    obj.iter()
        .map(|(name, opts)| {
            let p = format!("{path}.{name}");
            let o = opts.as_object().ok_or_else(|| bad(&p, "an object"))?;
            match o.get("unique") {
                None | Some(Value::Bool(_)) => Ok((
                    name.clone(),
                    json!({"unique": o.get("unique").and_then(Value::as_bool).unwrap_or(false)}),
                )),
                Some(_) => Err(bad(&format!("{p}.unique"), "a boolean")),
            }
        })
        .collect()
}

/// The §5.4 "must" rules: errors as `(path, message)`. `check_polling` is off for imports, which raise instead.
pub fn rule_errors(
    object_name: &str,
    config: &MappingConfig,
    plan: &str,
    version: &str,
    check_polling: bool,
) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    for f in REQUIRED_SYSTEM_FIELDS {
        if !config.fields.contains_key(f) {
            errors.push((
                format!("config.fields.{f}"),
                format!("Every mapping must include the field {f}."),
            ));
        }
    }
    for name in config.indexes.keys() {
        if !config.fields.contains_key(name) {
            errors.push((
                format!("config.indexes.{name}"),
                format!("The index on {name} names a field that is not mapped."),
            ));
        }
    }
    if check_polling && config.sf_polling_seconds < plan_minimum(plan) {
        errors.push((
            "config.sf_polling_seconds".into(),
            format!(
                "The {plan} plan polls at most every {} seconds.",
                plan_minimum(plan)
            ),
        ));
    }
    let Some(object) = org().object(object_name) else {
        errors.push((
            "object_name".into(),
            format!("The object {object_name} does not exist in the Salesforce org."),
        ));
        return errors;
    };
    let schema = org().fields_at(object, version);
    for name in config.fields.keys() {
        if !schema.iter().any(|f| &f.name == name) {
            errors.push((
                format!("config.fields.{name}"),
                format!(
                    "The field {}.{name} does not exist in Salesforce.",
                    object.name
                ),
            ));
        }
    }
    if let Some(upsert) = &config.upsert_field {
        let path = "config.upsert_field".to_owned();
        if !config.fields.contains_key(upsert) {
            errors.push((path, format!("The upsert field {upsert} is not mapped.")));
        } else if !schema.iter().any(|f| &f.name == upsert && f.external_id) {
            errors.push((
                path,
                format!("The upsert field {upsert} is not an external id."),
            ));
        } else if config
            .indexes
            .get(upsert)
            .and_then(|i| i.get("unique"))
            .and_then(Value::as_bool)
            != Some(true)
        {
            errors.push((
                path,
                format!("The upsert field {upsert} needs a unique index."),
            ));
        }
    }
    errors
}

/// Required fields of the object that a read_write mapping leaves out (a "should" rule).
pub fn missing_required(object_name: &str, config: &MappingConfig, version: &str) -> Vec<String> {
    let Some(object) = org().object(object_name) else {
        return Vec::new();
    };
    org()
        .fields_at(object, version)
        .into_iter()
        .filter(|f| f.required && !config.fields.contains_key(&f.name))
        .map(|f| f.name)
        .collect()
}

/// The canonical spelling of an org object, or the name as given.
pub fn canonical_object(name: &str) -> String {
    org()
        .object(name)
        .map(|o| o.name.clone())
        .unwrap_or_else(|| name.to_owned())
}
