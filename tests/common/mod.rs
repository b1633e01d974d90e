//! Shared test doubles for the app crate's integration tests.
//!
//! - [`FakeTransport`] serves canned answers (fixtures under `tests/fixtures/api/`) per method and
//!   URL, records every request and every sleep, and answers anything unplanned with a readable
//!   418 so a wrong URL fails with a clear message rather than a puzzling decode error.
//! - [`RouterTransport`] sends requests into the in-process emulator (`connect_emulator::app`)
//!   through tower's `oneshot`: no port, no network.
#![allow(dead_code)]

pub mod flow;
pub mod i18n;
pub mod running;
pub mod states;

use std::cell::RefCell;
use std::collections::VecDeque;

use connect_pilot::api::{
    ApiConfig, Clock, ConnectClient, HttpRequest, HttpResponse, Method, Transport, TransportError,
};

/// Reads `tests/fixtures/api/<name>`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/api/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A JSON answer with a fixture body and the headers Heroku sends.
pub fn json(status: u16, fixture_name: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Request-Id".into(), format!("req-{fixture_name}")),
        ],
        body: fixture(fixture_name),
    }
}

/// An answer with an inline body.
pub fn raw(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![],
        body: body.into(),
    }
}

/// Adds a header to an answer.
pub fn with_header(mut r: HttpResponse, name: &str, value: &str) -> HttpResponse {
    r.headers.push((name.into(), value.into()));
    r
}

struct Route {
    method: Method,
    url: String,
    answers: VecDeque<Result<HttpResponse, TransportError>>,
}

/// Serves planned answers and records what the client did.
#[derive(Default)]
pub struct FakeTransport {
    routes: RefCell<Vec<Route>>,
    /// Every request sent, in order.
    pub requests: RefCell<Vec<HttpRequest>>,
    /// Every wait asked for, in ms.
    pub sleeps: RefCell<Vec<u64>>,
}

impl FakeTransport {
    /// An empty fake.
    pub fn new() -> FakeTransport {
        FakeTransport::default()
    }

    /// Plans answers for `method url` (the full URL, query included). Answers are used in
    /// order; the last one repeats.
    pub fn on(
        &self,
        method: Method,
        url: &str,
        answers: Vec<Result<HttpResponse, TransportError>>,
    ) -> &Self {
        self.routes.borrow_mut().push(Route {
            method,
            url: url.into(),
            answers: answers.into(),
        });
        self
    }

    /// Plans one answer that repeats.
    pub fn always(&self, method: Method, url: &str, answer: HttpResponse) -> &Self {
        self.on(method, url, vec![Ok(answer)])
    }

    /// `METHOD URL` of every request, for compact assertions.
    pub fn lines(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect()
    }

    /// The recorded request `i`.
    pub fn request(&self, i: usize) -> HttpRequest {
        self.requests.borrow()[i].clone()
    }
}

impl Transport for FakeTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(request.clone());
        let mut routes = self.routes.borrow_mut();
        let Some(route) = routes
            .iter_mut()
            .find(|r| r.method == request.method && r.url == request.url)
        else {
            return Ok(raw(
                418,
                &format!("unplanned request: {} {}", request.method, request.url),
            ));
        };
        if route.answers.len() > 1 {
            route.answers.pop_front().expect("non-empty")
        } else {
            route
                .answers
                .front()
                .cloned()
                .expect("a route has at least one answer")
        }
    }
}

impl Clock for FakeTransport {
    async fn sleep(&self, ms: u64) {
        self.sleeps.borrow_mut().push(ms);
    }
}

/// A client over a fresh fake with default (Heroku) settings and token `tok-123`.
pub fn heroku_client() -> ConnectClient<FakeTransport> {
    ConnectClient::new(FakeTransport::new(), ApiConfig::default(), TOKEN)
        .expect("default config is valid")
}

/// The token the fake-backed tests use.
pub const TOKEN: &str = "tok-123";

// ----- emulator-backed transport (below this line) -----

/// Origin the in-process emulator is addressed as; the emulator derives every URL it emits
/// from the `Host` header, so this is also the client's `emulator_origin`.
pub const EMULATOR_ORIGIN: &str = "http://emulator.test";

/// The client's transport over the in-process emulator: each request goes to
/// `connect_emulator::app(state)` through tower's `oneshot`. `sleep` moves emulator time
/// (one tick per started second) instead of waiting.
pub struct RouterTransport {
    /// The emulator's state, shared with every router built from it.
    pub state: connect_emulator::EmulatorState,
    /// Every request sent, in order.
    pub requests: RefCell<Vec<HttpRequest>>,
    /// Every wait asked for, in ms.
    pub sleeps: RefCell<Vec<u64>>,
}

/// A default value of the request type `svc` accepts. The router's service has exactly one
/// request type (`http::Request<String>` here), so inference names it for us and this crate
/// needs no direct dependency on `http`.
fn blank_request<S: tower::Service<R>, R: Default>(_svc: &S) -> R {
    R::default()
}

/// Header names the client sends; the router's header map wants `'static` names.
fn static_header_name(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "authorization" => "authorization",
        "accept" => "accept",
        "content-type" => "content-type",
        "range" => "range",
        "origin" => "origin",
        other => panic!("RouterTransport does not forward the header {other}"),
    }
}

impl RouterTransport {
    /// A transport over a fresh emulator with the demo seed.
    pub fn demo() -> RouterTransport {
        RouterTransport {
            state: connect_emulator::EmulatorState::demo(),
            requests: RefCell::new(Vec::new()),
            sleeps: RefCell::new(Vec::new()),
        }
    }

    /// Sends a request straight to the emulator (no token gate): the Salesforce consent form,
    /// control calls.
    pub async fn raw(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> HttpResponse {
        self.exchange(method, url, headers, body).await.0
    }

    /// One request through the emulator's router, and whether a `drop` fault marked the answer as
    /// a closed connection.
    async fn exchange(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (HttpResponse, bool) {
        use http_body_util::BodyExt;
        use tower::ServiceExt;

        let parsed = connect_pilot::api::url::Url::parse(url).expect("absolute URL");
        let target = match &parsed.query {
            Some(q) => format!("{}?{q}", parsed.path),
            None => parsed.path.clone(),
        };
        let host = match parsed.port {
            Some(p) => format!("{}:{p}", parsed.host),
            None => parsed.host.clone(),
        };
        let svc = connect_emulator::app(self.state.clone()).into_service::<String>();
        let mut req = blank_request(&svc);
        *req.method_mut() = method.parse().expect("method");
        *req.uri_mut() = target.parse().expect("request target");
        req.headers_mut()
            .insert("host", host.parse().expect("host header"));
        for (k, v) in headers {
            req.headers_mut()
                .append(static_header_name(k), v.parse().expect("header value"));
        }
        *req.body_mut() = body.to_string();
        let response = svc.oneshot(req).await.expect("the router never fails");
        let dropped = response
            .extensions()
            .get::<connect_emulator::layer::DropConnection>()
            .is_some();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let answer = HttpResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        (answer, dropped)
    }

    /// `POST /_emulator/advance`.
    pub async fn advance(&self, ticks: u64) {
        let r = self
            .control("advance", &serde_json::json!({ "ticks": ticks }))
            .await;
        assert_eq!(r.status, 200, "advance: {}", r.body);
    }

    /// A control call (contract §8.2): `body` as JSON to `POST /_emulator/<path>`.
    pub async fn control(&self, path: &str, body: &serde_json::Value) -> HttpResponse {
        self.raw(
            "POST",
            &format!("{EMULATOR_ORIGIN}/_emulator/{path}"),
            &[("content-type", "application/json")],
            &body.to_string(),
        )
        .await
    }

    /// What the user does in the consent tab (contract §7): open the redirect, read the form's
    /// `state`, press Allow. The browser sends no token there. Returns the form's answer, after
    /// checking it is the redirect to `next` (or the "complete" page).
    pub async fn approve_consent(&self, redirect: &str) -> HttpResponse {
        let page = self.raw("GET", redirect, &[], "").await;
        assert_eq!(page.status, 200, "consent page: {}", page.body);
        let marker = "name=\"state\" value=\"";
        let start = page.body.find(marker).expect("state field on the page") + marker.len();
        let state = &page.body[start..start + page.body[start..].find('"').expect("closing quote")];
        assert!(
            state
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "the state goes into the form body unescaped: {state}"
        );
        let consent = self
            .raw(
                "POST",
                &format!("{EMULATOR_ORIGIN}/services/oauth2/authorize"),
                &[("content-type", "application/x-www-form-urlencoded")],
                &format!("state={state}&decision=allow"),
            )
            .await;
        assert!(
            consent.status == 302 || consent.status == 200,
            "consent: {} {}",
            consent.status,
            consent.body
        );
        consent
    }

    /// `GET /_emulator/state`, parsed.
    pub async fn dump(&self) -> serde_json::Value {
        let r = self
            .raw(
                "GET",
                &format!("{EMULATOR_ORIGIN}/_emulator/state"),
                &[],
                "",
            )
            .await;
        serde_json::from_str(&r.body).expect("state dump is JSON")
    }

    /// `METHOD URL` of every client request, for compact assertions.
    pub fn lines(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect()
    }
}

impl RouterTransport {
    /// Records a client request and sends it; the flag says a `drop` fault answered it.
    async fn record_and_send(&self, request: HttpRequest) -> (HttpResponse, bool) {
        self.requests.borrow_mut().push(request.clone());
        let headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = request.body.as_deref().unwrap_or("");
        self.exchange(request.method.as_str(), &request.url, &headers, body)
            .await
    }
}

impl Transport for RouterTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(self.record_and_send(request).await.0)
    }
}

impl Clock for RouterTransport {
    async fn sleep(&self, ms: u64) {
        self.sleeps.borrow_mut().push(ms);
        let ticks = ms.div_ceil(1000);
        if ticks > 0 {
            self.advance(ticks).await;
        }
    }
}

/// A client over a fresh demo emulator, as the extension would be configured for it.
pub fn emulator_client(
    token: &str,
    flow: connect_pilot::api::ConnectFlow,
) -> ConnectClient<RouterTransport> {
    let config = ApiConfig {
        flow,
        ..ApiConfig::emulator(EMULATOR_ORIGIN)
    };
    ConnectClient::new(RouterTransport::demo(), config, token).expect("emulator config is valid")
}

// ----- drop-aware emulator transport (below this line) -----

/// [`RouterTransport`] as a browser sees it. In-process there is no socket to close, so a
/// `"drop": true` fault comes back as a 503 carrying the emulator's `DropConnection` marker;
/// this transport turns it into the network error `fetch` would report, so the client's retry
/// rules (network errors, not 503s) are what a drop exercises.
pub struct BrowserTransport {
    /// The emulator and the request/sleep records.
    pub router: RouterTransport,
}

impl BrowserTransport {
    /// A transport over a fresh emulator with the demo seed.
    pub fn demo() -> BrowserTransport {
        BrowserTransport {
            router: RouterTransport::demo(),
        }
    }
}

impl Transport for BrowserTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let (answer, dropped) = self.router.record_and_send(request).await;
        if dropped {
            return Err(TransportError::Network(
                "connection closed without an answer".into(),
            ));
        }
        Ok(answer)
    }
}

impl Clock for BrowserTransport {
    async fn sleep(&self, ms: u64) {
        self.router.sleep(ms).await;
    }
}

/// A client over a fresh demo emulator through [`BrowserTransport`].
pub fn browser_client(
    token: &str,
    flow: connect_pilot::api::ConnectFlow,
) -> ConnectClient<BrowserTransport> {
    let config = ApiConfig {
        flow,
        ..ApiConfig::emulator(EMULATOR_ORIGIN)
    };
    ConnectClient::new(BrowserTransport::demo(), config, token).expect("emulator config is valid")
}
