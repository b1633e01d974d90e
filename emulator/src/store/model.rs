//! The Store's records: users, apps, add-ons, connections, mappings, monitoring items, counters, faults and
//! log entries, exactly as they are saved by `--state`.
//!
//! Plain data only; the rules that change them are `Store` methods in the sibling modules.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Rate-limit settings chosen on the command line; they survive a reset.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Limits {
    /// Connect requests per token per simulated UTC day.
    pub connect_daily_limit: u64,
    /// Size of each user's Platform API token bucket.
    pub platform_limit: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect_daily_limit: 5000,
            platform_limit: 4500,
        }
    }
}

/// A Heroku user and the one API token that acts for them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// User id.
    pub id: String,
    /// Email address.
    pub email: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Bearer token.
    pub token: String,
}

/// A Heroku app.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct App {
    /// App id.
    pub id: String,
    /// App name.
    pub name: String,
    /// `us` or `eu`.
    pub region: String,
    /// Owner's user id.
    pub owner_id: String,
    /// Collaborators' user ids.
    #[serde(default)]
    pub collaborators: Vec<String>,
    /// Creation tick.
    #[serde(default)]
    pub created_tick: u64,
}

/// A Heroku add-on (Postgres or Connect).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Addon {
    /// Add-on id; for Connect, also the connection id.
    pub id: String,
    /// Resource name, e.g. `herokuconnect-acme-10001`.
    pub name: String,
    /// Owning app id.
    pub app_id: String,
    /// Full plan name, e.g. `heroku-postgresql:essential-0`.
    pub plan: String,
    /// `provisioning`, `provisioned` or `deprovisioned`.
    pub state: String,
    /// Config vars the add-on sets.
    #[serde(default)]
    pub config_vars: Vec<String>,
    /// Creation tick.
    #[serde(default)]
    pub created_tick: u64,
    /// Ticks left until `provisioned`.
    #[serde(default)]
    pub left: Option<u64>,
    /// Creation order.
    #[serde(default)]
    pub seq: u64,
}

impl Addon {
    /// The service name: the plan up to the colon.
    pub fn service(&self) -> &str {
        self.plan.split(':').next().unwrap_or(&self.plan)
    }

    /// The plan after the colon.
    pub fn plan_short(&self) -> &str {
        self.plan.split(':').nth(1).unwrap_or("demo")
    }

    /// Whether this is a Connect add-on.
    pub fn is_connect(&self) -> bool {
        self.service() == "herokuconnect"
    }

    /// Whether this is a Postgres add-on.
    pub fn is_postgres(&self) -> bool {
        self.service() == "heroku-postgresql"
    }
}

/// The Salesforce grant a connection holds after consent (§7).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SfGrant {
    /// `production`, `sandbox` or `custom`.
    pub environment: String,
    /// Login origin, e.g. `https://login.salesforce.com`.
    pub domain: String,
    /// Current API version, e.g. `62.0`.
    pub api_version: String,
}

/// A Heroku Connect connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Connection {
    /// Connection id (the Connect add-on's id).
    pub id: String,
    /// Integer `_id`.
    pub num: u64,
    /// Owning app id.
    pub app_id: String,
    /// User-set name.
    pub name: String,
    /// Add-on resource name.
    pub resource_name: String,
    /// `demo`, `enterprise` or `shield`.
    pub plan: String,
    /// `us` or `eu`.
    pub region: String,
    /// State string (§6.1); any string after `set-state`.
    pub state: String,
    /// Config var of the database.
    pub db_key: Option<String>,
    /// Postgres schema.
    pub schema_name: Option<String>,
    /// Salesforce grant, once authorized.
    pub sf: Option<SfGrant>,
    /// Tick of the last Salesforce authorization.
    pub auth_updated_tick: Option<u64>,
    /// Whether a log drain is set.
    pub logplex_log_enabled: bool,
    /// User ids that may use the connection.
    pub access_list: Vec<String>,
    /// Creation tick.
    pub created_tick: u64,
    /// The state entered when `left` reaches zero.
    pub next_state: Option<String>,
    /// Ticks left in the current timed state.
    pub left: Option<u64>,
    /// Creation order.
    pub seq: u64,
}

/// One step a mapping will take: a state and how many ticks it stays there (None: until something happens).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Step {
    /// State to enter.
    pub state: String,
    /// Ticks to stay in it.
    pub ticks: Option<u64>,
}

/// One mapped field's or index's config (§5.2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MappingConfig {
    /// `read_only` or `read_write`.
    pub access: String,
    /// Accelerated polling.
    pub sf_notify_enabled: bool,
    /// Polling interval.
    pub sf_polling_seconds: u64,
    /// Daily API budget.
    pub sf_max_daily_api_calls: u64,
    /// Mapped fields and their (reserved) options.
    pub fields: BTreeMap<String, Value>,
    /// Indexes: field name to `{unique}`.
    pub indexes: BTreeMap<String, Value>,
    /// External-id field for writes.
    pub upsert_field: Option<String>,
}

/// Row counts shown on a mapping.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Rows in Postgres.
    pub db: u64,
    /// Records in Salesforce.
    pub sf: u64,
    /// Pending writes.
    pub pending: u64,
}

/// Last-activity ticks of a mapping.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Times {
    /// Last Salesforce poll.
    pub sf_poll: Option<u64>,
    /// Last write to Salesforce.
    pub sf_write: Option<u64>,
    /// Last read of the trigger log.
    pub db_poll: Option<u64>,
    /// Last write to Postgres.
    pub db_write: Option<u64>,
}

/// A mapping of one Salesforce object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mapping {
    /// Mapping id.
    pub id: String,
    /// Integer `_id`.
    pub num: u64,
    /// Owning connection.
    pub connection_id: String,
    /// Canonical object name.
    pub object_name: String,
    /// Current config.
    pub config: MappingConfig,
    /// Config revision, bumped on every update.
    pub revision: u64,
    /// Tick the config was last applied.
    pub applied_tick: u64,
    /// State string (§6.2).
    pub state: String,
    /// Ticks left in the current state, if timed.
    pub left: Option<u64>,
    /// States still to come.
    pub steps: VecDeque<Step>,
    /// Counts.
    pub counts: Counts,
    /// Activity times.
    pub times: Times,
    /// Tick of the last completed poll.
    pub last_poll: u64,
    /// Creation tick.
    pub created_tick: u64,
    /// Last change tick.
    pub updated_tick: u64,
    /// Creation order.
    pub seq: u64,
}

/// A write error from the trigger log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WriteError {
    /// Trigger-log id.
    pub id: u64,
    /// Connection.
    pub connection_id: String,
    /// Object name as given.
    pub object_name: String,
    /// Row id.
    pub record_id: Value,
    /// Error text.
    pub message: String,
    /// Creation tick.
    pub created_tick: u64,
}

/// A connection notification.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    /// Notification id (numeric string).
    pub id: String,
    /// Connection.
    pub connection_id: String,
    /// E.g. `mapping-error`.
    pub event_type: String,
    /// Text.
    pub message: String,
    /// Creation tick.
    pub created_tick: u64,
    /// Whether acknowledged.
    pub acknowledged: bool,
}

/// An asynchronous connection diagnosis (§4.4.2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ValidationJob {
    /// Job id.
    pub id: String,
    /// Connection.
    pub connection_id: String,
    /// Creation tick.
    pub created_tick: u64,
    /// GETs so far.
    pub gets: u32,
    /// The result once done.
    pub result: Option<Value>,
    /// Creation order.
    pub seq: u64,
}

/// A pending Salesforce authorization (`state` of §7).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Authorization {
    /// Opaque state value.
    pub state: String,
    /// Connection.
    pub connection_id: String,
    /// User who asked.
    pub user_id: String,
    /// `production`, `sandbox` or `custom`.
    pub environment: String,
    /// Login origin.
    pub domain: String,
    /// Where the browser goes afterwards.
    pub next: Option<String>,
    /// Requested API version.
    pub api_version: Option<String>,
    /// Creation tick.
    pub created_tick: u64,
    /// Whether already used.
    pub used: bool,
}

/// A Connect daily counter.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConnectCounter {
    /// Simulated day (days since 1970).
    pub day: i64,
    /// Requests counted that day.
    pub used: u64,
}

/// A Platform API token bucket.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Bucket {
    /// Tokens left.
    pub tokens: u64,
    /// Tick of the last refill step.
    pub refilled_tick: u64,
}

/// An injected fault (§8.4).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    /// `fault-N`.
    pub id: String,
    /// Method or `*`.
    pub method: Option<String>,
    /// Host, or None for any.
    pub host: Option<String>,
    /// Path pattern with `*` and `**`.
    pub path: String,
    /// Matches left.
    pub times: u64,
    /// The answer to send instead.
    pub respond: Option<Value>,
    /// Wall-clock delay.
    pub delay_ms: u64,
    /// Close the connection.
    pub drop: bool,
}

/// One request-log entry (§8.3).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogEntry {
    /// Sequence number.
    pub seq: u64,
    /// Wall-clock time.
    pub time: String,
    /// Simulated time.
    pub sim_time: String,
    /// Method.
    pub method: String,
    /// Host without port.
    pub host: String,
    /// Path.
    pub path: String,
    /// Raw query, if any.
    pub query: Option<String>,
    /// Service name.
    pub service: Option<String>,
    /// Whether an `Authorization` header came.
    pub auth_present: bool,
    /// Whether its token was valid (None without header).
    pub token_valid: Option<bool>,
    /// Status, None when dropped.
    pub status: Option<u16>,
    /// Fault applied.
    pub fault: Option<String>,
}
