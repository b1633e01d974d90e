//! Regional connection endpoints (§4.2): detail, PATCH, db_keys, authorize_url, actions, import and export,
//! and the body rules (413, 415, tolerated empty JSON bodies).

mod common;

use common::*;
use serde_json::{json, Value};

fn import_doc() -> Value {
    json!({"version": 1, "connection": {"app_name": "ignored"}, "mappings": [
        {"object_name": "Account", "config": {"fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Name": {}}}},
        {"object_name": "case", "config": {"sf_polling_seconds": 60, "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Subject": {}}}}
    ]})
}

#[tokio::test]
async fn detail_needs_access_and_a_known_id() {
    let (app, _) = demo();
    get(&app, &conn_url(CID_US))
        .await
        .assert_error(403, "forbidden");
    get(&app, &conn_url("c0000000-0000-4000-8000-00000000ffff"))
        .await
        .assert_error(404, "not_found");
    link(&app).await;
    let r = get(&app, &format!("{}?deep=true", conn_url(CID_US))).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["state"], "NEW");
    assert_eq!(
        r.json["detail_url"],
        format!("/api/v3/connections/{CID_US}")
    );
    assert_eq!(r.json["mappings"], json!([]));
    assert!(get(&app, &conn_url(CID_US))
        .await
        .json
        .get("mappings")
        .is_none());
    req("GET", &conn_url(CID_US))
        .token(OUTSIDER)
        .send(&app)
        .await
        .assert_error(403, "forbidden");
}

#[tokio::test]
async fn patch_sets_database_and_moves_to_need_authentication() {
    let (app, _) = demo();
    link(&app).await;
    let url = conn_url(CID_US);
    patch(&app, &url, json!({"db_key": "NOPE_URL"}))
        .await
        .assert_error(400, "invalid_params");
    patch(&app, &url, json!({"schema_name": "Bad-Schema"}))
        .await
        .assert_error(400, "invalid_params");
    patch(&app, &url, json!({"db_key": 5}))
        .await
        .assert_error(400, "invalid_params");
    req("PATCH", &url)
        .token(DEMO)
        .raw("application/json", b"{not json".to_vec())
        .send(&app)
        .await
        .assert_error(400, "invalid_params");
    let r = patch(&app, &url, json!({"name": "Renamed"})).await;
    assert_eq!(r.json["state"], "NEW");
    assert_eq!(r.json["name"], "Renamed");
    let r = patch(&app, &url, json!({"db_key": "DATABASE_URL"})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["schema_name"], "salesforce");
    assert_eq!(r.json["state"], "NEED_AUTHENTICATION");
    assert!(r.json.get("mappings").is_none());
}

#[tokio::test]
async fn patch_database_conflicts_once_mappings_exist() {
    let (app, _) = demo();
    synced_contact(&app).await;
    patch(&app, &conn_url(CID_US), json!({"schema_name": "other"}))
        .await
        .assert_error(409, "invalid_state");
    assert_eq!(
        patch(&app, &conn_url(CID_US), json!({"name": "still fine"}))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn db_keys_lists_provisioned_postgres() {
    let (app, _) = demo();
    get(&app, "/api/v3/apps/acme-sync")
        .await
        .assert_error(403, "forbidden");
    get(&app, "/api/v3/apps/ghost")
        .await
        .assert_error(404, "not_found");
    link(&app).await;
    let r = get(&app, "/api/v3/apps/acme-sync").await;
    assert_eq!(
        r.json,
        json!({"db_keys": [{"name": "DATABASE_URL", "addon": {"plan": "heroku-postgresql:essential-0"}}]})
    );
}

#[tokio::test]
async fn authorize_url_rules() {
    let (app, _) = demo();
    link(&app).await;
    let url = format!("{}/authorize_url", conn_url(CID_US));
    post(&app, &url, json!({}))
        .await
        .assert_error(409, "invalid_state");
    set_db(&app, CID_US).await;
    post(&app, &url, json!({"environment": "staging"}))
        .await
        .assert_error(400, "invalid_params");
    post(&app, &url, json!({"environment": "custom"}))
        .await
        .assert_error(400, "invalid_params");
    post(
        &app,
        &url,
        json!({"environment": "custom", "domain": "evil.example.com"}),
    )
    .await
    .assert_error(400, "invalid_params");
    post(&app, &url, json!({"next": "/relative"}))
        .await
        .assert_error(400, "invalid_params");
    post(&app, &url, json!({"api_version": "40.0"}))
        .await
        .assert_error(400, "invalid_params");
    let r = post_empty(&app, &url).await;
    assert_eq!(r.status, 201);
    assert!(r.json["redirect"].as_str().unwrap().starts_with("http://127.0.0.1:8787/services/oauth2/authorize?response_type=code&client_id=connect-emulator&state="));
}

#[tokio::test]
async fn salesforce_allow_makes_the_connection_idle() {
    let (app, _) = demo();
    link(&app).await;
    set_db(&app, CID_US).await;
    let location = authorize(&app, CID_US).await;
    assert_eq!(location.as_deref(), Some("http://localhost:18000/done"));
    let r = get(&app, &conn_url(CID_US)).await;
    assert_eq!(r.json["state"], "IDLE");
    assert_eq!(r.json["organization_id"], "00D5e0000012AcmEAA");
    assert_eq!(r.json["sf_info"]["api_version"], "62.0");
    assert_eq!(r.json["sf_info"]["environment"], "production");
    assert!(r.json["auth_updated"].is_string());
}

#[tokio::test]
async fn pause_resume_restart_state_rules() {
    let (app, state) = demo();
    link(&app).await;
    let action = |a: &str| format!("{}/actions/{a}", conn_url(CID_US));
    post_empty(&app, &action("pause"))
        .await
        .assert_error(409, "invalid_state");
    post_empty(&app, &action("restart"))
        .await
        .assert_error(409, "invalid_state");
    set_db(&app, CID_US).await;
    authorize(&app, CID_US).await;
    post_empty(&app, &action("resume"))
        .await
        .assert_error(409, "invalid_state");
    let r = post_empty(&app, &action("pause")).await;
    assert_eq!(r.status, 202);
    assert_eq!(r.text, "");
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "PAUSED");
    post_empty(&app, &action("pause"))
        .await
        .assert_error(409, "invalid_state");
    post_empty(&app, &action("restart"))
        .await
        .assert_error(409, "invalid_state");
    assert_eq!(post_empty(&app, &action("resume")).await.status, 202);
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
    assert_eq!(post_empty(&app, &action("restart")).await.status, 202);
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
    // From an error state, restart goes through RECOVERY for one tick.
    req("POST", "/_emulator/set-state")
        .json(json!({"connection_id": CID_US, "state": "SYSTEM_ERROR"}))
        .send(&app)
        .await;
    assert_eq!(post_empty(&app, &action("restart")).await.status, 202);
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "RECOVERY");
    advance(&app, 1).await;
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
    req("GET", &action("pause"))
        .token(DEMO)
        .send(&app)
        .await
        .assert_error(405, "method_not_allowed");
    drop(state);
}

#[tokio::test]
async fn import_merges_and_never_deletes() {
    let (app, _) = demo();
    let contact = synced_contact(&app).await;
    let url = format!("{}/actions/import", conn_url(CID_US));
    let r = post(&app, &url, import_doc()).await;
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(r.text, "");
    let detail = get(&app, &format!("{}?deep=true", conn_url(CID_US))).await;
    assert_eq!(detail.json["state"], "IMPORT_CONFIGURATION");
    post(&app, &url, import_doc())
        .await
        .assert_error(409, "invalid_state");
    advance(&app, 2).await;
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
    advance(&app, 3).await;
    let detail = get(&app, &format!("{}?deep=true", conn_url(CID_US))).await;
    let mappings = detail.json["mappings"].as_array().unwrap();
    let names: Vec<&str> = mappings
        .iter()
        .map(|m| m["object_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Contact", "Account", "Case"]);
    assert!(
        mappings.iter().all(|m| m["state"] == "DATA_SYNCED"),
        "{mappings:?}"
    );
    assert_eq!(mappings[0]["id"], contact.as_str());
    // The demo plan's minimum polling is applied rather than refused.
    assert_eq!(mappings[2]["config"]["sf_polling_seconds"], 600);
    assert_eq!(mappings[1]["counts"]["sf"], 12);

    let export = get(&app, &format!("{}/actions/export", conn_url(CID_US))).await;
    assert_eq!(export.json["version"], 1);
    assert_eq!(export.json["connection"]["app_name"], "acme-sync");
    assert_eq!(export.json["mappings"].as_array().unwrap().len(), 3);
    assert!(export.json["mappings"][0]["config"]
        .get("revision")
        .is_none());
}

#[tokio::test]
async fn import_rejects_malformed_documents() {
    let (app, _) = demo();
    idle(&app).await;
    let url = format!("{}/actions/import", conn_url(CID_US));
    post(&app, &url, json!([1]))
        .await
        .assert_error(400, "invalid_params");
    post(&app, &url, json!({"version": 2, "mappings": []}))
        .await
        .assert_error(400, "invalid_params");
    post(&app, &url, json!({"version": 1}))
        .await
        .assert_error(400, "invalid_params");
    post(&app, &url, json!({"version": 1, "mappings": [{"object_name": "Account", "config": {"access": "write_only"}}]})).await.assert_error(400, "invalid_params");
    post(
        &app,
        &url,
        json!({"version": 1, "mappings": [{"object_name": "Lead"}, {"object_name": "lead"}]}),
    )
    .await
    .assert_error(400, "invalid_params");
    assert_eq!(get(&app, &conn_url(CID_US)).await.json["state"], "IDLE");
}

#[tokio::test]
async fn import_puts_invalid_mappings_in_bad_config() {
    let (app, _) = demo();
    idle(&app).await;
    let doc = json!({"version": 1, "mappings": [
        {"object_name": "Invoice__c", "config": {}},
        {"object_name": "Lead", "config": {"fields": {"Id": {}, "SystemModstamp": {}}}}
    ]});
    assert_eq!(
        post(&app, &format!("{}/actions/import", conn_url(CID_US)), doc)
            .await
            .status,
        202
    );
    advance(&app, 1).await;
    let detail = get(&app, &format!("{}?deep=true", conn_url(CID_US))).await;
    assert!(
        detail.json["mappings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["state"] == "BAD_CONFIG"),
        "{}",
        detail.text
    );
}

#[tokio::test]
async fn import_accepts_the_legacy_multipart_form() {
    let (app, _) = demo();
    idle(&app).await;
    let doc = import_doc().to_string();
    let body = format!(
        "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"config\"; filename=\"config.json\"\r\nContent-Type: application/json\r\n\r\n{doc}\r\n--XBOUNDARY--\r\n"
    );
    let r = req("POST", &format!("{}/actions/import", conn_url(CID_US)))
        .token(DEMO)
        .raw("multipart/form-data; boundary=XBOUNDARY", body.into_bytes())
        .send(&app)
        .await;
    assert_eq!(r.status, 202, "{}", r.text);
    advance(&app, 5).await;
    assert_eq!(
        get(&app, &format!("{}?deep=true", conn_url(CID_US)))
            .await
            .json["mappings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn body_type_and_size_rules() {
    let (app, _) = demo();
    link(&app).await;
    let url = conn_url(CID_US);
    req("PATCH", &url)
        .token(DEMO)
        .raw("text/plain", b"db_key=DATABASE_URL".to_vec())
        .send(&app)
        .await
        .assert_error(415, "unsupported_media_type");
    req("POST", &format!("{url}/actions/import"))
        .token(DEMO)
        .raw("application/xml", b"<x/>".to_vec())
        .send(&app)
        .await
        .assert_error(415, "unsupported_media_type");
    let big = vec![b' '; 10 * 1024 * 1024 + 10];
    req("PATCH", &url)
        .token(DEMO)
        .raw("application/json", big)
        .send(&app)
        .await
        .assert_error(413, "payload_too_large");
    // The CLI plugin's habit: Content-Type: application/json on GET, DELETE and bodiless POST.
    let r = req("GET", &url)
        .token(DEMO)
        .header("content-type", "application/json")
        .send(&app)
        .await;
    assert_eq!(r.status, 200);
    set_db(&app, CID_US).await;
    let r = req("POST", &format!("{url}/authorize_url"))
        .token(DEMO)
        .header("content-type", "application/json")
        .send(&app)
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(r.header("request-id").is_some());
}
