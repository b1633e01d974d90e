//! Shared helpers for the emulator's tests: an in-process client over `app(state).oneshot`, and shortcuts
//! that walk the demo world to the states most tests start from.
#![allow(dead_code)]

use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use connect_emulator::{app, EmulatorState, Limits, Seed};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const DEMO: &str = "demo-token";
pub const OUTSIDER: &str = "outsider-token";
pub const CID_US: &str = "c0000000-0000-4000-8000-000000000001";
pub const CID_EU: &str = "c0000000-0000-4000-8000-000000000002";
pub const CONTACT: &str = r#"{"object_name":"Contact","config":{"access":"read_write","sf_polling_seconds":600,"fields":{"Id":{},"IsDeleted":{},"SystemModstamp":{},"CreatedDate":{},"LastName":{},"Email":{},"Acme_Id__c":{}},"indexes":{"Id":{"unique":true},"SystemModstamp":{"unique":false},"Acme_Id__c":{"unique":true}},"upsert_field":"Acme_Id__c"}}"#;

/// An answer, with the body decoded as JSON when it is JSON.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status and the `{id, message}` error body.
    pub fn assert_error(&self, status: u16, id: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(self.json["id"], id, "body: {}", self.text);
        assert!(self.json["message"].is_string(), "body: {}", self.text);
    }
}

/// A request being built.
pub struct Req {
    method: Method,
    uri: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

pub fn req(method: &str, uri: &str) -> Req {
    Req {
        method: method.parse().unwrap(),
        uri: uri.to_owned(),
        headers: Vec::new(),
        body: Vec::new(),
    }
}

impl Req {
    pub fn token(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }
    pub fn host(self, host: &str) -> Self {
        self.header("host", host)
    }
    pub fn json(self, v: Value) -> Self {
        self.raw("application/json", v.to_string().into_bytes())
    }
    pub fn raw(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.body = body;
        self.header("content-type", content_type)
    }
    pub async fn send(self, app: &Router) -> Resp {
        let mut b = Request::builder().method(self.method).uri(&self.uri);
        if !self.headers.iter().any(|(k, _)| k == "host") {
            b = b.header("host", "127.0.0.1:8787");
        }
        for (k, v) in &self.headers {
            b = b.header(k, v);
        }
        let response = app
            .clone()
            .oneshot(b.body(Body::from(self.body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            text,
            json,
        }
    }
}

pub fn demo() -> (Router, EmulatorState) {
    let state = EmulatorState::demo();
    (app(state.clone()), state)
}

pub fn with_limits(connect: u64, platform: u64) -> (Router, EmulatorState) {
    let state = EmulatorState::new(
        Seed::Demo,
        Limits {
            connect_daily_limit: connect,
            platform_limit: platform,
        },
    );
    (app(state.clone()), state)
}

pub async fn get(app: &Router, uri: &str) -> Resp {
    req("GET", uri).token(DEMO).send(app).await
}

pub async fn post(app: &Router, uri: &str, body: Value) -> Resp {
    req("POST", uri).token(DEMO).json(body).send(app).await
}

pub async fn post_empty(app: &Router, uri: &str) -> Resp {
    req("POST", uri).token(DEMO).send(app).await
}

pub async fn patch(app: &Router, uri: &str, body: Value) -> Resp {
    req("PATCH", uri).token(DEMO).json(body).send(app).await
}

/// A request with the demo token and a body of any type, as sent, for the tests of body handling.
pub async fn send_body(
    app: &Router,
    method: &str,
    uri: &str,
    content_type: &str,
    body: impl Into<Vec<u8>>,
) -> Resp {
    req(method, uri)
        .token(DEMO)
        .raw(content_type, body.into())
        .send(app)
        .await
}

pub async fn advance(app: &Router, ticks: u64) -> Resp {
    req("POST", "/_emulator/advance")
        .json(json!({ "ticks": ticks }))
        .send(app)
        .await
}

pub fn conn_url(cid: &str) -> String {
    format!("/api/v3/connections/{cid}")
}

/// Puts the demo user on the access list of acme-sync.
pub async fn link(app: &Router) {
    assert_eq!(post_empty(app, "/auth/acme-sync").await.status, 200);
}

/// Sets the database: the connection moves to NEED_AUTHENTICATION.
pub async fn set_db(app: &Router, cid: &str) {
    let r = patch(
        app,
        &conn_url(cid),
        json!({"db_key": "DATABASE_URL", "schema_name": "salesforce"}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

/// Runs the Salesforce hop with Allow and returns the redirect's `Location`.
pub async fn authorize(app: &Router, cid: &str) -> Option<String> {
    let r = post(
        app,
        &format!("{}/authorize_url", conn_url(cid)),
        json!({"environment": "production", "next": "http://localhost:18000/done"}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let redirect = r.json["redirect"].as_str().unwrap().to_owned();
    let state = redirect.split("state=").nth(1).unwrap().to_owned();
    let r = req("POST", "/services/oauth2/authorize")
        .raw(
            "application/x-www-form-urlencoded",
            format!("state={state}&decision=allow").into_bytes(),
        )
        .send(app)
        .await;
    r.header("location").map(str::to_owned)
}

/// acme-sync linked, database set and Salesforce authorized: `IDLE`.
pub async fn idle(app: &Router) -> String {
    link(app).await;
    set_db(app, CID_US).await;
    authorize(app, CID_US).await;
    let r = get(app, &conn_url(CID_US)).await;
    assert_eq!(r.json["state"], "IDLE", "{}", r.text);
    CID_US.to_owned()
}

/// An IDLE connection with a Contact mapping in DATA_SYNCED; returns the mapping id.
pub async fn synced_contact(app: &Router) -> String {
    let cid = idle(app).await;
    let body: Value = serde_json::from_str(CONTACT).unwrap();
    let r = post(app, &format!("{}/mappings", conn_url(&cid)), body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let mid = r.json["id"].as_str().unwrap().to_owned();
    advance(app, 4).await;
    let r = get(app, &format!("/api/v3/mappings/{mid}")).await;
    assert_eq!(r.json["state"], "DATA_SYNCED");
    mid
}

/// A minimal HTTP/1.1 client over a raw socket, for the tests that go through real listeners.
pub mod wire_client {
    use serde_json::Value;
    use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

    /// A parsed answer.
    #[derive(Debug)]
    pub struct HttpResp {
        pub status: u16,
        pub headers: Vec<(String, String)>,
        pub text: String,
        pub json: Value,
    }

    impl HttpResp {
        pub fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    fn dechunk(mut body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") else {
                return out;
            };
            let size = usize::from_str_radix(
                std::str::from_utf8(&body[..line_end])
                    .unwrap()
                    .split(';')
                    .next()
                    .unwrap()
                    .trim(),
                16,
            )
            .unwrap();
            if size == 0 {
                return out;
            }
            let start = line_end + 2;
            out.extend_from_slice(&body[start..start + size]);
            body = &body[start + size + 2..];
        }
    }

    /// Sends one request on `stream` (`Connection: close`) and reads the whole answer.
    /// `None` means the server closed the connection without answering.
    pub async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
        mut stream: S,
        method: &str,
        host: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Option<HttpResp> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.ok()?;
        stream.write_all(body).await.ok()?;
        stream.flush().await.ok()?;
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw).await;
        if raw.is_empty() {
            return None;
        }
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("complete head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        let text = String::from_utf8_lossy(&body).into_owned();
        let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
        Some(HttpResp {
            status,
            headers,
            text,
            json,
        })
    }

    /// An emulator on a loopback port (plain HTTP), serving until the test ends.
    pub async fn start(state: connect_emulator::EmulatorState) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(connect_emulator::serve::serve_http(
            listener,
            connect_emulator::app(state),
            connect_emulator::serve::forever(),
        ));
        format!("127.0.0.1:{}", addr.port())
    }

    /// A client bound to one origin, sending the headers every request needs.
    pub struct Client {
        pub addr: String,
        pub headers: Vec<(&'static str, String)>,
    }

    impl Client {
        pub fn new(addr: &str, token: &str) -> Self {
            Client {
                addr: addr.to_owned(),
                headers: vec![("Authorization", format!("Bearer {token}"))],
            }
        }

        /// Sends to a path or to an absolute `http://host:port/path` URL on this emulator.
        pub async fn send(&self, method: &str, target: &str, body: Option<&Value>) -> HttpResp {
            self.try_send(method, target, body)
                .await
                .expect("an answer")
        }

        pub async fn try_send(
            &self,
            method: &str,
            target: &str,
            body: Option<&Value>,
        ) -> Option<HttpResp> {
            let path = match target.strip_prefix("http://") {
                Some(rest) => {
                    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                    assert_eq!(
                        authority, self.addr,
                        "URL points away from the emulator: {target}"
                    );
                    if path.is_empty() {
                        "/"
                    } else {
                        path
                    }
                }
                None => target,
            };
            let stream = tokio::net::TcpStream::connect(&self.addr).await.unwrap();
            let mut headers: Vec<(&str, &str)> =
                self.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
            if body.is_some()
                && !headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                headers.push(("Content-Type", "application/json"));
            }
            exchange(stream, method, &self.addr, path, &headers, &bytes).await
        }
    }
}
