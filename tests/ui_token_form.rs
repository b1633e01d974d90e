//! The token step's form in a real browser (wasm-pack test --headless --chrome): what the user types
//! and ticks is what the form hands on.
#![cfg(target_arch = "wasm32")]

use connect_pilot::ui::components::token_form::{TokenForm, TokenFormProps};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<section>` per test, so tests never see each other's DOM.
fn container() -> web_sys::Element {
    let document = gloo_document();
    let section = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&section).unwrap();
    section
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn input(root: &web_sys::Element, selector: &str) -> web_sys::HtmlInputElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn submitting_hands_on_the_trimmed_token_and_the_remember_choice() {
    let root = container();
    let seen: Rc<RefCell<Vec<(String, bool)>>> = Rc::default();
    let props = TokenFormProps {
        onsubmit: Callback::from({
            let seen = seen.clone();
            move |v| seen.borrow_mut().push(v)
        }),
        busy: false,
    };
    yew::Renderer::<TokenForm>::with_root_and_props(root.clone(), props).render();
    // Rendering is scheduled; flush runs exactly the pending work so the form exists.
    yew::scheduler::flush().await;

    input(&root, "#token").set_value("  secret-value \n");
    input(&root, "#remember").set_checked(true);
    let button: web_sys::HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    // The submit handler runs synchronously inside click(); flush any re-render it queued.
    yew::scheduler::flush().await;

    assert_eq!(*seen.borrow(), vec![("secret-value".to_owned(), true)]);
}

#[wasm_bindgen_test]
async fn the_token_field_is_a_labelled_password_field_and_waits_while_busy() {
    let root = container();
    let props = TokenFormProps {
        onsubmit: Callback::noop(),
        busy: true,
    };
    yew::Renderer::<TokenForm>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;

    assert_eq!(input(&root, "#token").type_(), "password");
    assert!(root.query_selector("label[for=token]").unwrap().is_some());
    // While a check runs the button waits, so the same token is not sent twice.
    let button: web_sys::HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(button.disabled());
}
