//! `connect:notifications` and `connect:notifications:acknowledge`: the unacknowledged
//! notifications, newest first, and one button that acknowledges the ones listed (then the list is
//! read again). Kept with the tab's part of the state, so a reopened tab shows the list it had.

use super::store_ext::error_text;
use crate::browser::i18n::t;
use crate::flow::notifications::Notifications as List;
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::components::when::when;
use crate::ui::steps::use_store;
use yew::prelude::*;

/// The notification list with load and acknowledge; the list and both calls are the flow's
/// (`flow::notifications`).
#[function_component(Notifications)]
pub fn notifications() -> Html {
    let store = use_store();
    let state = store.state();
    let list = &state.tab.notifications;
    let dispatch = |action: Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(action.clone()))
    };
    let load = dispatch(Action::Monitor(MonitorMsg::NotificationsRequested));
    let acknowledge = dispatch(Action::Monitor(MonitorMsg::AcknowledgeRequested));
    html! {
        <section class="notifications" aria-labelledby="monitor-notifications-title">
            <h3 id="monitor-notifications-title">{ t("monitor_notifications") }</h3>
            <button type="button" onclick={load} disabled={list.busy()}>{ t("monitor_load_notifications") }</button>
            { match list {
                List::Idle => Html::default(),
                List::Loading | List::Acknowledging => html! { <p role="status">{ t("monitor_working") }</p> },
                List::Failed(e) => html! { <p role="alert">{ error_text(e) }</p> },
                List::Loaded(v) if v.is_empty() => html! { <p role="status">{ t("monitor_no_notifications") }</p> },
                List::Loaded(v) => html! {
                    <>
                        <ul class="notification-list">{ for v.iter().map(|n| html! {
                            <li>
                                { when(n.created_at.as_ref()) }
                                { " " }<strong>{ n.event_type.clone().unwrap_or_default() }</strong>
                                { " " }{ n.message.clone().unwrap_or_default() }
                            </li>
                        }) }</ul>
                        <button type="button" onclick={acknowledge}>{ t("monitor_acknowledge") }</button>
                    </>
                },
            } }
        </section>
    }
}
