//! The whole guided setup against the in-process emulator (demo seed): the client makes the
//! calls, the flow state machine decides, exactly as the UI wires them. Flow A and Flow B.

mod common;

use common::*;
use connect_pilot::api::model::{ConnectionState, StateGroup};
use connect_pilot::api::{ConnectClient, ConnectFlow, ConnectionActionKind, Method};
use connect_pilot::flow::access::Denial;
use connect_pilot::flow::monitor::{controls, Control};
use connect_pilot::flow::{
    next_calls, reduce, Action, AppSource, FlowError, SfEnvironment, State, Step,
};
use connect_pilot::flow::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, ImportMsg, LinkMsg, MonitorMsg, SalesforceMsg,
    TokenMsg,
};

const CID: &str = "c0000000-0000-4000-8000-000000000001";
const NEXT: &str = "chrome-extension://abcdef/www/app.html#/salesforce-done";

const IMPORT_DOC: &str = r#"{
  "version": 1,
  "mappings": [
    { "object_name": "Contact",
      "config": { "access": "read_only", "sf_notify_enabled": false, "sf_polling_seconds": 600, "sf_max_daily_api_calls": 30000,
                  "fields": { "Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "CreatedDate": {}, "LastName": {}, "Email": {} },
                  "indexes": { "Id": { "unique": true }, "SystemModstamp": { "unique": false } } } }
  ]
}"#;

fn step(s: &mut State, a: Action) {
    *s = reduce(s, a);
}

/// Token → App → Addons: shared by both flows.
async fn through_addons(client: &ConnectClient<RouterTransport>, s: &mut State, app: &str) {
    assert_eq!(s.progress(), (1, 8));
    step(s, Action::Token(TokenMsg::Entered { remember: false }));
    step(
        s,
        Action::Token(TokenMsg::AccountLoaded(client.account().await)),
    );
    assert_eq!(s.step, Step::App);
    assert_eq!(s.account_email.as_deref(), Some("demo@example.com"));

    step(s, Action::App(AppMsg::ListLoaded(client.apps().await)));
    assert!(s.apps.iter().any(|a| a.name == app));
    step(
        s,
        Action::App(AppMsg::Chosen {
            name: app.into(),
            source: AppSource::Picked,
        }),
    );
    assert_eq!(s.step, Step::Addons);
    step(s, Action::App(AppMsg::Loaded(client.app(app).await)));
    assert!(s.app_region.is_some());

    step(
        s,
        Action::Addons(AddonsMsg::Loaded(client.addons(app).await)),
    );
    assert_eq!(
        s.step,
        Step::Link,
        "both add-ons are provisioned in the demo seed"
    );
}

/// Database → Salesforce → Import → Monitor, from a chosen connection in `NEW`.
async fn from_database(client: &ConnectClient<RouterTransport>, s: &mut State, app: &str) {
    let t = client.transport();
    assert_eq!(s.step, Step::Database);
    let conn = s.connection().unwrap().clone();
    step(
        s,
        Action::Database(DatabaseMsg::KeysLoaded(client.db_keys(&conn, app).await)),
    );
    assert_eq!(s.db_key.as_deref(), Some("DATABASE_URL"));

    // An invalid schema is refused before any call.
    step(
        s,
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "Sales Force".into(),
        }),
    );
    assert!(matches!(
        s.last_error,
        Some(FlowError::InvalidSchemaName(_))
    ));
    assert!(!s.busy);

    step(
        s,
        Action::Database(DatabaseMsg::Chosen {
            db_key: "DATABASE_URL".into(),
            schema_name: "salesforce".into(),
        }),
    );
    assert!(s.busy);
    let patch = client
        .update_connection(
            &conn,
            Some("DATABASE_URL".into()),
            Some("salesforce".into()),
            None,
        )
        .await;
    step(s, Action::Database(DatabaseMsg::Saved(patch)));
    assert!(s.busy, "still waiting for the re-read");
    step(
        s,
        Action::Database(DatabaseMsg::ReRead(
            client.connection_detail(s.connection().unwrap()).await,
        )),
    );
    assert_eq!(s.last_error, None);
    assert_eq!(s.step, Step::Salesforce);
    assert_eq!(s.last_status, Some(ConnectionState::NeedAuthentication));

    step(
        s,
        Action::Salesforce(SalesforceMsg::EnvironmentChosen {
            environment: SfEnvironment::Production,
            domain: None,
        }),
    );
    step(
        s,
        Action::Salesforce(SalesforceMsg::AuthorizeRequested { next: NEXT.into() }),
    );
    let conn = s.connection().unwrap().clone();
    step(
        s,
        Action::Salesforce(SalesforceMsg::UrlReceived(
            client.authorize_url(&conn, "production", None, NEXT).await,
        )),
    );
    let redirect = s.authorize_redirect.clone().expect("a consent URL");
    assert!(
        redirect.starts_with(&format!("{EMULATOR_ORIGIN}/services/oauth2/authorize?")),
        "{redirect}"
    );
    step(
        s,
        Action::Salesforce(SalesforceMsg::WaitStarted { now_ms: 1_000 }),
    );

    // The popup closes when the consent tab opens: the wait must survive a round trip.
    *s = serde_json::from_str(&serde_json::to_string(&*s).unwrap()).unwrap();
    assert!(s.waiting_for_salesforce());

    step(
        s,
        Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms: 6_000,
        },
    );
    assert_eq!(s.step, Step::Salesforce, "not yet approved");

    // The user approves in the consent tab (the browser posts the form, not the client).
    t.approve_consent(&redirect).await;

    step(
        s,
        Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms: 11_000,
        },
    );
    assert!(!s.waiting_for_salesforce());
    assert_eq!(s.step, Step::Import);
    assert_eq!(s.last_status, Some(ConnectionState::Idle));

    step(s, Action::Import(ImportMsg::Requested));
    let conn = s.connection().unwrap().clone();
    step(
        s,
        Action::Import(ImportMsg::Accepted(
            client.import(&conn, IMPORT_DOC.into()).await,
        )),
    );
    assert!(s.import_pending);
    step(
        s,
        Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms: 12_000,
        },
    );
    t.advance(10).await;
    step(
        s,
        Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms: 13_000,
        },
    );
    assert_eq!(
        s.step,
        Step::Monitor,
        "import settled: {:?}",
        s.connection().map(|c| &c.mappings)
    );
    let conn = s.connection().unwrap().clone();
    assert_eq!(conn.mappings.len(), 1);
    assert_eq!(
        conn.mappings[0].state.as_ref().unwrap().group(),
        StateGroup::Ok
    );

    // Monitor: pause is allowed from IDLE, and its effect shows on the next poll.
    let pause = controls(conn.state.as_ref().unwrap())
        .into_iter()
        .find(|c| c.control == Control::Pause)
        .unwrap();
    assert!(pause.enabled());
    step(
        s,
        Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause)),
    );
    step(
        s,
        Action::Monitor(MonitorMsg::ActionDone(
            client
                .connection_action(&conn, ConnectionActionKind::Pause)
                .await,
        )),
    );
    assert_eq!(s.action_pending, Some(ConnectionActionKind::Pause));
    step(
        s,
        Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms: 14_000,
        },
    );
    assert_eq!(s.action_pending, None);
    assert_eq!(s.last_status, Some(ConnectionState::Paused));

    // Every call went to the enabled origin only, always with the token.
    for r in t.requests.borrow().iter() {
        assert!(r.url.starts_with(EMULATOR_ORIGIN), "{}", r.url);
        assert_eq!(r.header("authorization"), Some("Bearer demo-token"));
    }
}

#[tokio::test]
async fn whole_setup_with_discovery() {
    let client = emulator_client("demo-token", ConnectFlow::Discovery);
    let mut s = State::default();
    through_addons(&client, &mut s, "acme-sync").await;

    assert_eq!(next_calls(&s)[0].path, "/auth/acme-sync");
    step(&mut s, Action::Link(LinkMsg::Requested));
    step(
        &mut s,
        Action::Link(LinkMsg::Linked(client.link("acme-sync").await)),
    );
    assert_eq!(s.step, Step::Connection);

    step(&mut s, Action::Connection(ConnectionMsg::DiscoverRequested));
    step(
        &mut s,
        Action::Connection(ConnectionMsg::Discovered(
            client.discover("acme-sync").await,
        )),
    );
    assert_eq!(s.flow, Some(ConnectFlow::Discovery));
    assert!(!s.used_fallback);
    assert_eq!(s.connection_id.as_deref(), Some(CID));
    assert_eq!(
        s.connection().unwrap().region_url.as_deref(),
        Some(EMULATOR_ORIGIN)
    );
    assert!(client
        .transport()
        .lines()
        .iter()
        .any(|l| l.starts_with(&format!("GET {EMULATOR_ORIGIN}/connections?app=acme-sync"))));

    from_database(&client, &mut s, "acme-sync").await;
    assert!(client.rate_limit_remaining().is_some());
}

#[tokio::test]
async fn whole_setup_with_the_legacy_flow() {
    let client = emulator_client("demo-token", ConnectFlow::Legacy);
    let mut s = State::default();
    through_addons(&client, &mut s, "acme-sync").await;

    // Flow B grants access itself, so discovery starts from the Link step.
    step(&mut s, Action::Connection(ConnectionMsg::DiscoverRequested));
    step(
        &mut s,
        Action::Connection(ConnectionMsg::Discovered(
            client.discover("acme-sync").await,
        )),
    );
    assert_eq!(s.flow, Some(ConnectFlow::Legacy));
    assert_eq!(s.step, Step::Database);
    let lines = client.transport().lines();
    assert!(
        lines.contains(&format!(
            "POST {EMULATOR_ORIGIN}/api/v3/users/me/apps/acme-sync/auth"
        )),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("/connections?app=acme-sync") && !l.contains("/api/v3/")),
        "no discovery call"
    );

    from_database(&client, &mut s, "acme-sync").await;
}

#[tokio::test]
async fn a_rejected_token_goes_back_to_the_token_step_keeping_the_rest() {
    let client = emulator_client("demo-token", ConnectFlow::Discovery);
    let mut s = State::default();
    through_addons(&client, &mut s, "acme-sync").await;

    let bad = emulator_client("not-a-token", ConnectFlow::Discovery);
    step(&mut s, Action::Link(LinkMsg::Requested));
    step(
        &mut s,
        Action::Link(LinkMsg::Linked(bad.link("acme-sync").await)),
    );
    assert_eq!(s.step, Step::Token);
    assert!(!s.token_present);
    assert_eq!(s.app.as_ref().map(|a| a.name.as_str()), Some("acme-sync"));
    assert_eq!(s.addons.len(), 2);

    // A user outside the app gets 403 from the link: linking again cannot help, so the App step
    // says so (a member's 403 on a connection call goes to Link instead: tests/flow_detours.rs).
    let outsider = emulator_client("outsider-token", ConnectFlow::Discovery);
    step(&mut s, Action::Token(TokenMsg::Entered { remember: false }));
    step(
        &mut s,
        Action::Link(LinkMsg::Linked(outsider.link("acme-sync").await)),
    );
    assert_eq!(s.step, Step::App);
    assert_eq!(s.app_denied, Some(Denial::NoAppAccess));
    assert!(
        matches!(&s.last_error, Some(FlowError::AppDenied { denial: Denial::NoAppAccess, error }) if error.status() == Some(403))
    );
}

#[tokio::test]
async fn db_keys_before_linking_are_forbidden() {
    let client = emulator_client("demo-token", ConnectFlow::Discovery);
    let conn = connect_pilot::api::model::Connection {
        id: CID.into(),
        region_url: Some(EMULATOR_ORIGIN.into()),
        ..Default::default()
    };
    let err = client.db_keys(&conn, "acme-sync").await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(client.transport().requests.borrow()[0].method, Method::Get);
}
