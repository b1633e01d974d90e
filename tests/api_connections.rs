//! Regional connection, mapping and monitoring endpoints against canned answers.

mod common;

use common::*;
use connect_pilot::api::model::*;
use connect_pilot::api::{ApiError, ConnectionActionKind, Method};

const R: &str = "https://connect-virginia.heroku.com";
const CID: &str = "c0000000-0000-4000-8000-000000000001";
const MID: &str = "m0000000-0000-4000-8000-000000000001";

fn conn() -> Connection {
    Connection {
        id: CID.into(),
        app_name: Some("acme-sync".into()),
        region_url: Some(R.into()),
        ..Connection::default()
    }
}

fn mapping() -> Mapping {
    Mapping {
        id: MID.into(),
        object_name: "Contact".into(),
        ..Mapping::default()
    }
}

fn c(path: &str) -> String {
    format!("{R}/api/v3/connections/{CID}{path}")
}

#[tokio::test]
async fn patch_sends_json_with_content_type() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Patch,
        &c(""),
        json(200, "connection_detail_deep.json"),
    );
    let answer = client
        .update_connection(
            &conn(),
            Some("DATABASE_URL".into()),
            Some("salesforce".into()),
            None,
        )
        .await
        .unwrap();
    assert_eq!(answer.db_key.as_deref(), Some("DATABASE_URL"));
    let req = t.request(0);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("accept"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"db_key": "DATABASE_URL", "schema_name": "salesforce"})
    );
}

#[tokio::test]
async fn db_keys_tolerate_missing_plans() {
    let client = heroku_client();
    client.transport().always(
        Method::Get,
        &format!("{R}/api/v3/apps/acme-sync"),
        json(200, "db_keys.json"),
    );
    let keys = client.db_keys(&conn(), "acme-sync").await.unwrap().db_keys;
    let plans: Vec<_> = keys.iter().map(|k| k.plan()).collect();
    assert_eq!(
        plans,
        vec![Some("heroku-postgresql:essential-0"), None, None]
    );
}

#[tokio::test]
async fn authorize_url_body() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Post,
        &c("/authorize_url"),
        json(201, "authorize_url.json"),
    );
    let a = client
        .authorize_url(
            &conn(),
            "custom",
            Some("acme.my.salesforce.com".into()),
            "chrome-extension://x/www/app.html#/salesforce-done",
        )
        .await
        .unwrap();
    assert!(a.redirect.starts_with("https://login.salesforce.com/"));
    let body: serde_json::Value =
        serde_json::from_str(t.request(0).body.as_deref().unwrap()).unwrap();
    assert_eq!(body["environment"], "custom");
    assert_eq!(body["domain"], "acme.my.salesforce.com");
    assert_eq!(
        body["next"],
        "chrome-extension://x/www/app.html#/salesforce-done"
    );
}

#[tokio::test]
async fn actions_post_without_body_and_ignore_the_answer() {
    let client = heroku_client();
    let t = client.transport();
    for (kind, path) in [
        (ConnectionActionKind::Pause, "pause"),
        (ConnectionActionKind::Resume, "resume"),
        (ConnectionActionKind::Restart, "restart"),
    ] {
        t.always(Method::Post, &c(&format!("/actions/{path}")), raw(202, ""));
        client.connection_action(&conn(), kind).await.unwrap();
    }
    assert_eq!(t.requests.borrow().len(), 3);
    assert!(t
        .requests
        .borrow()
        .iter()
        .all(|r| r.body.is_none() && r.header("content-type").is_none()));
}

#[tokio::test]
async fn import_sends_the_document_verbatim_and_is_never_retried() {
    let client = heroku_client();
    let t = client.transport();
    let doc = "{\"version\": 1,\n \"mappings\": []}";
    t.on(
        Method::Post,
        &c("/actions/import"),
        vec![Ok(raw(503, "")), Ok(raw(202, ""))],
    );
    let err = client.import(&conn(), doc.into()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(t.requests.borrow().len(), 1);
    assert_eq!(t.request(0).body.as_deref(), Some(doc));
    assert!(t.sleeps.borrow().is_empty());
    // Any 2xx counts, whatever the body.
    client.import(&conn(), doc.into()).await.unwrap();
    t.always(
        Method::Post,
        &c("/actions/import"),
        raw(200, "{\"message\": \"success\"}"),
    );
    client.import(&conn(), doc.into()).await.unwrap();
}

#[tokio::test]
async fn export_returns_the_document() {
    let client = heroku_client();
    client
        .transport()
        .always(Method::Get, &c("/actions/export"), json(200, "export.json"));
    let doc = client.export(&conn()).await.unwrap();
    assert_eq!(doc["version"], 1);
}

#[tokio::test]
async fn unknown_states_are_kept_verbatim() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        &format!("{}?deep=true", c("")),
        json(200, "connection_unknown_states.json"),
    );
    let got = client.connection_detail(&conn()).await.unwrap();
    assert_eq!(got.state, Some(ConnectionState::Other("WARP_SPEED".into())));
    assert_eq!(got.state_or_unknown().group(), StateGroup::Unknown);
    assert_eq!(
        got.mappings[0].state,
        Some(MappingState::Other("SYNCED".into()))
    );
    assert_eq!(
        got.mappings[1].state.as_ref().unwrap().as_str(),
        "INITIAL_DATA_LOAD"
    );
    assert!(!got.is_authorized());
    // Known from before and absent from the detail: kept.
    assert_eq!(got.region_url.as_deref(), Some(R));
}

#[tokio::test]
async fn a_decode_failure_names_the_json_path() {
    let client = heroku_client();
    client.transport().always(
        Method::Get,
        &format!("{}?deep=true", c("")),
        json(200, "connection_bad_shape.json"),
    );
    let err = client.connection_detail(&conn()).await.unwrap_err();
    match &err {
        ApiError::Decode {
            status,
            path,
            request_id,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(path, "mappings[0].object_name");
            assert_eq!(request_id.as_deref(), Some("req-connection_bad_shape.json"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("mappings[0].object_name"));
}

#[tokio::test]
async fn mapping_calls() {
    let client = heroku_client();
    let t = client.transport();
    let m = format!("{R}/api/v3/mappings/{MID}");
    t.always(
        Method::Post,
        &c("/mappings"),
        raw(201, r#"{"id":"m9","object_name":"Lead","state":"INITIAL"}"#),
    );
    t.always(Method::Get, &m, raw(200, r#"{"id":"m0000000-0000-4000-8000-000000000001","object_name":"Contact","state":"RELOAD_TABLE"}"#));
    t.always(
        Method::Patch,
        &m,
        raw(
            200,
            r#"{"id":"m1","object_name":"Contact","config":{"revision":4}}"#,
        ),
    );
    t.always(Method::Delete, &m, raw(204, ""));
    t.always(Method::Post, &format!("{m}/actions/reload"), raw(202, ""));
    t.always(Method::Get, &c("/schemas/Contact"), raw(200, r#"{"name":"Contact","fields":[{"name":"Id","type":"id","required":false,"unique":true}]}"#));

    let created = client
        .create_mapping(&conn(), "Lead", serde_json::json!({"access": "read_only"}))
        .await
        .unwrap();
    assert_eq!(created.state, Some(MappingState::Initial));
    let body: serde_json::Value =
        serde_json::from_str(t.request(0).body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"object_name": "Lead", "config": {"access": "read_only"}})
    );
    assert_eq!(
        client.mapping(&conn(), &mapping()).await.unwrap().state,
        Some(MappingState::ReloadTable)
    );
    let updated = client
        .update_mapping(
            &conn(),
            &mapping(),
            serde_json::json!({"sf_polling_seconds": 900}),
            Some(3),
        )
        .await
        .unwrap();
    assert_eq!(updated.revision(), Some(4));
    let body: serde_json::Value =
        serde_json::from_str(t.request(2).body.as_deref().unwrap()).unwrap();
    assert_eq!(body["revision"], 3);
    client.delete_mapping(&conn(), &mapping()).await.unwrap();
    client.reload_mapping(&conn(), &mapping()).await.unwrap();
    let schema = client.object_schema(&conn(), "Contact").await.unwrap();
    assert_eq!(schema.fields[0].field_type.as_deref(), Some("id"));
    assert_eq!(t.request(3).method, Method::Delete);
}

#[tokio::test]
async fn monitoring_calls() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        &c("/errors"),
        json(200, "write_errors_numeric_ids.json"),
    );
    t.always(
        Method::Get,
        &c("/notifications?event_type=mapping-error&page_size=1000"),
        json(200, "notifications.json"),
    );
    t.always(
        Method::Post,
        &c("/notifications/acknowledge?event_type=mapping-error&page_size=1000"),
        raw(204, ""),
    );
    t.always(
        Method::Post,
        &c("/validations"),
        json(202, "validation_job.json"),
    );
    let result_url = c("/validations/j1");
    t.on(
        Method::Get,
        &result_url,
        vec![Ok(raw(202, "")), Ok(json(200, "validation_result.json"))],
    );
    t.always(
        Method::Get,
        &c("/schema-diff?target_version=64.0"),
        json(200, "schema_diff.json"),
    );
    t.always(
        Method::Post,
        &c("/actions/change-sf-api-version"),
        json(202, "schema_diff.json"),
    );

    let errors = client.write_errors(&conn()).await.unwrap();
    assert_eq!(errors.results[0].id, FlexId("5678".into()));
    assert_eq!(errors.results[0].record_id, Some(FlexId("12".into())));
    assert_eq!(
        errors.results[1]
            .created_at
            .as_ref()
            .unwrap()
            .unix_seconds(),
        Some(1_736_155_260)
    );

    let q = NotificationQuery {
        page_size: Some(1000),
        event_type: Some("mapping-error".into()),
        ..Default::default()
    };
    let n = client.notifications(&conn(), q.clone()).await.unwrap();
    assert_eq!(n.results[1].id, FlexId("5677".into()));
    client.acknowledge_notifications(&conn(), q).await.unwrap();

    let job = client.start_validation(&conn()).await.unwrap();
    assert_eq!(
        client.poll_validation(&job.result_url).await.unwrap(),
        ValidationPoll::Pending
    );
    let ValidationPoll::Done(result) = client.poll_validation(&job.result_url).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(
        result.checks.errors[0].rule_id.as_deref(),
        Some("MUST_USE_RECENT_API_VERSION")
    );
    assert_eq!(result.mappings["Contact"].passes.len(), 1);
    assert!(client
        .poll_validation("https://evil.example/x")
        .await
        .is_err());

    let diff = client.schema_diff(&conn(), "64").await.unwrap();
    assert_eq!(diff.mappings[0].has_unsafe_changes, Some(true));
    client.change_sf_api_version(&conn(), "64").await.unwrap();
    let last = t.requests.borrow().last().cloned().unwrap();
    assert_eq!(last.body.as_deref(), Some(r#"{"target_version":"64.0"}"#));
    assert_eq!(t.lines().iter().filter(|l| l.contains("evil")).count(), 0);
}
