//! The one middleware every request passes through: host routing, CORS, faults, the token check, rate limits,
//! body size and type, the common response headers and the request log.
//!
//! It decides nothing about individual endpoints; handlers in `routes/` do that with the `Ctx` put here.

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::store::clock::wall_now;
use crate::store::{Fault, LogEntry, Scope, Site};
use crate::EmulatorState;
use hosts::{host_of, host_role, service_of_path, strip_port, Service};
pub use lenient::media_type;
use lenient::{body_type_ok, canonical_path};

pub mod hosts;
pub mod lenient;

/// The `url` of the Platform API's 429 body.
pub const PLATFORM_RATE_LIMIT_DOC: &str =
    "https://devcenter.heroku.com/articles/platform-api-reference#rate-limits";

/// Largest accepted request body.
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// What the handlers learn about the request.
#[derive(Debug, Clone, Default)]
pub struct Ctx {
    /// Origin and scope.
    pub site: Site,
    /// The caller's user id (empty on unauthenticated services).
    pub user_id: String,
}

/// Marks a response whose connection must be closed without an answer (`drop` faults).
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// Put on requests by the TLS listener so that one-origin URLs use `https`.
#[derive(Debug, Clone, Copy)]
pub struct Https;

fn cors(headers: &mut HeaderMap, origin: Option<&HeaderValue>, preflight: bool) {
    let Some(origin) = origin else { return };
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("RateLimit-Remaining, Retry-After, Request-Id"),
    );
    if preflight {
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PATCH, PUT, DELETE"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type, Accept, Heroku-Client"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
}

fn fault_response(fault: &Fault) -> Response {
    let respond = fault.respond.as_ref().expect("checked by caller");
    let status = respond
        .get("status")
        .and_then(|s| s.as_u64())
        .and_then(|s| StatusCode::from_u16(s as u16).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (body, default_type) = match (
        respond.get("body_text").and_then(|b| b.as_str()),
        respond.get("body"),
    ) {
        (Some(text), _) => (Body::from(text.to_owned()), "text/plain; charset=utf-8"),
        (None, Some(v)) if !v.is_null() => (Body::from(v.to_string()), "application/json"),
        _ => (Body::empty(), "application/json"),
    };
    let mut response = Response::builder()
        .status(status)
        .body(body)
        .unwrap_or_default();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(default_type));
    if let Some(extra) = respond.get("headers").and_then(|h| h.as_object()) {
        for (k, v) in extra {
            let value = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(k.as_str()),
                HeaderValue::try_from(value),
            ) {
                headers.insert(name, value);
            }
        }
    }
    response
}

struct Auth {
    present: bool,
    valid: Option<bool>,
    token: Option<String>,
    user_id: Option<String>,
}

fn authenticate(state: &EmulatorState, headers: &HeaderMap) -> Auth {
    let Some(raw) = headers.get(header::AUTHORIZATION) else {
        return Auth {
            present: false,
            valid: None,
            token: None,
            user_id: None,
        };
    };
    let text = raw.to_str().unwrap_or("");
    let token = text
        .split_once(' ')
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    let user = token.and_then(|t| state.with(|s| s.user_by_token(t).map(|u| u.id.clone())));
    Auth {
        present: true,
        valid: Some(user.is_some()),
        token: token.filter(|_| user.is_some()).map(str::to_owned),
        user_id: user,
    }
}

/// The middleware: see the module docs for the order of checks.
pub async fn handle(State(state): State<EmulatorState>, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let full_host = host_of(&req);
    let host = strip_port(&full_host).to_owned();
    let sent_path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    // Route, match faults and pick the service on the canonical path; the log keeps the path as sent.
    let path = match canonical_path(&sent_path) {
        Some(canonical) => {
            set_path(&mut req, &canonical, query.as_deref());
            canonical
        }
        None => sent_path.clone(),
    };
    let origin_header = req.headers().get(header::ORIGIN).cloned();
    let request_id = state.with(|s| s.request_ids.uuid());
    let scheme = if req.extensions().get::<Https>().is_some() {
        "https"
    } else {
        "http"
    };

    let finish = |mut response: Response, remaining: Option<u64>, preflight: bool| {
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::try_from(request_id.as_str()) {
            headers.insert(HeaderName::from_static("request-id"), v);
        }
        if let Some(n) = remaining {
            headers.insert(
                HeaderName::from_static("ratelimit-remaining"),
                HeaderValue::from(n),
            );
        }
        if !headers.contains_key(header::CONTENT_TYPE) {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        cors(headers, origin_header.as_ref(), preflight);
        response
    };

    if path == "/_emulator" || path.starts_with("/_emulator/") {
        if method == Method::OPTIONS {
            return finish(StatusCode::NO_CONTENT.into_response(), None, true);
        }
        let response = next.run(req).await;
        let response = fix_405(response);
        if method != Method::GET {
            let _ = state.save();
        }
        return finish(response, None, false);
    }

    let role = host_role(&host);
    let mut service = service_of_path(&path);
    let site = match &role {
        Some((_, scope)) => Site {
            origin: format!("https://{host}"),
            host_mode: true,
            scope: scope.clone(),
        },
        None => Site {
            origin: format!("{scheme}://{full_host}"),
            host_mode: false,
            scope: Scope::All,
        },
    };
    let mut wrong_host = false;
    if let Some((role_service, _)) = &role {
        if *role_service == Service::Dashboard && (path == "/apps" || path.starts_with("/apps/")) {
            set_path(&mut req, &format!("/dashboard{path}"), query.as_deref());
            service = Some(Service::Dashboard);
        } else if service != Some(*role_service) {
            wrong_host = true;
            service = Some(*role_service);
        }
    }

    let mut entry = LogEntry {
        seq: 0,
        time: wall_now(),
        sim_time: String::new(),
        method: method.to_string(),
        host: host.clone(),
        path: sent_path,
        query: query.clone(),
        service: service.map(|s| s.name().to_owned()),
        auth_present: req.headers().contains_key(header::AUTHORIZATION),
        token_valid: None,
        status: None,
        fault: None,
    };
    let log = |state: &EmulatorState, mut entry: LogEntry, status: Option<StatusCode>| {
        entry.status = status.map(|s| s.as_u16());
        state.with(|s| s.log_request(entry));
        let _ = state.save();
    };

    if method == Method::OPTIONS {
        log(&state, entry, Some(StatusCode::NO_CONTENT));
        return finish(StatusCode::NO_CONTENT.into_response(), None, true);
    }

    // Authenticating has no side effects, so it happens before faults: a faulted request still logs whether
    // its token was valid (§8.3), although it is not counted.
    let auth = authenticate(&state, req.headers());
    entry.token_valid = auth.valid;

    if let Some(fault) = state.with(|s| s.take_fault(method.as_str(), &host, &path)) {
        entry.fault = Some(fault.id.clone());
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        if fault.drop {
            log(&state, entry, None);
            let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
            response.extensions_mut().insert(DropConnection);
            return response;
        }
        if fault.respond.is_some() {
            let response = fault_response(&fault);
            log(&state, entry, Some(response.status()));
            return finish(response, None, false);
        }
    }

    let mut remaining = None;
    // A path of another service on a real API host is a 404, but with a valid token it is still a request to
    // that host's API: it counts and carries `RateLimit-Remaining` (§3). Without one it stays a plain 404.
    let counted =
        service.is_some_and(Service::needs_token) && (!wrong_host || auth.user_id.is_some());
    if counted {
        let Some(user_id) = auth.user_id.clone() else {
            let message = if !auth.present {
                "Missing Authorization header (expected: Bearer <token>)."
            } else {
                "Invalid credentials provided."
            };
            let response = AppError::unauthorized(message).into_response();
            log(&state, entry, Some(response.status()));
            return finish(response, None, false);
        };
        let token = auth.token.clone().unwrap_or_default();
        let hit = state.with(|s| match service {
            Some(Service::Platform) if method == Method::GET && path == "/account/rate-limits" => {
                Ok(s.platform_remaining(&user_id))
            }
            Some(Service::Platform) => s.platform_hit(&user_id),
            _ => s.connect_hit(&token),
        });
        match hit {
            Ok(n) => remaining = Some(n),
            Err(retry_after) => {
                let mut error = AppError::rate_limited(retry_after);
                if service == Some(Service::Platform) {
                    // The Platform API's documented 429 body also carries `url` (§3).
                    error = error.with("url", serde_json::json!(PLATFORM_RATE_LIMIT_DOC));
                }
                let response = error.into_response();
                log(&state, entry, Some(response.status()));
                return finish(response, Some(0), false);
            }
        }
        req.extensions_mut().insert(Ctx {
            site: site.clone(),
            user_id,
        });
    } else {
        req.extensions_mut().insert(Ctx {
            site: site.clone(),
            user_id: String::new(),
        });
    }

    if wrong_host || service.is_none() {
        let response = not_found();
        log(&state, entry, Some(response.status()));
        return finish(response, remaining, false);
    }

    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let (parts, body) = req.into_parts();
    let bytes = match declared {
        Some(n) if n > MAX_BODY => None,
        _ => to_bytes(body, MAX_BODY).await.ok(),
    };
    let Some(bytes) = bytes else {
        let response = AppError::too_large().into_response();
        log(&state, entry, Some(response.status()));
        return finish(response, remaining, false);
    };
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    if !blank && !body_type_ok(&parts.headers, &method, &path, service) {
        let response = AppError::unsupported_media_type().into_response();
        log(&state, entry, Some(response.status()));
        return finish(response, remaining, false);
    }
    let req = Request::from_parts(parts, Body::from(bytes));
    let response = fix_405(next.run(req).await);
    log(&state, entry, Some(response.status()));
    finish(response, remaining, false)
}

/// Points the request at `path`, keeping its query.
fn set_path(req: &mut Request, path: &str, query: Option<&str>) {
    let target = match query {
        Some(q) => format!("{path}?{q}"),
        None => path.to_owned(),
    };
    if let Ok(uri) = target.parse::<Uri>() {
        *req.uri_mut() = uri;
    }
}

/// The JSON 404 of unknown routes and hosts.
pub fn not_found() -> Response {
    AppError::not_found("No such route on this host.").into_response()
}

/// axum answers a wrong method with an empty 405; give it the `{id, message}` body.
fn fix_405(response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut fixed = AppError::method_not_allowed().into_response();
    if let Some(allow) = allow {
        fixed.headers_mut().insert(header::ALLOW, allow);
    }
    fixed
}
