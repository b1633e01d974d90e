//! Step 6: authorize Salesforce. The consent page opens in a new tab (which closes the popup); the wait
//! is saved first, so whichever extension page opens next keeps checking the connection every 5 s until
//! it leaves NEED_AUTHENTICATION, for up to 15 minutes.

use super::{input_value, use_store};
use crate::browser::i18n::t;
use crate::browser::tabs;
use crate::flow::SalesforceMsg;
use crate::flow::{Action, SfEnvironment};
use yew::prelude::*;

/// Where the browser lands after consent: the full-tab page, which resumes the setup.
pub const SALESFORCE_DONE: &str = "www/app.html#/salesforce-done";

/// The Salesforce step.
#[function_component(SalesforceStep)]
pub fn salesforce_step() -> Html {
    let store = use_store();
    let state = store.state();
    let domain_input = use_node_ref();
    let choose = |environment: SfEnvironment| {
        let (store, domain_input) = (store.clone(), domain_input.clone());
        Callback::from(move |_: Event| {
            let domain = Some(input_value(&domain_input));
            store.dispatch(Action::Salesforce(SalesforceMsg::EnvironmentChosen {
                environment,
                domain,
            }))
        })
    };
    let onsubmit = {
        let (store, domain_input) = (store.clone(), domain_input.clone());
        let environment = state.sf_environment;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let domain = Some(input_value(&domain_input));
            store.dispatch(Action::Salesforce(SalesforceMsg::EnvironmentChosen {
                environment,
                domain,
            }));
            store.dispatch(Action::Salesforce(SalesforceMsg::AuthorizeRequested {
                next: tabs::web_return_url(SALESFORCE_DONE),
            }));
        })
    };
    let check_again = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Salesforce(SalesforceMsg::CheckAgain {
                now_ms: js_sys::Date::now() as u64,
            }))
        })
    };
    if state.waiting_for_salesforce() {
        return html! {
            <div class="panel" role="status" aria-live="polite">
                <progress aria-label={t("sf_waiting")}></progress>
                <p>{ t("sf_waiting") }</p>
                <p class="hint">{ t("sf_waiting_hint") }</p>
            </div>
        };
    }
    let env = state.sf_environment;
    html! {
        <form {onsubmit}>
            if state.sf_wait_expired {
                <div class="banner info" role="status">
                    <p>{ t("sf_wait_expired") }</p>
                    <button type="button" onclick={check_again}>{ t("sf_check_again") }</button>
                </div>
            }
            <fieldset>
                <legend>{ t("sf_environment") }</legend>
                <label class="check">
                    <input type="radio" name="sf-env" checked={env == SfEnvironment::Production}
                        onchange={choose(SfEnvironment::Production)} />
                    { t("sf_production") }
                </label>
                <label class="check">
                    <input type="radio" name="sf-env" checked={env == SfEnvironment::Sandbox}
                        onchange={choose(SfEnvironment::Sandbox)} />
                    { t("sf_sandbox") }
                </label>
                <label class="check">
                    <input type="radio" name="sf-env" checked={env == SfEnvironment::Custom}
                        onchange={choose(SfEnvironment::Custom)} />
                    { t("sf_custom") }
                </label>
            </fieldset>
            <label for="sf-domain" hidden={env != SfEnvironment::Custom}>{ t("sf_domain") }</label>
            <input id="sf-domain" type="text" ref={domain_input} hidden={env != SfEnvironment::Custom}
                placeholder="acme.my.salesforce.com" value={state.sf_domain.clone().unwrap_or_default()} />
            <p class="hint">{ t("sf_intro") }</p>
            <button type="submit" class="primary" disabled={state.busy}>{ t("sf_authorize") }</button>
        </form>
    }
}
