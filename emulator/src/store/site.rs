//! Where a request arrived, and therefore which URLs the emulator emits and which connections it serves.
//!
//! One-origin mode echoes the request's own origin; host mode (a real Heroku host name in `Host`) emits the real
//! `https://<host>` names with no port. Deciding the mode from headers happens in `layer.rs`.

use serde::{Deserialize, Serialize};

/// Which connections a host serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// One-origin mode or discovery: every region.
    All,
    /// A regional host: one region.
    Region(String),
    /// An unknown `connect-*.heroku.com` cell: no connections at all.
    Nothing,
}

/// The request's origin and what it may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `scheme://host[:port]` as the client reached us.
    pub origin: String,
    /// Whether the host is one of the real names of §8.1.
    pub host_mode: bool,
    /// Connections served.
    pub scope: Scope,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            origin: "http://localhost".into(),
            host_mode: false,
            scope: Scope::All,
        }
    }
}

/// The real regional host of a region.
pub fn region_host(region: &str) -> &'static str {
    match region {
        "eu" => "connect-dublin.heroku.com",
        _ => "connect-virginia.heroku.com",
    }
}

/// The cell name of a region.
pub fn cell_of(region: &str) -> &'static str {
    match region {
        "eu" => "dublin-1",
        _ => "virginia-1",
    }
}

impl Site {
    /// A one-origin site (tests and `--http`).
    pub fn one_origin(origin: &str) -> Self {
        Self {
            origin: origin.trim_end_matches('/').to_owned(),
            host_mode: false,
            scope: Scope::All,
        }
    }

    /// Whether a connection of `region` is served here.
    pub fn serves(&self, region: &str) -> bool {
        match &self.scope {
            Scope::All => true,
            Scope::Region(r) => r == region,
            Scope::Nothing => false,
        }
    }

    /// Base URL for regional calls on a connection of `region`.
    pub fn region_url(&self, region: &str) -> String {
        if self.host_mode {
            format!("https://{}", region_host(region))
        } else {
            self.origin.clone()
        }
    }

    /// Origin of the fake Salesforce login for an environment and My Domain host.
    pub fn salesforce_origin(&self, environment: &str, domain: Option<&str>) -> String {
        if !self.host_mode {
            return self.origin.clone();
        }
        match (environment, domain) {
            ("custom", Some(d)) => format!("https://{d}"),
            ("sandbox", _) => "https://test.salesforce.com".into(),
            _ => "https://login.salesforce.com".into(),
        }
    }
}
