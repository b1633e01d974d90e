//! The connection at a glance: its state with a human label and group, the Salesforce org and
//! user, the database key and schema, and a switcher between the app's connections. State changes
//! are announced politely to screen readers.

use crate::api::model::Connection;
use crate::browser::i18n::t;
use crate::flow::monitor::state_label_key;
use crate::flow::ConnectionMsg;
use crate::flow::{Action, Step};
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::steps::{select_value, use_store};
use yew::prelude::*;

fn connection_name(c: &Connection) -> String {
    let name = c
        .name
        .clone()
        .or_else(|| c.app_name.clone())
        .unwrap_or_else(|| c.id.clone());
    match &c.resource_name {
        Some(r) => format!("{name} ({r})"),
        None => name,
    }
}

/// State, org, database and the connection switcher.
#[function_component(ConnectionCard)]
pub fn connection_card() -> Html {
    let store = use_store();
    let state = store.state();
    let picker = use_node_ref();
    let Some(conn) = state.connection() else {
        return html! { <p>{ t("connection_none") }</p> };
    };
    let conn_state = conn.state_or_unknown();
    let raw = conn_state.as_str().to_owned();
    let label = t(&state_label_key(&raw));
    let sf = conn.sf_info.clone().unwrap_or_default();
    let org = conn
        .organization_id
        .clone()
        .or(sf.organization_id.clone())
        .unwrap_or_else(|| "—".into());
    let onswitch = {
        let (store, picker) = (store.clone(), picker.clone());
        Callback::from(move |_: Event| {
            let id = select_value(&picker);
            if !id.is_empty() {
                store.dispatch(Action::Connection(ConnectionMsg::Chosen(id)));
            }
        })
    };
    let other_app = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::GoTo(Step::App)))
    };
    html! {
        <section class="connection-card" aria-labelledby="monitor-conn-title">
            <h2 id="monitor-conn-title">{ connection_name(conn) }</h2>
            <div class="switcher">
                if state.connections.len() > 1 {
                    <label for="monitor-connection">{ t("monitor_switch_connection") }</label>
                    <select id="monitor-connection" ref={picker} onchange={onswitch}>
                        { for state.connections.iter().map(|c| html! {
                            <option value={c.id.clone()} selected={c.id == conn.id}>{ connection_name(c) }</option>
                        }) }
                    </select>
                }
                <button type="button" class="link" onclick={other_app}>
                    { t("monitor_other_app") }
                </button>
            </div>
            <dl class="facts">
                <dt>{ t("monitor_state") }</dt>
                <dd>
                    <StatusBadge state={raw.clone()} group={conn_state.group()} />
                    { " " }<span class="state-label" data-testid="connection-state-label">{ label.clone() }</span>
                </dd>
                <dt>{ t("monitor_org") }</dt>
                <dd>
                    { sf.username.clone().unwrap_or_else(|| "—".into()) }
                    { " · " }<span class="hint">{ org }</span>
                    if let Some(v) = conn.sf_api_version() {
                        { " · " }{ crate::browser::i18n::t_with("monitor_api_version_is", &[v]) }
                    }
                </dd>
                <dt>{ t("monitor_database") }</dt>
                <dd>{ format!("{} → {}", conn.db_key.clone().unwrap_or_else(|| "—".into()),
                    conn.schema_name.clone().unwrap_or_else(|| "—".into())) }</dd>
            </dl>
            <p class="visually-hidden" style={crate::ui::monitor::VISUALLY_HIDDEN} role="status" aria-live="polite" data-testid="monitor-announce">
                { crate::browser::i18n::t_with("monitor_announce_state", &[&label, &raw]) }
            </p>
        </section>
    }
}
