//! Mapping endpoints (§4.3) and the mapping state machine (§6.4).

mod common;

use common::*;
use serde_json::{json, Value};

fn contact() -> Value {
    serde_json::from_str(CONTACT).unwrap()
}

fn murl(mid: &str) -> String {
    format!("/api/v3/mappings/{mid}")
}

#[tokio::test]
async fn create_walks_initial_reload_synced() {
    let (app, _) = demo();
    let cid = idle(&app).await;
    let r = post(&app, &format!("{}/mappings", conn_url(&cid)), contact()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["state"], "INITIAL");
    assert_eq!(r.json["config"]["revision"], 1);
    assert_eq!(r.json["config"]["sf_max_daily_api_calls"], 30000);
    assert_eq!(
        r.json["detail_url"],
        format!("/api/v3/mappings/{}", r.json["id"].as_str().unwrap())
    );
    assert_eq!(
        r.json["schema_url"],
        format!("http://127.0.0.1:8787/api/v3/connections/{cid}/schemas/Contact")
    );
    let mid = r.json["id"].as_str().unwrap().to_owned();
    advance(&app, 1).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "RELOAD_TABLE");
    advance(&app, 3).await;
    let m = get(&app, &murl(&mid)).await;
    assert_eq!(m.json["state"], "DATA_SYNCED");
    assert_eq!(
        m.json["counts"],
        json!({"db": 40, "sf": 40, "pending": 0, "errors": 0})
    );
    assert_eq!(
        m.json["times"]["sf_poll"],
        "2025-01-06 09:00:04.000000+00:00"
    );
    // A poll after sf_polling_seconds.
    advance(&app, 600).await;
    assert_eq!(
        get(&app, &murl(&mid)).await.json["state"],
        "POLLING_SF_CHANGES"
    );
    advance(&app, 1).await;
    let m = get(&app, &murl(&mid)).await;
    assert_eq!(m.json["state"], "DATA_SYNCED");
    // `times.sf_poll` records when the poll ran, and polls keep an exact cadence of sf_polling_seconds (§6.4):
    // the first at tick 604, the second at 1204, not 1205.
    assert_eq!(
        m.json["times"]["sf_poll"],
        "2025-01-06 09:10:04.000000+00:00"
    );
    advance(&app, 598).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "DATA_SYNCED");
    advance(&app, 1).await;
    let m = get(&app, &murl(&mid)).await;
    assert_eq!(m.json["state"], "POLLING_SF_CHANGES");
    assert_eq!(
        m.json["times"]["sf_poll"],
        "2025-01-06 09:20:04.000000+00:00"
    );
}

#[tokio::test]
async fn create_errors() {
    let (app, _) = demo();
    link(&app).await;
    let url = format!("{}/mappings", conn_url(CID_US));
    post(&app, &url, contact())
        .await
        .assert_error(409, "invalid_state");
    set_db(&app, CID_US).await;
    post(&app, &url, contact())
        .await
        .assert_error(409, "invalid_state");
    authorize(&app, CID_US).await;
    post(&app, &url, json!({"config": {}}))
        .await
        .assert_error(400, "invalid_params");
    post(
        &app,
        &url,
        json!({"object_name": "Contact", "config": {"sf_polling_seconds": "often"}}),
    )
    .await
    .assert_error(400, "invalid_params");
    let r = post(&app, &url, json!({"object_name": "Contact", "config": {"fields": {"Id": {}, "Nickname__c": {}}, "sf_polling_seconds": 60}})).await;
    r.assert_error(422, "validation_failed");
    let paths: Vec<&str> = r.json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"config.fields.Nickname__c"), "{paths:?}");
    assert!(paths.contains(&"config.fields.SystemModstamp"), "{paths:?}");
    assert!(paths.contains(&"config.sf_polling_seconds"), "{paths:?}");
    let r = post(&app, &url, json!({"object_name": "Contact", "config": {"upsert_field": "Email", "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Email": {}}}})).await;
    r.assert_error(422, "validation_failed");
    assert_eq!(r.json["errors"][0]["path"], "config.upsert_field");
    post(&app, &url, json!({"object_name": "Widget__c"}))
        .await
        .assert_error(422, "validation_failed");
    assert_eq!(
        post(&app, &url, json!({"object_name": "contact"}))
            .await
            .status,
        201
    );
    post(&app, &url, contact())
        .await
        .assert_error(409, "already_exists");
    req("POST", &url)
        .token(OUTSIDER)
        .json(contact())
        .send(&app)
        .await
        .assert_error(403, "forbidden");
}

#[tokio::test]
async fn update_with_patch_and_put_and_revisions() {
    let (app, _) = demo();
    let mid = synced_contact(&app).await;
    let r = patch(
        &app,
        &murl(&mid),
        json!({"config": {"sf_notify_enabled": true}, "revision": 1}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["config"]["revision"], 2);
    assert_eq!(r.json["config"]["sf_notify_enabled"], true);
    assert_eq!(r.json["config"]["upsert_field"], "Acme_Id__c");
    assert_eq!(r.json["state"], "SCHEMA_CHANGED");
    advance(&app, 1).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "RESYNC");
    advance(&app, 2).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "DATA_SYNCED");
    patch(
        &app,
        &murl(&mid),
        json!({"config": {"access": "read_only"}, "revision": 1}),
    )
    .await
    .assert_error(409, "stale_revision");
    patch(&app, &murl(&mid), json!({"config": {"access": "sideways"}}))
        .await
        .assert_error(400, "invalid_params");
    patch(&app, &murl(&mid), json!({"config": {"fields": {"Id": {}}}}))
        .await
        .assert_error(422, "validation_failed");
    let r = req("PUT", &murl(&mid))
        .token(DEMO)
        .json(json!({"config": {"access": "read_only"}, "revision": 2}))
        .send(&app)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["config"]["revision"], 3);
    get(&app, &murl("00000000-0000-4000-8000-000000000000"))
        .await
        .assert_error(404, "not_found");
    req("GET", &murl(&mid))
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
}

#[tokio::test]
async fn delete_and_reload() {
    let (app, _) = demo();
    let mid = synced_contact(&app).await;
    let r = post_empty(&app, &format!("{}/actions/reload", murl(&mid))).await;
    assert_eq!(r.status, 202);
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "RELOAD_TABLE");
    advance(&app, 3).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "DATA_SYNCED");
    // During an import, delete and reload are refused.
    let doc = json!({"version": 1, "mappings": [{"object_name": "Lead", "config": {}}]});
    assert_eq!(
        post(&app, &format!("{}/actions/import", conn_url(CID_US)), doc)
            .await
            .status,
        202
    );
    req("DELETE", &murl(&mid))
        .token(DEMO)
        .send(&app)
        .await
        .assert_error(409, "invalid_state");
    post_empty(&app, &format!("{}/actions/reload", murl(&mid)))
        .await
        .assert_error(409, "invalid_state");
    patch(&app, &murl(&mid), json!({"config": {}}))
        .await
        .assert_error(409, "invalid_state");
    advance(&app, 2).await;
    let r = req("DELETE", &murl(&mid)).token(DEMO).send(&app).await;
    assert_eq!(r.status, 204);
    get(&app, &murl(&mid)).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn paused_connection_freezes_mapping_steps() {
    let (app, _) = demo();
    let cid = idle(&app).await;
    post_empty(&app, &format!("{}/actions/pause", conn_url(&cid))).await;
    let r = post(&app, &format!("{}/mappings", conn_url(&cid)), contact()).await;
    assert_eq!(r.status, 201);
    let mid = r.json["id"].as_str().unwrap().to_owned();
    advance(&app, 100).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "INITIAL");
    post_empty(&app, &format!("{}/actions/resume", conn_url(&cid))).await;
    advance(&app, 1).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "RELOAD_TABLE");
    advance(&app, 3).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "DATA_SYNCED");
}

#[tokio::test]
async fn restart_recovers_mappings_in_error() {
    let (app, _) = demo();
    let mid = synced_contact(&app).await;
    req("POST", "/_emulator/set-state")
        .json(json!({"mapping_id": mid, "state": "SYSTEM_ERROR"}))
        .send(&app)
        .await;
    assert_eq!(
        post_empty(&app, &format!("{}/actions/restart", conn_url(CID_US)))
            .await
            .status,
        202
    );
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "RECOVERY");
    advance(&app, 2).await;
    assert_eq!(get(&app, &murl(&mid)).await.json["state"], "DATA_SYNCED");
}
