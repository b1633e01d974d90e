//! Write errors of the last 24 hours (`connect:write-errors`, `connect:mapping:write-errors`):
//! loaded when asked, since each load is one request of the daily budget.

use super::store_ext::Call;
use crate::api::model::{Mapping, WriteError};
use crate::browser::i18n::{t, t_with};
use crate::ui::components::when::when;
use crate::ui::steps::use_store;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Properties of [`WriteErrors`].
#[derive(Properties, PartialEq)]
pub struct WriteErrorsProps {
    /// One mapping's errors, or the whole connection's when `None`.
    #[prop_or_default]
    pub mapping: Option<Mapping>,
}

/// A button that loads the write errors, and their list.
#[function_component(WriteErrors)]
pub fn write_errors(props: &WriteErrorsProps) -> Html {
    let store = use_store();
    let list = use_state(|| Call::<Vec<WriteError>>::Idle);
    let onload = {
        let (store, list, mapping) = (store.clone(), list.clone(), props.mapping.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((client, conn)) = store.monitor_target() else {
                return;
            };
            list.set(Call::Busy);
            let (list, mapping) = (list.clone(), mapping.clone());
            spawn_local(async move {
                let r = match &mapping {
                    Some(m) => client.mapping_write_errors(&conn, m).await,
                    None => client.write_errors(&conn).await,
                };
                list.set(Call::from_result(r.map(|l| l.results)));
            });
        })
    };
    let (title, id) = match &props.mapping {
        Some(m) => (
            t_with("monitor_write_errors_of", &[&m.object_name]),
            format!("write-errors-{}", m.id),
        ),
        None => (t("monitor_write_errors"), "write-errors".to_owned()),
    };
    let (title_id, button_id) = (format!("{id}-title"), format!("{id}-load"));
    html! {
        <section class="write-errors" aria-labelledby={title_id.clone()}>
            <h3 id={title_id.clone()}>{ title }</h3>
            // Named by its own text and then the section's title: the visible words come first
            // (WCAG 2.5.3), and the connection's button and a mapping's stay distinguishable.
            <button type="button" id={button_id.clone()} onclick={onload} disabled={list.busy()}
                aria-labelledby={format!("{button_id} {title_id}")}>
                { t("monitor_load_write_errors") }
            </button>
            { match &*list {
                Call::Idle => Html::default(),
                Call::Busy => html! { <p role="status">{ t("monitor_working") }</p> },
                Call::Failed(e) => html! { <p role="alert">{ e.clone() }</p> },
                Call::Done(v) if v.is_empty() => html! { <p role="status">{ t("monitor_no_write_errors") }</p> },
                Call::Done(v) => html! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby={title_id.clone()}>
                        <table class="write-errors-list">
                            <thead><tr>
                                <th scope="col">{ t("monitor_when") }</th>
                                <th scope="col">{ t("monitor_table") }</th>
                                <th scope="col">{ t("monitor_record") }</th>
                                <th scope="col">{ t("monitor_message") }</th>
                            </tr></thead>
                            <tbody>{ for v.iter().map(|e| html! {
                                <tr>
                                    <td>{ when(e.created_at.as_ref()) }</td>
                                    <td>{ e.table_name.clone().unwrap_or_default() }</td>
                                    <td>{ e.record_id.as_ref().map(|r| r.to_string()).unwrap_or_default() }</td>
                                    <td>{ e.message.clone().unwrap_or_default() }</td>
                                </tr>
                            }) }</tbody>
                        </table>
                    </div>
                },
            } }
        </section>
    }
}
