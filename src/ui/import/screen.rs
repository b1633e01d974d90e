//! The full-tab import screen (`app.html#/import`): the import panel with the room and the lasting
//! drop target a popup lacks. It loads the saved setup and the token itself, and shows only the
//! import; the setup's chosen connection is the one imported into.

use super::ImportPanel;
use crate::browser::i18n::t;
use crate::browser::storage;
use crate::ui::store::{Store, StoreContext};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The import screen's root.
#[function_component(ImportScreen)]
pub fn import_screen() -> Html {
    let store = use_state(|| None::<Store>);
    let rerender = use_force_update();
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let loaded = Store::load().await;
                if let Some((token, _)) = storage::load_token().await.ok().flatten() {
                    loaded.use_token(&token);
                }
                loaded.on_change(Callback::from(move |()| rerender.force_update()));
                store.set(Some(loaded));
            });
        });
    }
    let Some(store) = (*store).clone() else {
        return html! { <p class="loading" aria-busy="true">{ t("loading") }</p> };
    };
    let app = store.state().app_name().map(str::to_owned);
    html! {
        <ContextProvider<StoreContext> context={store.snapshot()}>
            <h1>{ t("import_screen_title") }</h1>
            if let Some(app) = app { <p class="context hint">{ app }</p> }
            if store.client().is_none() {
                <p class="hint">{ t("import_no_token") }</p>
            } else {
                <ImportPanel />
            }
            <p><a href="app.html">{ t("import_back_to_setup") }</a></p>
        </ContextProvider<StoreContext>>
    }
}
