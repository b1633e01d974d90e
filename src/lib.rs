//! Connect Pilot: a browser extension that takes a Heroku user from a bare app to a running
//! Heroku Connect sync.
//!
//! The crate compiles twice. Natively it is a plain library whose deciding code (`api`, `config`,
//! `flow`) is covered by `cargo test`. For wasm32 it also holds the browser bindings and the Yew UI,
//! and exports one start function per extension page.

pub mod api;
/// Mapping configurations, built as their own crate (`src/config/Cargo.toml` says why).
pub use connect_pilot_config as config;
pub mod driver;
pub mod flow;

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
mod start {
    //! The wasm entry points, one per extension page; each page's loader (`www/*.js`) calls one.

    use crate::ui::pages::{AppPage, OptionsPage, PopupPage};
    use wasm_bindgen::prelude::*;

    // The pages ship with `<main id="root">`; rendering into it keeps the page's landmark structure.
    // The static `<html lang="en">` is replaced by the language the messages are shown in, so screen
    // readers pronounce Japanese text as Japanese.
    fn root() -> web_sys::Element {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("extension pages have a document");
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", &crate::browser::i18n::ui_language());
        }
        document
            .get_element_by_id("root")
            .expect("every page has <main id=\"root\">")
    }

    #[wasm_bindgen]
    extern "C" {
        /// The DOM's `CustomEvent`, declared here so the hook needs no more of web-sys.
        type CustomEvent;
        #[wasm_bindgen(constructor)]
        fn new(kind: &str, init: &JsValue) -> CustomEvent;
        /// `window.dispatchEvent`.
        #[wasm_bindgen(js_namespace = window, js_name = dispatchEvent)]
        fn dispatch_event(event: &CustomEvent) -> bool;
    }

    /// The event `www/start.js` listens for; its `detail` is the panic message.
    const PANIC_EVENT: &str = "connect-pilot-panic";

    /// Makes a panic show the page's failure screen. Release builds abort on panic, so once this
    /// hook returns nothing of the module runs again, Yew included: the screen is drawn by the
    /// loader's plain script (`www/start.js`), told by an event with the panic message. Set
    /// through Yew, whose renderer would otherwise put its own hook (the console only) in place.
    fn on_panic() {
        yew::set_custom_panic_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&message));
            let detail = js_sys::Object::new();
            // Setting a property on a fresh plain object cannot fail.
            let _ = js_sys::Reflect::set(
                &detail,
                &JsValue::from_str("detail"),
                &JsValue::from_str(&message),
            );
            dispatch_event(&CustomEvent::new(PANIC_EVENT, &detail));
        }));
    }

    /// Whether the page runs inside a frame. The loaders (`www/framed.js`) already show the refusal
    /// and never call a start function then; this second check keeps any other caller from starting
    /// a page that another site may be overlaying.
    fn framed() -> bool {
        let Some(window) = web_sys::window() else {
            return true;
        };
        match window.top() {
            Ok(Some(top)) => !js_sys::Object::is(&top, &window),
            // No readable top: assume the worst.
            _ => true,
        }
    }

    /// Starts the toolbar popup.
    #[wasm_bindgen]
    pub fn start_popup() {
        on_panic();
        if !framed() {
            yew::Renderer::<PopupPage>::with_root(root()).render();
        }
    }

    /// Starts the full-tab page (`www/app.html`).
    #[wasm_bindgen]
    pub fn start_app() {
        on_panic();
        if !framed() {
            yew::Renderer::<AppPage>::with_root(root()).render();
        }
    }

    /// Starts the options page.
    #[wasm_bindgen]
    pub fn start_options() {
        on_panic();
        if !framed() {
            yew::Renderer::<OptionsPage>::with_root(root()).render();
        }
    }
}
