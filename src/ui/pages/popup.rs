//! The toolbar popup: the compact guided setup and, once set up, the status.

use crate::browser::i18n::t;
use crate::ui::pages::setup::Setup;
use yew::prelude::*;

/// The popup's root component.
#[function_component(PopupPage)]
pub fn popup_page() -> Html {
    html! {
        <>
            <Setup />
            <footer class="page-links">
                <a href="app.html" target="_blank">{ t("openInTab") }</a>
                <a href="options.html" target="_blank">{ t("openOptions") }</a>
            </footer>
        </>
    }
}
