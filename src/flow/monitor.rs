//! After setup: which group a connection is in, which controls its state allows (each disabled
//! control with the reason's i18n key), and how often to poll.
//!
//! Rules (contract §4.2.6, §6.3): pause only from `IDLE`; resume only from `PAUSED`; restart not
//! in `NEW`, `NEED_AUTHENTICATION`, `PAUSED` or `IMPORT_CONFIGURATION`; an unknown state allows
//! only refresh and restart. Mapping actions (§4.3) are refused while setup is unfinished or an
//! import is applied; the API version changes only while `PAUSED` (§4.4.4).
//!
//! It also holds the request budget (§3: 5,000 Connect requests a day per token) and what the
//! background badge watches. It decides; it never calls anything.

pub mod route;

use crate::api::model::{Connection, ConnectionState, MappingState, StateGroup};
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

/// The Connect API's daily request budget per token (contract §3).
pub const DAILY_BUDGET: u64 = 5_000;

/// How many polls an interval costs over a day.
pub fn polls_per_day(interval_ms: u64) -> u64 {
    86_400_000 / interval_ms.max(1)
}

/// The wait before the next poll: the cadence's interval, or longer when a 429 asked for more
/// (`Retry-After` in seconds; 60 s when the header was missing, as the client does).
pub fn next_poll_after_ms(interval_ms: u64, rate_limited: Option<Option<u64>>) -> u64 {
    match rate_limited {
        None => interval_ms,
        Some(retry_after_s) => interval_ms.max(retry_after_s.unwrap_or(60).saturating_mul(1000)),
    }
}

/// CSS custom properties `--label-N: "…";` naming the mappings table's columns, the first of
/// `labels` as column `first`: the popup's card layout draws them beside each value. A quote or a
/// backslash is escaped and a control character becomes a space, so no message ends the string early.
pub fn column_label_properties(first: usize, labels: &[String]) -> String {
    let mut style = String::new();
    for (i, label) in labels.iter().enumerate() {
        style.push_str(&format!("--label-{}: \"", first + i));
        for c in label.chars() {
            match c {
                '"' | '\\' => style.extend(['\\', c]),
                c if c.is_control() => style.push(' '),
                c => style.push(c),
            }
        }
        style.push_str("\"; ");
    }
    style
}

/// i18n key of a state's human label (`monitor_label_idle`), shared by connection and mapping
/// states; an unknown string gets `monitor_label_unknown` and is shown verbatim beside it.
pub fn state_label_key(state: &str) -> String {
    let known = !matches!(ConnectionState::parse(state), ConnectionState::Other(_))
        || !matches!(MappingState::parse(state), MappingState::Other(_));
    if known {
        format!("monitor_label_{}", state.to_ascii_lowercase())
    } else {
        "monitor_label_unknown".into()
    }
}

/// What the user can do to one mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingControl {
    /// Show config, counts and times (always possible).
    Details,
    /// `actions/reload`.
    Reload,
    /// `PATCH` the config.
    Edit,
    /// `DELETE` after typing the object name.
    Delete,
}

/// Why mapping changes are refused in a connection state (contract §4.3.1–4.3.5), if they are.
pub fn mapping_change_block(conn: &ConnectionState) -> Option<&'static str> {
    match conn {
        ConnectionState::New | ConnectionState::NeedAuthentication => {
            Some("monitor_restart_setup_unfinished")
        }
        ConnectionState::ImportConfiguration => Some("monitor_restart_during_import"),
        _ => None,
    }
}

/// The mapping controls with their disabled reasons. A reload is also refused while the mapping
/// is already loading or changing: it would restart work that is under way.
pub fn mapping_controls(
    conn: &ConnectionState,
    mapping: Option<&MappingState>,
) -> Vec<(MappingControl, Option<&'static str>)> {
    let block = mapping_change_block(conn);
    let busy = mapping.is_some_and(|m| m.group() == StateGroup::InProgress);
    let reload = block.or(busy.then_some("monitor_reload_in_progress"));
    let delete = match conn {
        // Delete is refused only during an import (§4.3.4).
        ConnectionState::ImportConfiguration => Some("monitor_restart_during_import"),
        _ => None,
    };
    vec![
        (MappingControl::Details, None),
        (MappingControl::Reload, reload),
        (MappingControl::Edit, block),
        (MappingControl::Delete, delete),
    ]
}

/// Whether the typed confirmation names the mapping's object (case and outer spaces ignored, as
/// object names match case-insensitively).
pub fn delete_confirmed(typed: &str, object_name: &str) -> bool {
    !object_name.is_empty() && typed.trim().eq_ignore_ascii_case(object_name)
}

/// Why the Salesforce API version cannot be changed now, if it cannot (§4.4.4: only `PAUSED`).
pub fn api_version_change_block(conn: &Connection) -> Option<&'static str> {
    if !crate::flow::steps::salesforce::authorized(conn) {
        return Some("monitor_restart_setup_unfinished");
    }
    match conn.state {
        Some(ConnectionState::Paused) => None,
        _ => Some("monitor_api_version_needs_paused"),
    }
}

/// Whether the connection or one of its mappings is in the error group: what the badge flags.
pub fn needs_attention(conn: &Connection) -> bool {
    let err = |g: StateGroup| g == StateGroup::Error;
    conn.state.as_ref().is_some_and(|s| err(s.group()))
        || conn
            .mappings
            .iter()
            .any(|m| m.state.as_ref().is_some_and(|s| err(s.group())))
}

/// One connection the background badge checks: its id and the URL of its deep detail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WatchedConnection {
    /// Connection id.
    pub id: String,
    /// Absolute detail URL, already with `deep=true`.
    pub detail_url: String,
}

/// The watch entry for `conn`, when its detail URL can be built.
pub fn watched(conn: &Connection) -> Option<WatchedConnection> {
    let detail_url = crate::api::connections::detail_url(conn, true).ok()?;
    Some(WatchedConnection {
        id: conn.id.clone(),
        detail_url,
    })
}

/// `list` with `entry` added or updated in place (one entry per connection id).
pub fn watch(mut list: Vec<WatchedConnection>, entry: WatchedConnection) -> Vec<WatchedConnection> {
    match list.iter_mut().find(|w| w.id == entry.id) {
        Some(w) => *w = entry,
        None => list.push(entry),
    }
    list
}

#[cfg(test)]
mod tests;
