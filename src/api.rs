//! Heroku Connect, discovery and Platform API client: endpoints as data, wire models and errors.
//!
//! No I/O happens here: a [`Transport`] sends the requests (fetch in the browser, the emulator's
//! router or a fixture server in tests) and a [`Clock`] waits between retries. Every URL passes
//! the [`gate::TokenGate`] before the token is attached. The client stops at the API: what to do
//! with an answer is `crate::flow`'s business.

pub mod central;
pub mod connections;
pub mod curl;
pub mod discovery;
pub mod endpoint;
pub mod error;
pub mod gate;
pub mod legacy;
pub mod mappings;
pub mod model;
pub mod monitoring;
mod operations;
pub mod platform;
pub mod retry;
pub mod transport;
pub mod url;
pub mod versions;

use std::cell::Cell;
use std::fmt;

use serde::de::DeserializeOwned;

pub use connections::{ConnRef, ConnectionActionKind};
pub use discovery::Discovered;
pub use endpoint::{Endpoint, RequestSpec, Service};
pub use error::{ApiError, ConfigProblem, ErrorKind, Hint};
pub use mappings::MappingRef;
pub use transport::{Clock, HttpRequest, HttpResponse, Method, Transport, TransportError};

use endpoint::strip_query;
use gate::TokenGate;
use retry::{decide, Decision, Outcome, RetryClass};

/// Default discovery base.
pub const DEFAULT_DISCOVERY_BASE: &str = "https://hc-central.heroku.com";
/// Default Platform API base.
pub const DEFAULT_PLATFORM_BASE: &str = "https://api.heroku.com";
/// Default request timeout (contract §2.4).
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// Most pages followed for one list, so a server that always says "more" cannot loop us.
pub const MAX_PAGES: usize = 50;

/// How connections are found (contract §1.2, §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ConnectFlow {
    /// Flow A: hc-central discovery, then `detail_url`.
    #[default]
    Discovery,
    /// Flow B: region from the Platform API, legacy regional list.
    Legacy,
}

/// Where the client sends requests. Comes from the options page at run time, so one build
/// serves Heroku and the emulator.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ApiConfig {
    /// hc-central base, default `https://hc-central.heroku.com`.
    pub discovery_base: String,
    /// Platform API base, default `https://api.heroku.com`.
    pub platform_base: String,
    /// The one non-Heroku origin the token may go to, e.g. `http://127.0.0.1:8787`.
    pub emulator_origin: Option<String>,
    /// Flow A or Flow B.
    pub flow: ConnectFlow,
    /// Per-request timeout handed to the transport.
    pub timeout_ms: u32,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            discovery_base: DEFAULT_DISCOVERY_BASE.into(),
            platform_base: DEFAULT_PLATFORM_BASE.into(),
            emulator_origin: None,
            flow: ConnectFlow::Discovery,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

impl ApiConfig {
    /// Settings for an emulator in one-origin mode: every service at `origin`.
    pub fn emulator(origin: &str) -> ApiConfig {
        let origin = origin.trim_end_matches('/').to_string();
        ApiConfig {
            discovery_base: origin.clone(),
            platform_base: origin.clone(),
            emulator_origin: Some(origin),
            ..ApiConfig::default()
        }
    }
}

/// The API client: one async method per operation, plus [`ConnectClient::send`] for any
/// [`Endpoint`]. Holds the token; `Debug` never shows it.
pub struct ConnectClient<T> {
    transport: T,
    config: ApiConfig,
    gate: TokenGate,
    token: String,
    rate_limit_remaining: Cell<Option<u64>>,
}

impl<T> fmt::Debug for ConnectClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectClient")
            .field("config", &self.config)
            .field("token", &"[redacted]")
            .field("rate_limit_remaining", &self.rate_limit_remaining.get())
            .finish()
    }
}

impl<T> ConnectClient<T> {
    /// A client for `token` under `config`. Fails when a base URL cannot be read or would
    /// not pass the token gate.
    pub fn new(
        transport: T,
        config: ApiConfig,
        token: impl Into<String>,
    ) -> Result<Self, ApiError> {
        let gate = TokenGate::new(config.emulator_origin.as_deref());
        if config.emulator_origin.is_some() && gate.emulator_origin().is_none() {
            return Err(ApiError::BadConfig(ConfigProblem::EmulatorOrigin));
        }
        for base in [&config.discovery_base, &config.platform_base] {
            gate.check(base).map_err(|reason| ApiError::Gate {
                url: strip_query(base),
                reason,
            })?;
        }
        Ok(ConnectClient {
            transport,
            config,
            gate,
            token: token.into(),
            rate_limit_remaining: Cell::new(None),
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &ApiConfig {
        &self.config
    }

    /// The token gate in use.
    pub fn gate(&self) -> &TokenGate {
        &self.gate
    }

    /// The transport (tests inspect recorded requests through it).
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The last `RateLimit-Remaining` seen, if any answer carried one.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        self.rate_limit_remaining.get()
    }

    /// The full request for `spec`, token attached; refused by the gate before anything leaves.
    pub fn build_request(&self, spec: &RequestSpec) -> Result<HttpRequest, ApiError> {
        let url = spec.url(&self.config)?;
        self.gate.check(&url).map_err(|reason| ApiError::Gate {
            url: strip_query(&url),
            reason,
        })?;
        let mut headers = vec![(
            "Authorization".to_string(),
            format!("Bearer {}", self.token),
        )];
        headers.extend(spec.headers());
        Ok(HttpRequest {
            method: spec.method,
            url,
            headers,
            body: spec.body.as_ref().map(endpoint::Body::text),
            timeout_ms: self.config.timeout_ms,
        })
    }
}

impl<T: Transport + Clock> ConnectClient<T> {
    /// Sends any endpoint and decodes its answer.
    pub async fn send<E: Endpoint>(&self, endpoint: &E) -> Result<E::Response, ApiError> {
        let spec = RequestSpec::of(endpoint);
        let response = self.exchange(&spec, endpoint.retry_class(), None).await?;
        endpoint
            .decode(&response)
            .map_err(|e| e.redact(&self.token))
    }

    /// Sends a Platform API list endpoint and follows `Next-Range` while the answer is 206.
    pub async fn send_paged<E, X>(&self, endpoint: &E) -> Result<Vec<X>, ApiError>
    where
        E: Endpoint<Response = Vec<X>>,
        X: DeserializeOwned,
    {
        let spec = RequestSpec::of(endpoint);
        let mut all = Vec::new();
        let mut range: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let response = self
                .exchange(&spec, endpoint.retry_class(), range.as_deref())
                .await?;
            all.extend(
                endpoint
                    .decode(&response)
                    .map_err(|e| e.redact(&self.token))?,
            );
            match response.header("next-range") {
                Some(next) if response.status == 206 && !next.trim().is_empty() => {
                    range = Some(next.to_string())
                }
                _ => break,
            }
        }
        Ok(all)
    }

    /// Sends with retries; returns the 2xx answer or the error of the last attempt.
    async fn exchange(
        &self,
        spec: &RequestSpec,
        class: RetryClass,
        range: Option<&str>,
    ) -> Result<HttpResponse, ApiError> {
        let mut request = self.build_request(spec)?;
        if let Some(r) = range {
            request.headers.push(("Range".into(), r.to_string()));
        }
        let mut retries = 0;
        loop {
            let result = self.transport.send(request.clone()).await;
            let outcome = match &result {
                Ok(r) => {
                    if let Some(n) = r
                        .header("ratelimit-remaining")
                        .and_then(|v| v.trim().parse().ok())
                    {
                        self.rate_limit_remaining.set(Some(n));
                    }
                    if (200..300).contains(&r.status) {
                        break result.map_err(ApiError::from_transport);
                    }
                    Outcome::Status {
                        status: r.status,
                        retry_after: r.header("retry-after").and_then(error::parse_retry_after),
                    }
                }
                Err(TransportError::Refused(_)) => Outcome::Refused,
                Err(TransportError::Network(_)) => Outcome::Network,
                Err(TransportError::Timeout) => Outcome::Timeout,
            };
            match decide(class, outcome, retries) {
                Decision::RetryAfter(ms) => {
                    retries += 1;
                    self.transport.sleep(ms).await;
                }
                Decision::Stop => {
                    let err = match result {
                        Ok(r) => ApiError::from_response(&r),
                        Err(e) => ApiError::from_transport(e),
                    };
                    return Err(err.redact(&self.token));
                }
            }
        }
    }
}
