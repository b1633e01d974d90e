//! `chrome.tabs`: which Heroku dashboard app the user is looking at, and opening tabs.
//!
//! The `https://*.heroku.com/*` host permission lets `tabs.query` report the URL of dashboard tabs, so
//! neither the `tabs` nor the `activeTab` permission is needed; other tabs come back without a URL.

use super::settle;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = query)]
    fn tabs_query(query: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["chrome", "tabs"], js_name = create)]
    fn tabs_create(props: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    fn runtime_get_url(path: &str) -> String;
}

/// The part of a `tabs.Tab` the extension reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    /// Present only for tabs the host permissions cover.
    pub url: Option<String>,
    /// Whether the tab is the active one of its window.
    #[serde(default)]
    pub active: bool,
    /// When the tab was last active (ms since the epoch), where the browser reports it.
    pub last_accessed: Option<f64>,
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Tabs showing the Heroku dashboard, the active one of the current window first, then the most
/// recently used.
pub async fn dashboard_tabs() -> Result<Vec<Tab>, String> {
    let query = object(&[("url", JsValue::from_str("https://dashboard.heroku.com/*"))]);
    let found = settle(tabs_query(&query)).await?;
    let mut tabs: Vec<Tab> = serde_wasm_bindgen::from_value(found).map_err(|e| e.to_string())?;
    crate::config::order::sort_by(&mut tabs, |a, b| {
        b.active.cmp(&a.active).then(
            b.last_accessed
                .unwrap_or(0.0)
                .total_cmp(&a.last_accessed.unwrap_or(0.0)),
        )
    });
    Ok(tabs)
}

/// Opens `url` in a new, focused tab. From the popup this closes the popup, so callers save progress
/// first.
pub async fn open(url: &str) -> Result<(), String> {
    let props = object(&[("url", JsValue::from_str(url))]);
    settle(tabs_create(&props)).await.map(drop)
}

/// The full URL of one of the extension's own pages at the extension's fixed origin, e.g.
/// `www/app.html#/import`, for a tab the extension opens itself. Not `runtime.getURL`: with the
/// manifest's `use_dynamic_url`, Chrome answers that with the per-session dynamic URL, which only web
/// pages may load; a tab opened on it is blocked.
pub fn extension_url(path: &str) -> String {
    match web_sys::window().and_then(|w| w.location().origin().ok()) {
        Some(origin) => format!("{origin}/{path}"),
        None => runtime_get_url(path),
    }
}

/// The URL a web page (Salesforce's consent) may send the browser back to: `runtime.getURL`, which in
/// Chrome is the per-session dynamic URL that the web-accessible entry admits (the fixed one it
/// refuses, so that no site can find the extension by probing it).
pub fn web_return_url(path: &str) -> String {
    runtime_get_url(path)
}
