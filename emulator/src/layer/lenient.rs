//! How the middleware reads a request's framing before any handler sees it: the spelling of the path and
//! the media type of the body. Both are lenient where real clients vary (see "Tolerances" in `routes.rs`).
//!
//! It reads; it does not decide. `layer.rs` turns a refused media type into a 415.

use axum::http::{header, HeaderMap, Method};

use super::hosts::Service;

/// The path the emulator routes on: runs of `/` collapse to one and a trailing `/` is dropped, so
/// `/api/v3/connections/<cid>/` and `//api/v3/…` (a `region_url` ending in `/` plus `/api/v3`) reach the
/// same route. `None` when the path is already in that form.
pub fn canonical_path(path: &str) -> Option<String> {
    let mut out = String::with_capacity(path.len());
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('/');
    }
    (out != path).then_some(out)
}

/// The body's media type: the `Content-Type` value before any parameter, trimmed and lower-cased, so
/// `Application/JSON; charset=UTF-8` reads as `application/json`. Empty when there is none.
pub fn media_type(headers: &HeaderMap) -> String {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a non-blank body's media type is one the endpoint takes: JSON (`application/json` or any
/// `application/…+json`, such as the Platform API's `application/vnd.heroku+json`) everywhere, the multipart
/// form on import, and a form post on the fake Salesforce.
pub fn body_type_ok(
    headers: &HeaderMap,
    method: &Method,
    path: &str,
    service: Option<Service>,
) -> bool {
    let essence = media_type(headers);
    let json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    match service {
        Some(Service::Salesforce) => essence == "application/x-www-form-urlencoded" || json,
        _ if method == Method::POST && path.ends_with("/actions/import") => {
            json || essence == "multipart/form-data"
        }
        _ => json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_repeated_and_trailing_slashes() {
        assert_eq!(
            canonical_path("/api/v3/connections/x/"),
            Some("/api/v3/connections/x".into())
        );
        assert_eq!(
            canonical_path("//api//v3/connections"),
            Some("/api/v3/connections".into())
        );
        assert_eq!(canonical_path("/connections"), None);
        assert_eq!(canonical_path("/"), None);
        assert_eq!(canonical_path("//"), Some("/".into()));
    }
}
