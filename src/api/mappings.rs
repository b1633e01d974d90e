//! Mapping endpoints (contract §4.3): create, read, update, delete, reload, and the Salesforce
//! object schema. There is no list endpoint: the deep connection detail is the list.

use super::connections::{endpoint_basics, ConnRef};
use super::curl::shell_quote;
use super::endpoint::{ignore_body, seg, Base, Body, Endpoint, Service};
use super::error::ApiError;
use super::model::{Mapping, ObjectSchema};
use super::transport::{HttpResponse, Method};

/// What a mapping call needs to know.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MappingRef {
    /// The connection the mapping belongs to.
    pub conn: ConnRef,
    /// Mapping id.
    pub id: String,
    /// Salesforce object name, for the CLI equivalent.
    pub object_name: String,
}

impl MappingRef {
    /// The handle of a mapping of `conn`.
    pub fn of(conn: &ConnRef, m: &Mapping) -> MappingRef {
        MappingRef {
            conn: conn.clone(),
            id: m.id.clone(),
            object_name: m.object_name.clone(),
        }
    }

    pub(crate) fn path(&self, rest: &str) -> String {
        format!("/api/v3/mappings/{}{rest}", seg(&self.id))
    }

    pub(crate) fn cli(&self, command: &str) -> Option<String> {
        Some(format!(
            "heroku connect:{command} {} {}",
            shell_quote(&self.object_name),
            self.conn.cli_target()?
        ))
    }
}

/// `POST /api/v3/connections/<cid>/mappings` — 201 with the mapping
/// ([contract §4.3.1](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateMapping {
    /// The connection.
    pub conn: ConnRef,
    /// Salesforce object name.
    pub object_name: String,
    /// The §5.2 config.
    pub config: serde_json::Value,
}

impl Endpoint for CreateMapping {
    type Response = Mapping;
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/mappings")
    }
    fn body(&self) -> Option<Body> {
        Some(Body::Json(
            serde_json::json!({ "object_name": self.object_name, "config": self.config }),
        ))
    }
}

/// `GET /api/v3/mappings/<mid>` ([contract §4.3.2](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetMapping {
    /// The mapping.
    pub mapping: MappingRef,
}

impl Endpoint for GetMapping {
    type Response = Mapping;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("")
    }
    fn heroku_cli(&self) -> Option<String> {
        self.mapping.cli("mapping:state")
    }
}

/// `PATCH /api/v3/mappings/<mid>` — replace the given config keys; `revision` guards against
/// overwriting a concurrent change ([contract §4.3.3](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateMapping {
    /// The mapping.
    pub mapping: MappingRef,
    /// Config keys to replace.
    pub config: serde_json::Value,
    /// Expected current revision.
    pub revision: Option<i64>,
}

impl Endpoint for UpdateMapping {
    type Response = Mapping;
    endpoint_basics!(Connect, Patch);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("")
    }
    fn body(&self) -> Option<Body> {
        let mut v = serde_json::json!({ "config": self.config });
        if let Some(r) = self.revision {
            v["revision"] = r.into();
        }
        Some(Body::Json(v))
    }
}

/// `DELETE /api/v3/mappings/<mid>` — 204 ([contract §4.3.4](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteMapping {
    /// The mapping.
    pub mapping: MappingRef,
}

impl Endpoint for DeleteMapping {
    type Response = ();
    endpoint_basics!(Connect, Delete);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("")
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
    fn heroku_cli(&self) -> Option<String> {
        self.mapping.cli("mapping:delete")
    }
}

/// `POST /api/v3/mappings/<mid>/actions/reload` — 202 ([contract §4.3.5](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadMapping {
    /// The mapping.
    pub mapping: MappingRef,
}

impl Endpoint for ReloadMapping {
    type Response = ();
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("/actions/reload")
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
    fn heroku_cli(&self) -> Option<String> {
        self.mapping.cli("mapping:reload")
    }
}

/// `GET /api/v3/connections/<cid>/schemas/<Object>` — the Salesforce object's fields
/// ([contract §4.3.6](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetObjectSchema {
    /// The connection.
    pub conn: ConnRef,
    /// Object name (matched case-insensitively by the server).
    pub object_name: String,
}

impl Endpoint for GetObjectSchema {
    type Response = ObjectSchema;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn
            .path(&format!("/schemas/{}", seg(&self.object_name)))
    }
}
