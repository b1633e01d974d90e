//! The clipboard: "Copy as curl" writes its commands there.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard; the error is the browser's refusal, in its words.
pub async fn write_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}
