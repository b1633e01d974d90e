//! Step 8: importing a mapping configuration is optional; the user can go straight to the status and
//! import later. The import itself is the shared import panel (`ui::import`). This is the full tab's
//! step; the popup's is `import_popup.rs`.

use super::use_store;
use crate::browser::i18n::t;
use crate::flow::Action;
use crate::ui::import::ImportPanel;
use yew::prelude::*;

/// The import step.
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
            <ImportPanel />
            <p><button type="button" class="primary" onclick={skip} disabled={state.busy}>{ t("import_skip") }</button></p>
        </>
    }
}
