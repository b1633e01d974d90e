//! One component per file.

pub mod copy_commands;
pub mod error_banner;
pub mod open_tab;
pub mod status_badge;
pub mod stepper;
pub mod token_form;
pub mod when;

use yew::{html, Html};

/// What a component renders when it has nothing to show: one inert `<template>` node, which takes no
/// space, is not read out and may stand anywhere, even in a list or a table.
///
/// Why not nothing at all: Yew 0.23 loses a component's place among its siblings when the component
/// renders no DOM node while, in the same render, a sibling before it appears and one after it goes
/// away ("failed to insert node before next sibling", which ends the app). The import page met it
/// with an error shown and a new file dropped. A component that always renders a node is never in
/// that position.
pub fn nothing() -> Html {
    html! { <template></template> }
}
