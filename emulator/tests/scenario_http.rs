//! The whole journey over real HTTP on loopback, the TLS listener's handshake, and a `drop` fault closing a
//! real connection. Time moves only through `/_emulator/advance`.

mod common;

use std::sync::Arc;

use common::wire_client::{exchange, start, Client};
use connect_emulator::EmulatorState;
use serde_json::{json, Value};

async fn advance(c: &Client, ticks: u64) {
    assert_eq!(
        c.send(
            "POST",
            "/_emulator/advance",
            Some(&json!({ "ticks": ticks }))
        )
        .await
        .status,
        200
    );
}

#[tokio::test]
async fn blank_app_to_synced_mappings_and_diagnosis() {
    let addr = start(EmulatorState::demo()).await;
    let c = Client::new(&addr, "demo-token");

    // Blank app → Postgres and Connect add-ons → provisioned.
    let pg = c
        .send(
            "POST",
            "/apps/acme-blank/addons",
            Some(&json!({"plan": "heroku-postgresql:essential-0"})),
        )
        .await;
    assert_eq!(pg.status, 201);
    let hc = c
        .send(
            "POST",
            "/apps/acme-blank/addons",
            Some(&json!({"plan": "herokuconnect:demo"})),
        )
        .await;
    assert_eq!(hc.status, 201);
    advance(&c, 5).await;
    let addons = c.send("GET", "/apps/acme-blank/addons", None).await;
    assert!(
        addons
            .json
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["state"] == "provisioned"),
        "{}",
        addons.text
    );

    // Link, discover, detail deep.
    let linked = c.send("POST", "/auth/acme-blank", None).await;
    assert_eq!(linked.status, 200);
    let found = c.send("GET", "/connections?app=acme-blank", None).await;
    assert_eq!(found.json["count"], 1);
    let record = found.json["results"][0].clone();
    assert_eq!(record["region_url"], format!("http://{addr}"));
    let detail_url = record["detail_url"].as_str().unwrap().to_owned();
    let cid = record["id"].as_str().unwrap().to_owned();
    let detail = c
        .send("GET", &format!("{detail_url}?deep=true"), None)
        .await;
    assert_eq!(detail.json["state"], "NEW");
    assert_eq!(detail.json["mappings"], json!([]));
    let base = format!("/api/v3/connections/{cid}");

    // Database, then Salesforce through the consent page.
    let keys = c.send("GET", "/api/v3/apps/acme-blank", None).await;
    assert_eq!(keys.json["db_keys"][0]["name"], "DATABASE_URL");
    let patched = c
        .send(
            "PATCH",
            &base,
            Some(&json!({"db_key": "DATABASE_URL", "schema_name": "salesforce"})),
        )
        .await;
    assert_eq!(patched.json["state"], "NEED_AUTHENTICATION");
    let auth = c
        .send(
            "POST",
            &format!("{base}/authorize_url"),
            Some(&json!({"environment": "production", "next": "http://localhost:18000/"})),
        )
        .await;
    assert_eq!(auth.status, 201);
    let redirect = auth.json["redirect"].as_str().unwrap().to_owned();
    let browser = Client {
        addr: addr.clone(),
        headers: vec![],
    };
    let page = browser.send("GET", &redirect, None).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("Allow"));
    let state = redirect.split("state=").nth(1).unwrap();
    let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let form = format!("state={state}&decision=allow");
    let consent = exchange(
        stream,
        "POST",
        &addr,
        "/services/oauth2/authorize",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(consent.status, 302);
    assert_eq!(consent.header("location"), Some("http://localhost:18000/"));
    assert_eq!(c.send("GET", &base, None).await.json["state"], "IDLE");

    // Import, advance, mappings synced, export shows them.
    let doc: Value = serde_json::from_str(include_str!("../fixtures/example-import.json")).unwrap();
    assert_eq!(
        c.send("POST", &format!("{base}/actions/import"), Some(&doc))
            .await
            .status,
        202
    );
    advance(&c, 5).await;
    let deep = c.send("GET", &format!("{base}?deep=true"), None).await;
    assert_eq!(deep.json["state"], "IDLE");
    let mappings = deep.json["mappings"].as_array().unwrap().clone();
    assert_eq!(mappings.len(), 2);
    assert!(
        mappings.iter().all(|m| m["state"] == "DATA_SYNCED"),
        "{}",
        deep.text
    );
    let export = c.send("GET", &format!("{base}/actions/export"), None).await;
    let exported: Vec<&str> = export.json["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["object_name"].as_str().unwrap())
        .collect();
    assert_eq!(exported, ["Case", "Contact"]);

    // Pause, resume, reload, delete.
    assert_eq!(
        c.send("POST", &format!("{base}/actions/pause"), None)
            .await
            .status,
        202
    );
    assert_eq!(c.send("GET", &base, None).await.json["state"], "PAUSED");
    assert_eq!(
        c.send("POST", &format!("{base}/actions/resume"), None)
            .await
            .status,
        202
    );
    let case_id = mappings[0]["id"].as_str().unwrap().to_owned();
    let contact_id = mappings[1]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        c.send(
            "POST",
            &format!("/api/v3/mappings/{case_id}/actions/reload"),
            None
        )
        .await
        .status,
        202
    );
    advance(&c, 3).await;
    assert_eq!(
        c.send("GET", &format!("/api/v3/mappings/{case_id}"), None)
            .await
            .json["state"],
        "DATA_SYNCED"
    );
    assert_eq!(
        c.send("DELETE", &format!("/api/v3/mappings/{case_id}"), None)
            .await
            .status,
        204
    );

    // A write error, then the errors endpoints.
    let event = json!({"connection_id": cid, "kind": "write_error", "object_name": "Contact", "record_id": 4, "message": "DUPLICATE_VALUE"});
    assert_eq!(
        c.send("POST", "/_emulator/events", Some(&event))
            .await
            .status,
        201
    );
    assert_eq!(
        c.send("GET", &format!("{base}/errors"), None).await.json["count"],
        1
    );
    assert_eq!(
        c.send(
            "GET",
            &format!("/api/v3/mappings/{contact_id}/errors"),
            None
        )
        .await
        .json["results"][0]["message"],
        "DUPLICATE_VALUE"
    );

    // Diagnose: result_url is absolute and on this origin.
    let started = c.send("POST", &format!("{base}/validations"), None).await;
    assert_eq!(started.status, 202);
    let result_url = started.json["result_url"].as_str().unwrap().to_owned();
    assert!(result_url.starts_with(&format!("http://{addr}/")));
    assert_eq!(c.send("GET", &result_url, None).await.status, 202);
    let done = c.send("GET", &result_url, None).await;
    assert_eq!(done.status, 200);
    assert!(done.json["mappings"]["Contact"].is_object());
}

#[tokio::test]
async fn drop_fault_closes_the_connection() {
    let addr = start(EmulatorState::demo()).await;
    let c = Client::new(&addr, "demo-token");
    assert_eq!(
        c.send(
            "POST",
            "/_emulator/faults",
            Some(&json!({"path": "/account", "drop": true}))
        )
        .await
        .status,
        201
    );
    assert!(c.try_send("GET", "/account", None).await.is_none());
    assert_eq!(c.send("GET", "/account", None).await.status, 200);
}

#[tokio::test]
async fn tls_listener_completes_a_handshake_with_the_generated_certificate() {
    let tls = connect_emulator::tls::generate().unwrap();
    assert!(tls.cert_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = connect_emulator::app(EmulatorState::demo());
    tokio::spawn(connect_emulator::serve::serve_https(
        listener,
        app,
        tls.config.clone(),
        connect_emulator::serve::forever(),
    ));

    let mut roots = rustls::RootCertStore::empty();
    roots.add(tls.cert_der.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let name = rustls::pki_types::ServerName::try_from("hc-central.heroku.com").unwrap();
    let stream = connector
        .connect(name, tcp)
        .await
        .expect("handshake with the generated certificate");
    let r = exchange(
        stream,
        "POST",
        "hc-central.heroku.com",
        "/auth/acme-eu",
        &[("Authorization", "Bearer demo-token")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json["connections"][0]["region_url"],
        "https://connect-dublin.heroku.com"
    );

    // One-origin requests over TLS emit https URLs with the port.
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let stream = connector
        .connect(
            rustls::pki_types::ServerName::try_from("localhost").unwrap(),
            tcp,
        )
        .await
        .unwrap();
    let host = format!("127.0.0.1:{port}");
    let r = exchange(
        stream,
        "GET",
        &host,
        "/connections",
        &[("Authorization", "Bearer demo-token")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(
        r.json["results"][0]["region_url"],
        format!("https://{host}")
    );
}
