//! The options page: discovery flow, local emulator origin, stored token.

use crate::browser::i18n::t;
use yew::prelude::*;

/// The options page's root component.
#[function_component(OptionsPage)]
pub fn options_page() -> Html {
    html! {
        <div class="tab-layout">
            <h1>{ t("optionsTitle") }</h1>
        </div>
    }
}
