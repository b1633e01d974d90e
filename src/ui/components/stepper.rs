//! "Step N of 8" with the step's name: the guided setup's progress line. When the step changes,
//! focus moves to the new step's heading, so keyboard and screen-reader users start there instead
//! of on a control that no longer exists.

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
    let heading = use_node_ref();
    // The first render keeps the focus where the browser put it on opening the page; only a change
    // of step moves it.
    let mounted = use_mut_ref(|| false);
    {
        let heading = heading.clone();
        use_effect_with(props.title_key.clone(), move |_| {
            if std::mem::replace(&mut *mounted.borrow_mut(), true) {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let of = t_with(
        "stepOf",
        &[&props.number.to_string(), &props.total.to_string()],
    );
    html! {
        <header class="stepper">
            <progress max={props.total.to_string()} value={props.number.to_string()} aria-hidden="true"></progress>
            <p class="step-count">{ of }</p>
            <h1 tabindex="-1" ref={heading}>{ t(&props.title_key) }</h1>
        </header>
    }
}
