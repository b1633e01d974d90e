//! Error decoding, the token's absence from every error text, retries and rate-limit memory.

mod common;

use common::*;
use connect_pilot::api::error::{ErrorKind, Hint};
use connect_pilot::api::model::Connection;
use connect_pilot::api::{ApiConfig, ApiError, ConnectClient, Method, TransportError};

const ACCOUNT: &str = "https://api.heroku.com/account";
const APPS: &str = "https://api.heroku.com/apps";

fn http(err: &ApiError) -> &connect_pilot::api::error::HttpError {
    match err {
        ApiError::Http(e) => e.as_ref(),
        other => panic!("not an HTTP error: {other:?}"),
    }
}

#[tokio::test]
async fn every_error_body_shape() {
    let cases = [
        (
            json(409, "error_id_message.json"),
            Some("invalid_state"),
            Some("Connection can only be paused when it is IDLE (current state: PAUSED)."),
            false,
        ),
        (
            json(403, "error_error_only.json"),
            None,
            Some("permission denied"),
            false,
        ),
        (json(400, "error_gateway.html"), None, None, true),
    ];
    for (answer, id, message, excerpt) in cases {
        let client = heroku_client();
        client.transport().always(Method::Post, APPS, answer);
        let err = client.create_app(Default::default()).await.unwrap_err();
        let e = http(&err);
        assert_eq!(e.id.as_deref(), id);
        assert_eq!(e.message.as_deref(), message);
        assert_eq!(e.body_excerpt.is_some(), excerpt);
        if excerpt {
            assert!(err.to_string().starts_with("HTTP 400: <html>"));
        }
    }
}

#[tokio::test]
async fn field_errors_and_syncing_mappings_are_kept() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Post, APPS, json(422, "error_validation_422.json"));
    let err = client.create_app(Default::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert_eq!(
        http(&err).errors[0].path.as_deref(),
        Some("config.fields.Foo__c")
    );
    assert!(err
        .to_string()
        .contains("config.fields.Foo__c: No such field on Contact."));
    assert_eq!(err.request_id(), Some("req-error_validation_422.json"));
    assert!(err.to_string().contains("req-error_validation_422.json"));

    let c2 = heroku_client();
    let conn = Connection {
        id: "c1".into(),
        region_url: Some("https://connect-virginia.heroku.com".into()),
        ..Default::default()
    };
    c2.transport().always(
        Method::Post,
        "https://connect-virginia.heroku.com/api/v3/connections/c1/actions/change-sf-api-version",
        json(409, "error_mappings_syncing_409.json"),
    );
    let err = c2.change_sf_api_version(&conn, "63.0").await.unwrap_err();
    assert_eq!(http(&err).syncing_mappings, vec!["Contact".to_string()]);
    assert_eq!(err.hint(), Hint::Refresh);
}

#[tokio::test]
async fn the_token_never_appears_in_error_text() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        ACCOUNT,
        raw(
            401,
            &format!(r#"{{"id":"unauthorized","message":"Bad token {TOKEN}"}}"#),
        ),
    );
    let err = client.account().await.unwrap_err();
    assert_eq!(err.hint(), Hint::EnterToken);
    for text in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!text.contains(TOKEN), "{text}");
    }
    let c2 = heroku_client();
    c2.transport().on(
        Method::Get,
        ACCOUNT,
        vec![Err(TransportError::Network(format!(
            "reset while sending Bearer {TOKEN}"
        )))],
    );
    let err = c2.account().await.unwrap_err();
    assert!(!err.to_string().contains(TOKEN));
    assert!(
        !format!("{:?}", c2.transport().request(0)).contains(TOKEN),
        "request Debug redacts"
    );
    let c3 = heroku_client();
    c3.transport().always(
        Method::Get,
        ACCOUNT,
        raw(500, &format!("<pre>{TOKEN}</pre>")),
    );
    assert!(!c3.account().await.unwrap_err().to_string().contains(TOKEN));
}

#[tokio::test]
async fn get_429_waits_retry_after_then_succeeds() {
    let client = heroku_client();
    let t = client.transport();
    t.on(
        Method::Get,
        ACCOUNT,
        vec![
            Ok(with_header(
                json(429, "rate_limit_429.json"),
                "Retry-After",
                "5",
            )),
            Ok(json(429, "rate_limit_429.json")),
            Ok(with_header(
                json(200, "platform_account.json"),
                "RateLimit-Remaining",
                "4321",
            )),
        ],
    );
    let account = client.account().await.unwrap();
    assert_eq!(account.email, "demo@example.com");
    assert_eq!(*t.sleeps.borrow(), vec![5_000, 60_000]);
    assert_eq!(client.rate_limit_remaining(), Some(4321));
}

#[tokio::test]
async fn a_long_retry_after_is_reported_not_waited() {
    let client = heroku_client();
    client.transport().always(
        Method::Get,
        ACCOUNT,
        with_header(json(429, "rate_limit_429.json"), "Retry-After", "3600"),
    );
    let err = client.account().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.hint(), Hint::WaitSeconds(3600));
    assert!(client.transport().sleeps.borrow().is_empty());
}

#[tokio::test]
async fn get_gives_up_after_three_retries() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        ACCOUNT,
        raw(
            503,
            r#"{"id":"unavailable","message":"Try again shortly."}"#,
        ),
    );
    let err = client.account().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(t.requests.borrow().len(), 4);
    assert_eq!(*t.sleeps.borrow(), vec![1_000, 2_000, 4_000]);
}

#[tokio::test]
async fn get_retries_network_errors_and_timeouts() {
    let client = heroku_client();
    let t = client.transport();
    t.on(
        Method::Get,
        ACCOUNT,
        vec![
            Err(TransportError::Network("reset".into())),
            Err(TransportError::Timeout),
            Ok(json(200, "platform_account.json")),
        ],
    );
    client.account().await.unwrap();
    assert_eq!(t.requests.borrow().len(), 3);
}

#[tokio::test]
async fn posts_are_retried_only_after_429_or_refused() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Post, APPS, raw(503, ""));
    assert_eq!(
        client
            .create_app(Default::default())
            .await
            .unwrap_err()
            .status(),
        Some(503)
    );
    assert_eq!(t.requests.borrow().len(), 1);

    let c2 = heroku_client();
    c2.transport().on(
        Method::Post,
        APPS,
        vec![Err(TransportError::Network("reset".into()))],
    );
    assert_eq!(
        c2.create_app(Default::default()).await.unwrap_err(),
        ApiError::Network("reset".into())
    );
    assert_eq!(c2.transport().requests.borrow().len(), 1);

    let c3 = heroku_client();
    c3.transport().on(
        Method::Post,
        APPS,
        vec![
            Err(TransportError::Refused("ECONNREFUSED".into())),
            Ok(with_header(raw(429, ""), "Retry-After", "1")),
            Ok(raw(201, r#"{"name":"brave-river-12345"}"#)),
        ],
    );
    assert_eq!(
        c3.create_app(Default::default()).await.unwrap().name,
        "brave-river-12345"
    );
    assert_eq!(*c3.transport().sleeps.borrow(), vec![1_000, 1_000]);
}

#[tokio::test]
async fn a_region_url_outside_the_gate_is_refused_before_sending() {
    let client = heroku_client();
    for region in [
        "https://connect.heroku.com.evil.example",
        "http://connect-virginia.heroku.com",
        "https://x@evil.example",
    ] {
        let conn = Connection {
            id: "c1".into(),
            region_url: Some(region.into()),
            ..Default::default()
        };
        let err = client
            .connection_action(&conn, connect_pilot::api::ConnectionActionKind::Pause)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Gate, "{region}");
        assert!(!err.to_string().contains(TOKEN));
    }
    assert!(client.transport().requests.borrow().is_empty());
}

#[test]
fn settings_that_would_leak_the_token_are_refused() {
    let bad = ApiConfig {
        discovery_base: "https://hc-central.example.com".into(),
        ..ApiConfig::default()
    };
    assert_eq!(
        ConnectClient::new(FakeTransport::new(), bad, TOKEN)
            .unwrap_err()
            .kind(),
        ErrorKind::Gate
    );
    let bad = ApiConfig {
        emulator_origin: Some("nonsense".into()),
        ..ApiConfig::default()
    };
    assert_eq!(
        ConnectClient::new(FakeTransport::new(), bad, TOKEN)
            .unwrap_err()
            .kind(),
        ErrorKind::BadConfig
    );
    assert!(ConnectClient::new(
        FakeTransport::new(),
        ApiConfig::emulator("http://localhost:8787/"),
        TOKEN
    )
    .is_ok());
}
