//! Mapping endpoints (§4.3): create, detail, PATCH/PUT update, delete and reload.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};

use super::{empty, json, json_body};
use crate::error::AppResult;
use crate::layer::Ctx;
use crate::{wire, EmulatorState};

/// Mapping routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/api/v3/connections/{cid}/mappings", post(create))
        .route(
            "/api/v3/mappings/{mid}",
            get(detail).patch(update).put(update).delete(remove),
        )
        .route("/api/v3/mappings/{mid}/actions/reload", post(reload))
}

async fn create(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        let m = s.create_mapping(c, &json_body(&body)?)?;
        Ok(json(
            StatusCode::CREATED,
            wire::mapping(s, &s.mappings[m], &ctx.site),
        ))
    })
}

async fn detail(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, _) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::OK,
            wire::mapping(s, &s.mappings[m], &ctx.site),
        ))
    })
}

async fn update(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, c) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        s.update_mapping(m, c, &json_body(&body)?)?;
        Ok(json(
            StatusCode::OK,
            wire::mapping(s, &s.mappings[m], &ctx.site),
        ))
    })
}

async fn remove(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, c) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        s.delete_mapping(m, c)?;
        Ok(empty(StatusCode::NO_CONTENT))
    })
}

async fn reload(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, c) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        s.reload_mapping(m, c)?;
        Ok(empty(StatusCode::ACCEPTED))
    })
}
