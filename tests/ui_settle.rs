//! `browser::settle` in a real browser (wasm-pack test --headless --chrome): however an extension API
//! fails (a synchronous throw, as Firefox does on a schema error; a rejection; a missing namespace),
//! the caller gets an `Err` with the error's text, never a `TypeError` from the glue.
#![cfg(target_arch = "wasm32")]

use connect_pilot::browser::settle;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Calls a function made from `body` as a `catch` binding would: a throw comes back as `Err`.
fn call(body: &str) -> Result<JsValue, JsValue> {
    js_sys::Function::new_no_args(body).call0(&JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
async fn a_synchronous_throw_is_an_err_with_its_message() {
    let got = settle(call(
        "throw new Error('Type error for parameter permissions')",
    ))
    .await;
    assert_eq!(got, Err("Type error for parameter permissions".to_owned()));
}

#[wasm_bindgen_test]
async fn a_rejection_is_an_err_with_its_message() {
    let got = settle(call("return Promise.reject(new Error('denied'))")).await;
    assert_eq!(got, Err("denied".to_owned()));
}

#[wasm_bindgen_test]
async fn a_missing_api_is_an_err() {
    // What the glue meets when a namespace is absent: reading a method of `undefined`.
    let got = settle(call("return globalThis.notAnApi.request({})")).await;
    assert!(got.is_err(), "{got:?}");
}

#[wasm_bindgen_test]
async fn a_resolved_promise_and_a_plain_value_are_ok() {
    let got = settle(call("return Promise.resolve(true)")).await;
    assert_eq!(got.map(|v| v.as_bool()), Ok(Some(true)));
    let got = settle(call("return 42")).await;
    assert_eq!(got.map(|v| v.as_f64()), Ok(Some(42.0)));
}
