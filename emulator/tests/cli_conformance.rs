//! Conformance with the official Heroku Connect CLI plugin (contract Appendix A): resolve the way it does,
//! then send every command's calls with its headers, expecting the statuses it accepts.

mod common;

use common::wire_client::{start, Client, HttpResp};
use connect_emulator::EmulatorState;
use serde_json::{json, Value};

/// The plugin's client: Bearer token, `Content-Type: application/json` and `Heroku-Client: cli` on every request.
fn plugin(addr: &str) -> Client {
    Client {
        addr: addr.to_owned(),
        headers: vec![
            ("Authorization", "Bearer demo-token".into()),
            ("Content-Type", "application/json".into()),
            ("Heroku-Client", "cli".into()),
        ],
    }
}

fn ok(r: &HttpResp) -> bool {
    (200..300).contains(&r.status)
}

/// `GET <discovery>/connections?app=`, then `detail_url + "?deep=true"` merged over the record.
async fn resolve(c: &Client, app: &str) -> Option<Value> {
    let found = c
        .send("GET", &format!("/connections?app={app}"), None)
        .await;
    assert!(ok(&found));
    let records = found.json["results"].as_array().unwrap();
    let record = records.first()?.clone();
    for field in ["region_url", "detail_url"] {
        let url = record[field].as_str().unwrap();
        assert!(
            url.starts_with(&format!("http://{}", c.addr)),
            "{field} = {url}"
        );
        assert!(!url.contains('?'), "{field} = {url}");
    }
    assert!(!record["region_url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .contains('/'));
    let detail = c
        .send(
            "GET",
            &format!("{}?deep=true", record["detail_url"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(detail.status, 200);
    let mut merged = record.as_object().unwrap().clone();
    for (k, v) in detail.json.as_object().unwrap() {
        merged.insert(k.clone(), v.clone());
    }
    Some(Value::Object(merged))
}

fn mapping_by_name<'a>(conn: &'a Value, name: &str) -> &'a Value {
    conn["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["object_name"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case(name)
        })
        .expect("mapping")
}

#[tokio::test]
async fn every_plugin_command_gets_the_status_it_expects() {
    let addr = start(EmulatorState::demo()).await;
    let c = plugin(&addr);

    // connect:info: nothing found, so POST /auth and resolve again.
    assert!(resolve(&c, "acme-sync").await.is_none());
    assert_eq!(c.send("POST", "/auth/acme-sync", None).await.status, 200);
    let conn = resolve(&c, "acme-sync")
        .await
        .expect("a connection after /auth");
    let region = conn["region_url"].as_str().unwrap().to_owned();
    let id = conn["id"].as_str().unwrap().to_owned();
    let api = |path: &str| format!("{region}/api/v3{path}");

    // connect:state prints db_key, schema_name, state.
    assert!(conn.get("db_key").is_some() && conn.get("schema_name").is_some());
    assert_eq!(conn["state"], "NEW");

    // connect:db:set
    let keys = c.send("GET", &api("/apps/acme-sync"), None).await;
    assert_eq!(keys.status, 200);
    let key = keys.json["db_keys"][0]["name"].as_str().unwrap().to_owned();
    let r = c
        .send(
            "PATCH",
            &api(&format!("/connections/{id}")),
            Some(&json!({"db_key": key, "schema_name": "salesforce"})),
        )
        .await;
    assert!(ok(&r), "{}", r.text);

    // connect:sf:auth, then the browser's consent.
    let r = c
        .send(
            "POST",
            &api(&format!("/connections/{id}/authorize_url")),
            Some(&json!({"environment": "production", "next": "http://localhost:18000"})),
        )
        .await;
    assert!(ok(&r));
    let redirect = r.json["redirect"].as_str().unwrap().to_owned();
    let state = redirect.split("state=").nth(1).unwrap().to_owned();
    let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let consent = common::wire_client::exchange(
        stream,
        "POST",
        &addr,
        "/services/oauth2/authorize",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!("state={state}&decision=allow").as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(consent.header("location"), Some("http://localhost:18000"));

    // connect:import FILE
    let doc: Value = serde_json::from_str(include_str!("../fixtures/example-import.json")).unwrap();
    assert!(ok(&c
        .send(
            "POST",
            &api(&format!("/connections/{id}/actions/import")),
            Some(&doc)
        )
        .await));
    assert_eq!(
        c.send("POST", "/_emulator/advance", Some(&json!({"ticks": 5})))
            .await
            .status,
        200
    );

    // connect:export writes <app_name>-<resource_name>.json.
    let conn = resolve(&c, "acme-sync").await.unwrap();
    let export = c
        .send(
            "GET",
            &api(&format!("/connections/{id}/actions/export")),
            None,
        )
        .await;
    assert_eq!(export.status, 200);
    assert_eq!(
        format!(
            "{}-{}.json",
            conn["app_name"].as_str().unwrap(),
            conn["resource_name"].as_str().unwrap()
        ),
        "acme-sync-herokuconnect-acme-10001.json"
    );
    assert_eq!(export.json["mappings"].as_array().unwrap().len(), 2);

    // connect:mapping:state NAME (case-insensitive lookup).
    assert_eq!(mapping_by_name(&conn, "contact")["state"], "DATA_SYNCED");
    let contact = mapping_by_name(&conn, "CONTACT")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let case = mapping_by_name(&conn, "case")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // connect:diagnose: POST, then GET result_url until 200.
    let started = c
        .send(
            "POST",
            &api(&format!("/connections/{id}/validations")),
            None,
        )
        .await;
    assert!(ok(&started));
    let result_url = started.json["result_url"].as_str().unwrap().to_owned();
    let mut polls = 0;
    let result = loop {
        let r = c.send("GET", &result_url, None).await;
        polls += 1;
        match r.status {
            202 => assert!(polls < 5),
            200 => break r,
            other => panic!("unexpected {other}"),
        }
    };
    assert!(result.json["mappings"].is_object());

    // connect:mapping:diagnose, write-errors, notifications.
    assert_eq!(
        c.send(
            "GET",
            &api(&format!("/mappings/{contact}/validations")),
            None
        )
        .await
        .status,
        200
    );
    assert_eq!(
        c.send("GET", &api(&format!("/connections/{id}/errors")), None)
            .await
            .status,
        200
    );
    assert_eq!(
        c.send("GET", &api(&format!("/mappings/{contact}/errors")), None)
            .await
            .status,
        200
    );
    assert_eq!(
        c.send(
            "GET",
            &api(&format!("/connections/{id}/notifications?page_size=1000")),
            None
        )
        .await
        .status,
        200
    );
    assert_eq!(
        c.send(
            "POST",
            &api(&format!(
                "/connections/{id}/notifications/acknowledge?page_size=1000"
            )),
            None
        )
        .await
        .status,
        204
    );

    // connect:mapping:reload expects exactly 202; connect:mapping:delete exactly 204.
    assert_eq!(
        c.send(
            "POST",
            &api(&format!("/mappings/{case}/actions/reload")),
            None
        )
        .await
        .status,
        202
    );
    assert_eq!(
        c.send("POST", "/_emulator/advance", Some(&json!({"ticks": 3})))
            .await
            .status,
        200
    );
    assert_eq!(
        c.send("DELETE", &api(&format!("/mappings/{case}")), None)
            .await
            .status,
        204
    );

    // connect:pause, connect:resume, connect:recover.
    assert!(ok(&c
        .send(
            "POST",
            &api(&format!("/connections/{id}/actions/pause")),
            None
        )
        .await));
    // connect:manage-sf-api-version --target-version 63 (the plugin writes 63.0).
    let diff = c
        .send(
            "GET",
            &api(&format!(
                "/connections/{id}/schema-diff?target_version=63.0"
            )),
            None,
        )
        .await;
    assert_eq!(diff.status, 200);
    assert!(diff.json["mappings"].is_array());
    let changed = c
        .send(
            "POST",
            &api(&format!("/connections/{id}/actions/change-sf-api-version")),
            Some(&json!({"target_version": "63.0"})),
        )
        .await;
    assert!(ok(&changed), "{}", changed.text);
    assert!(ok(&c
        .send(
            "POST",
            &api(&format!("/connections/{id}/actions/resume")),
            None
        )
        .await));
    assert!(ok(&c
        .send(
            "POST",
            &api(&format!("/connections/{id}/actions/restart")),
            None
        )
        .await));

    // --resource narrows discovery.
    let narrowed = c
        .send(
            "GET",
            "/connections?app=acme-sync&resource_name=herokuconnect-acme-10001",
            None,
        )
        .await;
    assert_eq!(narrowed.json["count"], 1);
}
