//! The Platform API subset used during setup (§4.5): account, rate limits, apps and add-ons.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use serde_json::{json, Value};

use super::{json, json_body};
use crate::error::{AppError, AppResult};
use crate::layer::Ctx;
use crate::{wire, EmulatorState};

/// Platform API routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/account", get(account))
        .route("/account/rate-limits", get(rate_limits))
        .route("/apps", get(list_apps).post(create_app))
        .route("/apps/{app}", get(app_detail))
        .route("/apps/{app}/addons", get(list_addons).post(create_addon))
}

async fn account(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    st.with(|s| {
        let user = s
            .user(&ctx.user_id)
            .ok_or_else(|| AppError::unauthorized("Invalid credentials provided."))?;
        Ok(json(StatusCode::OK, wire::account(user)))
    })
}

async fn rate_limits(State(st): State<EmulatorState>, Extension(ctx): Extension<Ctx>) -> Response {
    let remaining = st.with(|s| s.platform_remaining(&ctx.user_id));
    json(StatusCode::OK, json!({"remaining": remaining}))
}

async fn list_apps(State(st): State<EmulatorState>, Extension(ctx): Extension<Ctx>) -> Response {
    st.with(|s| {
        let list: Vec<Value> = s
            .apps_of(&ctx.user_id)
            .into_iter()
            .map(|a| wire::app(s, a))
            .collect();
        json(StatusCode::OK, Value::Array(list))
    })
}

async fn create_app(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    body: Bytes,
) -> AppResult<Response> {
    let body = json_body(&body)?;
    st.with(|s| {
        let a = s.create_app(&ctx.user_id, &body)?;
        Ok(json(StatusCode::CREATED, wire::app(s, &s.apps[a])))
    })
}

async fn app_detail(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let a = s.member_app(&app, &ctx.user_id)?;
        Ok(json(StatusCode::OK, wire::app(s, &s.apps[a])))
    })
}

async fn list_addons(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let a = s.member_app(&app, &ctx.user_id)?;
        let list: Vec<Value> = s
            .addons_of(&s.apps[a].id)
            .into_iter()
            .map(|x| wire::addon(s, x))
            .collect();
        Ok(json(StatusCode::OK, Value::Array(list)))
    })
}

async fn create_addon(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let a = s.member_app(&app, &ctx.user_id)?;
        let x = s.create_addon(a, &json_body(&body)?)?;
        Ok(json(StatusCode::CREATED, wire::addon(s, &s.addons[x])))
    })
}
