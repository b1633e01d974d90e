//! Tests of the monitor's controls and their disabled reasons, poll cadence, labels, attention list and budget.

use super::*;
use crate::api::model::Mapping;

fn enabled(state: &str) -> Vec<Control> {
    controls(&ConnectionState::parse(state))
        .into_iter()
        .filter(ControlState::enabled)
        .map(|c| c.control)
        .collect()
}

#[test]
fn control_rules() {
    use Control::*;
    assert_eq!(enabled("IDLE"), vec![Refresh, Pause, Restart]);
    assert_eq!(enabled("PAUSED"), vec![Refresh, Resume]);
    assert_eq!(enabled("NEW"), vec![Refresh]);
    assert_eq!(enabled("NEED_AUTHENTICATION"), vec![Refresh]);
    assert_eq!(enabled("IMPORT_CONFIGURATION"), vec![Refresh]);
    assert_eq!(enabled("SYSTEM_ERROR"), vec![Refresh, Restart]);
    assert_eq!(enabled("BUSY"), vec![Refresh, Restart]);
    assert_eq!(enabled("WARP_SPEED"), vec![Refresh, Restart]);
    let reasons: Vec<_> = controls(&ConnectionState::parse("WARP_SPEED"))
        .iter()
        .map(|c| c.disabled_reason)
        .collect();
    assert_eq!(
        reasons,
        vec![
            None,
            Some("monitor_unknown_state"),
            Some("monitor_unknown_state"),
            None
        ]
    );
    let paused = controls(&ConnectionState::Paused);
    assert_eq!(
        paused[3].disabled_reason,
        Some("monitor_restart_use_resume")
    );
    assert_eq!(paused[1].disabled_reason, Some("monitor_pause_needs_idle"));
    assert_eq!(
        Control::Restart.action(),
        Some(ConnectionActionKind::Restart)
    );
}

#[test]
fn cadence() {
    let mut c = Connection {
        state: Some(ConnectionState::Idle),
        ..Connection::default()
    };
    assert_eq!(poll_interval_ms(&c, false), SLOW_POLL_MS);
    assert_eq!(poll_interval_ms(&c, true), FAST_POLL_MS);
    c.mappings.push(Mapping {
        state: Some(MappingState::ReloadTable),
        ..Mapping::default()
    });
    assert_eq!(poll_interval_ms(&c, false), FAST_POLL_MS);
    c.mappings[0].state = Some(MappingState::DataSynced);
    c.state = Some(ConnectionState::ImportConfiguration);
    assert_eq!(poll_interval_ms(&c, false), FAST_POLL_MS);
    c.state = Some(ConnectionState::SystemError);
    assert_eq!(poll_interval_ms(&c, false), SLOW_POLL_MS);
    assert_eq!(mapping_groups(&c), vec![(StateGroup::Ok, 1)]);
}

#[test]
fn labels() {
    assert_eq!(state_label_key("IDLE"), "monitor_label_idle");
    assert_eq!(state_label_key("DATA_SYNCED"), "monitor_label_data_synced");
    assert_eq!(state_label_key("BAD_CONFIG"), "monitor_label_bad_config");
    assert_eq!(state_label_key("WARP_SPEED"), "monitor_label_unknown");
    // Strings the contract calls not real stay unknown.
    assert_eq!(state_label_key("SYNCED"), "monitor_label_unknown");
}

#[test]
fn mapping_rules() {
    let idle = ConnectionState::Idle;
    let synced = MappingState::DataSynced;
    assert!(mapping_controls(&idle, Some(&synced))
        .iter()
        .all(|(_, r)| r.is_none()));
    let loading = MappingState::ReloadTable;
    let c = mapping_controls(&idle, Some(&loading));
    assert_eq!(
        c[1],
        (MappingControl::Reload, Some("monitor_reload_in_progress"))
    );
    assert_eq!(c[2], (MappingControl::Edit, None));
    let importing = mapping_controls(&ConnectionState::ImportConfiguration, Some(&synced));
    assert!(importing[1..].iter().all(|(_, r)| r.is_some()));
    assert_eq!(importing[0], (MappingControl::Details, None));
    let new = mapping_controls(&ConnectionState::New, None);
    assert_eq!(new[3], (MappingControl::Delete, None));
    assert_eq!(new[2].1, Some("monitor_restart_setup_unfinished"));
    assert!(delete_confirmed(" contact ", "Contact"));
    assert!(!delete_confirmed("Contac", "Contact"));
    assert!(!delete_confirmed("", ""));
}

#[test]
fn api_version_only_when_paused_and_authorized() {
    let mut c = Connection {
        state: Some(ConnectionState::Idle),
        organization_id: Some("00D".into()),
        ..Connection::default()
    };
    assert_eq!(
        api_version_change_block(&c),
        Some("monitor_api_version_needs_paused")
    );
    c.state = Some(ConnectionState::Paused);
    assert_eq!(api_version_change_block(&c), None);
    c.organization_id = None;
    assert!(api_version_change_block(&c).is_some());
}

#[test]
fn attention_and_watch_list() {
    let mut c = Connection {
        id: "c1".into(),
        region_url: Some("https://connect-virginia.heroku.com".into()),
        state: Some(ConnectionState::Idle),
        ..Connection::default()
    };
    assert!(!needs_attention(&c));
    c.mappings.push(Mapping {
        state: Some(MappingState::BadConfig),
        ..Mapping::default()
    });
    assert!(needs_attention(&c));
    c.mappings.clear();
    c.state = Some(ConnectionState::SystemError);
    assert!(needs_attention(&c));
    // Paused and unknown are not errors.
    c.state = Some(ConnectionState::parse("WARP_SPEED"));
    assert!(!needs_attention(&c));

    let w = watched(&c).expect("a region URL is enough");
    assert_eq!(
        w.detail_url,
        "https://connect-virginia.heroku.com/api/v3/connections/c1?deep=true"
    );
    let list = watch(vec![w.clone()], w.clone());
    assert_eq!(list.len(), 1);
    let other = WatchedConnection {
        id: "c2".into(),
        ..w
    };
    assert_eq!(watch(list, other).len(), 2);
    assert_eq!(watched(&Connection::default()), None);
}

#[test]
fn budget_and_retry_after() {
    assert_eq!(polls_per_day(SLOW_POLL_MS), 1_440);
    assert!(polls_per_day(SLOW_POLL_MS) < DAILY_BUDGET);
    assert_eq!(next_poll_after_ms(FAST_POLL_MS, None), FAST_POLL_MS);
    assert_eq!(next_poll_after_ms(FAST_POLL_MS, Some(Some(120))), 120_000);
    assert_eq!(next_poll_after_ms(FAST_POLL_MS, Some(None)), 60_000);
    assert_eq!(
        next_poll_after_ms(SLOW_POLL_MS, Some(Some(1))),
        SLOW_POLL_MS
    );
}

#[test]
fn column_labels_are_css_strings() {
    let labels = [
        "Rows in Postgres",
        "Postgres の行数",
        "a \"quoted\" \\ name",
        "tab\there",
    ]
    .map(String::from);
    assert_eq!(
        column_label_properties(3, &labels),
        "--label-3: \"Rows in Postgres\"; --label-4: \"Postgres の行数\"; \
         --label-5: \"a \\\"quoted\\\" \\\\ name\"; --label-6: \"tab here\"; "
    );
    assert_eq!(column_label_properties(3, &[]), "");
}
