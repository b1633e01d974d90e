//! Browser bindings (wasm32 only): the few extension APIs the UI uses, fetch and files.
//!
//! Each file binds one `chrome.*` namespace with `#[wasm_bindgen(catch)] async fn`. Firefox MV3 also
//! provides the `chrome` namespace with promise-returning methods, so one binding serves both browsers.

pub mod download;
pub mod fetch;
pub mod file;
pub mod i18n;
pub mod permissions;
pub mod prefetch;
pub mod settings;
pub mod storage;
pub mod tabs;
pub mod time;

use wasm_bindgen::JsValue;

/// Turns a rejected extension-API promise into readable text (`Error.message` when there is one).
pub fn js_error_text(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| i18n::t("browser_error_unknown"))
}
