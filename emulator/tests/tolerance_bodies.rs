//! What the emulator accepts in headers and bodies (the "Tolerances" list in `routes.rs`): any `Accept`,
//! `Content-Type` parameters and case, header names in any case on the wire, blank and `null` bodies,
//! unknown JSON fields and a byte-order mark. It stays strict in what it sends: every answer here is still
//! `application/json`.

mod common;

use common::wire_client::{exchange, start};
use common::*;
use connect_emulator::EmulatorState;
use serde_json::json;

#[tokio::test]
async fn accept_is_never_checked_and_the_answer_is_always_json() {
    let (app, _) = demo();
    link(&app).await;
    let accepts = [
        Some("application/json"),
        Some("application/json; charset=utf-8"),
        Some("application/vnd.heroku+json; version=3"),
        Some("*/*"),
        Some("text/html"),
        None,
    ];
    for accept in accepts {
        for uri in [
            conn_url(CID_US),
            "/account".to_owned(),
            "/connections".to_owned(),
        ] {
            let mut r = req("GET", &uri).token(DEMO);
            if let Some(a) = accept {
                r = r.header("accept", a);
            }
            let r = r.send(&app).await;
            assert_eq!(r.status, 200, "{uri} with {accept:?}: {}", r.text);
            assert_eq!(r.header("content-type"), Some("application/json"));
            assert!(r.json.is_object(), "{uri}: {}", r.text);
        }
    }
}

#[tokio::test]
async fn content_type_takes_parameters_and_any_case() {
    let (app, _) = demo();
    link(&app).await;
    let body = json!({"name": "Renamed"}).to_string().into_bytes();
    for ct in [
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "APPLICATION/JSON",
        "Application/Json ; Charset=utf-8",
        "application/vnd.heroku+json; version=3",
    ] {
        let r = send_body(&app, "PATCH", &conn_url(CID_US), ct, body.clone()).await;
        assert_eq!(r.status, 200, "{ct}: {}", r.text);
        assert_eq!(r.json["name"], "Renamed");
    }
    // The Platform API's own media type, as the Heroku CLI sends it.
    let r = send_body(
        &app,
        "POST",
        "/apps",
        "application/vnd.heroku+json; version=3",
        br#"{"name":"tolerant-app"}"#.to_vec(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    // Still refused: a body that is not declared as JSON, even when it parses as JSON (§2.1).
    send_body(&app, "PATCH", &conn_url(CID_US), "text/plain", body)
        .await
        .assert_error(415, "unsupported_media_type");
}

#[tokio::test]
async fn header_names_and_the_bearer_scheme_in_any_case_on_the_wire() {
    let addr = start(EmulatorState::demo()).await;
    let send = |method: &'static str,
                path: String,
                headers: Vec<(&'static str, &'static str)>,
                body: &'static [u8]| {
        let addr = addr.clone();
        async move {
            let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
            exchange(stream, method, &addr, &path, &headers, body)
                .await
                .expect("an answer")
        }
    };
    let r = send(
        "POST",
        "/auth/acme-sync".into(),
        vec![
            ("AUTHORIZATION", "bearer demo-token"),
            ("CONTENT-TYPE", "APPLICATION/JSON"),
            ("heroku-client", "cli"),
        ],
        b"",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = send(
        "PATCH",
        conn_url(CID_US),
        vec![
            ("authorization", "BEARER   demo-token"),
            ("cOnTeNt-TyPe", "Application/JSON; Charset=UTF-8"),
            ("Accept", "application/vnd.heroku+json; version=3"),
        ],
        br#"{"name": "Over the wire"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["name"], "Over the wire");
    assert_eq!(r.header("Content-Type"), Some("application/json"));
    // Still refused: a JSON body with no Content-Type at all.
    let r = send(
        "PATCH",
        conn_url(CID_US),
        vec![("Authorization", "Bearer demo-token")],
        br#"{"name": "Undeclared"}"#,
    )
    .await;
    assert_eq!(r.status, 415, "{}", r.text);
    // A scheme other than Bearer is still a 401.
    let r = send(
        "GET",
        conn_url(CID_US),
        vec![("Authorization", "Heroku demo-token")],
        b"",
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.text);
}

#[tokio::test]
async fn blank_and_null_bodies_read_as_empty_objects() {
    let (app, _) = demo();
    // The CLI plugin's habit: Content-Type: application/json on a POST that takes no body, with none.
    let r = send_body(
        &app,
        "POST",
        "/auth/acme-sync",
        "application/json",
        Vec::new(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    for body in [&b""[..], b"  \n", b"null", b"{}"] {
        let r = send_body(
            &app,
            "PATCH",
            &conn_url(CID_US),
            "application/json",
            body.to_vec(),
        )
        .await;
        assert_eq!(r.status, 200, "{body:?}: {}", r.text);
        assert_eq!(r.json["state"], "NEW");
    }
    let r = send_body(&app, "POST", "/apps", "application/json", b"null".to_vec()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    // A bodiless POST ignores a JSON body it does not need.
    set_db(&app, CID_US).await;
    let r = post(
        &app,
        &format!("{}/validations", conn_url(CID_US)),
        json!({"ignored": true}),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text);
    // A body an endpoint needs is still required: blank reads as {}, which lacks ticks.
    let r = req("POST", "/_emulator/advance")
        .raw("application/json", Vec::new())
        .send(&app)
        .await;
    r.assert_error(400, "invalid_params");
}

#[tokio::test]
async fn unknown_json_fields_are_ignored() {
    let (app, _) = demo();
    link(&app).await;
    let r = patch(
        &app,
        &conn_url(CID_US),
        json!({"db_key": "DATABASE_URL", "schema_name": "salesforce", "color": "blue", "_id": 7}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["state"], "NEED_AUTHENTICATION");
    let r = post(
        &app,
        &format!("{}/authorize_url", conn_url(CID_US)),
        json!({"environment": "production", "next": "http://localhost:18000", "popup": false}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = post(
        &app,
        "/apps",
        json!({"name": "extra-fields", "region": "eu", "feature_flags": []}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = req("POST", "/_emulator/advance")
        .json(json!({"ticks": 1, "reason": "test"}))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    authorize(&app, CID_US).await;
    let r = post(
        &app,
        &format!("{}/mappings", conn_url(CID_US)),
        json!({"object_name": "Account", "mapping_id": null, "config": {"fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Name": {}}, "comment": "x"}}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
}

#[tokio::test]
async fn a_byte_order_mark_before_json_is_skipped() {
    let (app, _) = demo();
    link(&app).await;
    let mut body = b"\xef\xbb\xbf".to_vec();
    body.extend_from_slice(br#"{"name": "From a Windows file"}"#);
    let r = send_body(&app, "PATCH", &conn_url(CID_US), "application/json", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["name"], "From a Windows file");
}
