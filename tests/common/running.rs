//! A connection as the status view finds it after the guided setup, on the in-process emulator:
//! linked, database set, Salesforce approved, the §5.6 example imported and settled.

use super::{emulator_client, RouterTransport};
use connect_pilot::api::model::{Connection, ConnectionState};
use connect_pilot::api::{ConnectClient, ConnectFlow};
use connect_pilot::driver::{self, Outcome};
use connect_pilot::flow::effect::{due_poll, effects, Effect};
use connect_pilot::flow::{reduce, Action, AppChoice, AppSource, State, Step};

/// The client the emulator tests use.
pub type Client = ConnectClient<RouterTransport>;

/// The §5.6 example configuration.
pub const EXAMPLE: &str = include_str!("../fixtures/monitor/example-config.json");

/// acme-sync's connection taken to IDLE as the guided setup does: linked, found, its database
/// set, Salesforce approved. Nothing is imported yet.
pub async fn idle_connection(client: &Client) -> Connection {
    client.link("acme-sync").await.expect("link");
    let found = client.discover("acme-sync").await.expect("discover");
    let conn = found.connections.into_iter().next();
    let conn = conn.expect("acme-sync has a connection");
    client
        .update_connection(
            &conn,
            Some("DATABASE_URL".into()),
            Some("salesforce".into()),
            None,
        )
        .await
        .expect("database");
    let conn = client.connection_detail(&conn).await.expect("re-read");
    let next = "chrome-extension://abcdef/www/app.html#/salesforce-done";
    let consent = client
        .authorize_url(&conn, "production", None, next)
        .await
        .expect("authorize url");
    client.transport().approve_consent(&consent.redirect).await;
    let conn = client
        .connection_detail(&conn)
        .await
        .expect("after consent");
    assert_eq!(conn.state, Some(ConnectionState::Idle));
    conn
}

/// [`idle_connection`] on a fresh emulator, with the example imported and settled.
pub async fn running_connection() -> (Client, Connection) {
    let client = emulator_client("demo-token", ConnectFlow::Discovery);
    let conn = idle_connection(&client).await;
    client
        .import(&conn, EXAMPLE.to_owned())
        .await
        .expect("import");
    client.transport().advance(10).await;
    let conn = client.connection_detail(&conn).await.expect("detail");
    assert_eq!(conn.state, Some(ConnectionState::Idle));
    assert_eq!(conn.mappings.len(), 2);
    (client, conn)
}

/// The setup finished on `conn`: the status view's state.
pub fn monitoring(conn: &Connection) -> State {
    State {
        step: Step::Monitor,
        token_present: true,
        app: Some(AppChoice {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
        linked: true,
        connection_id: Some(conn.id.clone()),
        connections: vec![conn.clone()],
        ..State::default()
    }
}

/// Feeds `action`, performs every effect it asks for (and their answers' effects), and returns
/// the state afterwards.
pub async fn dispatch(client: &Client, state: State, action: Action) -> State {
    let mut queue = vec![action];
    let mut s = state;
    while let Some(a) = queue.pop() {
        let after = reduce(&s, a.clone());
        for e in effects(&s, &after, &a) {
            if let Outcome::Action(next) = driver::perform(client, &after, e, 0).await {
                queue.push(next);
            }
        }
        s = after;
    }
    s
}

/// The popup closed and opened again on the saved state.
pub fn reopened(s: &State) -> State {
    let saved = serde_json::to_string(s).expect("saved");
    let s: State = serde_json::from_str(&saved).expect("restored");
    reduce(&s, Action::Resumed)
}

/// The store's poll timer: the due read, performed.
pub async fn poll(client: &Client, s: State) -> State {
    let due = due_poll(&s).expect("a read is due while it runs");
    assert_eq!(due.effect, Effect::PollConnection);
    let Outcome::Action(a) = driver::perform(client, &s, due.effect, 0).await else {
        panic!("the read answers");
    };
    dispatch(client, s, a).await
}
