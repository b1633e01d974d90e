//! Step 2: which Heroku app. Prefilled from the dashboard tab when there is one, else the last used
//! app; otherwise a pick-list of the user's apps, or a new app.

use super::{input_value, select_value, use_store};
use crate::browser::i18n::{t, t_with};
use crate::flow::{Action, AppSource};
use yew::prelude::*;

/// The app step.
#[function_component(AppStep)]
pub fn app_step() -> Html {
    let store = use_store();
    let state = store.state();
    let picker = use_node_ref();
    let new_name = use_node_ref();
    let new_region = use_node_ref();

    let detected = state.app.clone().map(|app| {
        let key = match app.source {
            AppSource::DashboardTab => "app_from_dashboard",
            AppSource::LastUsed => "app_last_used",
            AppSource::Picked | AppSource::Created => "app_chosen",
        };
        let onclick = {
            let store = store.clone();
            let (name, source) = (app.name.clone(), app.source);
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::AppChosen {
                    name: name.clone(),
                    source,
                })
            })
        };
        html! {
            <div class="panel">
                <p>{ t_with(key, &[&app.name]) }</p>
                <button type="button" class="primary" {onclick} disabled={state.busy}>
                    { t_with("app_continue_with", &[&app.name]) }
                </button>
            </div>
        }
    });
    let onpick = {
        let (store, picker) = (store.clone(), picker.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = select_value(&picker);
            if !name.is_empty() {
                store.dispatch(Action::AppChosen {
                    name,
                    source: AppSource::Picked,
                });
            }
        })
    };
    let oncreate = {
        let (store, new_name, new_region) = (store.clone(), new_name.clone(), new_region.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value(&new_name).trim().to_owned();
            let region = select_value(&new_region);
            store.dispatch(Action::AppCreateRequested {
                name: (!name.is_empty()).then_some(name),
                region: if region.is_empty() {
                    "us".to_owned()
                } else {
                    region
                },
            });
        })
    };
    let selected = state.picker_app();
    html! {
        <>
            { detected.unwrap_or_default() }
            <form onsubmit={onpick}>
                <label for="app-picker">{ t("app_pick") }</label>
                <select id="app-picker" ref={picker} disabled={state.apps.is_empty()}>
                    if state.apps.is_empty() {
                        <option value="">{ t("loading") }</option>
                    }
                    { for state.apps.iter().map(|a| {
                        let region = a.region_name().unwrap_or("?").to_owned();
                        // Every option says whether it is the one: left to itself, the browser picks
                        // when the placeholder option goes away (Firefox picked the last app).
                        let selected = selected == Some(a.name.as_str());
                        html! { <option value={a.name.clone()} {selected}>{ format!("{} ({region})", a.name) }</option> }
                    }) }
                </select>
                <button type="submit" disabled={state.busy || state.apps.is_empty()}>{ t("app_use_selected") }</button>
            </form>
            <details>
                <summary>{ t("app_create") }</summary>
                <form onsubmit={oncreate}>
                    <label for="new-app-name">{ t("app_new_name") }</label>
                    <input id="new-app-name" type="text" ref={new_name} placeholder={t("app_new_name_hint")}
                        pattern="[a-z][a-z0-9-]{1,28}[a-z0-9]" />
                    <label for="new-app-region">{ t("app_new_region") }</label>
                    <select id="new-app-region" ref={new_region}>
                        <option value="us">{ t("region_us") }</option>
                        <option value="eu">{ t("region_eu") }</option>
                    </select>
                    <button type="submit" class="primary" disabled={state.busy}>{ t("app_create_button") }</button>
                </form>
            </details>
        </>
    }
}
