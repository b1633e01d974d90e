//! Regional connection endpoints (§4.2): list, detail, PATCH, db_keys, authorize_url, the actions, export and
//! import, and the legacy Flow B grant.

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use super::central::grant_body;
use super::{empty, json, json_body};
use crate::error::{AppError, AppResult};
use crate::layer::{media_type, Ctx};
use crate::query::Query;
use crate::store::Store;
use crate::{wire, EmulatorState};

/// Connection routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/api/v3/connections", get(list))
        .route("/api/v3/connections/{cid}", get(detail).patch(patch))
        .route("/api/v3/apps/{app}", get(db_keys))
        .route("/api/v3/users/me/apps/{app}/auth", post(legacy_auth))
        .route(
            "/api/v3/connections/{cid}/authorize_url",
            post(authorize_url),
        )
        .route("/api/v3/connections/{cid}/actions/pause", post(pause))
        .route("/api/v3/connections/{cid}/actions/resume", post(resume))
        .route("/api/v3/connections/{cid}/actions/restart", post(restart))
        .route("/api/v3/connections/{cid}/actions/export", get(export))
        .route("/api/v3/connections/{cid}/actions/import", post(import))
}

async fn list(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    query: Query,
) -> AppResult<Response> {
    let deep = query.flag("deep")?;
    st.with(|s| {
        let found = s.discover(&ctx.user_id, query.get("app"), query.get("resource_name"));
        let resource_id = query.get("resource_id");
        let results: Vec<Value> = found
            .into_iter()
            .filter(|&i| ctx.site.serves(&s.connections[i].region))
            .filter(|&i| resource_id.is_none_or(|r| s.connections[i].id == r))
            .map(|i| wire::connection(s, &s.connections[i], &ctx.site, deep))
            .collect();
        Ok(json(
            StatusCode::OK,
            json!({"count": results.len(), "results": results}),
        ))
    })
}

async fn detail(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    query: Query,
) -> AppResult<Response> {
    st.with(|s| {
        // The id first: an unknown connection is a 404 whatever the query holds.
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        let deep = query.flag("deep")?;
        Ok(json(
            StatusCode::OK,
            wire::connection(s, &s.connections[c], &ctx.site, deep),
        ))
    })
}

async fn patch(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        s.patch_connection(c, &json_body(&body)?)?;
        Ok(json(
            StatusCode::OK,
            wire::connection(s, &s.connections[c], &ctx.site, false),
        ))
    })
}

async fn db_keys(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let a = s
            .app_index(&app)
            .filter(|&a| ctx.site.serves(&s.apps[a].region))
            .ok_or_else(|| AppError::not_found(format!("App {app} not found.")))?;
        let app_id = s.apps[a].id.clone();
        let allowed = s
            .connections
            .iter()
            .any(|c| c.app_id == app_id && c.access_list.iter().any(|u| u == &ctx.user_id));
        if !allowed {
            return Err(AppError::forbidden(
                "You are not on the access list of any Connect add-on of this app.",
            ));
        }
        let keys: Vec<Value> = s
            .db_keys(&app_id)
            .into_iter()
            .map(|(name, plan)| json!({"name": name, "addon": {"plan": plan}}))
            .collect();
        Ok(json(StatusCode::OK, json!({"db_keys": keys})))
    })
}

async fn legacy_auth(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let conns = s.grant(&app, &ctx.user_id, &ctx.site)?;
        Ok(json(
            StatusCode::OK,
            grant_body(s, &ctx.user_id, &conns, &ctx.site),
        ))
    })
}

async fn authorize_url(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    body: Bytes,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        let redirect = s.authorize_url(c, &ctx.user_id, &json_body(&body)?, &ctx.site)?;
        Ok(json(StatusCode::CREATED, json!({"redirect": redirect})))
    })
}

async fn pause(
    st: State<EmulatorState>,
    ctx: Extension<Ctx>,
    cid: Path<String>,
) -> AppResult<Response> {
    connection_action(st, ctx, cid, Store::pause)
}

async fn resume(
    st: State<EmulatorState>,
    ctx: Extension<Ctx>,
    cid: Path<String>,
) -> AppResult<Response> {
    connection_action(st, ctx, cid, Store::resume)
}

async fn restart(
    st: State<EmulatorState>,
    ctx: Extension<Ctx>,
    cid: Path<String>,
) -> AppResult<Response> {
    connection_action(st, ctx, cid, Store::restart)
}

/// `POST …/actions/{pause,resume,restart}`: the store's rule for that action, then 202 with no body.
fn connection_action(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    act: fn(&mut Store, usize) -> AppResult<()>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        act(s, c)?;
        Ok(empty(StatusCode::ACCEPTED))
    })
}

async fn export(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
) -> AppResult<Response> {
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        Ok(json(StatusCode::OK, s.export(c)))
    })
}

/// The configuration document from a JSON body or from the 2015 multipart form's `config` field.
async fn import_document(st: &EmulatorState, req: Request) -> AppResult<Value> {
    if media_type(req.headers()) != "multipart/form-data" {
        let bytes = Bytes::from_request(req, st)
            .await
            .map_err(|e| AppError::bad_request(e.to_string()))?;
        return json_body(&bytes);
    }
    let mut form = Multipart::from_request(req, st)
        .await
        .map_err(|e| AppError::bad_request(e.body_text()))?;
    while let Some(field) = form.next_field().await? {
        if field.name() == Some("config") {
            let bytes = field.bytes().await?;
            return json_body(&bytes);
        }
    }
    Err(AppError::bad_request(
        "The multipart form has no config field.",
    ))
}

async fn import(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(cid): Path<String>,
    req: Request,
) -> AppResult<Response> {
    // Check access before reading the document, so a stranger learns nothing from a 400.
    st.with(|s| {
        s.accessible_connection(&cid, &ctx.user_id, &ctx.site)
            .map(|_| ())
    })?;
    let doc = import_document(&st, req).await?;
    st.with(|s| {
        let c = s.accessible_connection(&cid, &ctx.user_id, &ctx.site)?;
        s.import(c, &doc)?;
        Ok(empty(StatusCode::ACCEPTED))
    })
}
