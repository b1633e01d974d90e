//! After setup: the connection's status, the Salesforce org and database it links, and its mappings.

use super::use_store;
use crate::api::model::Mapping;
use crate::browser::i18n::t;
use crate::flow::monitor::{controls, Control};
use crate::flow::Action;
use crate::ui::components::status_badge::StatusBadge;
use yew::prelude::*;

fn mapping_row(m: &Mapping) -> Html {
    let state = m
        .state
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "?".into());
    let group = m
        .state
        .as_ref()
        .map(|s| s.group())
        .unwrap_or(crate::api::model::StateGroup::Unknown);
    let counts = m.counts.clone().unwrap_or_default();
    let last_poll = m
        .times
        .as_ref()
        .and_then(|t| t.sf_poll.as_ref())
        .map(|p| p.raw().to_owned())
        .unwrap_or_default();
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "—".into());
    html! {
        <tr>
            <th scope="row">{ m.object_name.clone() }</th>
            <td><StatusBadge {state} {group} /></td>
            <td>{ n(counts.db) }</td>
            <td>{ n(counts.sf) }</td>
            <td>{ n(counts.pending) }</td>
            <td>{ n(counts.errors) }</td>
            <td><time>{ last_poll }</time></td>
        </tr>
    }
}

fn control_key(c: Control) -> &'static str {
    match c {
        Control::Refresh => "refresh",
        Control::Pause => "monitor_pause",
        Control::Resume => "monitor_resume",
        Control::Restart => "monitor_restart",
    }
}

/// The status view.
#[function_component(MonitorStep)]
pub fn monitor_step() -> Html {
    let store = use_store();
    let state = store.state().clone();
    let Some(conn) = state.connection().cloned() else {
        return html! { <p>{ t("connection_none") }</p> };
    };
    let conn_state = conn.state_or_unknown();
    let buttons = controls(&conn_state).into_iter().map(|c| {
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| match c.control.action() {
            Some(kind) => store.dispatch(Action::ConnectionActionRequested(kind)),
            None => store.run(crate::flow::effect::Effect::PollConnection),
        });
        let reason = c.disabled_reason.map(t);
        html! {
            <button type="button" {onclick} disabled={!c.enabled() || state.busy} title={reason.clone()}>
                { t(control_key(c.control)) }
            </button>
        }
    });
    let org = conn
        .sf_info
        .as_ref()
        .and_then(|i| i.username.clone())
        .unwrap_or_default();
    html! {
        <>
            <dl class="facts">
                <dt>{ t("monitor_state") }</dt>
                <dd aria-live="polite"><StatusBadge state={conn_state.as_str().to_owned()} group={conn_state.group()} /></dd>
                <dt>{ t("monitor_org") }</dt>
                <dd>{ org }{ " " }<span class="hint">{ conn.organization_id.clone().unwrap_or_default() }</span></dd>
                <dt>{ t("monitor_database") }</dt>
                <dd>{ format!("{} → {}", conn.db_key.clone().unwrap_or_default(), conn.schema_name.clone().unwrap_or_default()) }</dd>
            </dl>
            <div class="controls">{ for buttons }</div>
            if conn.mappings.is_empty() {
                <p>{ t("monitor_no_mappings") }</p>
            } else {
                <table class="mappings">
                    <caption>{ t("monitor_mappings") }</caption>
                    <thead><tr>
                        <th scope="col">{ t("monitor_object") }</th>
                        <th scope="col">{ t("monitor_state") }</th>
                        <th scope="col">{ t("monitor_count_db") }</th>
                        <th scope="col">{ t("monitor_count_sf") }</th>
                        <th scope="col">{ t("monitor_count_pending") }</th>
                        <th scope="col">{ t("monitor_count_errors") }</th>
                        <th scope="col">{ t("monitor_last_poll") }</th>
                    </tr></thead>
                    <tbody>{ for conn.mappings.iter().map(mapping_row) }</tbody>
                </table>
            }
        </>
    }
}
