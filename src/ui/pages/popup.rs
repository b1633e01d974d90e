//! The toolbar popup: the compact guided setup and, once set up, the status.

use crate::browser::i18n::t;
use crate::ui::components::stepper::Stepper;
use crate::ui::components::token_form::TokenForm;
use yew::prelude::*;

/// The popup's root component.
#[function_component(PopupPage)]
pub fn popup_page() -> Html {
    let onsubmit = Callback::from(|_: (String, bool)| {});
    html! {
        <>
            <Stepper number={1} total={8} title_key="stepToken" />
            <TokenForm {onsubmit} />
            <footer class="page-links">
                <a href="app.html" target="_blank">{ t("openInTab") }</a>
                <a href="options.html" target="_blank">{ t("openOptions") }</a>
            </footer>
        </>
    }
}
