//! A connection or mapping state as text plus a shape: never colour alone.

use crate::api::model::StateGroup;
use crate::browser::i18n::t;
use yew::prelude::*;

/// Properties of [`StatusBadge`].
#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    /// The raw state string as the API sent it.
    pub state: AttrValue,
    /// Its group.
    pub group: StateGroup,
}

/// The group's i18n key and its symbol.
pub fn group_label(group: StateGroup) -> (&'static str, &'static str) {
    match group {
        StateGroup::Ok => ("group_ok", "✓"),
        StateGroup::InProgress => ("group_in_progress", "↻"),
        StateGroup::Error => ("group_error", "✕"),
        StateGroup::Setup => ("group_setup", "…"),
        StateGroup::Paused => ("group_paused", "Ⅱ"),
        StateGroup::Unknown => ("group_unknown", "?"),
    }
}

/// `✓ IDLE (OK)`-style badge; the symbol is decorative, the text carries the meaning.
#[function_component(StatusBadge)]
pub fn status_badge(props: &StatusBadgeProps) -> Html {
    let (key, symbol) = group_label(props.group);
    let class = classes!("badge", key.replace('_', "-"));
    html! {
        <span {class}>
            <span aria-hidden="true">{ symbol }{ " " }</span>
            { props.state.clone() }
            <span class="group">{ format!(" ({})", t(key)) }</span>
        </span>
    }
}
