//! Salesforce API version endpoints (contract §4.4.4): preview the schema changes of a target
//! version, then switch to it (only while the connection is `PAUSED`).

use super::connections::{endpoint_basics, ConnRef};
use super::curl::shell_quote;
use super::endpoint::{Base, Body, Endpoint, Service};
use super::model::{normalise_api_version, SchemaDiff};
use super::transport::Method;

/// `GET /api/v3/connections/<cid>/schema-diff?target_version=V`
/// ([contract §4.4.4](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSchemaDiff {
    /// The connection.
    pub conn: ConnRef,
    /// Target version (`61` is sent as `61.0`).
    pub target_version: String,
}

impl Endpoint for GetSchemaDiff {
    type Response = SchemaDiff;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/schema-diff")
    }
    fn query(&self) -> Vec<(String, String)> {
        vec![(
            "target_version".into(),
            normalise_api_version(&self.target_version),
        )]
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:manage-sf-api-version {} --target-version {}",
            self.conn.cli_target()?,
            shell_quote(&normalise_api_version(&self.target_version))
        ))
    }
}

/// `POST /api/v3/connections/<cid>/actions/change-sf-api-version` — needs `PAUSED`
/// ([contract §4.4.4](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSfApiVersion {
    /// The connection.
    pub conn: ConnRef,
    /// Target version.
    pub target_version: String,
}

impl Endpoint for ChangeSfApiVersion {
    type Response = SchemaDiff;
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/actions/change-sf-api-version")
    }
    fn body(&self) -> Option<Body> {
        Some(Body::Json(
            serde_json::json!({ "target_version": normalise_api_version(&self.target_version) }),
        ))
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:manage-sf-api-version {} --target-version {}",
            self.conn.cli_target()?,
            shell_quote(&normalise_api_version(&self.target_version))
        ))
    }
}
