#![cfg(not(target_arch = "wasm32"))]
//! A change that got no answer, through the setup machine: the server is read back before anything
//! is said, and only a change the read shows was not applied is offered again.

mod common;

use common::running::monitoring;
use common::states::conn;
use connect_pilot::api::model::{Connection, ConnectionState};
use connect_pilot::api::{ApiError, ConnectionActionKind};
use connect_pilot::flow::{DatabaseMsg, MonitorMsg};

#[test]
fn a_pause_without_an_answer_is_checked_then_said_and_offered_again() {
    use connect_pilot::flow::effect::{effects, Effect};
    use connect_pilot::flow::{reduce, Action, FlowError};
    let pause = ConnectionActionKind::Pause;
    let sent = reduce(
        &monitoring(&conn(ConnectionState::Idle)),
        Action::Monitor(MonitorMsg::ActionRequested(pause)),
    );
    let dropped = Action::Monitor(MonitorMsg::ActionDone(Err(ApiError::Network(
        "Failed to fetch".into(),
    ))));
    let waiting = reduce(&sent, dropped.clone());
    assert!(waiting.busy, "nothing else may start while it is checked");
    assert_eq!(waiting.last_error, None, "nothing is said before the check");
    assert!(effects(&sent, &waiting, &dropped).contains(&Effect::CheckAction(pause)));

    // The read shows the connection still IDLE: not applied, and "Try again" pauses again.
    let still_idle = Action::Monitor(MonitorMsg::ActionChecked {
        kind: pause,
        result: Ok(conn(ConnectionState::Idle)),
    });
    let told = reduce(&waiting, still_idle);
    assert!(!told.busy && told.action_pending.is_none());
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_pause_not_applied");
    assert!(matches!(error, FlowError::Unanswered { .. }));
    assert_eq!(
        error.retry(),
        Some(Action::Monitor(MonitorMsg::ActionRequested(pause)))
    );

    // The read shows it PAUSED: applied, nothing to try again.
    let paused = Action::Monitor(MonitorMsg::ActionChecked {
        kind: pause,
        result: Ok(conn(ConnectionState::Paused)),
    });
    let told = reduce(&waiting, paused);
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_pause_applied");
    assert_eq!(error.retry(), None);
    assert_eq!(
        told.connection().and_then(|c| c.state.clone()),
        Some(ConnectionState::Paused)
    );

    // An answered failure is an ordinary error, not checked.
    let refused = Action::Monitor(MonitorMsg::ActionDone(Err(ApiError::Refused(
        "refused".into(),
    ))));
    let failed = reduce(&sent, refused.clone());
    assert!(matches!(failed.last_error, Some(FlowError::Api(_))));
    assert!(!effects(&sent, &failed, &refused).contains(&Effect::CheckAction(pause)));
}

#[test]
fn a_database_save_without_an_answer_is_read_back_before_anything_is_said() {
    use connect_pilot::flow::effect::{effects, Effect};
    use connect_pilot::flow::{reduce, Action, FlowError, Step};
    let mut at_database = monitoring(&conn(ConnectionState::New));
    at_database.step = Step::Database;
    let chosen = Action::Database(DatabaseMsg::Chosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    });
    let sent = reduce(&at_database, chosen.clone());
    let dropped = Action::Database(DatabaseMsg::Saved(Err(ApiError::Timeout)));
    let waiting = reduce(&sent, dropped.clone());
    assert!(waiting.busy && waiting.last_error.is_none());
    assert_eq!(
        effects(&sent, &waiting, &dropped),
        vec![Effect::ReReadConnection]
    );

    // The re-read shows nothing saved: said so, the step stays, and "Try again" sends it again.
    let told = reduce(
        &waiting,
        Action::Database(DatabaseMsg::ReRead(Ok(conn(ConnectionState::New)))),
    );
    assert_eq!(told.step, Step::Database);
    assert!(!told.busy);
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_database_not_applied");
    assert_eq!(error.retry(), Some(chosen));

    // The re-read shows both values: saved, and the setup goes on.
    let saved = Connection {
        db_key: Some("DATABASE_URL".into()),
        schema_name: Some("salesforce".into()),
        ..conn(ConnectionState::New)
    };
    let told = reduce(&waiting, Action::Database(DatabaseMsg::ReRead(Ok(saved))));
    assert_eq!(told.step, Step::Salesforce);
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_database_applied");
    assert!(matches!(error, FlowError::Unanswered { .. }) && error.retry().is_none());

    // The re-read fails too: unknown, with no blind retry.
    let told = reduce(
        &waiting,
        Action::Database(DatabaseMsg::ReRead(Err(ApiError::Timeout))),
    );
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_unknown");
    assert_eq!(error.retry(), None);
}
