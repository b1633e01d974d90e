//! The control API (§8.2–8.5): reset, request log, faults, clock, state dump, set-state and events.

mod common;

use common::*;
use connect_emulator::layer::DropConnection;
use serde_json::json;

async fn control(app: &axum::Router, method: &str, path: &str, body: serde_json::Value) -> Resp {
    req(method, path).json(body).send(app).await
}

#[tokio::test]
async fn request_log_records_without_tokens_and_skips_control_calls() {
    let (app, _) = demo();
    req("POST", "/auth/acme-sync")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    req("GET", "/connections?app=acme-sync").send(&app).await;
    req("GET", "/connections").token("wrong").send(&app).await;
    req("OPTIONS", "/connections")
        .header("origin", "http://x")
        .send(&app)
        .await;
    control(&app, "POST", "/_emulator/advance", json!({"ticks": 42})).await;
    let r = req("GET", "/_emulator/requests").send(&app).await;
    let entries = r.json["requests"].as_array().unwrap();
    assert_eq!(entries.len(), 4, "{}", r.text);
    let first = &entries[0];
    assert_eq!(first["seq"], 1);
    assert_eq!(first["method"], "POST");
    assert_eq!(first["host"], "hc-central.heroku.com");
    assert_eq!(first["path"], "/auth/acme-sync");
    assert_eq!(first["query"], serde_json::Value::Null);
    assert_eq!(first["service"], "discovery");
    assert_eq!(first["auth_present"], true);
    assert_eq!(first["token_valid"], true);
    assert_eq!(first["status"], 200);
    assert_eq!(first["fault"], serde_json::Value::Null);
    assert_eq!(first["sim_time"], "2025-01-06T09:00:00Z");
    assert!(first["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(entries[1]["query"], "app=acme-sync");
    assert_eq!(entries[1]["token_valid"], serde_json::Value::Null);
    assert_eq!(entries[1]["status"], 401);
    assert_eq!(entries[2]["token_valid"], false);
    assert_eq!(entries[3]["method"], "OPTIONS");
    assert!(!r.text.contains("demo-token") && !r.text.contains("wrong"));
    let since = req("GET", "/_emulator/requests?since=3").send(&app).await;
    assert_eq!(since.json["requests"].as_array().unwrap().len(), 1);
    req("GET", "/_emulator/requests?since=abc")
        .send(&app)
        .await
        .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn faults_respond_once_without_side_effects() {
    let (app, _) = demo();
    let r = control(&app, "POST", "/_emulator/faults", json!({"method": "POST", "path": "/auth/*", "times": 1,
        "respond": {"status": 503, "headers": {"Retry-After": "2"}, "body": {"id": "unavailable", "message": "Try again shortly."}}})).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json, json!({"id": "fault-1"}));
    let faulted = post_empty(&app, "/auth/acme-sync").await;
    faulted.assert_error(503, "unavailable");
    assert_eq!(faulted.header("retry-after"), Some("2"));
    assert!(faulted.header("ratelimit-remaining").is_none());
    // No side effect: still no access, and the fault is gone.
    assert_eq!(get(&app, "/connections").await.json["count"], 0);
    assert_eq!(
        get(&app, "/connections")
            .await
            .header("ratelimit-remaining"),
        Some("4998")
    );
    assert_eq!(post_empty(&app, "/auth/acme-sync").await.status, 200);
    let log = req("GET", "/_emulator/requests").send(&app).await;
    assert_eq!(log.json["requests"][0]["fault"], "fault-1");
    assert_eq!(log.json["requests"][0]["status"], 503);
    // `token_valid` is null only without an Authorization header (§8.3), faulted or not.
    assert_eq!(log.json["requests"][0]["token_valid"], true);
}

#[tokio::test]
async fn fault_matching_and_bodies() {
    let (app, _) = demo();
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({"path": "/api/v3/**", "host": "connect-virginia.heroku.com", "times": 2,
        "respond": {"status": 500, "body_text": "kaput"}}),
    )
    .await;
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({"method": "*", "path": "/account", "drop": true}),
    )
    .await;
    let listed = req("GET", "/_emulator/faults").send(&app).await;
    assert_eq!(listed.json["faults"].as_array().unwrap().len(), 2);
    // Host does not match in one-origin mode.
    get(&app, &conn_url(CID_US))
        .await
        .assert_error(403, "forbidden");
    let r = req("GET", &format!("{}/mappings/x?y=1", conn_url(CID_US)))
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 500);
    assert_eq!(r.text, "kaput");
    assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    // Dropped: the in-process answer carries the marker the listener turns into a closed connection.
    let response = {
        use tower::ServiceExt;
        let request = axum::http::Request::get("/account")
            .header("authorization", "Bearer demo-token")
            .body(axum::body::Body::empty())
            .unwrap();
        app.clone().oneshot(request).await.unwrap()
    };
    assert!(response.extensions().get::<DropConnection>().is_some());
    let log = req("GET", "/_emulator/requests").send(&app).await;
    let last = log.json["requests"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["status"], serde_json::Value::Null);
    assert_eq!(last["fault"], "fault-2");
    assert_eq!(
        req("DELETE", "/_emulator/faults").send(&app).await.status,
        204
    );
    assert_eq!(
        req("GET", "/_emulator/faults").send(&app).await.json["faults"],
        json!([])
    );
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({"respond": {"status": 500}}),
    )
    .await
    .assert_error(400, "invalid_params");
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({"path": "/x", "respond": {"status": 1000}}),
    )
    .await
    .assert_error(400, "invalid_params");
    control(
        &app,
        "POST",
        "/_emulator/faults",
        json!({"path": "/x", "times": 0}),
    )
    .await
    .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn advance_reset_state_and_set_state() {
    let (app, _) = demo();
    let r = control(&app, "POST", "/_emulator/advance", json!({"ticks": 3600})).await;
    assert_eq!(r.json, json!({"tick": 3600, "now": "2025-01-06T10:00:00Z"}));
    control(&app, "POST", "/_emulator/advance", json!({"ticks": 0}))
        .await
        .assert_error(400, "invalid_params");
    control(
        &app,
        "POST",
        "/_emulator/advance",
        json!({"ticks": 10_000_001}),
    )
    .await
    .assert_error(400, "invalid_params");
    assert_eq!(
        control(
            &app,
            "POST",
            "/_emulator/advance",
            json!({"ticks": 10_000_000})
        )
        .await
        .status,
        200
    );
    link(&app).await;
    let s = req("GET", "/_emulator/state").send(&app).await;
    for key in [
        "tick",
        "now",
        "users",
        "apps",
        "addons",
        "connections",
        "mappings",
        "write_errors",
        "notifications",
        "validation_jobs",
        "authorizations",
        "rate_limits",
        "faults",
    ] {
        assert!(s.json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        s.json["connections"][0]["access_list"],
        json!(["11111111-1111-4111-8111-111111111111"])
    );
    assert!(!s.text.contains("demo-token"));
    assert_eq!(
        control(
            &app,
            "POST",
            "/_emulator/set-state",
            json!({"connection_id": CID_US, "state": "SOMETHING_NEW"})
        )
        .await
        .status,
        204
    );
    assert_eq!(
        get(&app, &conn_url(CID_US)).await.json["state"],
        "SOMETHING_NEW"
    );
    control(
        &app,
        "POST",
        "/_emulator/set-state",
        json!({"connection_id": "nope", "state": "IDLE"}),
    )
    .await
    .assert_error(404, "not_found");
    control(
        &app,
        "POST",
        "/_emulator/set-state",
        json!({"state": "IDLE"}),
    )
    .await
    .assert_error(400, "invalid_params");

    assert_eq!(req("POST", "/_emulator/reset").send(&app).await.status, 204);
    let s = req("GET", "/_emulator/state").send(&app).await;
    assert_eq!(s.json["tick"], 0);
    assert_eq!(s.json["connections"][0]["access_list"], json!([]));
    assert_eq!(
        control(&app, "POST", "/_emulator/reset", json!({"seed": "empty"}))
            .await
            .status,
        204
    );
    let s = req("GET", "/_emulator/state").send(&app).await;
    assert_eq!(s.json["apps"], json!([]));
    assert_eq!(s.json["users"].as_array().unwrap().len(), 2);
    control(&app, "POST", "/_emulator/reset", json!({"seed": "huge"}))
        .await
        .assert_error(400, "invalid_params");
    req("GET", "/_emulator/nothing")
        .send(&app)
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn frozen_runs_repeat_exactly_after_reset() {
    let (app, _) = demo();
    async fn run(app: &axum::Router) -> Vec<String> {
        let cid = idle(app).await;
        let m = post(
            app,
            &format!("{}/mappings", conn_url(&cid)),
            serde_json::from_str(CONTACT).unwrap(),
        )
        .await;
        let a = post(app, "/apps", json!({})).await;
        let v = post_empty(app, &format!("{}/validations", conn_url(&cid))).await;
        vec![
            m.json["id"].to_string(),
            a.json["name"].to_string(),
            a.json["id"].to_string(),
            v.json["result_url"].to_string(),
        ]
    }
    let first = run(&app).await;
    req("POST", "/_emulator/reset").send(&app).await;
    let second = run(&app).await;
    assert_eq!(first, second);
}

#[tokio::test]
async fn unknown_routes_are_json_404s_and_cors_preflight() {
    let (app, _) = demo();
    req("GET", "/nowhere")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    get(&app, "/api/v3/nowhere")
        .await
        .assert_error(404, "not_found");
    let r = req("OPTIONS", "/api/v3/connections/x")
        .header("origin", "chrome-extension://abc")
        .send(&app)
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("chrome-extension://abc")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("GET, POST, PATCH, PUT, DELETE")
    );
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, Content-Type, Accept, Heroku-Client")
    );
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("RateLimit-Remaining, Retry-After, Request-Id")
    );
    let r = req("GET", "/account")
        .token(DEMO)
        .header("origin", "chrome-extension://abc")
        .send(&app)
        .await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("chrome-extension://abc")
    );
    let id = r.header("request-id").unwrap();
    assert_eq!(id.len(), 36);
}
