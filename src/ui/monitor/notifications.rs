//! `connect:notifications` and `connect:notifications:acknowledge`: the unacknowledged
//! notifications, newest first, and one button that acknowledges the ones listed.

use super::store_ext::Call;
use crate::api::model::{Notification, NotificationQuery};
use crate::browser::i18n::t;
use crate::ui::components::when::when;
use crate::ui::steps::use_store;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The page size the official plugin sends.
const PAGE_SIZE: u32 = 1000;

fn query() -> NotificationQuery {
    NotificationQuery {
        page_size: Some(PAGE_SIZE),
        ..NotificationQuery::default()
    }
}

/// The notification list with load and acknowledge.
#[function_component(Notifications)]
pub fn notifications() -> Html {
    let store = use_store();
    let list = use_state(|| Call::<Vec<Notification>>::Idle);
    let load = {
        let (store, list) = (store.clone(), list.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((client, conn)) = store.monitor_target() else {
                return;
            };
            list.set(Call::Busy);
            let list = list.clone();
            spawn_local(async move {
                list.set(Call::from_result(
                    client
                        .notifications(&conn, query())
                        .await
                        .map(|l| l.results),
                ))
            });
        })
    };
    let acknowledge = {
        let (store, list) = (store.clone(), list.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((client, conn)) = store.monitor_target() else {
                return;
            };
            list.set(Call::Busy);
            let list = list.clone();
            spawn_local(async move {
                // Re-read after acknowledging: the list shows what the server still holds.
                let r = match client.acknowledge_notifications(&conn, query()).await {
                    Ok(()) => client
                        .notifications(&conn, query())
                        .await
                        .map(|l| l.results),
                    Err(e) => Err(e),
                };
                list.set(Call::from_result(r));
            });
        })
    };
    html! {
        <section class="notifications" aria-labelledby="monitor-notifications-title">
            <h3 id="monitor-notifications-title">{ t("monitor_notifications") }</h3>
            <button type="button" onclick={load} disabled={list.busy()}>{ t("monitor_load_notifications") }</button>
            { match &*list {
                Call::Idle => Html::default(),
                Call::Busy => html! { <p role="status">{ t("monitor_working") }</p> },
                Call::Failed(e) => html! { <p role="alert">{ e.clone() }</p> },
                Call::Done(v) if v.is_empty() => html! { <p role="status">{ t("monitor_no_notifications") }</p> },
                Call::Done(v) => html! {
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
