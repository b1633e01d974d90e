//! `chrome.permissions`: the optional host permission for a user's own local emulator, and the API
//! permission the background badge needs (`alarms`: optional in Chrome, required in Firefox, which
//! does not allow it as optional; see `xtask/src/manifest.rs`).

use super::settle;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = request)]
    fn permissions_request(p: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "permissions"], js_name = contains)]
    fn permissions_contains(p: &JsValue) -> Result<JsValue, JsValue>;
}

/// A `permissions.Permissions` object with one entry under `field` (`origins` or `permissions`).
fn one(field: &str, entry: &str) -> JsValue {
    let o = js_sys::Object::new();
    let list = js_sys::Array::of1(&JsValue::from_str(entry));
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&o, &JsValue::from_str(field), &list);
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

async fn request(p: &JsValue) -> Result<bool, String> {
    Ok(settle(permissions_request(p))
        .await?
        .as_bool()
        .unwrap_or(false))
}

async fn contains(p: &JsValue) -> Result<bool, String> {
    Ok(settle(permissions_contains(p))
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Asks the browser for access to `origin`; must run from a user gesture. Returns whether it was granted.
pub async fn request_origin(origin: &str) -> Result<bool, String> {
    request(&one("origins", &pattern_for(origin))).await
}

/// Whether access to `origin` is already granted.
pub async fn has_origin(origin: &str) -> Result<bool, String> {
    contains(&one("origins", &pattern_for(origin))).await
}

/// Makes sure the API permission `name` (e.g. `alarms`) is granted, asking for it only when it is not
/// held yet: a browser that grants it at install (Firefox, where it is required) is never asked, and
/// may even refuse a request for it. Must run from a user gesture. Returns whether it is granted.
pub async fn ensure_api(name: &str) -> Result<bool, String> {
    let wanted = one("permissions", name);
    if contains(&wanted).await? {
        return Ok(true);
    }
    request(&wanted).await
}
