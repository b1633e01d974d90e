//! The drop target: a `<label for>` around the drop area and a real file input, so the zone works
//! from the keyboard too. One drop yields one file's bytes or the reason it was refused.

use crate::browser::file;
use crate::browser::i18n::t;
use crate::flow::import::DropProblem;
use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

/// Properties of [`DropZone`].
#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// A file was read: its name and bytes.
    pub onfile: Callback<(String, Vec<u8>)>,
    /// A drop was refused.
    pub onproblem: Callback<DropProblem>,
    /// While the server is being changed, nothing may be dropped.
    #[prop_or_default]
    pub disabled: bool,
}

fn read(file: File, onfile: Callback<(String, Vec<u8>)>, onproblem: Callback<DropProblem>) {
    spawn_local(async move {
        match file::read_bytes(&file).await {
            Ok(bytes) => onfile.emit((file.name(), bytes)),
            Err(p) => onproblem.emit(p),
        }
    });
}

/// The drop zone with its file input.
#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let over = use_state(|| false);
    // The browser opens a dropped file itself unless dragenter and dragover are cancelled.
    let allow = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let leave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (onfile, onproblem, disabled, over) = (
            props.onfile.clone(),
            props.onproblem.clone(),
            props.disabled,
            over.clone(),
        );
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if disabled {
                return;
            }
            match file::single_file(e.data_transfer()) {
                Ok(f) => read(f, onfile.clone(), onproblem.clone()),
                Err(p) => onproblem.emit(p),
            }
        })
    };
    let onchange = {
        let (onfile, onproblem) = (props.onfile.clone(), props.onproblem.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = file::chosen_file(&input) {
                read(f, onfile.clone(), onproblem.clone());
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let class = classes!("drop-zone", (*over).then_some("over"));
    html! {
        <div {class} data-testid="drop-zone" ondragenter={allow.clone()} ondragover={allow}
            ondragleave={leave} {ondrop}>
            <label for="import-file">{ t("import_drop_label") }</label>
            <input id="import-file" type="file" accept=".json,application/json" {onchange}
                disabled={props.disabled} />
        </div>
    }
}
