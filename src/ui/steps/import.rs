//! Step 7: importing a mapping configuration is optional; the user can go straight to the status and
//! import later. In the full tab the import itself is the shared import panel (`ui::import`). The
//! popup's wasm has no import engine (it is built without the `tab` feature), and a popup closes as
//! soon as a file manager takes focus anyway, so there the step opens the tab's import screen.

use super::use_store;
use crate::browser::i18n::t;
use crate::flow::Action;
use crate::flow::ImportMsg;
use yew::prelude::*;

/// The import step.
#[function_component(ImportStep)]
pub fn import_step() -> Html {
    let store = use_store();
    let state = store.state();
    let skip = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Import(ImportMsg::Skipped)))
    };
    html! {
        <>
            <p>{ t("import_intro") }</p>
            if state.import_pending {
                <p role="status" aria-live="polite" class="busy">{ t("import_applying") }</p>
            }
            { import_body() }
            <p><button type="button" class="primary" onclick={skip} disabled={state.busy}>{ t("import_skip") }</button></p>
        </>
    }
}

/// The full tab's import: the shared import panel.
#[cfg(feature = "tab")]
fn import_body() -> Html {
    html! { <crate::ui::import::ImportPanel /> }
}

/// The popup's: why files go to the tab, and the one click there.
#[cfg(not(feature = "tab"))]
fn import_body() -> Html {
    use crate::ui::components::open_tab::OpenInTab;
    html! {
        <div class="import">
            <p class="hint popup-why-tab">{ t("import_popup_why_tab") }</p>
            <OpenInTab path="www/app.html#/import" label_key="import_open_tab"
                failed_key="import_open_tab_failed" primary=true />
        </div>
    }
}
