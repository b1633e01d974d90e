//! User-visible text from `extension/_locales/<lang>/messages.json` through `chrome.i18n.getMessage`.
//!
//! Outside an extension page (the wasm unit tests run in a plain page) the API is missing; `t` then
//! returns the key itself, so tests can still find a string by what it stands for.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(key: &str, substitutions: &JsValue) -> Result<String, JsValue>;
}

/// The language the messages come in (`en`, `ja`), as the bundle in use states it: the predefined
/// `@@ui_locale` can name another locale than the bundle chosen, so each bundle carries its own code.
pub fn ui_language() -> String {
    t("page_lang")
}

/// The message for `key` in the browser's language.
pub fn t(key: &str) -> String {
    t_with(key, &[])
}

/// The message for `key` with its `$1`, `$2`… placeholders filled in order.
pub fn t_with(key: &str, args: &[&str]) -> String {
    let subs: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    match get_message(key, &subs) {
        Ok(text) if !text.is_empty() => text,
        _ => key.to_owned(),
    }
}
