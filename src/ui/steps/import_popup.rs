//! Step 8 in the popup: importing a mapping configuration is optional, and happens in the full tab
//! (`app.html#/import`), whose wasm carries the import engine. A popup also closes as soon as a file
//! manager takes focus, so it could not keep a drop or a file choice anyway.

use super::use_store;
use crate::browser::i18n::t;
use crate::flow::Action;
use crate::ui::components::open_tab::OpenInTab;
use yew::prelude::*;

/// The import step of the popup.
#[function_component(ImportStep)]
pub fn import_step() -> Html {
    let store = use_store();
    let state = store.state();
    let skip = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ImportSkipped))
    };
    html! {
        <>
            <p>{ t("import_intro") }</p>
            if state.import_pending {
                <p role="status" aria-live="polite" class="busy">{ t("import_applying") }</p>
            }
            <div class="import">
                <p class="hint popup-why-tab">{ t("import_popup_why_tab") }</p>
                <OpenInTab path="www/app.html#/import" label_key="import_open_tab"
                    failed_key="import_open_tab_failed" primary=true />
            </div>
            <p><button type="button" class="primary" onclick={skip} disabled={state.busy}>{ t("import_skip") }</button></p>
        </>
    }
}
