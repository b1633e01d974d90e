//! The full-tab page: the same guided setup with room, where Salesforce consent lands, and a drop
//! target that does not vanish when a file manager takes focus.

use crate::browser::i18n::t;
use crate::ui::pages::setup::Setup;
use yew::prelude::*;

/// The full-tab page's root component.
#[function_component(AppPage)]
pub fn app_page() -> Html {
    html! {
        <div class="tab-layout">
            <Setup />
            <footer class="page-links">
                <a href="options.html">{ t("openOptions") }</a>
            </footer>
        </div>
    }
}
