//! Step 1: the Heroku token. Checked with `GET /account`, whose email is shown once known.

use super::use_store;
use crate::browser::i18n::{t, t_with};
use crate::ui::components::token_form::TokenForm;
use yew::prelude::*;

/// The token step.
#[function_component(TokenStep)]
pub fn token_step() -> Html {
    let store = use_store();
    let state = store.state();
    let onsubmit = {
        let store = store.clone();
        Callback::from(move |(token, remember): (String, bool)| store.submit_token(token, remember))
    };
    let forget = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.forget_token())
    };
    html! {
        <>
            // After a 401 the email is kept for the context line, but that token no longer signs in.
            if let Some(email) = state.account_email.as_ref().filter(|_| state.token_present) {
                <p class="banner ok" role="status">{ t_with("token_signed_in", &[email]) }</p>
            }
            <TokenForm {onsubmit} busy={state.busy} />
            if state.token_remembered {
                <button type="button" onclick={forget}>{ t("tokenForget") }</button>
            }
            if state.busy {
                <p role="status" aria-live="polite" class="busy">{ t("token_checking") }</p>
            }
        </>
    }
}
