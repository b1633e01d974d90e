//! The floor reference for `cargo xtask bench`: the least a Yew popup can do for the status view's
//! first render (a heading and five rows), with nothing read from storage and no request.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

const OBJECTS: [&str; 5] = ["Account", "Contact", "Lead", "Opportunity", "Case"];

#[function_component]
fn Status() -> Html {
    html! {
        <section>
            <h1>{ "Sync status" }</h1>
            <table><tbody>{ for OBJECTS.iter().map(|o| html! {
                <tr data-object={*o}><th scope="row">{ *o }</th><td>{ "DATA_SYNCED" }</td></tr>
            }) }</tbody></table>
        </section>
    }
}

/// Called by the popup's loader, as the product's `start_popup` is.
#[wasm_bindgen]
pub fn start_popup() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("root"))
        .expect("popup.html has #root");
    yew::Renderer::<Status>::with_root(root).render();
}
