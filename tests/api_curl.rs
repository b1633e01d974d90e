//! "Copy as curl" and "Copy as Heroku CLI command" for representative endpoints.

use connect_pilot::api::central::{GrantAccess, SearchConnections};
use connect_pilot::api::connections::*;
use connect_pilot::api::curl::{to_curl, to_heroku_cli};
use connect_pilot::api::mappings::{MappingRef, ReloadMapping};
use connect_pilot::api::model::{AddonCreate, AppCreate};
use connect_pilot::api::platform::{CreateAddon, CreateApp};
use connect_pilot::api::{ApiConfig, RequestSpec};

fn conn() -> ConnRef {
    ConnRef {
        region_url: "https://connect-virginia.heroku.com".into(),
        id: "c1".into(),
        app: Some("acme-sync".into()),
        resource_name: Some("herokuconnect-acme-10001".into()),
    }
}

#[test]
fn curl_never_holds_a_token_and_quotes_bodies() {
    let cfg = ApiConfig::default();
    let spec = RequestSpec::of(&ImportConfiguration {
        conn: conn(),
        document: "{\"a\": \"it's\"}".into(),
    });
    let text = to_curl(&spec, &cfg).unwrap();
    assert!(text.contains("-H \"Authorization: Bearer $(heroku auth:token)\""));
    assert!(text.contains(r#"--data-raw '{"a": "it'\''s"}'"#), "{text}");
    assert!(text.starts_with(
        "curl -X POST https://connect-virginia.heroku.com/api/v3/connections/c1/actions/import"
    ));

    let search = RequestSpec::of(&SearchConnections {
        app: "acme sync".into(),
        resource_name: None,
    });
    let text = to_curl(&search, &cfg).unwrap();
    // `?` is a shell glob character, so the URL is quoted.
    assert!(
        text.starts_with("curl 'https://hc-central.heroku.com/connections?app=acme%20sync'"),
        "{text}"
    );
    assert!(!text.contains("Content-Type"));

    let emulator = ApiConfig::emulator("http://127.0.0.1:8787");
    assert!(to_curl(&search, &emulator)
        .unwrap()
        .starts_with("curl 'http://127.0.0.1:8787/connections?app=acme%20sync'"));
}

#[test]
fn cli_equivalents() {
    let cli = |spec: RequestSpec| to_heroku_cli(&spec).map(str::to_string);
    assert_eq!(
        cli(RequestSpec::of(&ConnectionAction {
            conn: conn(),
            action: ConnectionActionKind::Restart
        }))
        .as_deref(),
        Some("heroku connect:recover --app acme-sync --resource herokuconnect-acme-10001")
    );
    assert_eq!(
        cli(RequestSpec::of(&GrantAccess {
            app: "acme-sync".into()
        }))
        .as_deref(),
        Some("heroku connect:info -c --app acme-sync")
    );
    let m = MappingRef {
        conn: conn(),
        id: "m1".into(),
        object_name: "Contact".into(),
    };
    assert_eq!(
        cli(RequestSpec::of(&ReloadMapping { mapping: m })).as_deref(),
        Some("heroku connect:mapping:reload Contact --app acme-sync --resource herokuconnect-acme-10001")
    );
    assert_eq!(
        cli(RequestSpec::of(&CreateApp {
            app: AppCreate {
                name: Some("acme-sync".into()),
                region: Some("eu".into()),
                stack: None
            }
        }))
        .as_deref(),
        Some("heroku apps:create acme-sync --region eu")
    );
    assert_eq!(
        cli(RequestSpec::of(&CreateAddon {
            app: "acme-sync".into(),
            addon: AddonCreate {
                plan: "heroku-postgresql:essential-0".into(),
                ..Default::default()
            }
        }))
        .as_deref(),
        Some("heroku addons:create heroku-postgresql:essential-0 --app acme-sync")
    );
    assert_eq!(
        cli(RequestSpec::of(&GetDbKeys {
            region_url: "https://x.heroku.com".into(),
            app: "a".into()
        })),
        None
    );
}
