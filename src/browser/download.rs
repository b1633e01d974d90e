//! Saving text as a file in the downloads folder: a Blob, an object URL and a clicked `<a download>`.
//! No `downloads` permission is needed for that, and the URL is revoked once the click has started
//! the download.

use wasm_bindgen::JsCast;

/// Offers `text` for download as `file_name` (`application/json`).
pub fn save_json(file_name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| super::js_error_text(&e))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| super::js_error_text(&e))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| super::js_error_text(&e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The click has handed the URL to the download already.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
