//! `ApiError`: the one error type of the client, shaped so the UI can say what happened and
//! what to do next.
//!
//! An HTTP error keeps the status, Heroku's `{id, message}` (or `{"error": …}`, or a short
//! excerpt of any other body) and the `Request-Id` header. A decode failure keeps the JSON path
//! that broke. Every text the client stores passes through [`ApiError::redact`], so no error
//! ever shows the token, even when a server echoes it back. How an error reads, in English and
//! through the locale files, is the part of `error/message.rs`.

mod message;

use super::gate::GateRefusal;
use super::transport::{HttpResponse, TransportError};

/// Longest body excerpt kept from a non-JSON error answer.
pub const BODY_EXCERPT_CHARS: usize = 500;

/// One field-level problem from a 422 `errors` array.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    /// Where the problem is, e.g. `config.fields.Foo__c`.
    #[serde(default)]
    pub path: Option<String>,
    /// What is wrong.
    #[serde(default)]
    pub message: Option<String>,
}

/// A non-2xx answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HttpError {
    /// HTTP status.
    pub status: u16,
    /// Heroku's error id, e.g. `invalid_state`, when the body had one.
    pub id: Option<String>,
    /// The server's message (`message`, else `error`).
    pub message: Option<String>,
    /// At most [`BODY_EXCERPT_CHARS`] characters of a body that had no message.
    pub body_excerpt: Option<String>,
    /// The `Request-Id` response header, for support requests.
    pub request_id: Option<String>,
    /// Seconds from `Retry-After`, on a 429 or 503.
    pub retry_after: Option<u64>,
    /// Field problems of a 422.
    pub errors: Vec<FieldError>,
    /// Mappings named by a 409 `mappings_syncing` answer.
    pub syncing_mappings: Vec<String>,
}

/// What kind of failure, for routing in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: the token is missing, wrong or expired.
    Unauthorized,
    /// 403: the user is not on the access list (or not a member of the app).
    Forbidden,
    /// 404.
    NotFound,
    /// 409: the operation does not fit the current state.
    Conflict,
    /// 400 or 422: the input was refused.
    Invalid,
    /// 429.
    RateLimited,
    /// 5xx.
    Server,
    /// Any other status.
    OtherStatus,
    /// The body of a 2xx could not be read.
    Decode,
    /// No answer (network, timeout, refused).
    Unreachable,
    /// The token gate refused a URL.
    Gate,
    /// Discovery found no connection for the app.
    NoConnection,
    /// A Flow B region the client cannot map to a host.
    UnknownRegion,
    /// A setting (a base URL, the emulator origin) or a connection's address is not usable.
    BadConfig,
}

/// What the UI should offer the user, per error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Go back to the token screen.
    EnterToken,
    /// Go to the Link step (`POST /auth`) to join the add-on's access list.
    LinkAccess,
    /// Wait this many seconds, then retry.
    WaitSeconds(u64),
    /// Fix the input and send again.
    FixInput,
    /// Refresh: the state changed underneath.
    Refresh,
    /// Check the network or the emulator, then retry.
    CheckNetwork,
    /// Try again later; quote the request id to Heroku support if it persists.
    TryLater,
    /// Add the Heroku Connect add-on (Addons step).
    AddConnect,
    /// Check the options page (base URLs, emulator origin).
    CheckSettings,
    /// Nothing specific; show the message.
    None,
}

/// The client's error. Cheap to clone and comparable, so it can sit in UI state.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ApiError {
    /// The server answered with a non-2xx status (boxed: it is by far the largest variant).
    Http(Box<HttpError>),
    /// A 2xx body did not match the expected shape.
    Decode {
        /// HTTP status of the answer.
        status: u16,
        /// JSON path of the value that broke, e.g. `results[0].id` (`.` for the root).
        path: String,
        /// serde's description of the problem.
        message: String,
        /// The `Request-Id` header.
        request_id: Option<String>,
    },
    /// The request may have left but no answer came.
    Network(String),
    /// No answer in time.
    Timeout,
    /// The request provably never left (connection refused).
    Refused(String),
    /// The token gate refused the URL before any request.
    Gate {
        /// The refused URL without its query (which could hold anything).
        url: String,
        /// Why.
        reason: GateRefusal,
    },
    /// Discovery and the access grant found no Connect connection for this app.
    NoConnection {
        /// The app asked about.
        app: String,
    },
    /// Flow B met a region name with no known Connect host.
    UnknownRegion {
        /// The `region.name` of the app.
        region: String,
    },
    /// A setting, or a connection's own address, cannot be used.
    BadConfig(ConfigProblem),
}

/// What is wrong in a [`ApiError::BadConfig`]. One variant per thing the client checks, so the
/// UI translates it by variant and never by its English wording. Deliberately not
/// `#[non_exhaustive]`: the message tests match every variant, so a new one cannot be added
/// without its text being checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ConfigProblem {
    /// A discovered connection has no `region_url`, so no regional call can be addressed.
    NoRegionUrl {
        /// The connection's id.
        connection: String,
    },
    /// A connection has neither a `detail_url` that can be used nor a `region_url` to build one.
    NoDetailUrl {
        /// The connection's id.
        connection: String,
    },
    /// A connection's `region_url` parsed but the detail path could not be joined to it.
    UnusableRegionUrl,
    /// The emulator origin in the options is not an `http(s)://host[:port]` origin.
    EmulatorOrigin,
}

impl ConfigProblem {
    /// The same problem with every text it holds passed through `r`, the redaction of
    /// [`ApiError::redact`]: a connection id comes from a server and could echo anything.
    fn redact(self, r: impl Fn(String) -> String) -> ConfigProblem {
        match self {
            ConfigProblem::NoRegionUrl { connection } => ConfigProblem::NoRegionUrl {
                connection: r(connection),
            },
            ConfigProblem::NoDetailUrl { connection } => ConfigProblem::NoDetailUrl {
                connection: r(connection),
            },
            ConfigProblem::UnusableRegionUrl => ConfigProblem::UnusableRegionUrl,
            ConfigProblem::EmulatorOrigin => ConfigProblem::EmulatorOrigin,
        }
    }
}

impl ApiError {
    /// Builds the error for a non-2xx answer, decoding the body in the contract's order:
    /// JSON with `message` (and maybe `id`), JSON with `error`, else a short excerpt.
    pub fn from_response(response: &HttpResponse) -> ApiError {
        let mut e = HttpError {
            status: response.status,
            id: None,
            message: None,
            body_excerpt: None,
            request_id: response.header("request-id").map(str::to_string),
            retry_after: response.header("retry-after").and_then(parse_retry_after),
            errors: Vec::new(),
            syncing_mappings: Vec::new(),
        };
        let json: Option<serde_json::Value> = serde_json::from_str(&response.body).ok();
        let obj = json.as_ref().and_then(|v| v.as_object());
        let text = |k: &str| {
            obj.and_then(|o| o.get(k))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        if let Some(message) = text("message") {
            e.message = Some(message);
            e.id = text("id");
        } else if let Some(message) = text("error") {
            e.message = Some(message);
        } else if !response.body.trim().is_empty() {
            e.body_excerpt = Some(response.body.chars().take(BODY_EXCERPT_CHARS).collect());
        }
        if let Some(o) = obj {
            if let Some(list) = o.get("errors") {
                e.errors = serde_json::from_value(list.clone()).unwrap_or_default();
            }
            if let Some(list) = o.get("syncing_mappings") {
                e.syncing_mappings = serde_json::from_value(list.clone()).unwrap_or_default();
            }
        }
        ApiError::Http(Box::new(e))
    }

    /// The error for a transport failure.
    pub fn from_transport(error: TransportError) -> ApiError {
        match error {
            TransportError::Refused(m) => ApiError::Refused(m),
            TransportError::Network(m) => ApiError::Network(m),
            TransportError::Timeout => ApiError::Timeout,
        }
    }

    /// HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http(e) => Some(e.status),
            ApiError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The `Request-Id` of the answer, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Http(e) => e.request_id.as_deref(),
            ApiError::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Http(e) => match e.status {
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                409 => ErrorKind::Conflict,
                400 | 413 | 415 | 422 => ErrorKind::Invalid,
                429 => ErrorKind::RateLimited,
                500..=599 => ErrorKind::Server,
                _ => ErrorKind::OtherStatus,
            },
            ApiError::Decode { .. } => ErrorKind::Decode,
            ApiError::Network(_) | ApiError::Timeout | ApiError::Refused(_) => {
                ErrorKind::Unreachable
            }
            ApiError::Gate { .. } => ErrorKind::Gate,
            ApiError::NoConnection { .. } => ErrorKind::NoConnection,
            ApiError::UnknownRegion { .. } => ErrorKind::UnknownRegion,
            ApiError::BadConfig(_) => ErrorKind::BadConfig,
        }
    }

    /// What to offer the user.
    pub fn hint(&self) -> Hint {
        match self.kind() {
            ErrorKind::Unauthorized => Hint::EnterToken,
            ErrorKind::Forbidden => Hint::LinkAccess,
            ErrorKind::RateLimited => Hint::WaitSeconds(self.retry_after().unwrap_or(60)),
            ErrorKind::Invalid => Hint::FixInput,
            ErrorKind::Conflict | ErrorKind::NotFound => Hint::Refresh,
            ErrorKind::Unreachable => Hint::CheckNetwork,
            ErrorKind::Server | ErrorKind::Decode | ErrorKind::OtherStatus => Hint::TryLater,
            ErrorKind::NoConnection => Hint::AddConnect,
            ErrorKind::Gate | ErrorKind::BadConfig | ErrorKind::UnknownRegion => {
                Hint::CheckSettings
            }
        }
    }

    /// A stable i18n key naming the hint, e.g. `error_hint_enter_token`.
    pub fn hint_key(&self) -> &'static str {
        match self.hint() {
            Hint::EnterToken => "error_hint_enter_token",
            Hint::LinkAccess => "error_hint_link_access",
            Hint::WaitSeconds(_) => "error_hint_wait",
            Hint::FixInput => "error_hint_fix_input",
            Hint::Refresh => "error_hint_refresh",
            Hint::CheckNetwork => "error_hint_check_network",
            Hint::TryLater => "error_hint_try_later",
            Hint::AddConnect => "error_hint_add_connect",
            Hint::CheckSettings => "error_hint_check_settings",
            Hint::None => "error_hint_none",
        }
    }

    /// `Retry-After` seconds of a rate-limited or unavailable answer.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::Http(e) => e.retry_after,
            _ => None,
        }
    }

    /// Replaces every occurrence of `token` in the error's texts with `[redacted]`.
    pub fn redact(self, token: &str) -> ApiError {
        if token.is_empty() {
            return self;
        }
        let r = |s: String| s.replace(token, "[redacted]");
        let ro = |s: Option<String>| s.map(r);
        match self {
            ApiError::Http(mut e) => {
                e.id = ro(e.id);
                e.message = ro(e.message);
                e.body_excerpt = ro(e.body_excerpt);
                e.request_id = ro(e.request_id);
                for f in &mut e.errors {
                    f.path = ro(f.path.take());
                    f.message = ro(f.message.take());
                }
                e.syncing_mappings = e.syncing_mappings.into_iter().map(r).collect();
                ApiError::Http(e)
            }
            ApiError::Decode {
                status,
                path,
                message,
                request_id,
            } => ApiError::Decode {
                status,
                path: r(path),
                message: r(message),
                request_id: ro(request_id),
            },
            ApiError::Network(m) => ApiError::Network(r(m)),
            ApiError::Refused(m) => ApiError::Refused(r(m)),
            ApiError::Gate { url, reason } => ApiError::Gate {
                url: r(url),
                reason,
            },
            ApiError::NoConnection { app } => ApiError::NoConnection { app: r(app) },
            ApiError::UnknownRegion { region } => ApiError::UnknownRegion { region: r(region) },
            ApiError::BadConfig(p) => ApiError::BadConfig(p.redact(r)),
            other => other,
        }
    }
}

/// `Retry-After` in seconds. The HTTP-date form is not read (Heroku sends seconds); the caller
/// then falls back to its default.
pub fn parse_retry_after(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests;
