//! Endpoints as data: each API operation is a small struct that states its method, path,
//! query, body and response type. The client sends any of them; the UI turns the same value
//! into "Copy as curl" text. No I/O here.
//!
//! [`RequestSpec`] is an endpoint with its response type forgotten, so a list of different calls
//! (the flow's `next_calls`) can be held, shown and copied.

use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::retry::RetryClass;
use super::transport::{HttpResponse, Method};
use super::url::{join_base, Url};
use super::ApiConfig;
use connect_pilot_common::json_path;

/// Which Heroku service answers; decides the `Accept` header and the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Service {
    /// hc-central, the discovery service (contract §4.1).
    Discovery,
    /// A regional Heroku Connect API v3 host (contract §4.2–4.4).
    Connect,
    /// The Heroku Platform API (contract §4.5).
    Platform,
}

impl Service {
    /// The `Accept` header this service gets.
    pub fn accept(self) -> &'static str {
        match self {
            Service::Platform => "application/vnd.heroku+json; version=3",
            Service::Discovery | Service::Connect => "application/json",
        }
    }
}

/// Where the path of an endpoint is rooted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Base {
    /// `ApiConfig::discovery_base`.
    Discovery,
    /// `ApiConfig::platform_base`.
    Platform,
    /// A connection's `region_url` (scheme and host, no path); paths then start with `/api/v3`.
    Region(String),
    /// The path is already an absolute URL taken from an answer (`detail_url`, `result_url`,
    /// `next`).
    Absolute,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Body {
    /// A JSON value, serialised compactly.
    Json(serde_json::Value),
    /// JSON text sent exactly as given (an import sends the user's document untouched).
    Raw(String),
}

impl Body {
    /// The text that goes on the wire.
    pub fn text(&self) -> String {
        match self {
            Body::Json(v) => v.to_string(),
            Body::Raw(s) => s.clone(),
        }
    }
}

/// One API operation, described as data.
pub trait Endpoint {
    /// What a 2xx answer decodes into.
    type Response: DeserializeOwned;

    /// The service that answers.
    fn service(&self) -> Service;
    /// Where [`Endpoint::path`] is rooted.
    fn base(&self) -> Base;
    /// The method.
    fn method(&self) -> Method;
    /// The path (with `Base::Absolute`, the whole URL).
    fn path(&self) -> String;
    /// Query parameters, unencoded.
    fn query(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// The body, if any.
    fn body(&self) -> Option<Body> {
        None
    }
    /// How the request may be retried; by method unless the endpoint says otherwise.
    fn retry_class(&self) -> RetryClass {
        RetryClass::for_method(self.method())
    }
    /// The equivalent `heroku` CLI command, where one exists.
    fn heroku_cli(&self) -> Option<String> {
        None
    }
    /// Decodes a 2xx answer. The default reads JSON and names the path of a failure.
    fn decode(&self, response: &HttpResponse) -> Result<Self::Response, ApiError> {
        decode_json(response)
    }
}

/// Reads a JSON body into `R`, naming the JSON path of the first mismatch.
pub fn decode_json<R: DeserializeOwned>(response: &HttpResponse) -> Result<R, ApiError> {
    // An empty 2xx body reads as `null`, so `Option`/unit responses still decode.
    let text = if response.body.trim().is_empty() {
        "null"
    } else {
        &response.body
    };
    // One plain pass, with no check for trailing text (as before). The path of a failure is found
    // from the text afterwards, so no second, path-tracking instantiation of `R`'s Deserialize is
    // compiled in per response type.
    let de = &mut serde_json::Deserializer::from_str(text);
    R::deserialize(de).map_err(|error| {
        // The same read again over the padded text, to place the failure exactly; same code.
        let padded = json_path::spaced(text);
        let again = R::deserialize(&mut serde_json::Deserializer::from_str(&padded)).err();
        decode_error(response, &padded, &error, again.as_ref())
    })
}

/// Not generic over the response type: built once, whatever failed to decode.
fn decode_error(
    response: &HttpResponse,
    padded: &str,
    error: &serde_json::Error,
    again: Option<&serde_json::Error>,
) -> ApiError {
    ApiError::Decode {
        status: response.status,
        path: json_path::dotted(&json_path::locate(padded, again.unwrap_or(error))),
        message: error.to_string(),
        request_id: response.header("request-id").map(str::to_string),
    }
}

/// An endpoint reduced to data: what to send, without the response type.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RequestSpec {
    /// The answering service.
    pub service: Service,
    /// Where `path` is rooted.
    pub base: Base,
    /// The method.
    pub method: Method,
    /// Path, or absolute URL with `Base::Absolute`.
    pub path: String,
    /// Query parameters, unencoded.
    pub query: Vec<(String, String)>,
    /// Body.
    pub body: Option<Body>,
    /// The equivalent `heroku` CLI command, if any.
    pub heroku_cli: Option<String>,
}

impl RequestSpec {
    /// Captures an endpoint.
    pub fn of<E: Endpoint + ?Sized>(endpoint: &E) -> RequestSpec {
        RequestSpec {
            service: endpoint.service(),
            base: endpoint.base(),
            method: endpoint.method(),
            path: endpoint.path(),
            query: endpoint.query(),
            body: endpoint.body(),
            heroku_cli: endpoint.heroku_cli(),
        }
    }

    /// The absolute URL, query included, for these settings.
    pub fn url(&self, config: &ApiConfig) -> Result<String, ApiError> {
        let raw = match &self.base {
            Base::Discovery => join_base(&config.discovery_base, &self.path),
            Base::Platform => join_base(&config.platform_base, &self.path),
            Base::Region(region_url) => join_base(region_url, &self.path),
            Base::Absolute => self.path.clone(),
        };
        let mut url = Url::parse(&raw).ok_or_else(|| ApiError::Gate {
            url: strip_query(&raw),
            reason: super::gate::GateRefusal::Unparseable,
        })?;
        for (k, v) in &self.query {
            url.set_query_param(k, v);
        }
        Ok(url.to_string())
    }

    /// Headers other than `Authorization`: `Accept` per service, `Content-Type` only with a body.
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut h = vec![("Accept".to_string(), self.service.accept().to_string())];
        if self.body.is_some() {
            h.push(("Content-Type".into(), "application/json".into()));
        }
        h
    }
}

/// A URL without query and fragment, for error texts.
pub fn strip_query(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or("").to_string()
}

/// Decodes nothing: for answers whose body the client ignores (202/204).
pub fn ignore_body(_response: &HttpResponse) -> Result<(), ApiError> {
    Ok(())
}

/// Percent-encodes one path segment (app names, object names, ids).
pub fn seg(s: &str) -> String {
    super::url::encode_component(s)
}
