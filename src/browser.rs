//! Browser bindings (wasm32 only): the few extension APIs the UI uses, fetch and files.
//!
//! Each file binds one `chrome.*` namespace with plain `#[wasm_bindgen(catch)] fn`s that return the
//! API's promise, and awaits it through [`settle`]. Firefox MV3 also provides the `chrome` namespace
//! with promise-returning methods, so one binding serves both browsers.
//!
//! Why not `catch` on an `async fn`: an API may throw synchronously instead of rejecting (Firefox does
//! when a parameter fails its schema, e.g. `permissions.request` for a permission it does not allow as
//! optional), and the glue of an `async` import then hands `undefined` on as the promise and fails
//! with a `TypeError` outside any `Result`: the control that made the call is left dead. [`settle`]
//! turns a throw, a rejection and a missing API alike into an `Err` with readable text.

pub mod clipboard;
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
use wasm_bindgen_futures::JsFuture;

/// Awaits what an extension API call returned: `call` is the `Result` of a `#[wasm_bindgen(catch)]`
/// binding, so a synchronous throw arrives as its `Err`; a rejected promise becomes an `Err` too. A
/// value that is not a promise (an API that answers at once) is passed through.
///
/// # Example
///
/// ```ignore
/// #[wasm_bindgen]
/// extern "C" {
///     #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = get)]
///     fn local_get(key: &str) -> Result<JsValue, JsValue>;
/// }
/// let items = settle(local_get("settings")).await?;
/// ```
pub async fn settle(call: Result<JsValue, JsValue>) -> Result<JsValue, String> {
    let returned = call.map_err(|e| js_error_text(&e))?;
    // `Promise.resolve` adopts a promise (or any thenable) and wraps a plain value.
    JsFuture::from(js_sys::Promise::resolve(&returned))
        .await
        .map_err(|e| js_error_text(&e))
}

/// Turns a rejected extension-API promise into readable text (`Error.message` when there is one).
pub fn js_error_text(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| i18n::t("browser_error_unknown"))
}
