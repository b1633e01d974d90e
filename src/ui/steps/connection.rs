//! Step 4: the app's Heroku Connect connection, found through discovery (or the regional flow). With
//! several, the user picks one by its add-on resource name.

use super::use_store;
use crate::browser::i18n::t;
use crate::flow::Action;
use crate::flow::ConnectionMsg;
use crate::ui::components::status_badge::StatusBadge;
use yew::prelude::*;

/// The connection step.
#[function_component(ConnectionStep)]
pub fn connection_step() -> Html {
    let store = use_store();
    let state = store.state();
    let discover = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Connection(ConnectionMsg::DiscoverRequested))
        })
    };
    html! {
        <>
            if state.used_fallback {
                <p class="banner info" role="status">{ t("connection_fallback") }</p>
            }
            if state.connections.is_empty() {
                <p>{ if state.busy { t("connection_searching") } else { t("connection_none") } }</p>
            } else {
                <ul class="choices">
                    { for state.connections.iter().map(|c| {
                        let id = c.id.clone();
                        let chosen = state.connection_id.as_deref() == Some(id.as_str());
                        let onclick = {
                            let store = store.clone();
                            Callback::from(move |_: MouseEvent| store.dispatch(Action::Connection(ConnectionMsg::Chosen(id.clone()))))
                        };
                        let state_text = c.state.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_else(|| "?".into());
                        let group = c.state_or_unknown().group();
                        html! {
                            <li>
                                <button type="button" class={classes!(chosen.then_some("primary"))} {onclick}
                                    aria-pressed={chosen.to_string()} disabled={state.busy}>
                                    { c.resource_name.clone().unwrap_or_else(|| c.id.clone()) }
                                </button>
                                { " " }
                                <span class="hint">{ c.region_label.clone().or(c.region.clone()).unwrap_or_default() }</span>
                                { " " }
                                <StatusBadge state={state_text} {group} />
                            </li>
                        }
                    }) }
                </ul>
            }
            <button type="button" onclick={discover} disabled={state.busy}>{ t("connection_search_again") }</button>
        </>
    }
}
