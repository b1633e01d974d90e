//! Step 1: the Heroku token. Checked with `GET /account`, whose email is shown once known.

use super::use_store;
use crate::browser::i18n::{t, t_with};
use crate::ui::components::token_form::TokenForm;
use yew::prelude::*;

/// The token step.
#[function_component(TokenStep)]
pub fn token_step() -> Html {
    let store = use_store();
    let state = store.state().clone();
    let onsubmit = {
        let store = store.clone();
        Callback::from(move |(token, remember): (String, bool)| store.submit_token(token, remember))
    };
    html! {
        <>
            if let Some(email) = &state.account_email {
                <p class="banner ok" role="status">{ t_with("token_signed_in", &[email]) }</p>
            }
            <TokenForm {onsubmit} busy={state.busy} />
            if state.busy {
                <p role="status" aria-live="polite" class="busy">{ t("token_checking") }</p>
            }
        </>
    }
}
