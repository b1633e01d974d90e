//! The fake Heroku dashboard (§8.1): one HTML page per app naming it, its add-ons with their states and the
//! Connect state. No auth; it exists so that tests can open "the dashboard" in a browser.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::salesforce::escape;
use crate::EmulatorState;

/// Dashboard routes (host mode rewrites `dashboard.heroku.com/apps/…` to these).
pub fn routes() -> Router<EmulatorState> {
    Router::new()
        .route("/dashboard/apps/{name}", get(app_page))
        .route("/dashboard/apps/{name}/{*rest}", get(app_page_below))
}

async fn app_page_below(
    st: State<EmulatorState>,
    Path((name, _rest)): Path<(String, String)>,
) -> Response {
    app_page(st, Path(name)).await
}

async fn app_page(State(st): State<EmulatorState>, Path(name): Path<String>) -> Response {
    let page = st.with(|s| {
        let a = s.app_index(&name)?;
        let app = &s.apps[a];
        let mut rows = String::new();
        for addon in s.addons_of(&app.id) {
            let connect = s
                .connections
                .iter()
                .find(|c| c.id == addon.id)
                .map(|c| format!(" — Connect state: <span class=\"connect-state\">{}</span>", escape(&c.state)))
                .unwrap_or_default();
            rows.push_str(&format!(
                "<li class=\"addon\"><strong>{}</strong> ({}) — <span class=\"addon-state\">{}</span>{connect}</li>",
                escape(&addon.name),
                escape(&addon.plan),
                escape(&addon.state)
            ));
        }
        if rows.is_empty() {
            rows.push_str("<li>No add-ons</li>");
        }
        Some(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{n} · Heroku</title></head><body><h1>{n}</h1><p>Region: {r}</p><h2>Add-ons</h2><ul>{rows}</ul></body></html>",
            n = escape(&app.name),
            r = escape(&app.region)
        ))
    });
    match page {
        Some(p) => (StatusCode::OK, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], Html(p)).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Html(format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>App not found · Heroku</title></head><body><h1>App not found</h1><p>There is no app named {}.</p></body></html>", escape(&name))),
        )
            .into_response(),
    }
}
