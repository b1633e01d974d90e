//! The route table: one sub-router per service family, merged, with the JSON 404 fallback.
//!
//! Handlers are thin: extract, look the resource up, read the query and body, call one Store method under the
//! lock, serialise. Shared extract helpers live here; query values are read by `crate::query`.
//!
//! # Tolerances [decided]
//!
//! Real clients (the CLI plugin, Python libraries, shells) send what the real services evidently accept, so
//! the emulator accepts it too; `tests/tolerance.rs` and `tests/tolerance_bodies.rs` hold one test each. It
//! stays strict in what it sends: JSON with `Content-Type: application/json`, the shapes of `wire.rs`.
//!
//! - **404 first**: the connection, mapping or app named in the path is looked up before any query value or
//!   JSON body is read, so an unknown id is 404 (and a stranger's 403) whatever the query or body holds.
//! - **Boolean flags** (`deep`): any case of `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n`, `on`/`off`, and
//!   `1`/`0` (Python sends `True`); a bare `?deep` or `?deep=` is true; absent is false. Other values are 400.
//! - **Whole numbers** (`page_size`, `addon_type`, `since`): surrounding spaces, a leading `+`, and a decimal
//!   with only zeros after the point (`1000.0`); a fraction, a negative number or text is 400.
//! - **Empty values**: `?after=&page_size=` means the parameter is absent (a client that sends every
//!   parameter, set or not), except for the bare boolean flag above. Text values are trimmed.
//! - **Repeated keys**: the last value wins (`?deep=false&deep=true` is deep), as Django's `QueryDict` reads it.
//! - **Unknown query parameters** are ignored.
//! - **Timestamps** (`after`, `before`): a space where the offset's `+` stood is read as `+`, because an
//!   unencoded `+` in a query string decodes to a space.
//! - **Paths**: a trailing `/` and runs of `/` are dropped before routing (`/api/v3/connections/<cid>/`,
//!   `//api/v3/…` from a `region_url` ending in `/`). Faults match that path; the request log keeps the path
//!   as sent.
//! - **Header names** in any case (HTTP says so); the `Bearer` scheme in any case, with extra spaces before
//!   the token. Other schemes are still 401.
//! - **`Accept`** is never checked: `application/json; charset=utf-8`, `application/vnd.heroku+json;
//!   version=3`, `*/*`, `text/html` or none all get JSON; there is no 406.
//! - **`Content-Type`** is compared on its media type alone, in any case and with any parameters
//!   (`Application/JSON; charset=UTF-8`); `application/…+json` (the Platform API's
//!   `application/vnd.heroku+json; version=3`) counts as JSON. A non-blank body declared as anything else, or
//!   not declared, is still 415 (§2.1), and that check comes before routing, so before the 404 above.
//! - **Blank bodies**: a blank body or JSON `null` reads as `{}`, with any `Content-Type` (the plugin sends
//!   `application/json` on bodiless calls); an endpoint that needs fields still answers 400 for them.
//!   Endpoints that take no body ignore whatever JSON they get.
//! - **Unknown JSON fields** are ignored at every level of every body; known fields keep their types (a wrong
//!   type is 400, §2.3).
//! - **Byte-order mark**: a UTF-8 BOM before a JSON body is skipped (a file saved by a Windows editor and
//!   sent as is, as `connect:import` does).

pub mod central;
pub mod connections;
pub mod control;
pub mod dashboard;
pub mod mappings;
pub mod monitoring;
pub mod platform;
pub mod salesforce;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{Map, Value};

use crate::error::AppResult;
use crate::EmulatorState;

/// Every route of the emulator (before the middleware in `layer.rs`).
pub fn router(state: EmulatorState) -> Router {
    Router::new()
        .merge(central::routes())
        .merge(connections::routes())
        .merge(mappings::routes())
        .merge(monitoring::routes())
        .merge(platform::routes())
        .merge(salesforce::routes())
        .merge(dashboard::routes())
        .merge(control::routes())
        .fallback(|| async { crate::layer::not_found() })
        // The middleware already capped the body at 10 MB and answered 413.
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

/// A JSON body; a blank body or a JSON `null` reads as `{}`, and a leading UTF-8 byte-order mark is skipped.
pub fn json_body(bytes: &[u8]) -> AppResult<Value> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    match serde_json::from_slice(bytes)? {
        Value::Null => Ok(Value::Object(Map::new())),
        value => Ok(value),
    }
}

/// A JSON answer with a status.
pub fn json(status: StatusCode, value: Value) -> Response {
    (status, Json(value)).into_response()
}

/// An empty answer with a status.
pub fn empty(status: StatusCode) -> Response {
    status.into_response()
}
