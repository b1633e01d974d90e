//! "Paste JSON": the same check as a dropped file, for text copied from elsewhere.

use crate::browser::i18n::t;
use yew::prelude::*;

/// Properties of [`PasteBox`].
#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    /// The pasted text as if it were a file: a label and its bytes.
    pub onfile: Callback<(String, Vec<u8>)>,
    /// Disabled while the server is being changed.
    #[prop_or_default]
    pub disabled: bool,
}

/// A textarea and a button that checks its content.
#[function_component(PasteBox)]
pub fn paste_box(props: &PasteBoxProps) -> Html {
    let area = use_node_ref();
    let onclick = {
        let (area, onfile) = (area.clone(), props.onfile.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = area.cast::<web_sys::HtmlTextAreaElement>() {
                onfile.emit((t("import_paste_name"), a.value().into_bytes()));
            }
        })
    };
    html! {
        <details class="paste-box">
            <summary>{ t("import_paste_label") }</summary>
            <label for="import-paste" class="visually-hidden">{ t("import_paste_label") }</label>
            <textarea id="import-paste" ref={area} rows="6" spellcheck="false" disabled={props.disabled} />
            <button type="button" {onclick} disabled={props.disabled}>{ t("import_paste_check") }</button>
        </details>
    }
}
