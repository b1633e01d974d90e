//! Moments in the reader's language and time zone, through the browser's `Intl.DateTimeFormat`.
//!
//! One formatter serves the page: building one costs far more than using it, and the status view
//! formats two times per mapping on every refresh.

use super::i18n::ui_language;
use js_sys::{Array, Date, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type Formatter;
    // `catch`: an unusable locale tag throws a RangeError, which must not end the app.
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = DateTimeFormat)]
    fn new(locales: &Array, options: &Object) -> Result<Formatter, JsValue>;
    #[wasm_bindgen(method)]
    fn format(this: &Formatter, date: &Date) -> String;
}

thread_local! {
    static FORMATTER: Option<Formatter> = formatter();
}

/// Medium date and time (`Jan 6, 2025, 6:00:09 PM`, `2025/01/06 18:00:09`) in the language of the
/// messages; the browser's own regional variant of it when it has one (en-GB writes a 24-hour clock).
fn formatter() -> Option<Formatter> {
    let lang = ui_language();
    let locales = Array::new();
    if let Some(own) = web_sys::window().and_then(|w| w.navigator().language()) {
        if own.split('-').next() == Some(lang.as_str()) {
            locales.push(&JsValue::from_str(&own));
        }
    }
    locales.push(&JsValue::from_str(&lang));
    let options = Object::new();
    for key in ["dateStyle", "timeStyle"] {
        let _ = Reflect::set(
            &options,
            &JsValue::from_str(key),
            &JsValue::from_str("medium"),
        );
    }
    // Outside an extension page the language is a message key, not a locale: use the browser's.
    Formatter::new(&locales, &options)
        .or_else(|_| Formatter::new(&Array::new(), &options))
        .ok()
}

/// `secs` since 1970 as the reader's local date and time; `None` when `Intl` is unusable.
pub fn local_date_time(secs: i64) -> Option<String> {
    // Seconds of any four-digit year are exact in an f64.
    let date = Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    FORMATTER.with(|f| f.as_ref().map(|f| f.format(&date)))
}
