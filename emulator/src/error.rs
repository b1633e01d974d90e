//! `AppError`: an HTTP status plus Heroku's `{"id", "message"}` body, with the extra fields some 409s and 422s carry.
//!
//! Handlers and Store methods return it with `?`; it knows nothing about which service produced it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// An API error as the emulator answers it (contract §2.3).
#[derive(Debug, Clone, PartialEq)]
pub struct AppError {
    /// HTTP status.
    pub status: StatusCode,
    /// Machine-readable id, e.g. `invalid_state`.
    pub id: &'static str,
    /// Human-readable message.
    pub message: String,
    /// Extra body fields such as `errors`, `syncing_mappings` or `mappings`.
    pub extra: Map<String, Value>,
    /// `Retry-After` seconds, for 429.
    pub retry_after: Option<u64>,
}

/// Result type of every Store method and handler.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// An error with no extra fields.
    pub fn new(status: StatusCode, id: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            id,
            message: message.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }

    /// Adds one extra body field.
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    /// 400 `invalid_params`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_params", message)
    }

    /// 401 `unauthorized`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403 `forbidden`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 405 `method_not_allowed`.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "This method is not allowed on this path.",
        )
    }

    /// 409 `invalid_state`.
    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "invalid_state", message)
    }

    /// 409 with a more specific id.
    pub fn conflict(id: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, id, message)
    }

    /// 422 `validation_failed` with `errors: [{path, message}]`.
    pub fn validation(errors: Vec<(String, String)>) -> Self {
        let first = errors.first().map(|(_, m)| m.clone()).unwrap_or_default();
        let list: Vec<Value> = errors
            .into_iter()
            .map(|(path, message)| json!({"path": path, "message": message}))
            .collect();
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            format!("Validation failed: {first}"),
        )
        .with("errors", Value::Array(list))
    }

    /// 413 `payload_too_large`.
    pub fn too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The request body is larger than 10 MB.",
        )
    }

    /// 415 `unsupported_media_type`.
    pub fn unsupported_media_type() -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "The request body must be JSON (Content-Type: application/json).",
        )
    }

    /// 429 `rate_limit` with `Retry-After`.
    pub fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit",
            "Your account reached the API rate limit",
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("id".into(), json!(self.id));
        body.insert("message".into(), json!(self.message));
        for (k, v) in &self.extra {
            body.insert(k.clone(), v.clone());
        }
        Value::Object(body)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        Self::bad_request(format!("Malformed JSON body: {e}"))
    }
}

impl From<axum::extract::multipart::MultipartError> for AppError {
    fn from(e: axum::extract::multipart::MultipartError) -> Self {
        Self::bad_request(format!("Malformed multipart body: {e}"))
    }
}
