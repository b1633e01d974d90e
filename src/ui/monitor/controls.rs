//! Pause, resume, restart and refresh, with the contract's state rules: a control the state does
//! not allow is disabled and its reason is written out beside it, not hidden in a tooltip. After a
//! 202 the flow's `action_pending` shows progress until the new state arrives.

use crate::api::ConnectionActionKind;
use crate::browser::i18n::t;
use crate::flow::monitor::{controls, Control};
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::nothing;
use crate::ui::steps::use_store;
use yew::prelude::*;

fn control_key(c: Control) -> &'static str {
    match c {
        Control::Refresh => "refresh",
        Control::Pause => "monitor_pause",
        Control::Resume => "monitor_resume",
        Control::Restart => "monitor_restart",
    }
}

fn pending_key(kind: ConnectionActionKind) -> &'static str {
    match kind {
        ConnectionActionKind::Pause => "monitor_pending_pause",
        ConnectionActionKind::Resume => "monitor_pending_resume",
        ConnectionActionKind::Restart => "monitor_pending_restart",
    }
}

/// The connection's action buttons.
#[function_component(Controls)]
pub fn controls_view() -> Html {
    let store = use_store();
    let state = store.state();
    let Some(conn) = state.connection() else {
        return nothing();
    };
    let conn_state = conn.state_or_unknown();
    let pending = state.action_pending;
    let items = controls(&conn_state).into_iter().map(|c| {
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| match c.control.action() {
            Some(kind) => store.dispatch(Action::Monitor(MonitorMsg::ActionRequested(kind))),
            None => store.refresh_connection(),
        });
        let reason_id = format!("monitor-reason-{}", control_key(c.control));
        let disabled = !c.enabled() || state.busy || pending.is_some();
        html! {
            <li>
                <button type="button" {onclick} {disabled}
                    aria-describedby={c.disabled_reason.map(|_| reason_id.clone())}>
                    { t(control_key(c.control)) }
                </button>
                if let Some(reason) = c.disabled_reason {
                    <span class="reason hint" id={reason_id}>{ t(reason) }</span>
                }
            </li>
        }
    });
    html! {
        <section class="controls" aria-label={t("monitor_actions")}>
            <ul class="control-list">{ for items }</ul>
            if let Some(kind) = pending {
                <p role="status" aria-live="polite" aria-busy="true" data-testid="action-pending">
                    { t(pending_key(kind)) }
                </p>
            }
        </section>
    }
}
