//! Step 3: put the user on the Connect add-on's access list (`POST /auth/<app>`). A new add-on starts
//! with an empty list, so even the app's owner gets 403 until this is done.

use super::use_store;
use crate::browser::i18n::{t, t_with};
use crate::flow::Action;
use crate::flow::LinkMsg;
use yew::prelude::*;

/// The link step.
#[function_component(LinkStep)]
pub fn link_step() -> Html {
    let store = use_store();
    let state = store.state();
    let onclick = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Link(LinkMsg::Requested)))
    };
    let email = state.account_email.clone().unwrap_or_default();
    html! {
        <>
            <p>{ t_with("link_intro", &[&email, state.app_name().unwrap_or_default()]) }</p>
            <button type="button" class="primary" {onclick} disabled={state.busy}>{ t("link_button") }</button>
        </>
    }
}
