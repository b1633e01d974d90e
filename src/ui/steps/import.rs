//! Step 7: importing a mapping configuration is optional; the user can go straight to the status and
//! import later. The import itself is the shared import panel (`ui::import`).

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
    let in_popup = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| p.ends_with("popup.html"));
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
            <ImportPanel {in_popup} />
            <p><button type="button" class="primary" onclick={skip} disabled={state.busy}>{ t("import_skip") }</button></p>
        </>
    }
}
