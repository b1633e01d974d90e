//! Platform API calls: Accept header, bodies, and `Next-Range` paging.

mod common;

use common::*;
use connect_pilot::api::model::{AddonCreate, AppCreate};
use connect_pilot::api::Method;

const APPS: &str = "https://api.heroku.com/apps";

#[tokio::test]
async fn lists_follow_next_range_on_206() {
    let client = heroku_client();
    let t = client.transport();
    t.on(
        Method::Get,
        APPS,
        vec![
            Ok(with_header(
                json(206, "platform_apps_page1.json"),
                "Next-Range",
                "]acme-eu..; max=2",
            )),
            Ok(json(200, "platform_apps_page2.json")),
        ],
    );
    let apps = client.apps().await.unwrap();
    let names: Vec<_> = apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["acme-sync", "acme-eu", "acme-blank"]);
    assert_eq!(apps[1].region_name(), Some("eu"));
    assert_eq!(t.request(0).header("range"), None);
    assert_eq!(t.request(1).header("range"), Some("]acme-eu..; max=2"));
    for r in t.requests.borrow().iter() {
        assert_eq!(
            r.header("accept"),
            Some("application/vnd.heroku+json; version=3")
        );
        assert_eq!(r.header("authorization"), Some("Bearer tok-123"));
    }
}

#[tokio::test]
async fn account_app_and_addons() {
    let client = heroku_client();
    let t = client.transport();
    t.always(
        Method::Get,
        "https://api.heroku.com/account",
        json(200, "platform_account.json"),
    );
    t.always(
        Method::Get,
        "https://api.heroku.com/apps/acme-sync",
        json(200, "platform_app.json"),
    );
    t.always(
        Method::Get,
        "https://api.heroku.com/apps/acme-sync/addons",
        json(200, "platform_addons.json"),
    );
    t.always(
        Method::Post,
        "https://api.heroku.com/apps/acme-sync/addons",
        json(201, "platform_addon_created.json"),
    );
    t.always(Method::Post, APPS, json(201, "platform_app.json"));
    t.always(
        Method::Get,
        "https://api.heroku.com/account/rate-limits",
        raw(200, r#"{"remaining": 4499}"#),
    );

    assert_eq!(client.account().await.unwrap().email, "demo@example.com");
    assert_eq!(
        client.app("acme-sync").await.unwrap().region_name(),
        Some("us")
    );
    let addons = client.addons("acme-sync").await.unwrap();
    assert_eq!(addons[0].service_name(), Some("heroku-postgresql"));
    assert!(addons[0].is_provisioned());
    assert!(!addons[1].is_provisioned());
    let created = client
        .create_addon(
            "acme-sync",
            AddonCreate {
                plan: "herokuconnect:demo".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(created.plan_name(), Some("herokuconnect:demo"));
    let app = client
        .create_app(AppCreate {
            name: Some("acme-sync".into()),
            region: Some("eu".into()),
            stack: None,
        })
        .await
        .unwrap();
    assert_eq!(app.name, "acme-sync");
    assert_eq!(client.rate_limits().await.unwrap().remaining, Some(4499));

    let reqs = t.requests.borrow();
    assert_eq!(
        reqs[3].body.as_deref(),
        Some(r#"{"plan":"herokuconnect:demo"}"#)
    );
    assert_eq!(reqs[3].header("content-type"), Some("application/json"));
    assert_eq!(
        reqs[4].body.as_deref(),
        Some(r#"{"name":"acme-sync","region":"eu"}"#)
    );
    assert_eq!(reqs[0].header("content-type"), None);
}
