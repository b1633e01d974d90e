//! A component with nothing to show still keeps its place among its siblings (wasm-pack test
//! --headless --chrome). Yew 0.23 ends the app ("failed to insert node before next sibling") when a
//! component renders no DOM node while, in one render, a sibling before it appears and one after
//! it goes away; the import page met it with an error shown and a new file dropped.
#![cfg(target_arch = "wasm32")]

use connect_pilot::ui::import::issues::IssuesList;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct PageProps {
    /// A file was dropped: its name appears and the earlier error goes.
    dropped: bool,
}

/// The import page's shape: a line that appears, the empty issues list, and an error that goes.
#[function_component(Page)]
fn page(props: &PageProps) -> Html {
    html! {
        <div>
            if props.dropped { <p class="file-name">{ "acme.json" }</p> }
            <IssuesList parse_error={None} issues={vec![]} schema_checked={false} checked={false} />
            if !props.dropped { <p class="error">{ "That did not work" }</p> }
            <p class="last">{ "Export" }</p>
        </div>
    }
}

#[wasm_bindgen_test]
async fn an_empty_component_between_a_line_that_appears_and_one_that_goes() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mut app =
        yew::Renderer::<Page>::with_root_and_props(root.clone(), PageProps { dropped: false })
            .render();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".error").unwrap().is_some());

    app.update(PageProps { dropped: true });
    yew::scheduler::flush().await;
    let div = root.first_element_child().unwrap();
    let classes: Vec<String> = (0..div.children().length())
        .filter_map(|i| div.children().item(i))
        .map(|e| format!("{}.{}", e.tag_name().to_lowercase(), e.class_name()))
        .collect();
    // The list's place holder is inert and in order; the error is gone.
    assert_eq!(classes, ["p.file-name", "template.", "p.last"]);
}
