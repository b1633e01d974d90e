//! Regional connection endpoints (contract §4.2): detail, database, Salesforce authorization,
//! pause/resume/restart, export/import. The API-version endpoints live in `versions`, Flow B's
//! list and grant in `legacy`.
//! Every path is rooted at the connection's `region_url` and starts with `/api/v3`.

use super::curl::shell_quote;
use super::endpoint::{ignore_body, seg, Base, Body, Endpoint, Service};
use super::error::{ApiError, ConfigProblem};
use super::model::{normalise_api_version, AppDbKeys, AuthorizeUrl, Connection};
use super::retry::RetryClass;
use super::transport::{HttpResponse, Method};
use super::url::Url;

/// What a regional call needs to know about its connection.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConnRef {
    /// Regional base, e.g. `https://connect-virginia.heroku.com`.
    pub region_url: String,
    /// Connection id.
    pub id: String,
    /// App name, for the CLI equivalent.
    pub app: Option<String>,
    /// Add-on resource name, for the CLI equivalent.
    pub resource_name: Option<String>,
}

impl ConnRef {
    /// The handle of a discovered connection; fails when it has no `region_url`.
    pub fn of(c: &Connection) -> Result<ConnRef, ApiError> {
        let region_url = c.region_url.clone().ok_or_else(|| {
            ApiError::BadConfig(ConfigProblem::NoRegionUrl {
                connection: c.id.clone(),
            })
        })?;
        Ok(ConnRef {
            region_url,
            id: c.id.clone(),
            app: c.app_name.clone(),
            resource_name: c.resource_name.clone(),
        })
    }

    pub(crate) fn base(&self) -> Base {
        Base::Region(self.region_url.clone())
    }

    pub(crate) fn path(&self, rest: &str) -> String {
        format!("/api/v3/connections/{}{rest}", seg(&self.id))
    }

    /// `--app A [--resource R]` for CLI commands.
    pub(crate) fn cli_target(&self) -> Option<String> {
        let app = self.app.as_deref()?;
        let mut s = format!("--app {}", shell_quote(app));
        if let Some(r) = &self.resource_name {
            s.push_str(&format!(" --resource {}", shell_quote(r)));
        }
        Some(s)
    }
}

macro_rules! endpoint_basics {
    ($service:ident, $method:ident) => {
        fn service(&self) -> Service {
            Service::$service
        }
        fn method(&self) -> Method {
            Method::$method
        }
    };
}
pub(crate) use endpoint_basics;

/// Builds the URL of a connection's detail (contract §2.2): an absolute `detail_url` as given,
/// a relative one resolved against `region_url` when its path starts with `/api/v3/`, else
/// `<region_url>/api/v3/connections/<id>`. `deep=true` is set by the URL builder, so a
/// `detail_url` that already has a query keeps it.
pub fn detail_url(c: &Connection, deep: bool) -> Result<String, ApiError> {
    let region = c.region_url.as_deref().and_then(Url::parse);
    let given = c.detail_url.as_deref().filter(|d| !d.trim().is_empty());
    let resolved = match (given, &region) {
        (Some(d), _) if d.contains("://") => Url::parse(d),
        (Some(d), Some(r)) if d.starts_with("/api/v3/") => r.join(d),
        _ => None,
    };
    let mut url = match (resolved, region) {
        (Some(u), _) => u,
        (None, Some(r)) => r
            .join(&format!("/api/v3/connections/{}", seg(&c.id)))
            .ok_or(ApiError::BadConfig(ConfigProblem::UnusableRegionUrl))?,
        (None, None) => {
            return Err(ApiError::BadConfig(ConfigProblem::NoDetailUrl {
                connection: c.id.clone(),
            }))
        }
    };
    if deep {
        url.set_query_param("deep", "true");
    }
    Ok(url.to_string())
}

/// `GET <detail_url>?deep=true` — the connection with its mappings
/// ([contract §4.2.2](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionDetail {
    /// Absolute URL from [`detail_url`].
    pub url: String,
    /// App name, for the CLI equivalent.
    pub app: Option<String>,
}

impl ConnectionDetail {
    /// The deep detail of a known connection.
    pub fn of(c: &Connection) -> Result<ConnectionDetail, ApiError> {
        Ok(ConnectionDetail {
            url: detail_url(c, true)?,
            app: c.app_name.clone(),
        })
    }
}

impl Endpoint for ConnectionDetail {
    type Response = Connection;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        Base::Absolute
    }
    fn path(&self) -> String {
        self.url.clone()
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:info --app {}",
            shell_quote(self.app.as_deref()?)
        ))
    }
}

/// `PATCH /api/v3/connections/<cid>` — set `db_key`, `schema_name` and/or `name`
/// ([contract §4.2.3](https://devcenter.heroku.com/articles/heroku-connect-api)).
/// The answer may be 2xx with nothing changed: re-read the connection afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateConnection {
    /// The connection.
    pub conn: ConnRef,
    /// Config var of the database.
    pub db_key: Option<String>,
    /// Postgres schema.
    pub schema_name: Option<String>,
    /// Connection name.
    pub name: Option<String>,
}

impl Endpoint for UpdateConnection {
    type Response = Connection;
    endpoint_basics!(Connect, Patch);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("")
    }
    fn body(&self) -> Option<Body> {
        let mut m = serde_json::Map::new();
        for (k, v) in [
            ("db_key", &self.db_key),
            ("schema_name", &self.schema_name),
            ("name", &self.name),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), v.clone().into());
            }
        }
        Some(Body::Json(m.into()))
    }
    fn heroku_cli(&self) -> Option<String> {
        let mut s = format!("heroku connect:db:set {}", self.conn.cli_target()?);
        if let Some(d) = &self.db_key {
            s.push_str(&format!(" --db {}", shell_quote(d)));
        }
        if let Some(sc) = &self.schema_name {
            s.push_str(&format!(" --schema {}", shell_quote(sc)));
        }
        Some(s)
    }
}

/// `GET /api/v3/apps/<app>` — the database config vars a connection can use
/// ([contract §4.2.4](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetDbKeys {
    /// Regional base.
    pub region_url: String,
    /// App name.
    pub app: String,
}

impl Endpoint for GetDbKeys {
    type Response = AppDbKeys;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        Base::Region(self.region_url.clone())
    }
    fn path(&self) -> String {
        format!("/api/v3/apps/{}", seg(&self.app))
    }
}

/// `POST /api/v3/connections/<cid>/authorize_url` — start Salesforce authorization
/// ([contract §4.2.5](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateAuthorizeUrl {
    /// The connection.
    pub conn: ConnRef,
    /// `production`, `sandbox` or `custom`.
    pub environment: String,
    /// My Domain host, required for `custom`.
    pub domain: Option<String>,
    /// Where the browser lands afterwards.
    pub next: String,
    /// Optional Salesforce API version.
    pub api_version: Option<String>,
}

impl Endpoint for CreateAuthorizeUrl {
    type Response = AuthorizeUrl;
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/authorize_url")
    }
    fn body(&self) -> Option<Body> {
        let mut m = serde_json::Map::new();
        m.insert("environment".into(), self.environment.clone().into());
        m.insert("next".into(), self.next.clone().into());
        if let Some(d) = &self.domain {
            m.insert("domain".into(), d.clone().into());
        }
        if let Some(v) = &self.api_version {
            m.insert("api_version".into(), normalise_api_version(v).into());
        }
        Some(Body::Json(m.into()))
    }
    fn heroku_cli(&self) -> Option<String> {
        let mut s = format!("heroku connect:sf:auth {}", self.conn.cli_target()?);
        s.push_str(&format!(
            " --environment {}",
            shell_quote(&self.environment)
        ));
        if let Some(d) = &self.domain {
            s.push_str(&format!(" --domain {}", shell_quote(d)));
        }
        Some(s)
    }
}

/// The three connection actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ConnectionActionKind {
    /// Only from `IDLE`.
    Pause,
    /// Only from `PAUSED`.
    Resume,
    /// Clears errors and resumes syncing (`connect:recover`).
    Restart,
}

/// `POST /api/v3/connections/<cid>/actions/{pause|resume|restart}` — 202, no body
/// ([contract §4.2.6](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionAction {
    /// The connection.
    pub conn: ConnRef,
    /// Which action.
    pub action: ConnectionActionKind,
}

impl Endpoint for ConnectionAction {
    type Response = ();
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        let a = match self.action {
            ConnectionActionKind::Pause => "pause",
            ConnectionActionKind::Resume => "resume",
            ConnectionActionKind::Restart => "restart",
        };
        self.conn.path(&format!("/actions/{a}"))
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
    fn heroku_cli(&self) -> Option<String> {
        let cmd = match self.action {
            ConnectionActionKind::Pause => "pause",
            ConnectionActionKind::Resume => "resume",
            ConnectionActionKind::Restart => "recover",
        };
        Some(format!("heroku connect:{cmd} {}", self.conn.cli_target()?))
    }
}

/// `GET /api/v3/connections/<cid>/actions/export` — the mapping configuration document
/// ([contract §4.2.7](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportConfiguration {
    /// The connection.
    pub conn: ConnRef,
}

impl Endpoint for ExportConfiguration {
    type Response = serde_json::Value;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/actions/export")
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!("heroku connect:export {}", self.conn.cli_target()?))
    }
}

/// `POST /api/v3/connections/<cid>/actions/import` — the document as raw JSON; never retried
/// automatically ([contract §4.2.8](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportConfiguration {
    /// The connection.
    pub conn: ConnRef,
    /// The document text, sent untouched.
    pub document: String,
}

impl Endpoint for ImportConfiguration {
    type Response = ();
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/actions/import")
    }
    fn body(&self) -> Option<Body> {
        Some(Body::Raw(self.document.clone()))
    }
    fn retry_class(&self) -> RetryClass {
        // A repeated import could re-apply a config the user has since changed.
        RetryClass::Never
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:import config.json {}",
            self.conn.cli_target()?
        ))
    }
}

#[cfg(test)]
mod tests;
