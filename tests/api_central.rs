//! Discovery (Flow A), the legacy flow (Flow B) and the fallback between them, against canned
//! answers. Asserts the exact requests: methods, URLs, headers.

mod common;

use common::*;
use connect_pilot::api::gate::GateRefusal;
use connect_pilot::api::model::ConnectionState;
use connect_pilot::api::{ApiConfig, ApiError, ConnectClient, ConnectFlow, Method, TransportError};

const SEARCH: &str = "https://hc-central.heroku.com/connections?app=acme-sync";
const AUTH: &str = "https://hc-central.heroku.com/auth/acme-sync";
const DETAIL: &str =
    "https://connect-virginia.heroku.com/api/v3/connections/c0000000-0000-4000-8000-000000000001?deep=true";
const PLATFORM_APP: &str = "https://api.heroku.com/apps/acme-sync";
const LEGACY_AUTH: &str = "https://connect-us.heroku.com/api/v3/users/me/apps/acme-sync/auth";
const LEGACY_LIST: &str =
    "https://connect-us.heroku.com/api/v3/connections?app=acme-sync&deep=true";

#[tokio::test]
async fn flow_a_lists_then_reads_deep_detail_and_merges() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Get, SEARCH, json(200, "discovery_connections.json"));
    t.always(
        Method::Get,
        DETAIL,
        json(200, "connection_detail_deep.json"),
    );

    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(
        t.lines(),
        vec![format!("GET {SEARCH}"), format!("GET {DETAIL}")]
    );
    assert_eq!(found.flow, ConnectFlow::Discovery);
    assert!(!found.used_fallback);
    let c = &found.connections[0];
    assert_eq!(c.state, Some(ConnectionState::Idle));
    // Detail wins, discovery fills the gaps, and the relative detail_url of the detail does
    // not replace the absolute one.
    assert_eq!(c.region.as_deref(), Some("us"));
    assert_eq!(
        c.region_url.as_deref(),
        Some("https://connect-virginia.heroku.com")
    );
    assert!(c.detail_url.as_deref().unwrap().starts_with("https://"));
    assert_eq!(c.mappings[0].object_name, "Contact");
    assert_eq!(c.mappings[0].revision(), Some(3));
    assert_eq!(
        c.mappings[0]
            .times
            .as_ref()
            .unwrap()
            .sf_poll
            .as_ref()
            .unwrap()
            .unix_seconds(),
        Some(1_736_154_600)
    );

    for req in t.requests.borrow().iter() {
        assert_eq!(req.header("authorization"), Some("Bearer tok-123"));
        assert_eq!(req.header("accept"), Some("application/json"));
        assert_eq!(req.header("content-type"), None, "no body, no Content-Type");
        assert_eq!(req.body, None);
        assert_eq!(req.timeout_ms, 30_000);
    }
}

#[tokio::test]
async fn empty_discovery_uses_the_grant_answer_for_this_app_only() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Get, SEARCH, json(200, "discovery_empty.json"));
    t.always(Method::Post, AUTH, json(200, "auth_answer.json"));
    t.always(
        Method::Get,
        DETAIL,
        json(200, "connection_detail_deep.json"),
    );

    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(
        t.lines(),
        vec![
            format!("GET {SEARCH}"),
            format!("POST {AUTH}"),
            format!("GET {DETAIL}")
        ]
    );
    assert_eq!(
        found.connections.len(),
        1,
        "the acme-eu connection is not this app's"
    );
    let post = t.request(1);
    assert_eq!(post.body, None);
    assert_eq!(post.header("content-type"), None);
}

#[tokio::test]
async fn after_an_empty_grant_discovery_is_asked_again_2s_apart() {
    let client = heroku_client();
    let t = client.transport();
    t.on(
        Method::Get,
        SEARCH,
        vec![
            Ok(json(200, "discovery_empty.json")),
            Ok(json(200, "discovery_empty.json")),
            Ok(json(200, "discovery_empty.json")),
            Ok(json(200, "discovery_connections.json")),
        ],
    );
    t.always(Method::Post, AUTH, json(200, "auth_answer_empty.json"));
    t.always(
        Method::Get,
        DETAIL,
        json(200, "connection_detail_deep.json"),
    );

    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(found.connections.len(), 1);
    assert_eq!(*t.sleeps.borrow(), vec![2_000, 2_000, 2_000]);
}

#[tokio::test]
async fn no_connection_after_five_requeries() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Get, SEARCH, json(200, "discovery_empty.json"));
    t.always(Method::Post, AUTH, json(200, "auth_answer_empty.json"));

    let err = client.discover("acme-sync").await.unwrap_err();
    assert_eq!(
        err,
        ApiError::NoConnection {
            app: "acme-sync".into()
        }
    );
    assert_eq!(*t.sleeps.borrow(), vec![2_000; 5]);
    assert_eq!(t.lines().iter().filter(|l| l.starts_with("GET")).count(), 6);
}

#[tokio::test]
async fn next_pages_are_followed() {
    let client = heroku_client();
    let t = client.transport();
    t.always(Method::Get, SEARCH, json(200, "discovery_page1.json"));
    t.always(
        Method::Get,
        "https://hc-central.heroku.com/connections?app=acme-sync&page=2",
        json(200, "discovery_page2.json"),
    );
    let records = client.search_connections("acme-sync").await.unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[1].region_url.as_deref(),
        Some("https://connect-dublin.heroku.com")
    );
}

#[tokio::test]
async fn a_foreign_next_url_is_refused_before_any_request() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        SEARCH,
        json(200, "discovery_next_foreign.json"),
    );
    let err = client.search_connections("acme-sync").await.unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::Gate {
                reason: GateRefusal::ForeignHost,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(t.requests.borrow().len(), 1);
}

#[tokio::test]
async fn a_foreign_region_url_never_gets_the_token() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        SEARCH,
        json(200, "discovery_foreign_region.json"),
    );
    let err = client.discover("acme-sync").await.unwrap_err();
    assert!(matches!(err, ApiError::Gate { .. }), "{err:?}");
    assert_eq!(t.lines(), vec![format!("GET {SEARCH}")]);
}

#[tokio::test]
async fn a_relative_detail_url_without_api_v3_falls_back_to_the_built_path() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        SEARCH,
        json(200, "discovery_relative_detail.json"),
    );
    t.always(
        Method::Get,
        DETAIL,
        json(200, "connection_detail_deep.json"),
    );
    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(t.lines()[1], format!("GET {DETAIL}"));
    assert_eq!(found.connections[0].name.as_deref(), Some("acme-sync"));
}

fn plan_legacy(t: &FakeTransport) {
    t.always(Method::Get, PLATFORM_APP, json(200, "platform_app.json"));
    t.always(Method::Post, LEGACY_AUTH, raw(200, "{\"whatever\": true}"));
    t.always(
        Method::Get,
        LEGACY_LIST,
        json(200, "legacy_connections.json"),
    );
}

#[tokio::test]
async fn flow_b_when_selected() {
    let config = ApiConfig {
        flow: ConnectFlow::Legacy,
        ..ApiConfig::default()
    };
    let client = ConnectClient::new(FakeTransport::new(), config, TOKEN).unwrap();
    let t = client.transport();
    plan_legacy(t);
    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(
        t.lines(),
        vec![
            format!("GET {PLATFORM_APP}"),
            format!("POST {LEGACY_AUTH}"),
            format!("GET {LEGACY_LIST}")
        ]
    );
    assert_eq!(
        t.request(0).header("accept"),
        Some("application/vnd.heroku+json; version=3")
    );
    assert_eq!(t.request(1).header("accept"), Some("application/json"));
    assert_eq!(found.flow, ConnectFlow::Legacy);
    assert!(!found.used_fallback);
    let c = &found.connections[0];
    assert_eq!(c.state, Some(ConnectionState::New));
    assert_eq!(
        c.region_url.as_deref(),
        Some("https://connect-us.heroku.com")
    );
}

#[tokio::test]
async fn flow_b_refuses_an_unknown_region() {
    let config = ApiConfig {
        flow: ConnectFlow::Legacy,
        ..ApiConfig::default()
    };
    let client = ConnectClient::new(FakeTransport::new(), config, TOKEN).unwrap();
    client.transport().always(
        Method::Get,
        PLATFORM_APP,
        json(200, "platform_app_mumbai.json"),
    );
    let err = client.discover("acme-sync").await.unwrap_err();
    assert_eq!(
        err,
        ApiError::UnknownRegion {
            region: "mumbai".into()
        }
    );
    assert_eq!(client.transport().requests.borrow().len(), 1);
}

#[tokio::test]
async fn unreachable_discovery_falls_back_to_flow_b_once() {
    for failure in [
        Ok(json(503, "error_id_message.json")),
        Ok(raw(404, "{\"id\":\"not_found\",\"message\":\"no\"}")),
        Err(TransportError::Network("offline".into())),
    ] {
        let client = heroku_client();
        let t = client.transport();
        t.on(Method::Get, SEARCH, vec![failure.clone()]);
        plan_legacy(t);
        let found = client.discover("acme-sync").await.unwrap();
        assert!(found.used_fallback, "{failure:?}");
        assert_eq!(found.flow, ConnectFlow::Legacy);
        assert!(t.lines().contains(&format!("GET {LEGACY_LIST}")));
        // The detail is never fetched through discovery once Flow B has taken over.
        assert!(!t.lines().iter().any(|l| l.contains("connect-virginia")));
    }
}

#[tokio::test]
async fn an_unauthorized_discovery_does_not_fall_back() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        SEARCH,
        raw(
            401,
            r#"{"id":"unauthorized","message":"Invalid credentials provided."}"#,
        ),
    );
    let err = client.discover("acme-sync").await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(t.requests.borrow().len(), 1);
}

#[tokio::test]
async fn one_origin_emulator_mode_keeps_everything_on_the_origin() {
    let config = ApiConfig {
        flow: ConnectFlow::Legacy,
        ..ApiConfig::emulator("http://127.0.0.1:8787")
    };
    let client = ConnectClient::new(FakeTransport::new(), config, TOKEN).unwrap();
    let t = client.transport();
    t.always(
        Method::Get,
        "http://127.0.0.1:8787/apps/acme-sync",
        json(200, "platform_app.json"),
    );
    t.always(
        Method::Post,
        "http://127.0.0.1:8787/api/v3/users/me/apps/acme-sync/auth",
        raw(204, ""),
    );
    t.always(
        Method::Get,
        "http://127.0.0.1:8787/api/v3/connections?app=acme-sync&deep=true",
        json(200, "legacy_connections.json"),
    );
    let found = client.discover("acme-sync").await.unwrap();
    assert_eq!(
        found.connections[0].region_url.as_deref(),
        Some("http://127.0.0.1:8787")
    );
    assert!(t
        .requests
        .borrow()
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer tok-123")));
}
