//! Step 1: which Heroku app. Prefilled from the dashboard tab when there is one, else the last used
//! app; otherwise a pick-list of the user's apps, or a new app. When Heroku refused the app to this
//! user, it says why and offers the ways out instead of the app.

use super::{input_value, select_value, use_store};
use crate::browser::i18n::{t, t_with};
use crate::flow::access::Denial;
use crate::flow::app_url::dashboard_access_url;
use crate::flow::AppMsg;
use crate::flow::{Action, AppSource, State};
use crate::ui::store::Store;
use yew::prelude::*;

/// Why the chosen app cannot be set up by this user, and the ways out: its owner (through the
/// app's Access page), another app, or another token. No button here repeats the refused call.
fn denied_panel(store: &Store, state: &State, denial: Denial, app: &str) -> Html {
    let email = state.account_email.clone().unwrap_or_default();
    let other_token = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.forget_token())
    };
    let (cause, way_out) = match denial {
        Denial::NoAppAccess => (
            t_with("app_no_access", &[&email, app]),
            html! {
                <>
                    <p>{ t("app_no_access_way_out") }</p>
                    <p><a href={dashboard_access_url(app)} target="_blank" rel="noopener noreferrer">{ t_with("app_access_page", &[app]) }</a></p>
                </>
            },
        ),
        Denial::NoSuchApp => (t_with("app_no_such_app", &[&email, app]), Html::default()),
    };
    html! {
        <div class="panel denied">
            <p>{ cause }</p>
            { way_out }
            <button type="button" class="primary" onclick={other_token} disabled={state.busy}>{ t("app_other_token") }</button>
        </div>
    }
}

/// The app step.
#[function_component(AppStep)]
pub fn app_step() -> Html {
    let store = use_store();
    let state = store.state();
    let picker = use_node_ref();
    let new_name = use_node_ref();
    let new_region = use_node_ref();

    let denied = state
        .app_denied
        .zip(state.app_name())
        .map(|(denial, app)| denied_panel(&store, &state, denial, app));
    let detected = state.app.clone().filter(|_| denied.is_none()).map(|app| {
        let key = match app.source {
            AppSource::DashboardTab => "app_from_dashboard",
            AppSource::LastUsed => "app_last_used",
            AppSource::Picked | AppSource::Created => "app_chosen",
        };
        let onclick = {
            let store = store.clone();
            let (name, source) = (app.name.clone(), app.source);
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::App(AppMsg::Chosen {
                    name: name.clone(),
                    source,
                }))
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
                store.dispatch(Action::App(AppMsg::Chosen {
                    name,
                    source: AppSource::Picked,
                }));
            }
        })
    };
    let oncreate = {
        let (store, new_name, new_region) = (store.clone(), new_name.clone(), new_region.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value(&new_name).trim().to_owned();
            let region = select_value(&new_region);
            store.dispatch(Action::App(AppMsg::CreateRequested {
                name: (!name.is_empty()).then_some(name),
                region: if region.is_empty() {
                    "us".to_owned()
                } else {
                    region
                },
            }));
        })
    };
    let selected = state.picker_app();
    html! {
        <>
            { denied.or(detected).unwrap_or_default() }
            <form onsubmit={onpick}>
                <label for="app-picker">{ t("app_pick") }</label>
                <select id="app-picker" ref={picker} disabled={state.apps.is_empty()}>
                    if state.apps.is_empty() {
                        <option value="">{ t(if state.apps_loaded { "app_none" } else { "loading" }) }</option>
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
