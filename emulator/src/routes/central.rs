//! Discovery (hc-central): search accessible connections and join an app's access lists (§4.1).

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};

use super::{json, query_get, query_pairs};
use crate::error::{AppError, AppResult};
use crate::layer::Ctx;
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
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let pairs = query_pairs(q.as_deref())?;
    st.with(|s| {
        let found = s.discover(&ctx.user_id, query_get(&pairs, "app"), query_get(&pairs, "resource_name"), query_get(&pairs, "addon_type"))?;
        let (regions, cells) = wire::regions_and_cells(s, &found, &ctx.site);
        let results: Vec<Value> = found.iter().map(|&i| wire::discovery_record(s, &s.connections[i], &ctx.site)).collect();
        Ok(json(StatusCode::OK, json!({"count": results.len(), "next": null, "previous": null, "results": results, "regions": regions, "cells": cells})))
    })
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
    RawQuery(q): RawQuery,
) -> AppResult<Response> {
    let pairs = query_pairs(q.as_deref())?;
    st.with(|s| {
        s.member_app(&app, &ctx.user_id)?;
        // addon_type 2 is the retired Events pilot: nothing to join. Any other value than 1 or 2 is a 400, as on
        // the search.
        let conns = match query_get(&pairs, "addon_type") {
            None | Some("1") => s.grant(&app, &ctx.user_id, &ctx.site)?,
            Some("2") => Vec::new(),
            Some(other) => {
                return Err(AppError::bad_request(format!(
                    "addon_type {other} is not 1 or 2."
                )))
            }
        };
        Ok(json(
            StatusCode::OK,
            grant_body(s, &ctx.user_id, &conns, &ctx.site),
        ))
    })
}
