//! Discovery (hc-central): search accessible connections and join an app's access lists (§4.1).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use super::json;
use crate::error::{AppError, AppResult};
use crate::layer::Ctx;
use crate::query::Query;
use crate::store::{Site, Store};
use crate::{wire, EmulatorState};

/// Discovery routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/connections", get(search))
        .route("/auth/{app}", post(auth))
}

async fn search(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    query: Query,
) -> AppResult<Response> {
    let connect = wants_connect(&query)?;
    st.with(|s| {
        let found = if connect {
            s.discover(&ctx.user_id, query.get("app"), query.get("resource_name"))
        } else {
            Vec::new()
        };
        let (regions, cells) = wire::regions_and_cells(s, &found, &ctx.site);
        let results: Vec<Value> = found.iter().map(|&i| wire::discovery_record(s, &s.connections[i], &ctx.site)).collect();
        Ok(json(StatusCode::OK, json!({"count": results.len(), "next": null, "previous": null, "results": results, "regions": regions, "cells": cells})))
    })
}

/// `addon_type`: absent or 1 asks for Sync (Heroku Connect) add-ons; 2, the retired Events pilot, has none to
/// list or join; anything else is a 400.
fn wants_connect(query: &Query) -> AppResult<bool> {
    match query.uint("addon_type")? {
        None | Some(1) => Ok(true),
        Some(2) => Ok(false),
        Some(other) => Err(AppError::bad_request(format!(
            "addon_type {other} is not 1 or 2."
        ))),
    }
}

/// The `/auth` answer, shared with the legacy regional grant.
pub fn grant_body(s: &Store, user_id: &str, conns: &[usize], site: &Site) -> Value {
    let user = s.user(user_id);
    let (regions, cells) = wire::regions_and_cells(s, conns, site);
    let list: Vec<Value> = conns
        .iter()
        .map(|&i| wire::discovery_record(s, &s.connections[i], site))
        .collect();
    json!({
        "user": {"id": user_id, "email": user.map(|u| u.email.clone())},
        "connections": list,
        "regions": regions,
        "cells": cells,
    })
}

async fn auth(
    State(st): State<EmulatorState>,
    Extension(ctx): Extension<Ctx>,
    Path(app): Path<String>,
    query: Query,
) -> AppResult<Response> {
    st.with(|s| {
        // The app first: an unknown app is a 404 whatever the query holds.
        s.member_app(&app, &ctx.user_id)?;
        let conns = if wants_connect(&query)? {
            s.grant(&app, &ctx.user_id, &ctx.site)?
        } else {
            Vec::new()
        };
        Ok(json(
            StatusCode::OK,
            grant_body(s, &ctx.user_id, &conns, &ctx.site),
        ))
    })
}
