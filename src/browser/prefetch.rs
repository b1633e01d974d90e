//! Storage read ahead: the popup's loader (`www/popup.js`) asks both storage areas for everything
//! while the wasm module downloads and compiles, and hands that answer to `start_popup`. The first
//! reads of the saved progress, settings and token then wait for a promise that is usually settled
//! already, instead of starting their round trips only once the wasm runs: the popup paints from the
//! saved state sooner. The loader names no key; it reads the areas whole.
//!
//! The snapshot is only trusted until this page writes or removes anything: from then on every read
//! goes to the browser again, so no read ever returns a value older than the page's own write.

use super::storage::Area;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// `Promise<[session items, local items]>`, until the page's first write.
    static SNAPSHOT: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Keeps the loader's read-ahead, if it passed one (a promise).
pub fn keep(snapshot: JsValue) {
    if let Ok(promise) = snapshot.dyn_into::<js_sys::Promise>() {
        SNAPSHOT.with(|s| *s.borrow_mut() = Some(promise));
    }
}

/// Drops the read-ahead: the page is about to change what storage holds.
pub fn forget() {
    SNAPSHOT.with(|s| s.borrow_mut().take());
}

/// The items of `area` as read ahead, or `None` when there is no usable read-ahead (none passed, it
/// failed, or the page wrote since).
pub async fn items(area: Area) -> Option<JsValue> {
    let promise = SNAPSHOT.with(|s| s.borrow().clone())?;
    let both = JsFuture::from(promise).await.ok()?;
    // A write may have happened while the promise settled.
    SNAPSHOT.with(|s| s.borrow().is_some()).then_some(())?;
    let index = match area {
        Area::Session => 0,
        Area::Local => 1,
    };
    let items = js_sys::Reflect::get_u32(&both, index).ok()?;
    items.is_object().then_some(items)
}
