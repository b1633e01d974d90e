//! After setup: which group a connection is in, which controls its state allows (each disabled
//! control with the reason's i18n key), and how often to poll.
//!
//! Rules (contract §4.2.6, §6.3): pause only from `IDLE`; resume only from `PAUSED`; restart not
//! in `NEW`, `NEED_AUTHENTICATION`, `PAUSED` or `IMPORT_CONFIGURATION`; an unknown state allows
//! only refresh and restart.

use crate::api::model::{Connection, ConnectionState, StateGroup};
use crate::api::ConnectionActionKind;

/// Poll interval while a change is expected (at most one request per 5 s).
pub const FAST_POLL_MS: u64 = 5_000;
/// Poll interval when the connection is steady.
pub const SLOW_POLL_MS: u64 = 60_000;

/// A control on the monitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Control {
    /// Re-read the connection.
    Refresh,
    /// `actions/pause`.
    Pause,
    /// `actions/resume`.
    Resume,
    /// `actions/restart` (`connect:recover`).
    Restart,
}

impl Control {
    /// The API action behind the control, if any.
    pub fn action(self) -> Option<ConnectionActionKind> {
        match self {
            Control::Refresh => None,
            Control::Pause => Some(ConnectionActionKind::Pause),
            Control::Resume => Some(ConnectionActionKind::Resume),
            Control::Restart => Some(ConnectionActionKind::Restart),
        }
    }
}

/// Whether a control is usable, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlState {
    /// The control.
    pub control: Control,
    /// `None` when enabled; else the i18n key of the reason.
    pub disabled_reason: Option<&'static str>,
}

impl ControlState {
    /// Whether the control can be used.
    pub fn enabled(&self) -> bool {
        self.disabled_reason.is_none()
    }
}

/// The four controls for a connection in `state`.
pub fn controls(state: &ConnectionState) -> Vec<ControlState> {
    use ConnectionState as S;
    let unknown = matches!(state, S::Other(_));
    let pause = match state {
        S::Idle => None,
        _ if unknown => Some("monitor_unknown_state"),
        _ => Some("monitor_pause_needs_idle"),
    };
    let resume = match state {
        S::Paused => None,
        _ if unknown => Some("monitor_unknown_state"),
        _ => Some("monitor_resume_needs_paused"),
    };
    let restart = match state {
        S::New | S::NeedAuthentication => Some("monitor_restart_setup_unfinished"),
        S::Paused => Some("monitor_restart_use_resume"),
        S::ImportConfiguration => Some("monitor_restart_during_import"),
        _ => None,
    };
    vec![
        ControlState {
            control: Control::Refresh,
            disabled_reason: None,
        },
        ControlState {
            control: Control::Pause,
            disabled_reason: pause,
        },
        ControlState {
            control: Control::Resume,
            disabled_reason: resume,
        },
        ControlState {
            control: Control::Restart,
            disabled_reason: restart,
        },
    ]
}

/// Whether the connection or one of its mappings is mid-change.
pub fn transition_expected(conn: &Connection, action_pending: bool) -> bool {
    action_pending
        || conn
            .state
            .as_ref()
            .is_some_and(|s| s.group() == StateGroup::InProgress)
        || conn.mappings.iter().any(|m| {
            m.state
                .as_ref()
                .is_some_and(|s| s.group() == StateGroup::InProgress)
        })
}

/// How long to wait before the next poll: fast only while a transition is expected.
pub fn poll_interval_ms(conn: &Connection, action_pending: bool) -> u64 {
    if transition_expected(conn, action_pending) {
        FAST_POLL_MS
    } else {
        SLOW_POLL_MS
    }
}

/// Counts of the connection's mappings per group, for the summary line.
pub fn mapping_groups(conn: &Connection) -> Vec<(StateGroup, usize)> {
    let groups = [
        StateGroup::Ok,
        StateGroup::InProgress,
        StateGroup::Error,
        StateGroup::Setup,
        StateGroup::Paused,
        StateGroup::Unknown,
    ];
    groups
        .into_iter()
        .map(|g| {
            let n = conn
                .mappings
                .iter()
                .filter(|m| m.state.as_ref().map_or(StateGroup::Unknown, |s| s.group()) == g)
                .count();
            (g, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{Mapping, MappingState};

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
}
