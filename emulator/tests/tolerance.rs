//! What the emulator accepts from real clients (the "Tolerances" list in `routes.rs`): query values as
//! Python, shells and float-minded clients write them, 404 before any query or body complaint, and the
//! spelling of paths. Headers and bodies are in `tolerance_bodies.rs`.

mod common;

use common::*;
use serde_json::json;

const UNKNOWN: &str = "c0000000-0000-4000-8000-00000000ffff";

/// Whether a detail answer is the deep one (a linked NEW connection has `mappings: []`).
fn is_deep(r: &Resp) -> bool {
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.get("mappings").is_some()
}

fn count(r: &Resp) -> usize {
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["results"].as_array().unwrap().len()
}

/// An IDLE connection with one notification, from 09:00Z; returns its notifications URL.
async fn one_notification(app: &axum::Router) -> String {
    idle(app).await;
    let r = req("POST", "/_emulator/events")
        .json(json!({"connection_id": CID_US, "kind": "notification", "event_type": "mapping-error", "message": "one"}))
        .send(app)
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    format!("{}/notifications", conn_url(CID_US))
}

#[tokio::test]
async fn deep_takes_every_spelling_of_true_and_false() {
    let (app, _) = demo();
    link(&app).await;
    let url = conn_url(CID_US);
    // Python's requests writes True/False; shells and forms write 1, yes, on, or the bare flag.
    for on in ["True", "TRUE", "true", "1", "yes", "Y", "on", "t"] {
        assert!(
            is_deep(&get(&app, &format!("{url}?deep={on}")).await),
            "{on}"
        );
    }
    assert!(is_deep(&get(&app, &format!("{url}?deep")).await));
    assert!(is_deep(&get(&app, &format!("{url}?deep=")).await));
    for off in ["False", "FALSE", "false", "0", "no", "N", "off", "f"] {
        assert!(
            !is_deep(&get(&app, &format!("{url}?deep={off}")).await),
            "{off}"
        );
    }
    let r = get(&app, &format!("{url}?deep=maybe")).await;
    r.assert_error(400, "invalid_params");
    assert_eq!(r.json["message"], "deep must be true or false, not maybe.");
    // The legacy list reads the flag with the same rule.
    let r = get(&app, "/api/v3/connections?app=acme-sync&deep=True").await;
    assert_eq!(r.json["results"][0]["mappings"], json!([]), "{}", r.text);
    let r = get(&app, "/api/v3/connections?app=acme-sync&deep=False").await;
    assert!(r.json["results"][0].get("mappings").is_none(), "{}", r.text);
}

#[tokio::test]
async fn an_unknown_id_is_404_whatever_the_query_says() {
    let (app, _) = demo();
    link(&app).await;
    let queries = [
        "",
        "?deep=True",
        "?deep=False",
        "?deep=maybe",
        "?deep",
        "?deep=true&deep=banana",
        "?page_size=abc&after=nope",
        "?%ZZ=%",
    ];
    for q in queries {
        get(&app, &format!("{}{q}", conn_url(UNKNOWN)))
            .await
            .assert_error(404, "not_found");
    }
    let base = conn_url(UNKNOWN);
    for uri in [
        format!("{base}/notifications?page_size=0"),
        format!("{base}/notifications?after=yesterday"),
        format!("{base}/schema-diff"),
        format!("{base}/schema-diff?target_version=1.5"),
    ] {
        get(&app, &uri).await.assert_error(404, "not_found");
    }
    post_empty(
        &app,
        &format!("{base}/notifications/acknowledge?before=nope"),
    )
    .await
    .assert_error(404, "not_found");
    post_empty(&app, "/auth/ghost-app?addon_type=9")
        .await
        .assert_error(404, "not_found");
    // A known connection the caller may not see is a 403 before the query is read, too.
    req("GET", &format!("{}?deep=maybe", conn_url(CID_US)))
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
}

#[tokio::test]
async fn an_unknown_id_is_404_whatever_the_body_says() {
    let (app, _) = demo();
    link(&app).await;
    let broken = b"{not json".to_vec();
    for (method, uri) in [
        ("PATCH", conn_url(UNKNOWN)),
        ("POST", format!("{}/mappings", conn_url(UNKNOWN))),
        ("POST", format!("{}/authorize_url", conn_url(UNKNOWN))),
        (
            "POST",
            format!("{}/actions/change-sf-api-version", conn_url(UNKNOWN)),
        ),
        ("PATCH", "/api/v3/mappings/m-unknown".to_owned()),
        ("POST", "/apps/ghost-app/addons".to_owned()),
    ] {
        send_body(&app, method, &uri, "application/json", broken.clone())
            .await
            .assert_error(404, "not_found");
    }
    // On a known connection the same body is the 400 it always was.
    send_body(&app, "PATCH", &conn_url(CID_US), "application/json", broken)
        .await
        .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn a_repeated_query_key_takes_its_last_value() {
    let (app, _) = demo();
    link(&app).await;
    let url = conn_url(CID_US);
    assert!(is_deep(
        &get(&app, &format!("{url}?deep=false&deep=true")).await
    ));
    assert!(!is_deep(
        &get(&app, &format!("{url}?deep=true&deep=false")).await
    ));
    let r = get(&app, "/connections?app=ghost&app=acme-sync").await;
    assert_eq!(r.json["count"], 1, "{}", r.text);
}

#[tokio::test]
async fn numbers_in_query_values_may_be_decimals_or_padded() {
    let (app, _) = demo();
    idle(&app).await;
    let base = format!("{}/notifications", conn_url(CID_US));
    for q in [
        "page_size=1000",
        "page_size=1000.0",
        "page_size=1000.",
        "page_size=%201000%20",
        "page_size=+5",
    ] {
        assert_eq!(get(&app, &format!("{base}?{q}")).await.status, 200, "{q}");
    }
    for q in [
        "page_size=1.5",
        "page_size=-1",
        "page_size=1e3",
        "page_size=0.0",
    ] {
        get(&app, &format!("{base}?{q}"))
            .await
            .assert_error(400, "invalid_params");
    }
    assert_eq!(
        get(&app, "/connections?addon_type=1.0").await.json["count"],
        1
    );
    assert_eq!(
        get(&app, "/connections?addon_type=2.0").await.json["count"],
        0
    );
    let log = req("GET", "/_emulator/requests?since=1.0").send(&app).await;
    assert_eq!(log.status, 200, "{}", log.text);
    assert_eq!(log.json["requests"][0]["seq"], 2);
}

#[tokio::test]
async fn empty_query_values_count_as_absent() {
    let (app, _) = demo();
    let base = one_notification(&app).await;
    // The shape of a client that always sends every parameter, set or not.
    let r = get(
        &app,
        &format!("{base}?after=&before=&event_type=&page_size="),
    )
    .await;
    assert_eq!(count(&r), 1);
    let r = post_empty(
        &app,
        &format!("{base}/acknowledge?after=&before=&page_size="),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert_eq!(count(&get(&app, &base).await), 0);
    let r = get(&app, "/connections?app=&resource_name=&addon_type=").await;
    assert_eq!(r.json["count"], 1, "{}", r.text);
    let r = get(
        &app,
        &format!("{}/schema-diff?target_version=", conn_url(CID_US)),
    )
    .await;
    r.assert_error(400, "invalid_params");
    assert_eq!(r.json["message"], "target_version is required.");
}

#[tokio::test]
async fn an_unencoded_plus_in_a_timestamp_is_read_back() {
    let (app, _) = demo();
    let base = one_notification(&app).await;
    // 09:30+01:00 is 08:30Z, before the notification. The raw `+` decodes to a space.
    assert_eq!(
        count(&get(&app, &format!("{base}?after=2025-01-06T09:30:00+01:00")).await),
        1
    );
    assert_eq!(
        count(&get(&app, &format!("{base}?before=2025-01-06T09:30:00+01:00")).await),
        0
    );
    assert_eq!(
        count(&get(&app, &format!("{base}?after=2025-01-06T09:30:00%2B01:00")).await),
        1
    );
    get(&app, &format!("{base}?after=2025-01-06T09:30:00+01"))
        .await
        .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn trailing_and_repeated_slashes_reach_the_same_route() {
    let (app, _) = demo();
    let r = post_empty(&app, "/auth/acme-sync/").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = get(&app, "/connections/?app=acme-sync").await;
    assert_eq!(r.json["count"], 1, "{}", r.text);
    assert!(is_deep(
        &get(&app, &format!("{}/?deep=True", conn_url(CID_US))).await
    ));
    // A region_url that ends in `/`, joined with `/api/v3/…`.
    assert!(is_deep(
        &get(&app, &format!("/{}?deep=true", conn_url(CID_US))).await
    ));
    let r = get(&app, "/account/").await;
    assert_eq!(r.json["email"], "demo@example.com", "{}", r.text);
    get(&app, &format!("{}/", conn_url(UNKNOWN)))
        .await
        .assert_error(404, "not_found");
    // Faults match the canonical path; the log keeps the path as sent.
    req("POST", "/_emulator/faults")
        .json(json!({"path": "/api/v3/connections/*", "respond": {"status": 503, "body": {"id": "unavailable", "message": "x"}}}))
        .send(&app)
        .await;
    get(&app, &format!("{}/", conn_url(CID_US)))
        .await
        .assert_error(503, "unavailable");
    let log = req("GET", "/_emulator/requests").send(&app).await;
    let entries = log.json["requests"].as_array().unwrap();
    assert_eq!(entries[0]["path"], "/auth/acme-sync/");
    let last = entries.last().unwrap();
    assert_eq!(last["path"], format!("{}/", conn_url(CID_US)));
    assert_eq!(last["status"], 503);
}

#[tokio::test]
async fn unknown_query_parameters_are_ignored() {
    let (app, _) = demo();
    link(&app).await;
    let r = get(
        &app,
        &format!("{}?deep=true&utm_source=cli&format=json", conn_url(CID_US)),
    )
    .await;
    assert!(is_deep(&r));
    let r = get(&app, "/connections?app=acme-sync&per_page=50").await;
    assert_eq!(r.json["count"], 1, "{}", r.text);
}
