//! The options page: how connections are found, a local emulator for trying things out, the
//! stored token, and the optional background badge (off by default; it asks for the `alarms`
//! permission only when switched on, and works only with a remembered token).

use crate::api::{ApiConfig, ConnectFlow};
use crate::browser::i18n::{t, t_with};
use crate::browser::{permissions, settings, storage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// `storage.local` key the background worker reads: whether the badge check is on.
const BADGE_KEY: &str = "monitor_badge";

/// The emulator origin offered by default: where `cargo xtask emulator` listens.
const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The options page's root component.
#[function_component(OptionsPage)]
pub fn options_page() -> Html {
    let config = use_state(|| None::<ApiConfig>);
    let status = use_state(String::new);
    let origin_input = use_node_ref();
    // (badge on, token remembered)
    let badge = use_state(|| (false, false));
    {
        let (config, badge) = (config.clone(), badge.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                config.set(Some(settings::load().await));
                let on = storage::get_json::<bool>(storage::Area::Local, BADGE_KEY)
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or(false);
                let remembered = matches!(storage::load_token().await, Ok(Some((_, true))));
                badge.set((on, remembered));
            });
        });
    }
    let Some(current) = (*config).clone() else {
        return html! { <p aria-busy="true">{ t("loading") }</p> };
    };

    let set_flow = |flow: ConnectFlow| {
        let (config, current) = (config.clone(), current.clone());
        Callback::from(move |_: Event| {
            config.set(Some(ApiConfig {
                flow,
                ..current.clone()
            }))
        })
    };
    let onsave = {
        let (config, status, origin_input) = (config.clone(), status.clone(), origin_input.clone());
        let current = current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let use_emulator = origin_input
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value().trim().to_owned())
                .filter(|v| !v.is_empty());
            let (config, status, flow) = (config.clone(), status.clone(), current.flow);
            spawn_local(async move {
                let next = match use_emulator {
                    Some(origin) => {
                        // The browser only asks during a user gesture, which this click still is.
                        match permissions::request_origin(&origin).await {
                            Ok(true) => ApiConfig {
                                flow,
                                ..ApiConfig::emulator(&origin)
                            },
                            Ok(false) => return status.set(t("optionsEmulatorDenied")),
                            Err(e) => return status.set(e),
                        }
                    }
                    None => ApiConfig {
                        flow,
                        ..ApiConfig::default()
                    },
                };
                match settings::save(&next).await {
                    Ok(()) => {
                        config.set(Some(next));
                        status.set(t("optionsSaved"));
                    }
                    Err(e) => status.set(e),
                }
            });
        })
    };
    let onforget = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            spawn_local(async move {
                match storage::forget_token().await {
                    Ok(()) => status.set(t("tokenForgotten")),
                    Err(e) => status.set(e),
                }
            });
        })
    };

    let onbadge = {
        let (badge, status) = (badge.clone(), status.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let on = input.checked();
            let (badge, status, remembered) = (badge.clone(), status.clone(), badge.1);
            spawn_local(async move {
                let switched = async {
                    if on {
                        match permissions::ensure_api("alarms").await {
                            Ok(true) => {}
                            Ok(false) => return Err(t("monitor_badge_denied")),
                            Err(e) => return Err(t_with("monitor_badge_failed", &[&e])),
                        }
                    }
                    // The worker watches this key and arms or clears its alarm.
                    storage::set_json(storage::Area::Local, BADGE_KEY, &on)
                        .await
                        .map_err(|e| t_with("monitor_badge_failed", &[&e]))
                }
                .await;
                match switched {
                    Ok(()) => {
                        badge.set((on, remembered));
                        status.set(t("optionsSaved"));
                    }
                    Err(reason) => {
                        // The box must show what is stored. The click changed the DOM, not the state,
                        // so a re-render with an unchanged state would leave it as clicked.
                        input.set_checked(!on);
                        badge.set((!on, remembered));
                        status.set(reason);
                    }
                }
            });
        })
    };

    html! {
        <div class="tab-layout">
            <h1>{ t("optionsTitle") }</h1>
            <form class="options" onsubmit={onsave}>
                <fieldset>
                    <legend>{ t("optionsFlow") }</legend>
                    <label class="check">
                        <input type="radio" name="flow" checked={current.flow == ConnectFlow::Discovery}
                            onchange={set_flow(ConnectFlow::Discovery)} />
                        { t("optionsFlowDiscovery") }
                    </label>
                    <label class="check">
                        <input type="radio" name="flow" checked={current.flow == ConnectFlow::Legacy}
                            onchange={set_flow(ConnectFlow::Legacy)} />
                        { t("optionsFlowLegacy") }
                    </label>
                </fieldset>
                <fieldset>
                    <legend>{ t("optionsEmulator") }</legend>
                    <p class="hint">{ t("optionsEmulatorHint") }</p>
                    <label for="emulator-origin">{ t("optionsEmulatorOrigin") }</label>
                    <input id="emulator-origin" type="text" ref={origin_input} placeholder={DEFAULT_EMULATOR}
                        value={current.emulator_origin.clone().unwrap_or_default()} />
                </fieldset>
                <button type="submit" class="primary">{ t("optionsSave") }</button>
            </form>
            <h2>{ t("monitor_badge") }</h2>
            <label class="check">
                <input id="monitor-badge" type="checkbox" checked={badge.0} onchange={onbadge} />
                { t("monitor_badge_enable") }
            </label>
            <p class="hint">{ t("monitor_badge_hint") }</p>
            if badge.0 && !badge.1 {
                <p class="reason">{ t("monitor_badge_no_token") }</p>
            }
            <h2>{ t("tokenLabel") }</h2>
            <button type="button" onclick={onforget}>{ t("tokenForget") }</button>
            <p role="status" aria-live="polite">{ (*status).clone() }</p>
        </div>
    }
}
