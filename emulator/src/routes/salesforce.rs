//! The fake Salesforce login-and-consent hop (§7): an HTML page with Allow and Deny, and the form POST that
//! grants or refuses and sends the browser on to `next`.
//!
//! It asks for no password and sets no cookies; the only secret is the single-use `state`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::query::Query;
use crate::store::connections::Consent;
use crate::store::seed::org;
use crate::EmulatorState;

/// Salesforce routes.
pub fn routes() -> Router<EmulatorState> {
    Router::new().route("/services/oauth2/authorize", get(page).post(decide))
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body><h1>{t}</h1>{body}</body></html>",
        t = escape(title)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Html(page),
    )
        .into_response()
}

fn bad_state() -> Response {
    html(StatusCode::BAD_REQUEST, "Authorization failed", "<p>This authorization link has expired, was already used, or is not valid. Start again from Heroku Connect.</p>")
}

async fn page(State(st): State<EmulatorState>, query: Query) -> Response {
    let Some(state) = query.get("state").map(str::to_owned) else {
        return bad_state();
    };
    let Some(auth) = st.with(|s| s.pending_authorization(&state).cloned()) else {
        return bad_state();
    };
    let o = org();
    let body = format!(
        "<p>Heroku Connect is asking for access to <strong>{org}</strong> ({env}, {domain}).</p>\
         <form method=\"post\" action=\"/services/oauth2/authorize\">\
         <input type=\"hidden\" name=\"state\" value=\"{state}\">\
         <label>Username <input type=\"text\" name=\"username\" value=\"{user}\" readonly></label>\
         <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>",
        org = escape(&o.name),
        env = escape(&auth.environment),
        domain = escape(&auth.domain),
        state = escape(&state),
        user = escape(&o.username),
    );
    html(StatusCode::OK, "Salesforce — Allow access?", &body)
}

async fn decide(State(st): State<EmulatorState>, body: Bytes) -> Response {
    let form = Query::from_form(&body);
    let allow = match form.get("decision") {
        Some("allow") => true,
        Some("deny") => false,
        _ => {
            return html(
                StatusCode::BAD_REQUEST,
                "Authorization failed",
                "<p>decision must be allow or deny.</p>",
            )
        }
    };
    let Some(state) = form.get("state") else {
        return bad_state();
    };
    match st.with(|s| s.consent(state, allow)) {
        None => bad_state(),
        Some(Consent::Redirect(to)) => (
            StatusCode::FOUND,
            [
                (header::LOCATION, to),
                (header::CONTENT_TYPE, "text/html; charset=utf-8".into()),
            ],
        )
            .into_response(),
        Some(Consent::Complete) => html(
            StatusCode::OK,
            "Authorization complete",
            "<p>Authorization complete — you can close this tab.</p>",
        ),
        Some(Consent::Denied) => html(
            StatusCode::OK,
            "Access denied",
            "<p>Access was denied. Heroku Connect was not authorized.</p>",
        ),
    }
}
