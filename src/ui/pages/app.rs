//! The full-tab page: the same guided setup with room, and a drop target that does not vanish.

use crate::ui::components::stepper::Stepper;
use crate::ui::components::token_form::TokenForm;
use yew::prelude::*;

/// The full-tab page's root component.
#[function_component(AppPage)]
pub fn app_page() -> Html {
    let onsubmit = Callback::from(|_: (String, bool)| {});
    html! {
        <div class="tab-layout">
            <Stepper number={1} total={8} title_key="stepToken" />
            <TokenForm {onsubmit} />
        </div>
    }
}
