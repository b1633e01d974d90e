//! `connect:manage-sf-api-version`: preview what a Salesforce API version change does to each
//! mapping (`schema-diff`), then switch, which the contract allows only while `PAUSED` and only
//! without unsafe changes. The rules are `flow::monitor::api_version_change_block` and
//! `flow::diagnose::switch_allowed`; the server's 409 is shown as it comes when they disagree. The
//! switch itself is the flow's (`flow::operation`), so a page opened again shows how it went.

use super::operation::OperationStatus;
use super::store_ext::Call;
use crate::api::model::SchemaDiff;
use crate::browser::i18n::{t, t_with};
use crate::flow::diagnose::{offered_versions, switch_allowed, target_version, verdicts};
use crate::flow::monitor::api_version_change_block;
use crate::flow::operation::OpKind;
use crate::flow::Action;
use crate::ui::components::nothing;
use crate::ui::steps::{input_value, use_store};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

fn diff_view(diff: &SchemaDiff) -> Html {
    html! {
        <>
            <p>{ t_with("monitor_diff_versions", &[
                diff.current_api_version.as_deref().unwrap_or("—"),
                diff.target_api_version.as_deref().or(diff.target_version.as_deref()).unwrap_or("—"),
            ]) }</p>
            if diff.mappings.is_empty() {
                <p>{ t("monitor_diff_none") }</p>
            }
            <ul class="diff-list">{ for verdicts(diff).into_iter().map(|(name, v, msg)| html! {
                <li><strong>{ name }</strong>{ ": " }{ t(v.key()) }{ " " }{ msg.unwrap_or_default() }</li>
            }) }</ul>
        </>
    }
}

/// Version preview and switch.
#[function_component(ApiVersion)]
pub fn api_version() -> Html {
    let store = use_store();
    let input = use_node_ref();
    let preview = use_state(|| Call::<SchemaDiff>::Idle);
    let Some(conn) = store.state().connection().cloned() else {
        return nothing();
    };
    let block = api_version_change_block(&conn);
    let read_target = {
        let input = input.clone();
        move || target_version(&input_value(&input))
    };
    let onpreview = {
        let (store, preview, read_target) = (store.clone(), preview.clone(), read_target.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(target) = read_target() else {
                return preview.set(Call::Failed(t("monitor_api_version_invalid")));
            };
            let Some((client, conn)) = store.monitor_target() else {
                return;
            };
            preview.set(Call::Busy);
            let preview = preview.clone();
            spawn_local(async move {
                preview.set(Call::from_result(client.schema_diff(&conn, &target).await))
            });
        })
    };
    let onchange = {
        let (store, read_target) = (store.clone(), read_target.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(target) = read_target() {
                store.dispatch(Action::OperationRequested(OpKind::ApiVersion { target }));
            }
        })
    };
    let changing = store
        .state()
        .operation
        .as_ref()
        .is_some_and(|op| op.awaiting_answer());
    let allowed = matches!(&*preview, Call::Done(d) if switch_allowed(d));
    html! {
        <section class="api-version" aria-labelledby="monitor-api-version-title">
            <h3 id="monitor-api-version-title">{ t("monitor_api_version") }</h3>
            <p>{ t_with("monitor_api_version_is", &[conn.sf_api_version().unwrap_or("—")]) }</p>
            <form onsubmit={onpreview}>
                <label for="monitor-api-target">{ t("monitor_api_version_target") }</label>
                <input id="monitor-api-target" type="text" list="monitor-api-versions" ref={input} inputmode="decimal" />
                <datalist id="monitor-api-versions">
                    { for offered_versions().into_iter().map(|v| html! { <option value={v} /> }) }
                </datalist>
                <button type="submit" disabled={preview.busy()}>{ t("monitor_api_version_preview") }</button>
            </form>
            { match &*preview {
                Call::Idle => Html::default(),
                Call::Busy => html! { <p role="status">{ t("monitor_working") }</p> },
                Call::Failed(e) => html! { <p role="alert">{ e.clone() }</p> },
                Call::Done(d) => diff_view(d),
            } }
            if let Call::Done(d) = &*preview {
                if !switch_allowed(d) {
                    <p class="reason">{ t("monitor_api_version_unsafe") }</p>
                }
                <button type="button" onclick={onchange} disabled={block.is_some() || !allowed || changing}
                    aria-describedby={block.map(|_| "monitor-api-version-reason")}>
                    { t("monitor_api_version_change") }
                </button>
                if let Some(reason) = block {
                    <span class="reason hint" id="monitor-api-version-reason">{ t(reason) }</span>
                }
            }
            <OperationStatus mapping={false} />
        </section>
    }
}
