//! Deleting a mapping that exists only on the server: import never does it, so the user asks for it
//! explicitly and confirms by typing the object's name.

use crate::browser::i18n::{t, t_with};
use yew::prelude::*;

/// Properties of [`DeleteConfirm`].
#[derive(Properties, PartialEq)]
pub struct DeleteConfirmProps {
    /// The object whose mapping would be deleted.
    pub object_name: AttrValue,
    /// Called with the name once confirmed.
    pub ondelete: Callback<String>,
    /// Whether deleting is possible now.
    pub enabled: bool,
}

/// A name field and a delete button enabled only when the typed name matches exactly.
#[function_component(DeleteConfirm)]
pub fn delete_confirm(props: &DeleteConfirmProps) -> Html {
    let typed = use_state(String::new);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let matches = *typed == props.object_name.as_str();
    let onclick = {
        let (ondelete, name) = (props.ondelete.clone(), props.object_name.to_string());
        Callback::from(move |_: MouseEvent| ondelete.emit(name.clone()))
    };
    let id = format!("delete-{}", props.object_name);
    html! {
        <span class="delete-confirm">
            <label for={id.clone()}>{ t_with("import_delete_confirm_label", &[&props.object_name]) }</label>
            <input id={id} type="text" autocomplete="off" value={(*typed).clone()} {oninput} disabled={!props.enabled} />
            <button type="button" class="danger" {onclick} disabled={!props.enabled || !matches}>{ t("import_delete") }</button>
        </span>
    }
}
