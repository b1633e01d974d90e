//! The control API under `/_emulator/` (§8.2): reset, request log, faults, clock, state dump, forced states
//! and injected events. No auth; loopback use only. The middleware neither logs nor counts these calls.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::{empty, json, json_body};
use crate::error::{AppError, AppResult};
use crate::query::Query;
use crate::store::clock::rfc3339;
use crate::{EmulatorState, Seed};

/// Control routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/requests", get(requests))
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/advance", post(advance))
        .route("/_emulator/state", get(state))
        .route("/_emulator/set-state", post(set_state))
        .route("/_emulator/events", post(events))
}

async fn reset(State(st): State<EmulatorState>, body: Bytes) -> AppResult<Response> {
    let body = json_body(&body)?;
    let seed = match body.get("seed") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(
            Seed::parse(s).ok_or_else(|| AppError::bad_request("seed must be demo or empty."))?,
        ),
        Some(_) => return Err(AppError::bad_request("seed must be a string.")),
    };
    st.reset(seed);
    Ok(empty(StatusCode::NO_CONTENT))
}

async fn requests(State(st): State<EmulatorState>, query: Query) -> AppResult<Response> {
    let since = query.uint("since")?.unwrap_or(0);
    Ok(st.with(|s| json(StatusCode::OK, json!({"requests": s.requests_since(since)}))))
}

async fn list_faults(State(st): State<EmulatorState>) -> Response {
    st.with(|s| json(StatusCode::OK, json!({"faults": s.faults})))
}

async fn add_fault(State(st): State<EmulatorState>, body: Bytes) -> AppResult<Response> {
    let body = json_body(&body)?;
    let fault = st.with(|s| s.add_fault(&body))?;
    Ok(json(StatusCode::CREATED, json!({"id": fault.id})))
}

async fn clear_faults(State(st): State<EmulatorState>) -> Response {
    st.with(|s| s.faults.clear());
    empty(StatusCode::NO_CONTENT)
}

async fn advance(State(st): State<EmulatorState>, body: Bytes) -> AppResult<Response> {
    let body = json_body(&body)?;
    let ticks = body
        .get("ticks")
        .and_then(Value::as_u64)
        .filter(|n| (1..=10_000_000).contains(n))
        .ok_or_else(|| AppError::bad_request("ticks must be an integer from 1 to 10000000."))?;
    Ok(st.with(|s| {
        s.advance(ticks);
        json(
            StatusCode::OK,
            json!({"tick": s.tick, "now": rfc3339(s.tick)}),
        )
    }))
}

async fn state(State(st): State<EmulatorState>) -> Response {
    st.with(|s| json(StatusCode::OK, s.dump()))
}

async fn set_state(State(st): State<EmulatorState>, body: Bytes) -> AppResult<Response> {
    let body = json_body(&body)?;
    st.with(|s| s.force_state(&body))?;
    Ok(empty(StatusCode::NO_CONTENT))
}

async fn events(State(st): State<EmulatorState>, body: Bytes) -> AppResult<Response> {
    let body = json_body(&body)?;
    let item = st.with(|s| s.add_event(&body))?;
    Ok(json(StatusCode::CREATED, item))
}
