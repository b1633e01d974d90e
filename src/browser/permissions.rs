//! `chrome.permissions`: the optional host permission for a user's own local emulator.

use super::js_error_text;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    async fn permissions_request(p: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = contains)]
    async fn permissions_contains(p: &JsValue) -> Result<JsValue, JsValue>;
}

fn origins(pattern: &str) -> JsValue {
    let o = js_sys::Object::new();
    let list = js_sys::Array::of1(&JsValue::from_str(pattern));
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str("origins"), &list);
    o.into()
}

/// Match pattern covering an origin such as `http://127.0.0.1:8787` (ports are not part of patterns).
pub fn pattern_for(origin: &str) -> String {
    let without_port = match origin.rfind(':') {
        Some(i) if origin[i + 1..].chars().all(|c| c.is_ascii_digit()) && i > "http:".len() => {
            &origin[..i]
        }
        _ => origin,
    };
    format!("{}/*", without_port.trim_end_matches('/'))
}

/// Asks the browser for access to `origin`; must run from a user gesture. Returns whether it was granted.
pub async fn request_origin(origin: &str) -> Result<bool, String> {
    let granted = permissions_request(&origins(&pattern_for(origin)))
        .await
        .map_err(|e| js_error_text(&e))?;
    Ok(granted.as_bool().unwrap_or(false))
}

/// Whether access to `origin` is already granted.
pub async fn has_origin(origin: &str) -> Result<bool, String> {
    let granted = permissions_contains(&origins(&pattern_for(origin)))
        .await
        .map_err(|e| js_error_text(&e))?;
    Ok(granted.as_bool().unwrap_or(false))
}
