//! Step 2: Postgres and Heroku Connect on the app. Missing add-ons are created after the user picks a
//! plan and confirms; provisioning progress is polled until both are ready.

use super::{select_value, use_store};
use crate::browser::i18n::{t, t_with};
use crate::flow::effect::Effect;
use crate::flow::steps::addons::{progress, AddonKind, AddonProgress};
use crate::flow::Action;
use crate::flow::AddonsMsg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct AddonRowProps {
    kind: AddonKind,
}

#[function_component(AddonRow)]
fn addon_row(props: &AddonRowProps) -> Html {
    let store = use_store();
    let state = store.state();
    let confirming = use_state(|| false);
    let plan_select = use_node_ref();
    let kind = props.kind;
    let (name_key, chosen) = match kind {
        AddonKind::Postgres => ("addon_postgres", state.postgres_plan.clone()),
        AddonKind::Connect => ("addon_connect", state.connect_plan.clone()),
    };
    let status = progress(&state.addons, kind);
    let (status_text, class) = match &status {
        AddonProgress::Missing => (t("addon_missing"), "missing"),
        AddonProgress::Provisioning => (t("addon_provisioning"), "busy"),
        AddonProgress::Provisioned => (t("addon_provisioned"), "ok"),
        AddonProgress::Other(s) => (s.clone(), "error"),
    };
    let onplan = {
        let (store, plan_select) = (store.clone(), plan_select.clone());
        Callback::from(move |_: Event| {
            store.dispatch(Action::Addons(AddonsMsg::PlanChosen {
                kind,
                plan: select_value(&plan_select),
            }))
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let create = {
        let (store, confirming) = (store.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            store.dispatch(Action::Addons(AddonsMsg::CreateRequested(kind)));
        })
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let app = state.app_name().unwrap_or_default().to_owned();
    html! {
        <li class={classes!("addon", class)}>
            <p><strong>{ t(name_key) }</strong>{ " — " }<span class="state">{ status_text }</span></p>
            if status == AddonProgress::Provisioning {
                <progress aria-label={t("addon_provisioning")}></progress>
            }
            if status == AddonProgress::Missing {
                <label for={format!("plan-{name_key}")}>{ t("addon_plan") }</label>
                <select id={format!("plan-{name_key}")} ref={plan_select} onchange={onplan}>
                    { for kind.plans().iter().map(|p| html! {
                        <option value={*p} selected={*p == chosen}>{ *p }</option>
                    }) }
                </select>
                if *confirming {
                    <p class="confirm">{ t_with("addon_confirm", &[&chosen, &app]) }</p>
                    <button type="button" class="primary" onclick={create} disabled={state.busy}>{ t("addon_confirm_button") }</button>
                    <button type="button" onclick={cancel}>{ t("cancel") }</button>
                } else {
                    <button type="button" onclick={ask} disabled={state.busy}>{ t_with("addon_add", &[t(name_key).as_str()]) }</button>
                }
            }
        </li>
    }
}

/// The add-ons step.
#[function_component(AddonsStep)]
pub fn addons_step() -> Html {
    let store = use_store();
    let state = store.state();
    let refresh = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(app) = store.state().app_name().map(str::to_owned) {
                store.run(Effect::LoadAddons(app));
            }
        })
    };
    html! {
        <>
            <p>{ t_with("addons_intro", &[state.app_name().unwrap_or_default()]) }</p>
            <ul class="addons" aria-live="polite">
                <AddonRow kind={AddonKind::Postgres} />
                <AddonRow kind={AddonKind::Connect} />
            </ul>
            <button type="button" onclick={refresh} disabled={state.busy}>{ t("refresh") }</button>
        </>
    }
}
