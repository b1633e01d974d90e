//! Discovery (§4.1), the legacy Flow B endpoints (§1.3, §4.2.1, §4.2.9), and host-mode routing (§8.1).

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn search_is_empty_until_the_user_joins_the_access_list() {
    let (app, _) = demo();
    let r = get(&app, "/connections?app=acme-sync").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({"count": 0, "next": null, "previous": null, "results": [], "regions": {}, "cells": {}})
    );

    let r = post_empty(&app, "/auth/acme-sync").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["user"]["email"], "demo@example.com");
    assert_eq!(r.json["connections"][0]["id"], CID_US);

    let r = get(&app, "/connections?app=acme-sync").await;
    assert_eq!(r.json["count"], 1);
    let rec = &r.json["results"][0];
    assert_eq!(rec["resource_name"], "herokuconnect-acme-10001");
    assert_eq!(rec["region_url"], "http://127.0.0.1:8787");
    assert_eq!(
        rec["detail_url"],
        format!("http://127.0.0.1:8787/api/v3/connections/{CID_US}")
    );
    assert!(!rec["detail_url"].as_str().unwrap().contains('?'));
    assert_eq!(r.json["regions"]["us"]["label"], "Region (US)");
    assert_eq!(
        r.json["cells"]["virginia-1"]["url"],
        "http://127.0.0.1:8787"
    );
}

#[tokio::test]
async fn auth_accepts_app_id_and_lists_eu_connections() {
    let (app, _) = demo();
    let r = post_empty(&app, "/auth/a0000000-0000-4000-8000-000000000002").await;
    assert_eq!(r.json["connections"][0]["id"], CID_EU);
    assert_eq!(r.json["connections"][0]["cell"], "dublin-1");
    let all = get(&app, "/connections").await;
    assert_eq!(all.json["count"], 1);
}

#[tokio::test]
async fn filters_and_bad_queries() {
    let (app, _) = demo();
    link(&app).await;
    assert_eq!(
        get(&app, "/connections?resource_name=herokuconnect-acme-10001")
            .await
            .json["count"],
        1
    );
    assert_eq!(
        get(&app, "/connections?resource_name=nope").await.json["count"],
        0
    );
    assert_eq!(
        get(&app, "/connections?app=unknown-app").await.json["count"],
        0
    );
    assert_eq!(
        get(&app, "/connections?app=acme-sync&addon_type=2")
            .await
            .json["count"],
        0
    );
    assert_eq!(
        get(&app, "/connections?app=acme-sync&addon_type=1")
            .await
            .json["count"],
        1
    );
    get(&app, "/connections?addon_type=9")
        .await
        .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn auth_errors() {
    let (app, _) = demo();
    post_empty(&app, "/auth/no-such-app")
        .await
        .assert_error(404, "not_found");
    req("POST", "/auth/acme-sync")
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
    let blank = post_empty(&app, "/auth/acme-blank").await;
    assert_eq!(blank.status, 200);
    assert_eq!(blank.json["connections"], json!([]));
}

#[tokio::test]
async fn unauthorized_without_a_valid_bearer_token() {
    let (app, _) = demo();
    req("GET", "/connections")
        .send(&app)
        .await
        .assert_error(401, "unauthorized");
    req("GET", "/connections")
        .header("authorization", "Heroku demo-token")
        .send(&app)
        .await
        .assert_error(401, "unauthorized");
    req("GET", "/connections")
        .token("nope")
        .send(&app)
        .await
        .assert_error(401, "unauthorized");
    let r = req("GET", "/connections").token("nope").send(&app).await;
    assert!(!r.text.contains("nope"));
    assert!(r.header("ratelimit-remaining").is_none());
}

#[tokio::test]
async fn wrong_method_is_405_with_json_body() {
    let (app, _) = demo();
    req("DELETE", "/connections")
        .token(DEMO)
        .send(&app)
        .await
        .assert_error(405, "method_not_allowed");
    req("GET", "/auth/acme-sync")
        .token(DEMO)
        .send(&app)
        .await
        .assert_error(405, "method_not_allowed");
}

#[tokio::test]
async fn legacy_flow_b_grant_and_list() {
    let (app, _) = demo();
    let r = get(&app, "/api/v3/connections?app=acme-sync&deep=true").await;
    assert_eq!(r.json["count"], 0);
    let r = post_empty(&app, "/api/v3/users/me/apps/acme-sync/auth").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["connections"][0]["id"], CID_US);
    let r = get(&app, "/api/v3/connections?app=acme-sync&deep=true").await;
    assert_eq!(r.json["count"], 1);
    assert_eq!(r.json["results"][0]["mappings"], json!([]));
    assert_eq!(
        get(&app, &format!("/api/v3/connections?resource_id={CID_US}"))
            .await
            .json["count"],
        1
    );
    req("POST", "/api/v3/users/me/apps/acme-sync/auth")
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
    post_empty(&app, "/api/v3/users/me/apps/ghost/auth")
        .await
        .assert_error(404, "not_found");
    get(&app, "/api/v3/connections?deep=maybe")
        .await
        .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn host_mode_routes_by_host_and_region() {
    let (app, _) = demo();
    let r = req("POST", "/auth/acme-sync")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let r = req("POST", "/auth/acme-eu")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let r = req("GET", "/connections")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.json["count"], 2);
    for rec in r.json["results"].as_array().unwrap() {
        let expected = if rec["region"] == "eu" {
            "https://connect-dublin.heroku.com"
        } else {
            "https://connect-virginia.heroku.com"
        };
        assert_eq!(rec["region_url"], expected);
        assert!(rec["detail_url"].as_str().unwrap().starts_with(expected));
    }

    let us = req("GET", &conn_url(CID_US))
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    assert_eq!(us.status, 200);
    assert_eq!(us.json["region_url"], "https://connect-virginia.heroku.com");
    req("GET", &conn_url(CID_EU))
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    req("GET", &conn_url(CID_US))
        .token(DEMO)
        .host("connect-dublin.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    let eu = req("GET", &conn_url(CID_EU))
        .token(DEMO)
        .host("connect-dublin.heroku.com:443")
        .send(&app)
        .await;
    assert_eq!(eu.status, 200);
    assert_eq!(eu.json["region_url"], "https://connect-dublin.heroku.com");
    // Legacy hosts serve the same regions.
    assert_eq!(
        req("GET", &conn_url(CID_EU))
            .token(DEMO)
            .host("connect-eu.heroku.com")
            .send(&app)
            .await
            .status,
        200
    );
    assert_eq!(
        req("GET", &conn_url(CID_US))
            .token(DEMO)
            .host("connect-us.heroku.com")
            .send(&app)
            .await
            .status,
        200
    );
    // An unknown cell serves no connections at all.
    req("GET", &conn_url(CID_US))
        .token(DEMO)
        .host("connect-2-virginia.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    // Discovery paths do not exist on a regional host, nor regional paths on hc-central.
    req("GET", "/connections")
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    req("GET", &conn_url(CID_US))
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    req("GET", "/account")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
    assert_eq!(
        req("GET", "/account")
            .token(DEMO)
            .host("api.heroku.com")
            .send(&app)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn host_mode_authorize_url_points_at_salesforce_hosts() {
    let (app, _) = demo();
    link(&app).await;
    set_db(&app, CID_US).await;
    let at = |env: serde_json::Value| {
        req("POST", &format!("{}/authorize_url", conn_url(CID_US)))
            .token(DEMO)
            .host("connect-virginia.heroku.com")
            .json(env)
    };
    let r = at(json!({"environment": "sandbox"})).send(&app).await;
    assert!(r.json["redirect"].as_str().unwrap().starts_with("https://test.salesforce.com/services/oauth2/authorize?response_type=code&client_id=connect-emulator&state="));
    let r = at(json!({"environment": "custom", "domain": "https://acme.my.salesforce.com"}))
        .send(&app)
        .await;
    assert!(
        r.json["redirect"]
            .as_str()
            .unwrap()
            .starts_with("https://acme.my.salesforce.com/services/oauth2/authorize?"),
        "{}",
        r.text
    );
    let r = at(json!({})).send(&app).await;
    let redirect = r.json["redirect"].as_str().unwrap();
    assert!(redirect.starts_with("https://login.salesforce.com/"));
    let path = redirect.trim_start_matches("https://login.salesforce.com");
    let page = req("GET", path)
        .host("login.salesforce.com")
        .send(&app)
        .await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Acme Demo Org"));
    // Salesforce paths are not served on Heroku hosts in host mode.
    req("GET", path)
        .host("api.heroku.com")
        .send(&app)
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn auth_returns_every_reachable_connection_in_any_region() {
    let (app, _) = demo();
    assert_eq!(post_empty(&app, "/auth/acme-eu").await.status, 200);
    // Joining acme-sync lists acme-eu's connection too: §4.1.2 returns everything the user can now reach.
    let r = req("POST", "/auth/acme-sync")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    let ids: Vec<&str> = r.json["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [CID_US, CID_EU]);
    assert_eq!(
        r.json["connections"][1]["region_url"],
        "https://connect-dublin.heroku.com"
    );
    assert!(r.json["regions"]["eu"].is_object() && r.json["regions"]["us"].is_object());
    assert!(r.json["cells"]["dublin-1"].is_object() && r.json["cells"]["virginia-1"].is_object());
    // An app without a Connect add-on still gets [] (§4.1.2 errors), even for a user with other connections.
    assert_eq!(
        post_empty(&app, "/auth/acme-blank").await.json["connections"],
        json!([])
    );
    post_empty(&app, "/auth/acme-sync?addon_type=7")
        .await
        .assert_error(400, "invalid_params");
    // The legacy grant (§4.2.9) lists only what this host serves.
    let r = req("POST", "/api/v3/users/me/apps/acme-sync/auth")
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.json["connections"].as_array().unwrap().len(), 1);
    assert_eq!(r.json["connections"][0]["id"], CID_US);
    assert_eq!(
        r.json["regions"],
        json!({"us": {"flag": "united-states", "label": "Region (US)"}})
    );
}
