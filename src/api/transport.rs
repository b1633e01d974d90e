//! The seam between the client and the network: one request in, one response out.
//!
//! The browser implements [`Transport`] over `fetch`, the tests over the emulator's router or a
//! fake that serves fixtures. Nothing here knows about web-sys or tokio, so the client stays
//! testable natively. Waiting (retry back-off, discovery re-queries) goes through [`Clock`], so
//! tests record the delays instead of sleeping.

use std::fmt;

/// HTTP method of a request; only the ones the Heroku APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire, e.g. `"PATCH"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fully built request: absolute URL, every header (including `Authorization` once the token
/// gate admitted the URL) and the body text.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// Body text; `None` sends no body at all.
    pub body: Option<String>,
    /// How long the transport may wait for an answer before giving up with
    /// [`TransportError::Timeout`].
    pub timeout_ms: u32,
}

impl HttpRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

// Hand-written so that logging a request never prints the token.
impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("authorization") {
                    (k.as_str(), "Bearer [redacted]")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What came back: status, headers and body text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Header names and values as received.
    pub headers: Vec<(String, String)>,
    /// Body text (empty when there was none).
    pub body: String,
}

impl HttpResponse {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why no response arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The request provably never left (connection refused, blocked before sending). Only this
    /// error lets the client retry a POST, PATCH or DELETE safely.
    Refused(String),
    /// The request may have reached the server but no answer came (reset, DNS, CORS, offline).
    Network(String),
    /// No answer within the request's `timeout_ms`.
    Timeout,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Refused(m) => write!(f, "connection refused: {m}"),
            TransportError::Network(m) => write!(f, "network error: {m}"),
            TransportError::Timeout => f.write_str("timed out"),
        }
    }
}

/// Sends one request. Implemented by the browser's fetch and by test doubles.
///
/// No `Send` bound: wasm is single-threaded and the browser futures are not `Send`.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends the request and returns whatever answer came, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// Waits. The browser uses a timer; tests record the delay and return at once.
#[allow(async_fn_in_trait)]
pub trait Clock {
    /// Resolves after `ms` milliseconds.
    async fn sleep(&self, ms: u64);
}
