//! Where a reload, a deletion or an API version change stands, as the setup state keeps it
//! (`flow::operation`): under way, done, or what became of it, so a page opened again while it
//! runs shows it. A failure shows as the setup's error banner, with "Try again" only where the
//! flow says sending it again is safe.

use crate::browser::i18n::t_with;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::error_banner::{retry_of, ErrorBanner};
use crate::ui::steps::use_store;
use yew::prelude::*;

/// Properties of [`OperationStatus`].
#[derive(Properties, PartialEq)]
pub struct OperationStatusProps {
    /// Show a change of a mapping (reload, delete: with the mappings) or of the connection (the
    /// API version).
    pub mapping: bool,
}

/// The kept operation of the chosen connection, when it is of the kind asked for.
#[function_component(OperationStatus)]
pub fn operation_status(props: &OperationStatusProps) -> Html {
    let store = use_store();
    let state = store.state();
    let op = state.operation.as_ref().filter(|op| {
        state.connection_id.as_deref() == Some(op.connection_id.as_str())
            && op.kind.of_mapping() == props.mapping
    });
    // The live region stays in the page, so its first words are announced.
    let Some(op) = op else {
        return html! { <p role="status" aria-live="polite"></p> };
    };
    let ondismiss = {
        let store = store.clone();
        Callback::from(move |()| store.dispatch(Action::Monitor(MonitorMsg::OperationDismissed)))
    };
    if let Some(error) = op.error().cloned() {
        return html! {
            <div data-testid={format!("{}-error", op.kind.word())}>
                <ErrorBanner onretry={retry_of(&store, &error)} {error} {ondismiss} />
            </div>
        };
    }
    let words = op.words().map(|(key, arg)| t_with(key, &[arg]));
    html! {
        <p role="status" aria-live="polite" aria-busy={op.in_flight().to_string()}
            data-testid={format!("{}-{}", op.kind.word(), if op.in_flight() { "running" } else { "done" })}>
            { words.unwrap_or_default() }
            if !op.in_flight() {
                { " " }<button type="button" class="link" onclick={ondismiss.reform(|_: MouseEvent| ())}>
                    { crate::browser::i18n::t("error_dismiss") }</button>
            }
        </p>
    }
}
