//! The mappings table: object, state (symbol, raw state, group and human label: never colour
//! alone), counts, last poll times, and each mapping's actions with the reason a disabled one is
//! refused. Reload is asked of the flow here (its progress is the setup state's, so it outlives the
//! popup); details, edit and delete open a panel through `onselect`.

use super::operation::OperationStatus;
use crate::api::model::{Mapping, MappingState, StateGroup};
use crate::browser::i18n::t;
use crate::flow::monitor::{
    column_label_properties, mapping_controls, state_label_key, MappingControl,
};
use crate::flow::operation::OpKind;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::nothing;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::when::when;
use crate::ui::steps::use_store;
use yew::prelude::*;

/// Properties of [`MappingsTable`].
#[derive(Properties, PartialEq)]
pub struct MappingsTableProps {
    /// Opens a panel for a mapping id: details, edit or delete.
    pub onselect: Callback<(String, MappingControl)>,
}

/// A mapping control's place in [`CONTROL_KEYS`].
fn control_index(c: MappingControl) -> usize {
    match c {
        MappingControl::Details => 0,
        MappingControl::Reload => 1,
        MappingControl::Edit => 2,
        MappingControl::Delete => 3,
    }
}

/// The buttons' messages, in [`control_index`] order.
const CONTROL_KEYS: [&str; 4] = [
    "monitor_mapping_details",
    "monitor_mapping_reload",
    "monitor_mapping_edit",
    "monitor_mapping_delete",
];

fn count(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

/// The table of the chosen connection's mappings.
#[function_component(MappingsTable)]
pub fn mappings_table(props: &MappingsTableProps) -> Html {
    let store = use_store();
    // Borrowed from the shared state: with hundreds of mappings, a copy per render would cost more
    // than the render itself.
    let state = store.state();
    let Some(conn) = state.connection() else {
        return nothing();
    };
    let conn_state = conn.state_or_unknown();
    let operating = state
        .operation
        .as_ref()
        .is_some_and(|op| op.awaiting_answer());
    if conn.mappings.is_empty() {
        return html! { <p>{ t("monitor_no_mappings") }</p> };
    }
    // The buttons' words and the column names of cells 3 to 8, looked up once, not once per row. The
    // popup lays each mapping out as a card of labelled lines (styles.css); the names reach its CSS
    // once, as properties on the table, so hundreds of rows add no attribute per cell.
    let control_text = CONTROL_KEYS.map(t);
    let labels: [String; 6] = [
        "monitor_count_db",
        "monitor_count_sf",
        "monitor_count_pending",
        "monitor_count_errors",
        "monitor_last_poll",
        "monitor_last_db_poll",
    ]
    .map(t);
    let row = |m: &Mapping| {
        let mstate = m.state.clone().unwrap_or(MappingState::Other("?".into()));
        let raw = mstate.as_str().to_owned();
        let group = m.state.as_ref().map_or(StateGroup::Unknown, |s| s.group());
        let counts = m.counts.clone().unwrap_or_default();
        let times = m.times.clone().unwrap_or_default();
        let buttons = mapping_controls(&conn_state, m.state.as_ref())
            .into_iter()
            .map(|(c, reason)| {
                let onclick = {
                    let (store, onselect) = (store.clone(), props.onselect.clone());
                    let (id, object_name) = (m.id.clone(), m.object_name.clone());
                    Callback::from(move |_: MouseEvent| {
                        if c != MappingControl::Reload {
                            return onselect.emit((id.clone(), c));
                        }
                        store.dispatch(Action::Monitor(MonitorMsg::OperationRequested(
                            OpKind::Reload {
                                mapping_id: id.clone(),
                                object_name: object_name.clone(),
                            },
                        )));
                    })
                };
                let text = &control_text[control_index(c)];
                let label = format!("{text} {}", m.object_name);
                html! {
                    <>
                        <button type="button" {onclick} disabled={reason.is_some() || operating}
                            aria-label={label}>{ text.clone() }</button>
                        if let Some(r) = reason {
                            <span class="reason hint">{ t(r) }</span>
                        }
                    </>
                }
            });
        html! {
            <tr data-object={m.object_name.clone()}>
                <th scope="row">{ m.object_name.clone() }</th>
                <td>
                    <StatusBadge state={raw.clone()} {group} />
                    <br /><span class="state-label">{ t(&state_label_key(&raw)) }</span>
                </td>
                <td class="count">{ count(counts.db) }</td>
                <td class="count">{ count(counts.sf) }</td>
                <td class="count">{ count(counts.pending) }</td>
                <td class="count">{ count(counts.errors) }</td>
                <td>{ when(times.sf_poll.as_ref()) }</td>
                <td>{ when(times.db_poll.as_ref()) }</td>
                <td class="row-actions">{ for buttons }</td>
            </tr>
        }
    };
    html! {
        <>
            // The table scrolls inside its own box, so a narrow window does not scroll sideways.
            <div class="table-scroll">
            <table class="mappings" style={column_label_properties(3, &labels)}>
                <caption>{ t("monitor_mappings") }</caption>
                <thead><tr>
                    <th scope="col">{ t("monitor_object") }</th>
                    <th scope="col">{ t("monitor_state") }</th>
                    { for labels.iter().map(|l| html! { <th scope="col">{ l.clone() }</th> }) }
                    <th scope="col">{ t("monitor_mapping_actions") }</th>
                </tr></thead>
                <tbody>{ for conn.mappings.iter().map(row) }</tbody>
            </table>
            </div>
            <OperationStatus mapping={true} />
        </>
    }
}
