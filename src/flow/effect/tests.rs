//! Tests of the polls due and of what crosses steps: re-reads on entry, a resumed page. Each step's
//! own calls are tested in its module under `flow::steps`.

use super::*;
use crate::flow::steps::testing::*;

#[test]
fn entering_a_connection_step_by_navigation_re_reads_it() {
    let s = with_conn(Step::Salesforce, conn("IDLE", true, true));
    assert_eq!(
        run(&s, Action::GoTo(Step::Import)),
        vec![Effect::PollConnection]
    );
    assert_eq!(
        run(&s, Action::Back),
        vec![Effect::LoadDbKeys("acme-sync".into())]
    );
    assert_eq!(run(&s, Action::ErrorDismissed), vec![]);
}

#[test]
fn due_poll_caps_and_gates() {
    let s = with_conn(Step::Monitor, conn("IDLE", true, true));
    assert_eq!(
        due_poll(&s),
        Some(Poll {
            effect: Effect::PollConnection,
            after_ms: SLOW_POLL_MS
        })
    );
    let importing = State {
        import_pending: true,
        ..s.clone()
    };
    assert_eq!(due_poll(&importing).map(|p| p.after_ms), Some(FAST_POLL_MS));
    assert_eq!(
        due_poll(&State {
            busy: true,
            ..s.clone()
        }),
        None
    );
    assert_eq!(
        due_poll(&State {
            token_present: false,
            ..s.clone()
        }),
        None
    );
    // Database and Salesforce (not waiting) have nothing to watch.
    assert_eq!(
        due_poll(&State {
            step: Step::Database,
            ..s
        }),
        None
    );
}

#[test]
fn no_poll_comes_before_the_servers_retry_after() {
    use crate::api::error::HttpError;
    use crate::api::ApiError;
    let mut s = State {
        token_present: true,
        app: Some(AppChoice {
            name: "acme-sync".into(),
            source: AppSource::Picked,
        }),
        connections: vec![conn("IDLE", true, true)],
        connection_id: Some("c1".into()),
        step: Step::Monitor,
        ..State::default()
    };
    let steady = due_poll(&s).expect("the monitor polls");
    assert_eq!(steady.after_ms, SLOW_POLL_MS);
    s.action_pending = Some(crate::api::ConnectionActionKind::Pause);
    assert_eq!(due_poll(&s).unwrap().after_ms, FAST_POLL_MS);
    s.last_error = Some(FlowError::Api(ApiError::Http(Box::new(HttpError {
        status: 429,
        id: Some("rate_limit".into()),
        message: None,
        body_excerpt: None,
        request_id: None,
        retry_after: Some(90),
        errors: Vec::new(),
        syncing_mappings: Vec::new(),
    }))));
    assert_eq!(due_poll(&s).unwrap().after_ms, 90_000);
}

#[test]
fn resuming_on_the_app_step_loads_the_list_once() {
    let s = State {
        token_present: true,
        step: Step::App,
        ..State::default()
    };
    // Resuming is entering the step from a blank start.
    assert_eq!(
        effects(&State::default(), &s, &Action::ErrorDismissed),
        vec![Effect::LoadApps]
    );
    let signed_in = reduce(
        &State::default(),
        Action::Token(TokenMsg::Entered { remember: false }),
    );
    let account = Action::Token(TokenMsg::AccountLoaded(Ok(Account::default())));
    let after = reduce(&signed_in, account.clone());
    assert_eq!(
        effects(&signed_in, &after, &account),
        vec![Effect::LoadApps]
    );
}

/// The monitor of `c1` in `state`, as a page finds it when it opens.
fn monitor_in(state: &str) -> State {
    State {
        connections: vec![conn(state, true, true)],
        connection_id: Some("c1".into()),
        ..with_app(Step::Monitor)
    }
}

fn polled(s: &State, state: &str) -> State {
    let result = Ok(conn(state, true, true));
    reduce(s, Action::ConnectionPolled { result, now_ms: 1 })
}

#[test]
fn a_page_reopened_on_a_pending_pause_shows_it_until_a_read_settles_it() {
    use crate::api::ConnectionActionKind::Pause;
    let sent = reduce(
        &monitor_in("IDLE"),
        Action::Monitor(MonitorMsg::ActionRequested(Pause)),
    );
    let answered = reduce(&sent, Action::Monitor(MonitorMsg::ActionDone(Ok(()))));
    let json = serde_json::to_string(&answered).unwrap();
    let reopened = reduce(&serde_json::from_str(&json).unwrap(), Action::Resumed);
    assert_eq!(
        reopened.action_pending,
        Some(Pause),
        "the progress is shown"
    );
    assert_eq!(due_poll(&reopened).unwrap().after_ms, FAST_POLL_MS);
    assert_eq!(
        polled(&reopened, "IDLE").action_pending,
        Some(Pause),
        "202 came: wait"
    );
    assert_eq!(polled(&reopened, "PAUSED").action_pending, None);

    // The page closed before the 202: one read decides, and nothing is sent again.
    let lost = reduce(&sent, Action::Resumed);
    assert!(!lost.busy && lost.action_unconfirmed);
    assert_eq!(lost.action_pending, Some(Pause));
    let seen = polled(&lost, "IDLE");
    assert_eq!(
        (seen.action_pending, seen.action_unconfirmed),
        (None, false)
    );
    let arrived = polled(&lost, "PAUSED");
    assert_eq!(arrived.action_pending, None);
    assert_eq!(arrived.last_status, Some(ConnectionState::Paused));
}
