//! The full-tab page: the same guided setup with room, where Salesforce consent lands, and a drop
//! target that does not vanish when a file manager takes focus. `#/import` shows only the import
//! screen, which the popup opens for that reason.

use crate::browser::i18n::t;
use crate::flow::import::handover::{import_route, ImportRoute};
use crate::ui::import::screen::ImportScreen;
use crate::ui::pages::setup::Setup;
use yew::prelude::*;

/// The import screen's route, when the page was opened on it (`#/import`, `#/import?app=…`).
fn on_import_route() -> Option<ImportRoute> {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| import_route(&h))
}

/// The full-tab page's root component.
#[function_component(AppPage)]
pub fn app_page() -> Html {
    html! {
        <div class="tab-layout">
            if let Some(route) = on_import_route() { <ImportScreen {route} /> } else { <Setup /> }
            <footer class="page-links">
                <a href="options.html">{ t("openOptions") }</a>
            </footer>
        </div>
    }
}
