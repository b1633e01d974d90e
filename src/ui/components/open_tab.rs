//! A button that opens one of the full tab's screens (`www/app.html#…`): how the popup reaches what
//! only the tab's wasm carries (import, mapping panels, diagnostics, the API version). A tab the browser
//! refuses to open is said next to the button, not swallowed.

use crate::browser::i18n::{t, t_with};
use crate::ui::steps::use_store;
use crate::ui::store::Store;
use yew::prelude::*;

/// Properties of [`OpenInTab`].
#[derive(Properties, PartialEq)]
pub struct OpenInTabProps {
    /// The page and route to open, e.g. `www/app.html#/import`.
    pub path: AttrValue,
    /// The button's message key.
    pub label_key: AttrValue,
    /// The message key of the failure, with the browser's reason as its one placeholder.
    pub failed_key: AttrValue,
    /// Whether it is the screen's main action.
    #[prop_or_default]
    pub primary: bool,
}

/// Opens `path` of the extension in a new tab through the store; a refusal lands in `failed`.
pub fn open_path(store: &Store, path: &str, failed: UseStateHandle<Option<String>>) {
    store.open_extension_tab(path, Callback::from(move |e| failed.set(Some(e))));
}

/// The button, and the reason a tab did not open.
#[function_component(OpenInTab)]
pub fn open_in_tab(props: &OpenInTabProps) -> Html {
    let store = use_store();
    let failed = use_state(|| None::<String>);
    let onclick = {
        let (failed, path) = (failed.clone(), props.path.clone());
        Callback::from(move |_: MouseEvent| open_path(&store, &path, failed.clone()))
    };
    html! {
        <>
            <p><button type="button" class={classes!(props.primary.then_some("primary"))} {onclick}>{ t(&props.label_key) }</button></p>
            if let Some(e) = (*failed).clone() {
                <p role="alert" class="error">{ t_with(&props.failed_key, &[&e]) }</p>
            }
        </>
    }
}
