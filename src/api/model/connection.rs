//! Discovery records (contract §4.1) and the connection object (§4.2.2), plus the merge of a
//! deep detail over its discovery record.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ConnectionState, Mapping, Timestamp};

/// One connection as discovery lists it (`results[]` of §4.1.1, `connections[]` of §4.1.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DiscoveryRecord {
    /// Connection id.
    pub id: String,
    /// Add-on resource name, e.g. `herokuconnect-acme-10001`.
    pub resource_name: Option<String>,
    /// App name.
    pub app_name: Option<String>,
    /// App id.
    pub app_id: Option<String>,
    /// Display name (usually the app name).
    pub display_name: Option<String>,
    /// `"Sync"`.
    pub addon_type: Option<String>,
    /// Region key, e.g. `us`.
    pub region: Option<String>,
    /// e.g. `Region (US)`.
    pub region_label: Option<String>,
    /// e.g. `united-states`.
    pub region_flag: Option<String>,
    /// Cell key, e.g. `virginia-1`.
    pub cell: Option<String>,
    /// Cell label.
    pub cell_label: Option<String>,
    /// Base of every regional call for this connection.
    pub region_url: Option<String>,
    /// Where the connection's detail lives (absolute here).
    pub detail_url: Option<String>,
}

/// Display data of a region or cell in the discovery lookup maps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RegionInfo {
    /// Flag key.
    pub flag: Option<String>,
    /// Label.
    pub label: Option<String>,
    /// Cell base URL (cells only).
    pub url: Option<String>,
}

/// `GET /connections` on discovery (§4.1.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DiscoveryList {
    /// Total count.
    pub count: Option<u64>,
    /// Next page (absolute URL), followed through the token gate.
    pub next: Option<String>,
    /// Previous page.
    pub previous: Option<String>,
    /// The records.
    pub results: Vec<DiscoveryRecord>,
    /// Region lookup (display only).
    pub regions: BTreeMap<String, RegionInfo>,
    /// Cell lookup (display only).
    pub cells: BTreeMap<String, RegionInfo>,
}

/// The user block of an `/auth` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AuthUser {
    /// User id.
    pub id: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// `POST /auth/<app>` on discovery (§4.1.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AuthAnswer {
    /// Who was added.
    pub user: Option<AuthUser>,
    /// Every connection the user can now reach, in any app.
    pub connections: Vec<DiscoveryRecord>,
}

/// Salesforce org data of an authorized connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SfInfo {
    /// Salesforce user name.
    pub username: Option<String>,
    /// Org id.
    pub organization_id: Option<String>,
    /// `production`, `sandbox` or `custom`.
    pub environment: Option<String>,
    /// Login host, e.g. `https://login.salesforce.com`.
    pub domain: Option<String>,
    /// e.g. `62.0`.
    pub api_version: Option<String>,
}

/// Database location (display only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DatabaseInfo {
    /// Host.
    pub host: Option<String>,
    /// Database name.
    pub database: Option<String>,
    /// Port (number or text).
    pub port: Option<super::FlexId>,
}

/// A connection (§4.2.2), possibly merged over its discovery record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Connection {
    /// Connection id.
    pub id: String,
    /// User-set name.
    pub name: Option<String>,
    /// Add-on resource name.
    pub resource_name: Option<String>,
    /// App name.
    pub app_name: Option<String>,
    /// App id.
    pub app_id: Option<String>,
    /// Add-on id.
    pub addon_id: Option<String>,
    /// Plan: `demo`, `enterprise`, `shield`.
    pub plan: Option<String>,
    /// State; `None` when the answer had none.
    pub state: Option<ConnectionState>,
    /// e.g. `OK`.
    pub mappings_summary_state: Option<String>,
    /// Config var of the database, e.g. `DATABASE_URL`.
    pub db_key: Option<String>,
    /// Postgres schema, e.g. `salesforce`.
    pub schema_name: Option<String>,
    /// Database location.
    pub database: Option<DatabaseInfo>,
    /// Salesforce org id once authorized.
    pub organization_id: Option<String>,
    /// Salesforce org data.
    pub sf_info: Option<SfInfo>,
    /// Fallback API version when `sf_info.api_version` is missing.
    pub api_version: Option<String>,
    /// Salesforce identity (display only; kept as JSON).
    pub user_info: Option<serde_json::Value>,
    /// Salesforce instance URL.
    pub sf_instance: Option<String>,
    /// Regional base URL of this connection.
    pub region_url: Option<String>,
    /// Detail URL (absolute or relative).
    pub detail_url: Option<String>,
    /// Region key (from discovery).
    pub region: Option<String>,
    /// Region label (from discovery).
    pub region_label: Option<String>,
    /// Cell key (from discovery).
    pub cell: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
    /// When Salesforce auth last completed.
    pub auth_updated: Option<Timestamp>,
    /// Whether logs go to Logplex.
    pub logplex_log_enabled: Option<bool>,
    /// Feature flags (the set changes over time).
    pub features: BTreeMap<String, serde_json::Value>,
    /// Mappings (deep detail only).
    pub mappings: Vec<Mapping>,
}

impl Connection {
    /// The connection as a discovery record describes it, before any detail.
    pub fn from_discovery(r: &DiscoveryRecord) -> Connection {
        Connection {
            id: r.id.clone(),
            resource_name: r.resource_name.clone(),
            app_name: r.app_name.clone(),
            app_id: r.app_id.clone(),
            region_url: r.region_url.clone(),
            detail_url: r.detail_url.clone(),
            region: r.region.clone(),
            region_label: r.region_label.clone(),
            cell: r.cell.clone(),
            ..Connection::default()
        }
    }

    /// Lays `self` (a detail) over `base` (what was known before): every field the detail
    /// carries wins, the rest is kept. Mappings come from the detail when it has any field set
    /// at all, since a deep detail with no mappings means there are none.
    pub fn merged_over(self, base: &Connection) -> Connection {
        fn pick<T: Clone>(new: Option<T>, old: &Option<T>) -> Option<T> {
            new.or_else(|| old.clone())
        }
        Connection {
            id: if self.id.is_empty() {
                base.id.clone()
            } else {
                self.id
            },
            name: pick(self.name, &base.name),
            resource_name: pick(self.resource_name, &base.resource_name),
            app_name: pick(self.app_name, &base.app_name),
            app_id: pick(self.app_id, &base.app_id),
            addon_id: pick(self.addon_id, &base.addon_id),
            plan: pick(self.plan, &base.plan),
            state: pick(self.state, &base.state),
            mappings_summary_state: pick(self.mappings_summary_state, &base.mappings_summary_state),
            db_key: pick(self.db_key, &base.db_key),
            schema_name: pick(self.schema_name, &base.schema_name),
            database: pick(self.database, &base.database),
            organization_id: pick(self.organization_id, &base.organization_id),
            sf_info: pick(self.sf_info, &base.sf_info),
            api_version: pick(self.api_version, &base.api_version),
            user_info: pick(self.user_info, &base.user_info),
            sf_instance: pick(self.sf_instance, &base.sf_instance),
            // The host a connection was found on stays its host: a detail answer naming another one
            // (Flow B finds connections on connect-us, whose details name their cell) must not move
            // later calls, or the two flows would be mixed for one connection (contract §1.3). A
            // relative or missing value never replaces an absolute one either.
            region_url: keep_absolute(&base.region_url, self.region_url),
            detail_url: keep_absolute(&base.detail_url, self.detail_url),
            region: pick(self.region, &base.region),
            region_label: pick(self.region_label, &base.region_label),
            cell: pick(self.cell, &base.cell),
            created_at: pick(self.created_at, &base.created_at),
            auth_updated: pick(self.auth_updated, &base.auth_updated),
            logplex_log_enabled: pick(self.logplex_log_enabled, &base.logplex_log_enabled),
            features: if self.features.is_empty() {
                base.features.clone()
            } else {
                self.features
            },
            mappings: self.mappings,
        }
    }

    /// The Salesforce API version in use: `sf_info.api_version`, else `api_version`.
    pub fn sf_api_version(&self) -> Option<&str> {
        self.sf_info
            .as_ref()
            .and_then(|i| i.api_version.as_deref())
            .or(self.api_version.as_deref())
    }

    /// Whether Salesforce is authorized: an org id is known.
    pub fn is_authorized(&self) -> bool {
        self.organization_id.is_some()
            || self
                .sf_info
                .as_ref()
                .is_some_and(|i| i.organization_id.is_some())
    }

    /// The state, or `Other("")` when the answer had none.
    pub fn state_or_unknown(&self) -> ConnectionState {
        self.state
            .clone()
            .unwrap_or_else(|| ConnectionState::Other(String::new()))
    }

    /// Finds a mapping by Salesforce object name, case-insensitively.
    pub fn mapping(&self, object_name: &str) -> Option<&Mapping> {
        self.mappings
            .iter()
            .find(|m| m.object_name.eq_ignore_ascii_case(object_name))
    }
}

/// `known` when it is an absolute URL, else `fresh` when that one is.
fn keep_absolute(known: &Option<String>, fresh: Option<String>) -> Option<String> {
    let absolute = |u: &String| u.contains("://");
    known
        .clone()
        .filter(absolute)
        .or_else(|| fresh.filter(absolute))
        .or_else(|| known.clone())
}
