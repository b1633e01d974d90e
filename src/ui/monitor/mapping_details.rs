//! One mapping in full: its config, counts and times, its write errors and its own diagnosis
//! (`connect:mapping:diagnose`), and delete, which asks the user to type the object name first and
//! is then the flow's (`flow::operation`).

use super::diagnose::check_list;
use super::store_ext::error_text;
use super::write_errors::WriteErrors;
use crate::api::model::Mapping;
use crate::browser::i18n::{t, t_with};
use crate::flow::diagnose::report;
use crate::flow::monitor::delete_confirmed;
use crate::flow::operation::{OpKind, OpStage};
use crate::flow::reads::Listing;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::when::when;
use crate::ui::steps::{input_value, use_store};
use yew::prelude::*;

/// Properties of [`MappingDetails`].
#[derive(Properties, PartialEq)]
pub struct MappingDetailsProps {
    /// The mapping shown.
    pub mapping: Mapping,
    /// Open straight on the delete confirmation.
    #[prop_or_default]
    pub delete: bool,
    /// Closes the panel (also after a delete).
    pub onclose: Callback<()>,
}

/// Details, write errors, diagnosis and delete of one mapping.
#[function_component(MappingDetails)]
pub fn mapping_details(props: &MappingDetailsProps) -> Html {
    let store = use_store();
    let typed = use_state(String::new);
    let confirm_ref = use_node_ref();
    let m = props.mapping.clone();
    let counts = m.counts.clone().unwrap_or_default();
    let times = m.times.clone().unwrap_or_default();
    let config = serde_json::to_string_pretty(&m.config).unwrap_or_default();
    let oninput = {
        let (typed, r) = (typed.clone(), confirm_ref.clone());
        Callback::from(move |_: InputEvent| typed.set(input_value(&r)))
    };
    let ondelete = {
        let (store, m) = (store.clone(), m.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            store.dispatch(Action::Monitor(MonitorMsg::OperationRequested(
                OpKind::Delete {
                    mapping_id: m.id.clone(),
                    object_name: m.object_name.clone(),
                },
            )));
        })
    };
    // The deletion is the flow's (`flow::operation`); the line under the mappings table says how
    // it went, and the panel closes once the mapping is gone.
    let state = store.state();
    let deletion = state
        .operation
        .as_ref()
        .filter(|op| matches!(&op.kind, OpKind::Delete { mapping_id, .. } if *mapping_id == m.id));
    let deleting = deletion.is_some_and(|op| op.in_flight());
    let deleted = deletion.is_some_and(|op| op.stage == OpStage::Finished);
    {
        let onclose = props.onclose.clone();
        use_effect_with(deleted, move |deleted| {
            if *deleted {
                onclose.emit(());
            }
        });
    }
    let ondiagnose = {
        let (store, id) = (store.clone(), m.id.clone());
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Monitor(MonitorMsg::MappingDiagnoseRequested(
                id.clone(),
            )))
        })
    };
    let diag = state.tab.mapping_diagnoses.of(&m.id);
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let n = |v: Option<i64>| v.map_or("—".to_owned(), |v| v.to_string());
    html! {
        <section class="panel mapping-details" aria-labelledby="mapping-details-title">
            <h3 id="mapping-details-title" tabindex="-1">{ t_with("monitor_details_of", &[&m.object_name]) }</h3>
            <p>{ m.state_description.clone().unwrap_or_default() }</p>
            <dl class="facts">
                <dt>{ t("monitor_count_db") }</dt><dd>{ n(counts.db) }</dd>
                <dt>{ t("monitor_count_sf") }</dt><dd>{ n(counts.sf) }</dd>
                <dt>{ t("monitor_count_pending") }</dt><dd>{ n(counts.pending) }</dd>
                <dt>{ t("monitor_count_errors") }</dt><dd>{ n(counts.errors) }</dd>
                <dt>{ t("monitor_time_sf_poll") }</dt><dd>{ when(times.sf_poll.as_ref()) }</dd>
                <dt>{ t("monitor_time_sf_write") }</dt><dd>{ when(times.sf_write.as_ref()) }</dd>
                <dt>{ t("monitor_time_db_poll") }</dt><dd>{ when(times.db_poll.as_ref()) }</dd>
                <dt>{ t("monitor_time_db_write") }</dt><dd>{ when(times.db_write.as_ref()) }</dd>
            </dl>
            <details>
                <summary>{ t("monitor_config") }</summary>
                <pre data-testid="mapping-config">{ config }</pre>
            </details>
            <WriteErrors mapping={Some(m.clone())} />
            <button type="button" onclick={ondiagnose} disabled={state.tab.mapping_diagnoses.loading(&m.id)}>{ t("monitor_mapping_diagnose") }</button>
            { match diag {
                Some(Listing::Loaded(r)) => check_list(&report(r)),
                Some(Listing::Failed(e)) => html! { <p role="alert">{ error_text(e) }</p> },
                Some(Listing::Loading) => html! { <p role="status">{ t("monitor_working") }</p> },
                None => Html::default(),
            } }
            if props.delete {
                <form class="danger" onsubmit={ondelete}>
                    <p>{ t_with("monitor_delete_warning", &[&m.object_name]) }</p>
                    <label for="monitor-delete-confirm">{ t_with("monitor_delete_type", &[&m.object_name]) }</label>
                    <input id="monitor-delete-confirm" type="text" ref={confirm_ref} {oninput} autocomplete="off" />
                    <button type="submit" class="danger"
                        disabled={!delete_confirmed(&typed, &m.object_name) || deleting}>
                        { t_with("monitor_delete_confirm", &[&m.object_name]) }
                    </button>
                </form>
            }
            <button type="button" onclick={onclose}>{ t("monitor_close") }</button>
        </section>
    }
}
