//! `connect:manage-sf-api-version`: preview what a Salesforce API version change does to each
//! mapping (`schema-diff`), then switch, which the contract allows only while `PAUSED` and only
//! without unsafe changes. The rules are `flow::monitor::api_version_change_block` and
//! `flow::diagnose::switch_allowed`; the server's 409 is shown as it comes when they disagree. The
//! switch itself is the flow's (`flow::operation`), so a page opened again shows how it went.

use super::operation::OperationStatus;
use super::store_ext::error_text;
use crate::api::model::SchemaDiff;
use crate::browser::i18n::{t, t_with};
use crate::flow::diagnose::{offered_versions, switch_allowed, target_version, verdicts};
use crate::flow::monitor::api_version_change_block;
use crate::flow::operation::OpKind;
use crate::flow::reads::Listing;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::nothing;
use crate::ui::steps::{input_value, use_store};
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
    // A typed target that is no version is said here; the preview itself is the flow's.
    let invalid = use_state(|| false);
    let state = store.state();
    let Some(conn) = state.connection() else {
        return nothing();
    };
    let block = api_version_change_block(conn);
    let read_target = {
        let input = input.clone();
        move || target_version(&input_value(&input))
    };
    let onpreview = {
        let (store, invalid, read_target) = (store.clone(), invalid.clone(), read_target.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let target = read_target();
            invalid.set(target.is_none());
            if let Some(target) = target {
                store.dispatch(Action::Monitor(MonitorMsg::ApiVersionPreviewRequested(
                    target,
                )));
            }
        })
    };
    let latest = state.tab.schema_diffs.latest();
    let preview = latest.map(|(_, l)| l).filter(|_| !*invalid);
    // The change asks for the version previewed, whatever the field holds since.
    let previewed = latest.map(|(target, _)| target.clone());
    let onchange = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(target) = previewed.clone() {
                store.dispatch(Action::Monitor(MonitorMsg::OperationRequested(
                    OpKind::ApiVersion { target },
                )));
            }
        })
    };
    let changing = state
        .operation
        .as_ref()
        .is_some_and(|op| op.awaiting_answer());
    let allowed = matches!(preview, Some(Listing::Loaded(d)) if switch_allowed(d));
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
                <button type="submit" disabled={matches!(preview, Some(Listing::Loading))}>{ t("monitor_api_version_preview") }</button>
            </form>
            { match preview {
                None if *invalid => html! { <p role="alert">{ t("monitor_api_version_invalid") }</p> },
                None => Html::default(),
                Some(Listing::Loading) => html! { <p role="status">{ t("monitor_working") }</p> },
                Some(Listing::Failed(e)) => html! { <p role="alert">{ error_text(e) }</p> },
                Some(Listing::Loaded(d)) => diff_view(d),
            } }
            if let Some(Listing::Loaded(d)) = preview {
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
