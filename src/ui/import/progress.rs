//! Each imported mapping on its way to `DATA_SYNCED` (or to an error state, with the server's reason).

use crate::browser::i18n::t;
use crate::flow::import::MappingProgress;
use crate::ui::components::status_badge::StatusBadge;
use yew::prelude::*;

/// Properties of [`ImportProgress`].
#[derive(Properties, PartialEq)]
pub struct ImportProgressProps {
    /// One row per mapping of the file.
    pub rows: Vec<MappingProgress>,
}

/// A table of mapping states.
#[function_component(ImportProgress)]
pub fn import_progress(props: &ImportProgressProps) -> Html {
    let row = |p: &MappingProgress| {
        let state = match (&p.state, p.group) {
            (Some(s), Some(g)) => {
                html! { <StatusBadge state={AttrValue::from(s.clone())} group={g} /> }
            }
            _ => html! { <span class="hint">{ t("import_progress_pending") }</span> },
        };
        html! {
            <tr data-object={p.object_name.clone()} data-state={p.state.clone().unwrap_or_default()}>
                <th scope="row">{ &p.object_name }</th>
                <td>{ state }</td>
                <td>{ p.description.clone().unwrap_or_default() }</td>
            </tr>
        }
    };
    html! {
        <table class="import-progress">
            <caption>{ t("import_progress_title") }</caption>
            <tbody>{ for props.rows.iter().map(row) }</tbody>
        </table>
    }
}
