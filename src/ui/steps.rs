//! One component per guided-setup step. Each reads the store from context and dispatches flow actions;
//! none calls the network itself.

pub mod addons;
pub mod app;
pub mod connection;
pub mod database;
pub mod import;
pub mod link;
// The popup's wasm is built without the `tab` feature: its status step leads to the full tab for what
// only the tab's wasm carries.
#[cfg(feature = "tab")]
pub mod monitor;
#[cfg(not(feature = "tab"))]
#[path = "steps/monitor_popup.rs"]
pub mod monitor;
pub mod salesforce;
pub mod token;

use crate::ui::store::{Store, StoreContext};
use yew::prelude::*;

/// The store every step reads; provided by the setup root.
#[hook]
pub fn use_store() -> Store {
    use_context::<StoreContext>()
        .expect("steps render inside the setup root's store provider")
        .store
}

/// A text input's current value.
pub fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// A select's current value.
pub fn select_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}
