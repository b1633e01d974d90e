use super::*;
use crate::api::model::{Mapping, MappingState, SfInfo};
use crate::flow::MonitorMsg;

fn conn(mapping_state: &str, version: &str) -> Connection {
    Connection {
        id: "c1".into(),
        sf_info: Some(SfInfo {
            api_version: Some(version.into()),
            ..Default::default()
        }),
        mappings: vec![Mapping {
            id: "m1".into(),
            object_name: "Case".into(),
            state: Some(MappingState::parse(mapping_state)),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn reload() -> Operation {
    Operation::sent(
        "c1",
        OpKind::Reload {
            mapping_id: "m1".into(),
            object_name: "Case".into(),
        },
    )
}

fn version(target: &str) -> Operation {
    Operation::sent(
        "c1",
        OpKind::ApiVersion {
            target: target.into(),
        },
    )
}

#[test]
fn a_reload_runs_until_a_read_shows_the_mapping_back_out_of_it() {
    let mut op = reload();
    assert_eq!(op.words(), Some(("monitor_reload_sending", "Case")));
    op.answered(Ok(()));
    assert!(op.watching());
    op.seen(&conn("RELOAD_TABLE", "62.0"));
    op.seen(&conn("RELOAD_TABLE", "62.0"));
    assert_eq!(op.reloading(), Some("m1"));
    assert_eq!(op.words(), Some(("monitor_reload_started", "Case")));
    op.seen(&conn("DATA_SYNCED", "62.0"));
    assert_eq!(op.stage, OpStage::Finished);
    assert_eq!(op.words(), Some(("monitor_reload_finished", "Case")));
    assert_eq!(op.reloading(), None);
}

#[test]
fn a_reload_never_seen_running_counts_as_finished_after_a_few_reads() {
    let mut op = reload();
    op.answered(Ok(()));
    for _ in 1..UNSEEN_READS {
        op.seen(&conn("DATA_SYNCED", "62.0"));
        assert!(op.in_flight(), "one quiet read proves nothing");
    }
    op.seen(&conn("DATA_SYNCED", "62.0"));
    assert_eq!(op.stage, OpStage::Finished);
}

#[test]
fn reads_of_another_connection_change_nothing() {
    let mut op = reload();
    op.answered(Ok(()));
    let before = op.clone();
    op.seen(&Connection {
        id: "c2".into(),
        ..conn("DATA_SYNCED", "62.0")
    });
    assert_eq!(op, before);
}

#[test]
fn a_refusal_ends_it_with_heroku_s_answer() {
    let mut op = version("63.0");
    op.answered(Err(ApiError::Refused("no route".into())));
    assert!(matches!(op.error(), Some(FlowError::Api(_))));
    assert!(!op.in_flight());
    assert_eq!(op.words(), None);
}

#[test]
fn a_version_change_finishes_when_the_connection_reports_the_version() {
    let mut op = version("63.0");
    op.answered(Ok(()));
    op.seen(&conn("DATA_SYNCED", "63"));
    assert_eq!(op.stage, OpStage::Finished);
    assert_eq!(op.words(), Some(("monitor_api_version_changed", "63.0")));
}

#[test]
fn a_dropped_answer_is_decided_by_the_next_read_and_never_sent_again() {
    // Applied: the version shows.
    let mut op = version("63.0");
    op.answered(Err(ApiError::Timeout));
    assert!(op.watching());
    op.seen(&conn("DATA_SYNCED", "63.0"));
    assert_eq!(op.stage, OpStage::Finished);

    // Not applied: the old version shows, and the error offers to send it again.
    let mut op = version("63.0");
    op.answered(Err(ApiError::Network("Failed to fetch".into())));
    op.seen(&conn("DATA_SYNCED", "62.0"));
    let error = op.error().expect("said what became of it");
    assert_eq!(error.key(), "unanswered_api_version_not_applied");
    assert_eq!(
        error.retry(),
        Some(crate::flow::Action::Monitor(
            MonitorMsg::OperationRequested(OpKind::ApiVersion {
                target: "63.0".into()
            })
        ))
    );

    // A reload that is running arrived; one that is not cannot be told.
    let mut op = reload();
    op.answered(Err(ApiError::Timeout));
    op.seen(&conn("RELOAD_TABLE", "62.0"));
    assert_eq!(op.reloading(), Some("m1"));
    let mut op = reload();
    op.answered(Err(ApiError::Timeout));
    op.seen(&conn("DATA_SYNCED", "62.0"));
    let error = op.error().expect("said what became of it");
    assert_eq!(error.key(), "unanswered_unknown");
    assert_eq!(error.retry(), None, "nothing says it may be sent again");
}

#[test]
fn a_page_closed_before_the_answer_leaves_the_read_to_decide() {
    let mut op = reload();
    op.resumed();
    assert_eq!(op.stage, OpStage::Unanswered(None));
    op.seen(&conn("DATA_SYNCED", "62.0"));
    assert_eq!(op.stage, OpStage::Unconfirmed);
    assert_eq!(op.words(), Some(("monitor_reload_unconfirmed", "Case")));

    let mut op = version("63.0");
    op.resumed();
    op.seen(&conn("DATA_SYNCED", "63.0"));
    assert_eq!(op.stage, OpStage::Finished);

    // An answered one is not touched by a reopen.
    let mut op = reload();
    op.answered(Ok(()));
    let before = op.clone();
    op.resumed();
    assert_eq!(op, before);
}

#[test]
fn a_late_answer_changes_nothing_once_decided() {
    let mut op = reload();
    op.resumed();
    op.seen(&conn("DATA_SYNCED", "62.0"));
    op.answered(Ok(()));
    assert_eq!(op.stage, OpStage::Unconfirmed);
}

fn delete() -> Operation {
    Operation::sent(
        "c1",
        OpKind::Delete {
            mapping_id: "m1".into(),
            object_name: "Case".into(),
        },
    )
}

/// `conn` without its mapping.
fn without_mapping() -> Connection {
    Connection {
        mappings: Vec::new(),
        ..conn("DATA_SYNCED", "62.0")
    }
}

#[test]
fn a_deletion_is_done_when_the_mapping_is_gone_from_a_read() {
    let mut op = delete();
    assert_eq!(op.words(), Some(("monitor_delete_sending", "Case")));
    assert_eq!(op.kind.mapping_id(), Some("m1"));
    assert!(op.kind.of_mapping());
    op.answered(Ok(()));
    op.seen(&conn("DATA_SYNCED", "62.0"));
    assert!(op.in_flight(), "a list that lags is read again");
    op.seen(&without_mapping());
    assert_eq!(op.stage, OpStage::Finished);
    assert_eq!(op.words(), Some(("monitor_delete_finished", "Case")));
}

#[test]
fn a_deletion_without_an_answer_is_read_back_and_offered_again_only_if_not_applied() {
    let mut gone = delete();
    gone.answered(Err(ApiError::Timeout));
    gone.seen(&without_mapping());
    assert_eq!(gone.stage, OpStage::Finished, "the read shows it arrived");

    let mut kept = delete();
    kept.answered(Err(ApiError::Network("Failed to fetch".into())));
    kept.seen(&conn("DATA_SYNCED", "62.0"));
    let error = kept.error().expect("said what became of it");
    assert_eq!(error.key(), "unanswered_delete_not_applied");

    let mut closed = delete();
    closed.resumed();
    closed.seen(&conn("DATA_SYNCED", "62.0"));
    assert_eq!(closed.stage, OpStage::Unconfirmed);
    assert_eq!(closed.words(), Some(("monitor_delete_unconfirmed", "Case")));
}
