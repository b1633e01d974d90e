//! The fake Salesforce hop (§7) and the fake dashboard (§8.1).

mod common;

use common::*;
use serde_json::json;

async fn redirect(app: &axum::Router, body: serde_json::Value) -> (String, String) {
    let r = post(app, &format!("{}/authorize_url", conn_url(CID_US)), body).await;
    let url = r.json["redirect"].as_str().unwrap().to_owned();
    let path = url.trim_start_matches("http://127.0.0.1:8787").to_owned();
    let state = url.split("state=").nth(1).unwrap().to_owned();
    (path, state)
}

fn form(state: &str, decision: &str) -> common::Req {
    req("POST", "/services/oauth2/authorize").raw(
        "application/x-www-form-urlencoded",
        format!("state={state}&decision={decision}").into_bytes(),
    )
}

#[tokio::test]
async fn consent_page_allow_and_deny() {
    let (app, _) = demo();
    link(&app).await;
    set_db(&app, CID_US).await;
    let (path, state) = redirect(&app, json!({"next": "http://localhost:18000/cb?x=1#frag"})).await;
    let page = req("GET", &path).send(&app).await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    for needle in [
        "Acme Demo Org",
        "admin@acme-demo.example",
        "value=\"allow\"",
        "value=\"deny\"",
        "production",
        "action=\"/services/oauth2/authorize\"",
    ] {
        assert!(page.text.contains(needle), "missing {needle}");
    }
    let r = form(&state, "deny").send(&app).await;
    assert_eq!(r.status, 302);
    assert_eq!(
        r.header("location"),
        Some("http://localhost:18000/cb?x=1&error=access_denied#frag")
    );
    assert_eq!(
        get(&app, &conn_url(CID_US)).await.json["state"],
        "NEED_AUTHENTICATION"
    );
    // Single use.
    assert_eq!(form(&state, "allow").send(&app).await.status, 400);
    assert_eq!(req("GET", &path).send(&app).await.status, 400);

    let (_, state) = redirect(&app, json!({})).await;
    let r = form(&state, "allow").send(&app).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("Authorization complete"));
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
}

#[tokio::test]
async fn bad_expired_and_unknown_states_get_400_html() {
    let (app, _) = demo();
    link(&app).await;
    set_db(&app, CID_US).await;
    let r = form("nope", "allow").send(&app).await;
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(
        req("GET", "/services/oauth2/authorize?state=nope")
            .send(&app)
            .await
            .status,
        400
    );
    assert_eq!(
        req("GET", "/services/oauth2/authorize")
            .send(&app)
            .await
            .status,
        400
    );
    let (_, state) = redirect(&app, json!({})).await;
    assert_eq!(form(&state, "maybe").send(&app).await.status, 400);
    advance(&app, 900).await;
    assert_eq!(form(&state, "allow").send(&app).await.status, 400);
    assert_eq!(
        get(&app, &conn_url(CID_US)).await.json["state"],
        "NEED_AUTHENTICATION"
    );
    let (_, state) = redirect(&app, json!({"environment": "sandbox"})).await;
    let r = form(&state, "deny").send(&app).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("denied"));
}

#[tokio::test]
async fn dashboard_pages() {
    let (app, _) = demo();
    let r = req("GET", "/dashboard/apps/acme-sync").send(&app).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("<title>acme-sync"));
    assert!(r.text.contains("<h1>acme-sync</h1>"));
    assert!(r.text.contains("herokuconnect-acme-10001"));
    assert!(r.text.contains("postgresql-acme-20001"));
    assert!(r
        .text
        .contains("Connect state: <span class=\"connect-state\">NEW</span>"));
    let r = req("GET", "/apps/acme-sync/resources")
        .host("dashboard.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("<h1>acme-sync</h1>"));
    let r = req("GET", "/apps/ghost")
        .host("dashboard.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    // In one-origin mode /apps/<name> is the Platform API.
    req("GET", "/apps/acme-sync")
        .send(&app)
        .await
        .assert_error(401, "unauthorized");
}
