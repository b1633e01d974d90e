//! How an [`ApiError`] reads: the English `Display` text (logs, tests) and the same text in the
//! user's language from the `api_error_…` templates of `extension/_locales/*/messages.json`.
//!
//! Only the frame is ours and translated. What someone else said stays verbatim inside it: Heroku's
//! `message`, its error id, a body excerpt, a field path, serde's description of a decode failure,
//! the browser's text of a network failure (after the words that say what it means), the request
//! id, the id of a connection. A
//! [`ConfigProblem`] has a template per variant, filled into the `api_error_bad_config` frame.
//! `tests/api_messages.rs` fills the English templates the way `chrome.i18n.getMessage` does and
//! compares the result with `Display`, so the two cannot drift apart. Every text read here has
//! been through [`ApiError::redact`] already.

use std::fmt;

use super::super::gate::GateRefusal;
use super::{ApiError, ConfigProblem};

impl ApiError {
    /// The name of the message's main template in `extension/_locales/*/messages.json`, e.g.
    /// `api_error_timeout` (chrome.i18n allows only `[A-Za-z0-9_@]` in names). An HTTP error has
    /// one template per combination of Heroku's id and message; a gate refusal one per reason.
    /// Field problems and the request id wrap the main text in `api_error_field` and
    /// `api_error_with_request_id`.
    pub fn message_key(&self) -> &'static str {
        match self {
            ApiError::Http(e) => {
                let said = e.message.is_some() || e.body_excerpt.is_some();
                match (e.id.is_some(), said) {
                    (true, true) => "api_error_http_id_message",
                    (true, false) => "api_error_http_id",
                    (false, true) => "api_error_http_message",
                    (false, false) => "api_error_http",
                }
            }
            ApiError::Decode { .. } => "api_error_decode",
            ApiError::Network(_) => "api_error_network",
            ApiError::Timeout => "api_error_timeout",
            ApiError::Refused(_) => "api_error_refused",
            ApiError::Gate { reason, .. } => match reason {
                GateRefusal::Unparseable => "api_error_gate_unparseable",
                GateRefusal::UserInfo => "api_error_gate_user_info",
                GateRefusal::NotHttps => "api_error_gate_not_https",
                GateRefusal::UnexpectedPort => "api_error_gate_unexpected_port",
                GateRefusal::ForeignHost => "api_error_gate_foreign_host",
            },
            ApiError::NoConnection { .. } => "api_error_no_connection",
            ApiError::UnknownRegion { .. } => "api_error_unknown_region",
            ApiError::BadConfig(_) => "api_error_bad_config",
        }
    }

    /// The message in the language of `lookup`, which returns the template named by its first
    /// argument filled with the second (`$1`, `$2`, … in order), as `chrome.i18n.getMessage` does;
    /// the UI passes `browser::i18n::t_with`. With the English templates this equals the `Display`
    /// text exactly.
    ///
    /// ```
    /// use connect_pilot::api::ApiError;
    /// let e = ApiError::NoConnection { app: "acme".into() };
    /// let shown = e.message_with(|key, args| format!("[{key}] {}", args.join(", ")));
    /// assert_eq!(shown, "[api_error_no_connection] acme");
    /// ```
    pub fn message_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let text = self.summary_with(&lookup);
        match self.request_id() {
            Some(id) => lookup("api_error_with_request_id", &[&text, id]),
            None => text,
        }
    }

    /// The lines of an error banner's details: the message without its request id, then the
    /// request id and the wait Heroku asked for, each on a line of its own. Support asks for the
    /// request id by itself, so it is not also repeated inside the message.
    pub fn details_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> Vec<String> {
        let mut lines = vec![self.summary_with(&lookup)];
        if let Some(id) = self.request_id() {
            lines.push(lookup("error_request_id", &[id]));
        }
        if let Some(secs) = self.retry_after() {
            lines.push(lookup("error_retry_after", &[&secs.to_string()]));
        }
        lines
    }

    /// [`message_with`](Self::message_with) without the request id.
    fn summary_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let key = self.message_key();
        match self {
            ApiError::Http(e) => {
                let status = e.status.to_string();
                let said = e.message.as_deref().or(e.body_excerpt.as_deref());
                let mut text = match (e.id.as_deref(), said) {
                    (Some(id), Some(said)) => lookup(key, &[&status, id, said]),
                    (Some(id), None) => lookup(key, &[&status, id]),
                    (None, Some(said)) => lookup(key, &[&status, said]),
                    (None, None) => lookup(key, &[&status]),
                };
                for field in &e.errors {
                    let (path, problem) = field_parts(field);
                    text = lookup("api_error_field", &[&text, path, problem]);
                }
                text
            }
            ApiError::Decode {
                status,
                path,
                message,
                ..
            } => lookup(key, &[&status.to_string(), path, message]),
            ApiError::Network(said) | ApiError::Refused(said) => lookup(key, &[said]),
            ApiError::Timeout => lookup(key, &[]),
            ApiError::Gate { url, .. } => lookup(key, &[url]),
            ApiError::NoConnection { app } => lookup(key, &[app]),
            ApiError::UnknownRegion { region } => lookup(key, &[region]),
            ApiError::BadConfig(problem) => lookup(key, &[&problem.message_with(&lookup)]),
        }
    }
}

/// A 422 field problem as shown: a missing path reads `?`, a missing message as nothing.
fn field_parts(field: &super::FieldError) -> (&str, &str) {
    (
        field.path.as_deref().unwrap_or("?"),
        field.message.as_deref().unwrap_or(""),
    )
}

impl ConfigProblem {
    /// The name of the problem's template, filled into `api_error_bad_config`'s `$1`.
    pub fn message_key(&self) -> &'static str {
        match self {
            ConfigProblem::NoRegionUrl { .. } => "api_error_bad_config_no_region_url",
            ConfigProblem::NoDetailUrl { .. } => "api_error_bad_config_no_detail_url",
            ConfigProblem::UnusableRegionUrl => "api_error_bad_config_region_url",
            ConfigProblem::EmulatorOrigin => "api_error_bad_config_emulator_origin",
        }
    }

    /// The problem in the language of `lookup` (see [`ApiError::message_with`]); with the English
    /// templates it equals the `Display` text.
    pub fn message_with(&self, lookup: impl Fn(&str, &[&str]) -> String) -> String {
        let key = self.message_key();
        match self {
            ConfigProblem::NoRegionUrl { connection }
            | ConfigProblem::NoDetailUrl { connection } => lookup(key, &[connection]),
            ConfigProblem::UnusableRegionUrl | ConfigProblem::EmulatorOrigin => lookup(key, &[]),
        }
    }
}

/// Why the gate refused, in words a user can act on.
fn gate_reason(reason: &GateRefusal) -> &'static str {
    match reason {
        GateRefusal::Unparseable => "not an absolute http(s) URL",
        GateRefusal::UserInfo => "the URL holds a user name or password",
        GateRefusal::NotHttps => "Heroku hosts are reached over https only",
        GateRefusal::UnexpectedPort => "Heroku hosts are reached on port 443 only",
        GateRefusal::ForeignHost => {
            "the host is neither Heroku's nor the emulator origin enabled in the options"
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Http(e) => {
                write!(f, "HTTP {}", e.status)?;
                if let Some(id) = &e.id {
                    write!(f, " ({id})")?;
                }
                match (&e.message, &e.body_excerpt) {
                    (Some(m), _) => write!(f, ": {m}")?,
                    (None, Some(b)) => write!(f, ": {b}")?,
                    _ => {}
                }
                for field in &e.errors {
                    let (path, problem) = field_parts(field);
                    write!(f, "; {path}: {problem}")?;
                }
            }
            ApiError::Decode {
                status,
                path,
                message,
                ..
            } => write!(
                f,
                "unexpected answer (HTTP {status}) at `{path}`: {message}"
            )?,
            ApiError::Network(m) => {
                write!(f, "Heroku could not be reached (the browser said: {m})")?
            }
            ApiError::Timeout => f.write_str("Heroku did not answer in time")?,
            ApiError::Refused(m) => write!(
                f,
                "Heroku could not be reached: the connection was refused (the browser said: {m})"
            )?,
            ApiError::Gate { url, reason } => write!(
                f,
                "refused to send the Heroku token to {url}: {}",
                gate_reason(reason)
            )?,
            ApiError::NoConnection { app } => {
                write!(f, "no Heroku Connect connection found for app {app}")?
            }
            ApiError::UnknownRegion { region } => {
                write!(f, "no Heroku Connect host is known for region {region}")?
            }
            ApiError::BadConfig(problem) => write!(f, "unusable setting: {problem}")?,
        }
        if let Some(r) = self.request_id() {
            write!(f, " [Request-Id {r}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigProblem::NoRegionUrl { connection } => {
                write!(f, "connection {connection} has no region_url")
            }
            ConfigProblem::NoDetailUrl { connection } => write!(
                f,
                "connection {connection} has neither a usable detail_url nor a region_url"
            ),
            ConfigProblem::UnusableRegionUrl => f.write_str("unusable region_url"),
            ConfigProblem::EmulatorOrigin => {
                f.write_str("the emulator origin is not a usable http(s) origin")
            }
        }
    }
}
