//! Monitoring endpoints (§4.4 and §4.3.6): write errors, validations, notifications, the API-version diff
//! and change, and object schemas.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use super::{empty, json, json_body};
use crate::error::AppResult;
use crate::layer::Ctx;
use crate::query::Query;
use crate::store::control::write_error_json;
use crate::EmulatorState;

/// Monitoring routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/api/v3/connections/{cid}/errors", get(connection_errors))
        .route("/api/v3/mappings/{mid}/errors", get(mapping_errors))
        .route(
            "/api/v3/connections/{cid}/validations",
            post(start_validation),
        )
        .route(
            "/api/v3/connections/{cid}/validations/{job}",
            get(poll_validation),
        )
        .route(
            "/api/v3/mappings/{mid}/validations",
            get(mapping_validations),
        )
        .route(
            "/api/v3/connections/{cid}/notifications",
            get(notifications),
        )
        .route(
            "/api/v3/connections/{cid}/notifications/acknowledge",
            post(acknowledge),
        )
        .route("/api/v3/connections/{cid}/schema-diff", get(schema_diff))
        .route(
            "/api/v3/connections/{cid}/actions/change-sf-api-version",
            post(change_api_version),
        )
        .route(
            "/api/v3/connections/{cid}/schemas/{object}",
            get(object_schema),
        )
}

fn error_list(errors: Vec<&crate::store::WriteError>) -> Value {
    let results: Vec<Value> = errors.into_iter().map(write_error_json).collect();
    json!({"count": results.len(), "results": results})
}

async fn connection_errors(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::OK,
            error_list(s.recent_write_errors(&s.connections[c].id, None)),
        ))
    })
}

async fn mapping_errors(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, c) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::OK,
            error_list(
                s.recent_write_errors(&s.connections[c].id, Some(&s.mappings[m].object_name)),
            ),
        ))
    })
}

async fn start_validation(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        let job = s.start_validation(c);
        let base = ctx.site.region_url(&s.connections[c].region);
        Ok(json(
            StatusCode::ACCEPTED,
            json!({"result_url": format!("{base}/api/v3/connections/{cid}/validations/{job}")}),
        ))
    })
}

async fn poll_validation(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path((cid, job)): Path<(String, String)>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(match s.poll_validation(c, &job)? {
            Some(result) => json(StatusCode::OK, result),
            None => empty(StatusCode::ACCEPTED),
        })
    })
}

async fn mapping_validations(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(mid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let (m, _) = s.accessible_mapping(&mid, &ctx.user_id, &ctx.site)?;
        let id = s.mappings[m].id.clone();
        Ok(json(StatusCode::OK, Value::Object(s.mapping_checks(&id))))
    })
}

async fn notifications(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    query: Query,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        let results = s.notifications_page(c, &query)?;
        Ok(json(
            StatusCode::OK,
            json!({"count": results.len(), "results": results}),
        ))
    })
}

async fn acknowledge(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    query: Query,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        s.acknowledge(c, &query)?;
        Ok(empty(StatusCode::NO_CONTENT))
    })
}

async fn schema_diff(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    query: Query,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::OK,
            s.schema_diff(c, query.get("target_version"))?,
        ))
    })
}

async fn change_api_version(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::ACCEPTED,
            s.change_api_version(c, &json_body(&body)?)?,
        ))
    })
}

async fn object_schema(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path((cid, object)): Path<(String, String)>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(json(StatusCode::OK, s.object_schema(c, &object)?))
    })
}
