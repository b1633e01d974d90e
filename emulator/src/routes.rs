//! The route table: one sub-router per service family, merged, with the JSON 404 fallback.
//!
//! Handlers are thin: extract, call one Store method under the lock, serialise. Shared extract helpers live
//! here.

pub mod central;
pub mod connections;
pub mod control;
pub mod dashboard;
pub mod mappings;
pub mod monitoring;
pub mod platform;
pub mod salesforce;

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::Value;

use crate::error::{AppError, AppResult};
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

/// A JSON body, or `Null` when empty (the CLI plugin sends `Content-Type: application/json` with no body).
pub fn json_body(bytes: &Bytes) -> AppResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    Ok(serde_json::from_slice(bytes)?)
}

/// Query pairs, percent-decoded.
pub fn query_pairs(raw: Option<&str>) -> AppResult<Vec<(String, String)>> {
    serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| AppError::bad_request(format!("Malformed query string: {e}")))
}

/// The first value of a query parameter.
pub fn query_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `deep=true` (also `1`); any other value than true/false/1/0 is a 400.
pub fn deep_flag(pairs: &[(String, String)]) -> AppResult<bool> {
    match query_get(pairs, "deep") {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => Err(AppError::bad_request(format!(
            "deep must be true or false, not {other}."
        ))),
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
