//! `chrome.storage`: the token, the guided-setup progress and the settings.
//!
//! Values are stored as JSON text under one key each, so what Rust writes is exactly what it reads
//! back. The token lives in `storage.session` (memory only, gone when the browser stops, hidden from
//! content scripts); only after "Remember on this device" is it written to `storage.local`. Never
//! `storage.sync` and never `window.localStorage`.

use super::settle;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = get)]
    fn session_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = set)]
    fn session_set(items: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "session"], js_name = remove)]
    fn session_remove(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = get)]
    fn local_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = set)]
    fn local_set(items: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "storage", "local"], js_name = remove)]
    fn local_remove(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = addListener)]
    fn on_changed_add(listener: &js_sys::Function);
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = removeListener)]
    fn on_changed_remove(listener: &js_sys::Function);
}

/// A `storage.onChanged` listener; dropping it removes it, so a component going away stops it.
pub struct ChangeListener(Closure<dyn FnMut(JsValue, JsValue)>);

impl Drop for ChangeListener {
    fn drop(&mut self) {
        on_changed_remove(self.0.as_ref().unchecked_ref());
    }
}

/// Calls `changed` whenever a new value is written under `key` in `area` (not when it is removed).
pub fn on_set(area: Area, key: &'static str, changed: impl Fn() + 'static) -> ChangeListener {
    let area_name = match area {
        Area::Session => "session",
        Area::Local => "local",
    };
    let closure =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |changes: JsValue, name: JsValue| {
            let set = name.as_string().as_deref() == Some(area_name)
                && js_sys::Reflect::get(&changes, &JsValue::from_str(key))
                    .ok()
                    .filter(|c| !c.is_undefined())
                    .and_then(|c| js_sys::Reflect::get(&c, &JsValue::from_str("newValue")).ok())
                    .is_some_and(|v| !v.is_undefined());
            if set {
                changed();
            }
        });
    on_changed_add(closure.as_ref().unchecked_ref());
    ChangeListener(closure)
}

/// Which storage area a value lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// In memory for this browser session.
    Session,
    /// On disk, until removed.
    Local,
}

const TOKEN_KEY: &str = "heroku_token";

fn items(key: &str, text: &str) -> JsValue {
    let object = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(text));
    object.into()
}

/// Reads the raw text stored under `key`.
pub async fn get_text(area: Area, key: &str) -> Result<Option<String>, String> {
    let result = settle(match area {
        Area::Session => session_get(key),
        Area::Local => local_get(key),
    })
    .await?;
    Ok(js_sys::Reflect::get(&result, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string()))
}

/// Stores raw text under `key`.
pub async fn set_text(area: Area, key: &str, text: &str) -> Result<(), String> {
    settle(match area {
        Area::Session => session_set(&items(key, text)),
        Area::Local => local_set(&items(key, text)),
    })
    .await
    .map(drop)
}

/// Removes `key`.
pub async fn remove(area: Area, key: &str) -> Result<(), String> {
    settle(match area {
        Area::Session => session_remove(key),
        Area::Local => local_remove(key),
    })
    .await
    .map(drop)
}

/// Reads a JSON value; a missing or unreadable value is `None` (stored state from an older version is
/// dropped rather than blocking the UI).
pub async fn get_json<T: DeserializeOwned>(area: Area, key: &str) -> Result<Option<T>, String> {
    Ok(get_text(area, key)
        .await?
        .and_then(|text| serde_json::from_str(&text).ok()))
}

/// Stores a JSON value.
pub async fn set_json<T: Serialize>(area: Area, key: &str, value: &T) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    set_text(area, key, &text).await
}

/// The stored token and whether it is remembered on this device. Session wins over local, because a
/// token typed in this session is newer than a remembered one.
pub async fn load_token() -> Result<Option<(String, bool)>, String> {
    // Both areas are read together; the session copy wins when both hold one.
    let (session, local) = futures_util::future::join(
        get_text(Area::Session, TOKEN_KEY),
        get_text(Area::Local, TOKEN_KEY),
    )
    .await;
    let local = local?;
    Ok(match session? {
        Some(token) => Some((token, local.is_some())),
        None => local.map(|token| (token, true)),
    })
}

/// Stores the token in the session and, only when the user asked, on this device.
pub async fn save_token(token: &str, remember: bool) -> Result<(), String> {
    set_text(Area::Session, TOKEN_KEY, token).await?;
    if remember {
        set_text(Area::Local, TOKEN_KEY, token).await
    } else {
        remove(Area::Local, TOKEN_KEY).await
    }
}

/// "Forget token": removes it from both areas.
pub async fn forget_token() -> Result<(), String> {
    remove(Area::Session, TOKEN_KEY).await?;
    remove(Area::Local, TOKEN_KEY).await
}
