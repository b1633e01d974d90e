//! The decisions after a change that got no answer.

use super::*;
use crate::api::model::Connection;

fn conn(state: ConnectionState) -> Connection {
    Connection {
        id: "c1".into(),
        state: Some(state),
        ..Connection::default()
    }
}

#[test]
fn only_a_request_that_may_have_left_leaves_the_outcome_open() {
    assert!(outcome_unknown(&ApiError::Network(
        "Failed to fetch".into()
    )));
    assert!(outcome_unknown(&ApiError::Timeout));
    assert!(!outcome_unknown(&ApiError::Refused("refused".into())));
    let answered = ApiError::from_response(&crate::api::transport::HttpResponse {
        status: 503,
        headers: Vec::new(),
        body: String::new(),
    });
    assert!(!outcome_unknown(&answered));
}

#[test]
fn pause_and_resume_are_read_from_the_state() {
    use ConnectionActionKind::{Pause, Resume};
    let (idle, paused) = (conn(ConnectionState::Idle), conn(ConnectionState::Paused));
    let before = Some(&ConnectionState::Idle);
    assert_eq!(
        action_checked(Pause, before, Some(&paused)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Pause, before, Some(&idle)),
        Checked::NotApplied
    );
    assert_eq!(action_checked(Pause, before, None), Checked::Unknown);
    let before = Some(&ConnectionState::Paused);
    assert_eq!(
        action_checked(Resume, before, Some(&idle)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Resume, before, Some(&paused)),
        Checked::NotApplied
    );
}

#[test]
fn a_restart_is_known_only_from_an_error() {
    use ConnectionActionKind::Restart;
    let failed = ConnectionState::SystemError;
    let idle = conn(ConnectionState::Idle);
    assert_eq!(
        action_checked(Restart, Some(&failed), Some(&idle)),
        Checked::Applied
    );
    assert_eq!(
        action_checked(Restart, Some(&failed), Some(&conn(failed.clone()))),
        Checked::NotApplied
    );
    assert_eq!(
        action_checked(Restart, Some(&ConnectionState::Idle), Some(&idle)),
        Checked::Unknown
    );
}

#[test]
fn an_import_shows_when_every_mapping_of_the_file_is_on_the_server() {
    let parse = |t: &str| MappingConfig::parse(t.as_bytes()).unwrap();
    let sent = parse(r#"{"version": 1, "mappings": [{"object_name": "Lead", "config": {}}]}"#);
    let before = parse(r#"{"version": 1, "mappings": [{"object_name": "Case", "config": {}}]}"#);
    let after = parse(
        r#"{"version": 1, "mappings": [{"object_name": "Case", "config": {}},
            {"object_name": "Lead", "config": {}}]}"#,
    );
    assert_eq!(import_checked(&sent, Some(&after)), Checked::Applied);
    assert_eq!(import_checked(&sent, Some(&before)), Checked::NotApplied);
    assert_eq!(import_checked(&sent, None), Checked::Unknown);
}

#[test]
fn each_outcome_has_words_and_only_not_applied_offers_a_retry() {
    let changes = [
        Change::Import,
        Change::Action(ConnectionActionKind::Pause),
        Change::Action(ConnectionActionKind::Resume),
        Change::Action(ConnectionActionKind::Restart),
        Change::Database {
            db_key: "DATABASE_URL".into(),
            schema_name: "salesforce".into(),
        },
        Change::DeleteMapping,
    ];
    let mut keys = std::collections::BTreeSet::new();
    for change in changes {
        for checked in [Checked::Applied, Checked::NotApplied, Checked::Unknown] {
            keys.insert(checked.key(&change));
            assert_eq!(checked.may_retry(), checked == Checked::NotApplied);
        }
    }
    assert_eq!(keys.len(), 13, "{keys:?}");
}

/// The status view of an IDLE connection, as the setup machine holds it.
fn monitoring(state: ConnectionState) -> crate::flow::State {
    use crate::flow::{AppChoice, AppSource, State, Step};
    State {
        step: Step::Monitor,
        token_present: true,
        app: Some(AppChoice {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
        linked: true,
        connection_id: Some("c1".into()),
        connections: vec![conn(state)],
        ..State::default()
    }
}

#[test]
fn a_pause_without_an_answer_is_checked_then_said_and_offered_again() {
    use crate::flow::effect::{effects, Effect};
    use crate::flow::{reduce, Action, FlowError};
    let pause = ConnectionActionKind::Pause;
    let sent = reduce(
        &monitoring(ConnectionState::Idle),
        Action::ConnectionActionRequested(pause),
    );
    let dropped = Action::ConnectionActionDone(Err(ApiError::Network("Failed to fetch".into())));
    let waiting = reduce(&sent, dropped.clone());
    assert!(waiting.busy, "nothing else may start while it is checked");
    assert_eq!(waiting.last_error, None, "nothing is said before the check");
    assert!(effects(&sent, &waiting, &dropped).contains(&Effect::CheckAction(pause)));

    // The read shows the connection still IDLE: not applied, and "Try again" pauses again.
    let still_idle = Action::ActionChecked {
        kind: pause,
        result: Ok(conn(ConnectionState::Idle)),
    };
    let told = reduce(&waiting, still_idle);
    assert!(!told.busy && told.action_pending.is_none());
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_pause_not_applied");
    assert!(matches!(error, FlowError::Unanswered { .. }));
    assert_eq!(
        error.retry(),
        Some(Action::ConnectionActionRequested(pause))
    );

    // The read shows it PAUSED: applied, nothing to try again.
    let paused = Action::ActionChecked {
        kind: pause,
        result: Ok(conn(ConnectionState::Paused)),
    };
    let told = reduce(&waiting, paused);
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_pause_applied");
    assert_eq!(error.retry(), None);
    assert_eq!(
        told.connection().and_then(|c| c.state.clone()),
        Some(ConnectionState::Paused)
    );

    // An answered failure is an ordinary error, not checked.
    let refused = Action::ConnectionActionDone(Err(ApiError::Refused("refused".into())));
    let failed = reduce(&sent, refused.clone());
    assert!(matches!(failed.last_error, Some(FlowError::Api(_))));
    assert!(!effects(&sent, &failed, &refused).contains(&Effect::CheckAction(pause)));
}

#[test]
fn a_database_save_without_an_answer_is_read_back_before_anything_is_said() {
    use crate::flow::effect::{effects, Effect};
    use crate::flow::{reduce, Action, FlowError, Step};
    let mut at_database = monitoring(ConnectionState::New);
    at_database.step = Step::Database;
    let chosen = Action::DatabaseChosen {
        db_key: "DATABASE_URL".into(),
        schema_name: "salesforce".into(),
    };
    let sent = reduce(&at_database, chosen.clone());
    let dropped = Action::DatabaseSaved(Err(ApiError::Timeout));
    let waiting = reduce(&sent, dropped.clone());
    assert!(waiting.busy && waiting.last_error.is_none());
    assert_eq!(
        effects(&sent, &waiting, &dropped),
        vec![Effect::ReReadConnection]
    );

    // The re-read shows nothing saved: said so, the step stays, and "Try again" sends it again.
    let told = reduce(
        &waiting,
        Action::DatabaseReRead(Ok(conn(ConnectionState::New))),
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
    let told = reduce(&waiting, Action::DatabaseReRead(Ok(saved)));
    assert_eq!(told.step, Step::Salesforce);
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_database_applied");
    assert!(matches!(error, FlowError::Unanswered { .. }) && error.retry().is_none());

    // The re-read fails too: unknown, with no blind retry.
    let told = reduce(&waiting, Action::DatabaseReRead(Err(ApiError::Timeout)));
    let error = told.last_error.clone().expect("the outcome is said");
    assert_eq!(error.key(), "unanswered_unknown");
    assert_eq!(error.retry(), None);
}

#[test]
fn a_deletion_shows_when_the_mapping_is_gone() {
    use crate::api::model::Mapping;
    let with = Connection {
        mappings: vec![Mapping {
            id: "m1".into(),
            object_name: "Lead".into(),
            ..Mapping::default()
        }],
        ..conn(ConnectionState::Idle)
    };
    let without = conn(ConnectionState::Idle);
    assert_eq!(deletion_checked("m1", Some(&without)), Checked::Applied);
    assert_eq!(deletion_checked("m1", Some(&with)), Checked::NotApplied);
    assert_eq!(deletion_checked("m1", None), Checked::Unknown);
}
