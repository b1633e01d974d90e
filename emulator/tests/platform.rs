//! The Platform API subset (§4.5): account, rate limits, apps, add-ons and asynchronous provisioning.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn account_and_apps() {
    let (app, _) = demo();
    let r = get(&app, "/account").await;
    assert_eq!(r.json["email"], "demo@example.com");
    assert_eq!(r.json["id"], "11111111-1111-4111-8111-111111111111");
    let apps = get(&app, "/apps").await;
    let names: Vec<&str> = apps
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme-sync", "acme-eu", "acme-blank"]);
    assert_eq!(
        req("GET", "/apps").token(OUTSIDER).send(&app).await.json,
        json!([])
    );
    let one = get(&app, "/apps/acme-eu").await;
    assert_eq!(one.json["region"]["name"], "eu");
    assert_eq!(one.json["id"], "a0000000-0000-4000-8000-000000000002");
    assert_eq!(
        get(&app, "/apps/a0000000-0000-4000-8000-000000000003")
            .await
            .json["name"],
        "acme-blank"
    );
    get(&app, "/apps/ghost")
        .await
        .assert_error(404, "not_found");
    req("GET", "/apps/acme-sync")
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
    req("GET", "/apps/acme-sync/addons")
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
    req("DELETE", "/apps/acme-sync")
        .token(DEMO)
        .send(&app)
        .await
        .assert_error(405, "method_not_allowed");
}

#[tokio::test]
async fn create_app_rules() {
    let (app, _) = demo();
    let r = post(&app, "/apps", json!({"name": "new-app", "region": "eu"})).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json["region"]["name"], "eu");
    post(&app, "/apps", json!({"name": "new-app"}))
        .await
        .assert_error(422, "validation_failed");
    post(&app, "/apps", json!({"name": "Bad_Name"}))
        .await
        .assert_error(422, "validation_failed");
    post(&app, "/apps", json!({"region": "mars"}))
        .await
        .assert_error(422, "validation_failed");
    post(&app, "/apps", json!({"name": 7}))
        .await
        .assert_error(400, "invalid_params");
    let r = post_empty(&app, "/apps").await;
    assert_eq!(r.status, 201);
    let generated = r.json["name"].as_str().unwrap();
    assert_eq!(generated.split('-').count(), 3, "{generated}");
    assert_eq!(r.json["region"]["name"], "us");
}

#[tokio::test]
async fn addons_provision_asynchronously() {
    let (app, _) = demo();
    let pg = post(
        &app,
        "/apps/acme-blank/addons",
        json!({"plan": "heroku-postgresql:essential-0"}),
    )
    .await;
    assert_eq!(pg.status, 201);
    assert_eq!(pg.json["state"], "provisioning");
    assert_eq!(pg.json["config_vars"], json!(["DATABASE_URL"]));
    assert_eq!(pg.json["addon_service"]["name"], "heroku-postgresql");
    let hc = post(
        &app,
        "/apps/acme-blank/addons",
        json!({"plan": "herokuconnect"}),
    )
    .await;
    assert_eq!(hc.json["plan"]["name"], "herokuconnect:demo");
    assert_eq!(hc.json["config_vars"], json!([]));
    let pg2 = post(
        &app,
        "/apps/acme-blank/addons",
        json!({"plan": "heroku-postgresql:essential-1"}),
    )
    .await;
    assert!(pg2.json["config_vars"][0]
        .as_str()
        .unwrap()
        .starts_with("HEROKU_POSTGRESQL_"));
    post(
        &app,
        "/apps/acme-blank/addons",
        json!({"plan": "heroku-redis:mini"}),
    )
    .await
    .assert_error(422, "validation_failed");
    post(&app, "/apps/acme-blank/addons", json!({}))
        .await
        .assert_error(422, "validation_failed");
    post(&app, "/apps/ghost/addons", json!({"plan": "herokuconnect"}))
        .await
        .assert_error(404, "not_found");

    advance(&app, 2).await;
    let list = get(&app, "/apps/acme-blank/addons").await;
    let states: Vec<&str> = list
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["provisioning", "provisioned", "provisioning"]);
    // The new connection exists, NEW, with an empty access list.
    let cid = hc.json["id"].as_str().unwrap();
    get(&app, &conn_url(cid))
        .await
        .assert_error(403, "forbidden");
    post_empty(&app, "/auth/acme-blank").await;
    assert_eq!(get(&app, &conn_url(cid)).await.json["state"], "NEW");
    // Postgres is not a db_key before it is provisioned.
    assert_eq!(
        get(&app, "/api/v3/apps/acme-blank").await.json["db_keys"],
        json!([])
    );
    advance(&app, 3).await;
    assert_eq!(
        get(&app, "/api/v3/apps/acme-blank").await.json["db_keys"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn rate_limits_endpoint_uses_nothing() {
    let (app, _) = demo();
    let r = get(&app, "/account/rate-limits").await;
    assert_eq!(r.json, json!({"remaining": 4500}));
    assert_eq!(r.header("ratelimit-remaining"), Some("4500"));
    let r = get(&app, "/account").await;
    assert_eq!(r.header("ratelimit-remaining"), Some("4499"));
    assert_eq!(
        get(&app, "/account/rate-limits").await.json["remaining"],
        4499
    );
}
