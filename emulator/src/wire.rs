//! The emulator's own response shapes, written from the contract (§4) rather than shared with the client:
//! discovery records, connection and mapping objects, apps, add-ons and the account.
//!
//! Request bodies are parsed by the Store methods that use them; this module only renders.

use serde_json::{json, Map, Value};

use crate::store::clock::{rfc3339, spaced};
use crate::store::exchange::{config_json, features};
use crate::store::seed::org;
use crate::store::site::cell_of;
use crate::store::{Addon, App, Connection, Mapping, Site, Store, User};

fn region_label(region: &str) -> (&'static str, &'static str) {
    match region {
        "eu" => ("Region (EU)", "european-union"),
        _ => ("Region (US)", "united-states"),
    }
}

/// `regions` and `cells` lookups for a set of connections (empty objects when there are none).
pub fn regions_and_cells(store: &Store, conns: &[usize], site: &Site) -> (Value, Value) {
    let mut regions = Map::new();
    let mut cells = Map::new();
    for &i in conns {
        let region = store.connections[i].region.as_str();
        let (label, flag) = region_label(region);
        regions.insert(region.into(), json!({"flag": flag, "label": label}));
        let cell_label = if region == "eu" {
            "Region Instance (EU)"
        } else {
            "Region Instance (US)"
        };
        cells.insert(
            cell_of(region).into(),
            json!({"url": site.region_url(region), "flag": flag, "label": cell_label}),
        );
    }
    (Value::Object(regions), Value::Object(cells))
}

/// A discovery record (§4.1.1): absolute `region_url` and `detail_url`, no query string.
pub fn discovery_record(store: &Store, conn: &Connection, site: &Site) -> Value {
    let app = store.app(&conn.app_id);
    let region_url = site.region_url(&conn.region);
    let (label, flag) = region_label(&conn.region);
    json!({
        "id": conn.id,
        "resource_name": conn.resource_name,
        "app_name": app.map(|a| a.name.clone()),
        "app_id": conn.app_id,
        "display_name": app.map(|a| a.name.clone()),
        "addon_type": "Sync",
        "region": conn.region,
        "region_label": label,
        "region_flag": flag,
        "cell": cell_of(&conn.region),
        "cell_label": if conn.region == "eu" { "Region Instance (EU)" } else { "Region Instance (US)" },
        "region_url": region_url,
        "detail_url": format!("{region_url}/api/v3/connections/{}", conn.id),
    })
}

/// A connection object (§4.2.2); `deep` adds `mappings`.
pub fn connection(store: &Store, conn: &Connection, site: &Site, deep: bool) -> Value {
    let app = store.app(&conn.app_id);
    let o = org();
    let authorized = conn.sf.is_some();
    let sf_info = conn.sf.as_ref().map(|sf| {
        json!({"username": o.username, "organization_id": o.id, "environment": sf.environment, "domain": sf.domain, "api_version": sf.api_version})
    });
    let user_info = authorized.then(|| {
        json!({
            "id": format!("https://login.salesforce.com/id/{}/{}", o.id, o.user_id),
            "user_id": o.user_id,
            "organization_id": o.id,
            "username": o.username,
            "display_name": o.display_name,
            "email": o.username,
            "urls": {"rest": format!("{}/services/data/v{{version}}/", o.instance_url), "profile": format!("{}/{}", o.instance_url, o.user_id)},
        })
    });
    let database = conn.db_key.as_ref().map(|k| {
        let suffix = k.trim_end_matches("_URL").to_ascii_lowercase().replace('_', "-");
        json!({"host": format!("ec2-{}.compute-1.amazonaws.com", conn.num), "database": format!("d{}{}", conn.num, suffix.len()), "port": 5432})
    });
    let region_url = site.region_url(&conn.region);
    let mut v = json!({
        "id": conn.id,
        "_id": conn.num,
        "name": conn.name,
        "resource_name": conn.resource_name,
        "app_name": app.map(|a| a.name.clone()),
        "internal_name": format!("{}-{}", conn.resource_name, conn.num),
        "addon_id": conn.id,
        "app_id": conn.app_id,
        "team_name": Value::Null,
        "enterprise_account_name": Value::Null,
        "plan": conn.plan,
        "free_edition": conn.plan == "demo",
        "dogwood": false,
        "deletable": true,
        "tags": [],
        "created_at": rfc3339(conn.created_tick),
        "auth_updated": conn.auth_updated_tick.map(rfc3339),
        "state": conn.state,
        "mappings_summary_state": store.mapping_summary(&conn.id),
        "db_key": conn.db_key,
        "schema_name": conn.schema_name,
        "database": database,
        "organization_id": authorized.then(|| o.id.clone()),
        "sf_info": sf_info,
        "api_version": store.api_version_of(conn),
        "user_info": user_info,
        "sf_instance": authorized.then(|| o.instance_url.clone()),
        "sf_region": authorized.then(|| o.region.clone()),
        "detail_url": format!("/api/v3/connections/{}", conn.id),
        "notifications_url": format!("/api/v3/connections/{}/notifications", conn.id),
        "region_url": region_url,
        "large_query_threshold": 10000,
        "bulk_page_size": 150000,
        "soap_batch_size": 200,
        "logplex_log_enabled": conn.logplex_log_enabled,
        "metrics": {"last_write_activity_time": Value::Null},
        "features": features(),
        "odata": Value::Null,
    });
    if deep {
        let list: Vec<Value> = store
            .mappings_of(&conn.id)
            .map(|m| mapping(store, m, site))
            .collect();
        v["mappings"] = Value::Array(list);
    }
    v
}

/// A mapping object (§4.3.2).
pub fn mapping(store: &Store, m: &Mapping, site: &Site) -> Value {
    let region = store
        .connections
        .iter()
        .find(|c| c.id == m.connection_id)
        .map_or("us", |c| c.region.as_str());
    let mut config = config_json(&m.config);
    config["revision"] = json!(m.revision);
    config["applied_at"] = json!(rfc3339(m.applied_tick));
    let errors = store
        .recent_write_errors(&m.connection_id, Some(&m.object_name))
        .len();
    let description = match m.state.as_str() {
        "DATA_SYNCED" => "OK",
        "INITIAL" => "Creating",
        "RELOAD_TABLE" => "Reloading",
        "SCHEMA_CHANGED" => "Altering DB schema",
        "RESYNC" => "Loading new columns",
        "POLLING_SF_CHANGES" => "Polling SF",
        "RECOVERY" => "Recovering",
        "BAD_CONFIG" => "Invalid configuration",
        _ => m.state.as_str(),
    };
    let has_counts = m.times.db_write.is_some();
    json!({
        "id": m.id,
        "_id": m.num,
        "object_name": m.object_name,
        "state": m.state,
        "state_description": description,
        "config": config,
        "access": m.config.access,
        "sf_notify_enabled": m.config.sf_notify_enabled,
        "sf_polling_seconds": m.config.sf_polling_seconds,
        "upsert_field": m.config.upsert_field,
        "counts": {"db": m.counts.db, "sf": m.counts.sf, "pending": m.counts.pending, "errors": errors},
        "times": {
            "sf_poll": m.times.sf_poll.map(spaced),
            "sf_write": m.times.sf_write.map(spaced),
            "db_poll": m.times.db_poll.map(spaced),
            "db_write": m.times.db_write.map(spaced),
        },
        "actively_writing": false,
        "is_polling": m.state == "POLLING_SF_CHANGES",
        "has_hc_columns": m.config.access == "read_write",
        "sync_flags": {},
        "detail_url": format!("/api/v3/mappings/{}", m.id),
        "errors_url": format!("/api/v3/mappings/{}/errors", m.id),
        "schema_url": format!("{}/api/v3/connections/{}/schemas/{}", site.region_url(region), m.connection_id, m.object_name),
        "connection": {"id": m.connection_id},
        "created_at": rfc3339(m.created_tick),
        "updated_at": rfc3339(m.updated_tick),
        "db_count_date": has_counts.then(|| rfc3339(m.times.db_write.unwrap_or(0))),
        "salesforce_count_date": has_counts.then(|| rfc3339(m.times.db_write.unwrap_or(0))),
    })
}

/// A Platform API app.
pub fn app(store: &Store, a: &App) -> Value {
    let owner = store.user(&a.owner_id);
    let region_id = if a.region == "eu" {
        "ed30241c-ed8c-4bb6-9714-61953675d0b4"
    } else {
        "59accabd-516d-4f0e-83e6-6e3757701145"
    };
    json!({
        "id": a.id,
        "name": a.name,
        "region": {"id": region_id, "name": a.region},
        "space": Value::Null,
        "stack": {"id": "ee582d3c-717d-4a57-ba5f-8b3a39f3a817", "name": "heroku-24"},
        "owner": {"id": a.owner_id, "email": owner.map(|u| u.email.clone())},
        "web_url": format!("https://{}.herokuapp.com/", a.name),
        "git_url": format!("https://git.heroku.com/{}.git", a.name),
        "created_at": rfc3339(a.created_tick),
        "updated_at": rfc3339(a.created_tick),
    })
}

/// A Platform API add-on.
pub fn addon(store: &Store, a: &Addon) -> Value {
    let app = store.app(&a.app_id);
    let service = a.service();
    let service_id = if a.is_connect() {
        "8c5b5f4c-5f1a-4a0e-9d6e-0f3c2b1a0c01"
    } else {
        "6c67493d-8fc2-4cd4-9161-4f1ec11cbe69"
    };
    json!({
        "id": a.id,
        "name": a.name,
        "addon_service": {"id": service_id, "name": service},
        "plan": {"id": format!("plan-{}", a.plan.replace(':', "-")), "name": a.plan},
        "state": a.state,
        "config_vars": a.config_vars,
        "app": {"id": a.app_id, "name": app.map(|x| x.name.clone())},
        "provider_id": format!("resource{}@heroku.com", a.seq),
        "web_url": format!("https://addons-sso.heroku.com/apps/{}/addons/{}", a.app_id, a.id),
        "created_at": rfc3339(a.created_tick),
        "updated_at": rfc3339(a.created_tick),
    })
}

/// `GET /account`.
pub fn account(u: &User) -> Value {
    json!({"id": u.id, "email": u.email, "name": u.name, "verified": true, "two_factor_authentication": false, "created_at": rfc3339(0)})
}
