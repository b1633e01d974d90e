//! Monitoring endpoints (contract §4.4): write errors, diagnostics, notifications.
//! Schema diff and API-version change live with the connection endpoints.

use super::connections::{endpoint_basics, ConnRef};
use super::endpoint::{decode_json, ignore_body, Base, Endpoint, Service};
use super::error::ApiError;
use super::mappings::MappingRef;
use super::model::{
    List, NotificationList, NotificationQuery, ValidationJob, ValidationPoll, ValidationResult,
    WriteError,
};
use super::transport::{HttpResponse, Method};

/// `GET /api/v3/connections/<cid>/errors` — write errors of the last 24 hours
/// ([contract §4.4.1](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionWriteErrors {
    /// The connection.
    pub conn: ConnRef,
}

impl Endpoint for ConnectionWriteErrors {
    type Response = List<WriteError>;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/errors")
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:write-errors {}",
            self.conn.cli_target()?
        ))
    }
}

/// `GET /api/v3/mappings/<mid>/errors` ([contract §4.4.1](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingWriteErrors {
    /// The mapping.
    pub mapping: MappingRef,
}

impl Endpoint for MappingWriteErrors {
    type Response = List<WriteError>;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("/errors")
    }
    fn heroku_cli(&self) -> Option<String> {
        self.mapping.cli("mapping:write-errors")
    }
}

/// `POST /api/v3/connections/<cid>/validations` — starts diagnostics; poll the `result_url`
/// ([contract §4.4.2](https://devcenter.heroku.com/articles/heroku-connect-diagnose)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartValidation {
    /// The connection.
    pub conn: ConnRef,
}

impl Endpoint for StartValidation {
    type Response = ValidationJob;
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/validations")
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:diagnose {}",
            self.conn.cli_target()?
        ))
    }
}

/// `GET <result_url>` — 202 while running, 200 with the result; the URL passes the token gate
/// first ([contract §4.4.2](https://devcenter.heroku.com/articles/heroku-connect-diagnose)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResultPoll {
    /// `result_url` as received.
    pub url: String,
}

impl Endpoint for ValidationResultPoll {
    type Response = ValidationPoll;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        Base::Absolute
    }
    fn path(&self) -> String {
        self.url.clone()
    }
    fn decode(&self, r: &HttpResponse) -> Result<ValidationPoll, ApiError> {
        if r.status == 202 {
            Ok(ValidationPoll::Pending)
        } else {
            decode_json(r).map(ValidationPoll::Done)
        }
    }
}

/// `GET /api/v3/mappings/<mid>/validations` — diagnostics of one mapping, at once
/// ([contract §4.4.2](https://devcenter.heroku.com/articles/heroku-connect-diagnose)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingValidations {
    /// The mapping.
    pub mapping: MappingRef,
}

impl Endpoint for MappingValidations {
    type Response = ValidationResult;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.mapping.conn.base()
    }
    fn path(&self) -> String {
        self.mapping.path("/validations")
    }
    fn heroku_cli(&self) -> Option<String> {
        self.mapping.cli("mapping:diagnose")
    }
}

fn notification_query(q: &NotificationQuery) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for (k, val) in [
        ("after", &q.after),
        ("before", &q.before),
        ("event_type", &q.event_type),
    ] {
        if let Some(val) = val {
            v.push((k.to_string(), val.clone()));
        }
    }
    if let Some(n) = q.page_size {
        v.push(("page_size".into(), n.to_string()));
    }
    v
}

/// `GET /api/v3/connections/<cid>/notifications` — unacknowledged notifications
/// ([contract §4.4.3](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListNotifications {
    /// The connection.
    pub conn: ConnRef,
    /// Filters.
    pub query: NotificationQuery,
}

impl Endpoint for ListNotifications {
    type Response = NotificationList;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/notifications")
    }
    fn query(&self) -> Vec<(String, String)> {
        notification_query(&self.query)
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:notifications {}",
            self.conn.cli_target()?
        ))
    }
}

/// `POST /api/v3/connections/<cid>/notifications/acknowledge` — 204
/// ([contract §4.4.3](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcknowledgeNotifications {
    /// The connection.
    pub conn: ConnRef,
    /// Which notifications.
    pub query: NotificationQuery,
}

impl Endpoint for AcknowledgeNotifications {
    type Response = ();
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        self.conn.base()
    }
    fn path(&self) -> String {
        self.conn.path("/notifications/acknowledge")
    }
    fn query(&self) -> Vec<(String, String)> {
        notification_query(&self.query)
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:notifications:acknowledge {}",
            self.conn.cli_target()?
        ))
    }
}
