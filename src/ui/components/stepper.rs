//! "Step N of 8" with the step's name: the guided setup's progress line.

use crate::browser::i18n::{t, t_with};
use yew::prelude::*;

/// Properties of [`Stepper`].
#[derive(Properties, PartialEq)]
pub struct StepperProps {
    /// 1-based number of the current step.
    pub number: u32,
    /// How many steps there are.
    pub total: u32,
    /// Message key of the step's name.
    pub title_key: AttrValue,
}

/// The progress line above each step.
#[function_component(Stepper)]
pub fn stepper(props: &StepperProps) -> Html {
    let of = t_with(
        "stepOf",
        &[&props.number.to_string(), &props.total.to_string()],
    );
    html! {
        <header class="stepper">
            <progress max={props.total.to_string()} value={props.number.to_string()} aria-hidden="true"></progress>
            <p class="step-count">{ of }</p>
            <h1>{ t(&props.title_key) }</h1>
        </header>
    }
}
