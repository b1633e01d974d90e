//! Monitoring (§4.4): write errors, validations, notifications, API-version diff and change, object schemas.

mod common;

use common::*;
use serde_json::json;

async fn event(app: &axum::Router, body: serde_json::Value) -> Resp {
    req("POST", "/_emulator/events").json(body).send(app).await
}

#[tokio::test]
async fn write_errors_for_connection_and_mapping() {
    let (app, _) = demo();
    let mid = synced_contact(&app).await;
    let r = event(&app, json!({"connection_id": CID_US, "kind": "write_error", "object_name": "Contact", "record_id": 17, "message": "REQUIRED_FIELD_MISSING"})).await;
    assert_eq!(r.status, 201);
    event(&app, json!({"connection_id": CID_US, "kind": "write_error", "object_name": "Account", "record_id": "3", "message": "boom"})).await;
    let all = get(&app, &format!("{}/errors", conn_url(CID_US))).await;
    assert_eq!(all.json["count"], 2);
    assert_eq!(all.json["results"][0]["table_name"], "contact");
    assert_eq!(all.json["results"][0]["record_id"], 17);
    let one = get(&app, &format!("/api/v3/mappings/{mid}/errors")).await;
    assert_eq!(one.json["count"], 1);
    assert_eq!(
        get(&app, &format!("/api/v3/mappings/{mid}")).await.json["counts"]["errors"],
        1
    );
    advance(&app, 86_401).await;
    assert_eq!(
        get(&app, &format!("{}/errors", conn_url(CID_US)))
            .await
            .json["count"],
        0
    );
    event(
        &app,
        json!({"connection_id": "nope", "kind": "write_error", "object_name": "X", "message": "m"}),
    )
    .await
    .assert_error(404, "not_found");
    event(
        &app,
        json!({"connection_id": CID_US, "kind": "gossip", "message": "m"}),
    )
    .await
    .assert_error(400, "invalid_params");
}

#[tokio::test]
async fn validations_job_finishes_on_second_get_or_next_tick() {
    let (app, _) = demo();
    synced_contact(&app).await;
    let r = post_empty(&app, &format!("{}/validations", conn_url(CID_US))).await;
    assert_eq!(r.status, 202);
    let url = r.json["result_url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!(
        "http://127.0.0.1:8787/api/v3/connections/{CID_US}/validations/"
    )));
    let path = url.trim_start_matches("http://127.0.0.1:8787");
    let first = get(&app, path).await;
    assert_eq!(first.status, 202);
    assert_eq!(first.text, "");
    let second = get(&app, path).await;
    assert_eq!(second.status, 200);
    let rules: Vec<&str> = ["errors", "warnings", "passes", "skips"]
        .iter()
        .flat_map(|k| {
            second.json[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["rule_id"].as_str().unwrap())
        })
        .collect();
    for id in [
        "MUST_USE_RECENT_API_VERSION",
        "SHOULD_HAVE_LOG_DRAIN",
        "NUMBER_OF_MAPPINGS",
        "DATABASE_PLAN",
    ] {
        assert!(rules.contains(&id), "{rules:?}");
    }
    assert_eq!(
        second.json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["rule_id"] == "SHOULD_HAVE_LOG_DRAIN")
            .count(),
        1
    );
    assert!(second.json["mappings"]["Contact"]["passes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["rule_id"] == "UPSERT_FIELD"));

    let r = post_empty(&app, &format!("{}/validations", conn_url(CID_US))).await;
    let path = r.json["result_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://127.0.0.1:8787")
        .to_owned();
    advance(&app, 1).await;
    assert_eq!(get(&app, &path).await.status, 200);
    get(&app, &format!("{}/validations/nope", conn_url(CID_US)))
        .await
        .assert_error(404, "not_found");
}

#[tokio::test]
async fn mapping_validations_answer_at_once() {
    let (app, _) = demo();
    let mid = synced_contact(&app).await;
    let r = get(&app, &format!("/api/v3/mappings/{mid}/validations")).await;
    assert_eq!(r.status, 200);
    assert!(r.json["passes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["rule_id"] == "REQUIRED_FIELDS"));
    assert!(r.json["skips"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["rule_id"] == "CALCULATED_FIELDS" && c["status"] == "SKIPPED"));
    assert!(r.json["passes"][0]["doc_url"]
        .as_str()
        .unwrap()
        .starts_with("https://devcenter.heroku.com/articles/heroku-connect-diagnose#"));
}

#[tokio::test]
async fn notifications_list_and_acknowledge() {
    let (app, _) = demo();
    idle(&app).await;
    event(&app, json!({"connection_id": CID_US, "kind": "notification", "event_type": "mapping-error", "message": "first"})).await;
    advance(&app, 10).await;
    event(&app, json!({"connection_id": CID_US, "kind": "notification", "event_type": "postgres-connection", "message": "second"})).await;
    let base = format!("{}/notifications", conn_url(CID_US));
    let r = get(&app, &format!("{base}?page_size=1000")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["results"][0]["message"], "second");
    assert_eq!(r.json["results"][1]["message"], "first");
    assert_eq!(
        get(&app, &format!("{base}?event_type=mapping-error"))
            .await
            .json["results"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get(&app, &format!("{base}?page_size=1")).await.json["results"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get(&app, &format!("{base}?after=2025-01-06T09:00:05Z"))
            .await
            .json["results"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get(&app, &format!("{base}?before=2025-01-07")).await.json["results"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    get(&app, &format!("{base}?page_size=0"))
        .await
        .assert_error(400, "invalid_params");
    get(&app, &format!("{base}?page_size=1001"))
        .await
        .assert_error(400, "invalid_params");
    get(&app, &format!("{base}?after=yesterday"))
        .await
        .assert_error(400, "invalid_params");
    post_empty(&app, &format!("{base}/acknowledge?after=nope"))
        .await
        .assert_error(400, "invalid_params");
    let r = post_empty(
        &app,
        &format!("{base}/acknowledge?page_size=1000&event_type=mapping-error"),
    )
    .await;
    assert_eq!(r.status, 204);
    let r = get(&app, &base).await;
    assert_eq!(r.json["results"].as_array().unwrap().len(), 1);
    assert_eq!(r.json["results"][0]["message"], "second");
}

#[tokio::test]
async fn acknowledge_marks_every_match_whatever_the_page_size() {
    let (app, _) = demo();
    idle(&app).await;
    for i in 0..3 {
        event(&app, json!({"connection_id": CID_US, "kind": "notification", "event_type": "mapping-error", "message": format!("n{i}")})).await;
    }
    let base = format!("{}/notifications", conn_url(CID_US));
    // page_size pages the list; acknowledging still marks every matching notification (§4.4.3).
    let r = post_empty(&app, &format!("{base}/acknowledge?page_size=1")).await;
    assert_eq!(r.status, 204);
    assert_eq!(get(&app, &base).await.json["results"], json!([]));
}

#[tokio::test]
async fn schema_diff_and_api_version_change() {
    let (app, _) = demo();
    link(&app).await;
    get(
        &app,
        &format!("{}/schema-diff?target_version=63.0", conn_url(CID_US)),
    )
    .await
    .assert_error(409, "invalid_state");
    set_db(&app, CID_US).await;
    authorize(&app, CID_US).await;
    let mapping = |name: &str, extra: serde_json::Value| {
        let mut fields = json!({"Id": {}, "IsDeleted": {}, "SystemModstamp": {}});
        for (k, v) in extra.as_object().unwrap() {
            fields[k] = v.clone();
        }
        json!({"object_name": name, "config": {"fields": fields}})
    };
    assert_eq!(
        post(
            &app,
            &format!("{}/mappings", conn_url(CID_US)),
            mapping("Contact", json!({"Phone": {}}))
        )
        .await
        .status,
        201
    );
    assert_eq!(
        post(
            &app,
            &format!("{}/mappings", conn_url(CID_US)),
            mapping("Lead", json!({"Rating": {}}))
        )
        .await
        .status,
        201
    );
    let diff_url = |v: &str| format!("{}/schema-diff?target_version={v}", conn_url(CID_US));
    get(&app, &format!("{}/schema-diff", conn_url(CID_US)))
        .await
        .assert_error(400, "invalid_params");
    get(&app, &diff_url("49.0"))
        .await
        .assert_error(400, "invalid_params");
    let d = get(&app, &diff_url("63")).await;
    assert_eq!(d.status, 200);
    assert_eq!(d.json["current_api_version"], "62.0");
    assert_eq!(d.json["target_api_version"], "63.0");
    assert_eq!(d.json["mappings"][0]["fields_have_changed"], true);
    assert_eq!(d.json["mappings"][0]["has_unsafe_changes"], false);
    assert_eq!(d.json["mappings"][1]["fields_have_changed"], false);
    let d64 = get(&app, &diff_url("64.0")).await;
    assert_eq!(d64.json["mappings"][1]["has_unsafe_changes"], true);
    assert_ne!(d.json["guid"], d64.json["guid"]);

    let change = format!("{}/actions/change-sf-api-version", conn_url(CID_US));
    post(&app, &change, json!({"target_version": "63.0"}))
        .await
        .assert_error(409, "invalid_state");
    post_empty(&app, &format!("{}/actions/pause", conn_url(CID_US))).await;
    let r = post(&app, &change, json!({"target_version": "63.0"})).await;
    r.assert_error(409, "mappings_syncing");
    assert_eq!(r.json["syncing_mappings"], json!(["Contact", "Lead"]));
    post_empty(&app, &format!("{}/actions/resume", conn_url(CID_US))).await;
    advance(&app, 4).await;
    post_empty(&app, &format!("{}/actions/pause", conn_url(CID_US))).await;
    let r = post(&app, &change, json!({"target_version": "64.0"})).await;
    r.assert_error(409, "unsafe_changes");
    assert_eq!(r.json["mappings"], json!(["Lead"]));
    post(&app, &change, json!({}))
        .await
        .assert_error(400, "invalid_params");
    let r = post(&app, &change, json!({"target_version": "63.0"})).await;
    assert_eq!(r.status, 202, "{}", r.text);
    assert_eq!(r.json["target_version"], "63.0");
    let c = get(&app, &conn_url(CID_US)).await;
    assert_eq!(c.json["sf_info"]["api_version"], "63.0");
    assert_eq!(c.json["api_version"], "63.0");
    assert_eq!(c.json["state"], "PAUSED");
}

#[tokio::test]
async fn object_schemas() {
    let (app, _) = demo();
    link(&app).await;
    get(&app, &format!("{}/schemas/Contact", conn_url(CID_US)))
        .await
        .assert_error(409, "invalid_state");
    set_db(&app, CID_US).await;
    authorize(&app, CID_US).await;
    let r = get(&app, &format!("{}/schemas/contact", conn_url(CID_US))).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json["name"], "Contact");
    let fields = r.json["fields"].as_array().unwrap();
    assert_eq!(
        fields[0],
        json!({"name": "Id", "type": "id", "required": false, "unique": true, "external_id": false})
    );
    assert!(fields.iter().any(|f| f == &json!({"name": "Acme_Id__c", "type": "string", "required": false, "unique": true, "external_id": true})));
    assert!(fields
        .iter()
        .any(|f| f["name"] == "LastName" && f["required"] == true));
    get(&app, &format!("{}/schemas/Widget__c", conn_url(CID_US)))
        .await
        .assert_error(404, "not_found");
}
