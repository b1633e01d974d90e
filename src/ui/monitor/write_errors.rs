//! Write errors of the last 24 hours (`connect:write-errors`, `connect:mapping:write-errors`):
//! loaded when asked, since each load is one request of the daily budget. The lists and their
//! reads are the flow's (`flow::write_errors`), so a reopened tab shows them as last read.

use super::store_ext::error_text;
use crate::api::model::Mapping;
use crate::browser::i18n::{t, t_with};
use crate::flow::reads::Listing;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::when::when;
use crate::ui::steps::use_store;
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
    let scope = props.mapping.as_ref().map(|m| m.id.clone());
    let state = store.state();
    let list = state.tab.write_errors.of(&scope);
    let busy = state.tab.write_errors.loading(&scope);
    let onload = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Monitor(MonitorMsg::WriteErrorsRequested(
                scope.clone(),
            )))
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
            <button type="button" id={button_id.clone()} onclick={onload} disabled={busy}
                aria-labelledby={format!("{button_id} {title_id}")}>
                { t("monitor_load_write_errors") }
            </button>
            { match list {
                None => Html::default(),
                Some(Listing::Loading) => html! { <p role="status">{ t("monitor_working") }</p> },
                Some(Listing::Failed(e)) => html! { <p role="alert">{ error_text(e) }</p> },
                Some(Listing::Loaded(v)) if v.is_empty() => html! { <p role="status">{ t("monitor_no_write_errors") }</p> },
                Some(Listing::Loaded(v)) => html! {
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
