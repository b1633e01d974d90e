//! Host-based routing (§8.1): which service a host name or a path belongs to, and which connections a
//! regional host serves. One-origin mode is whatever this module does not recognise.

use axum::extract::Request;
use axum::http::header;

use crate::store::Scope;

/// The service a request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// hc-central.
    Discovery,
    /// Regional Connect API.
    Regional,
    /// Platform API.
    Platform,
    /// Fake Salesforce.
    Salesforce,
    /// Fake dashboard.
    Dashboard,
}

impl Service {
    /// The name the request log uses.
    pub fn name(self) -> &'static str {
        match self {
            Service::Discovery => "discovery",
            Service::Regional => "regional",
            Service::Platform => "platform",
            Service::Salesforce => "salesforce",
            Service::Dashboard => "dashboard",
        }
    }

    /// Whether the service needs a Bearer token.
    pub fn needs_token(self) -> bool {
        matches!(
            self,
            Service::Discovery | Service::Regional | Service::Platform
        )
    }
}

/// The service a path belongs to in one-origin mode.
pub fn service_of_path(path: &str) -> Option<Service> {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if under("/connections") || under("/auth") {
        Some(Service::Discovery)
    } else if under("/api/v3") {
        Some(Service::Regional)
    } else if under("/account") || under("/apps") {
        Some(Service::Platform)
    } else if under("/services/oauth2") {
        Some(Service::Salesforce)
    } else if under("/dashboard") {
        Some(Service::Dashboard)
    } else {
        None
    }
}

/// The role of a real host name (§8.1), or None for one-origin mode.
pub fn host_role(host: &str) -> Option<(Service, Scope)> {
    match host {
        "hc-central.heroku.com" => Some((Service::Discovery, Scope::All)),
        "api.heroku.com" => Some((Service::Platform, Scope::All)),
        "dashboard.heroku.com" => Some((Service::Dashboard, Scope::All)),
        "connect-virginia.heroku.com" | "connect-us.heroku.com" => {
            Some((Service::Regional, Scope::Region("us".into())))
        }
        "connect-dublin.heroku.com" | "connect-eu.heroku.com" => {
            Some((Service::Regional, Scope::Region("eu".into())))
        }
        h if h.starts_with("connect-")
            && h.ends_with(".heroku.com")
            && !h[8..h.len() - 11].contains('.') =>
        {
            Some((Service::Regional, Scope::Nothing))
        }
        h if h.ends_with(".salesforce.com") => Some((Service::Salesforce, Scope::All)),
        _ => None,
    }
}

/// The `Host` header (or URI authority), lower-cased, with any port.
pub fn host_of(req: &Request) -> String {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "localhost".into())
        .to_ascii_lowercase()
}

/// A host without its port.
pub fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_once(']').map_or(host, |(h, _)| &h[1..]);
    }
    host.rsplit_once(':').map_or(host, |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    })
}
