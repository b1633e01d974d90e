//! The options page: how connections are found, a local emulator for trying things out, and the
//! stored token.

use crate::api::{ApiConfig, ConnectFlow};
use crate::browser::i18n::t;
use crate::browser::{permissions, settings, storage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The emulator origin offered by default: where `cargo xtask emulator` listens.
const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// The options page's root component.
#[function_component(OptionsPage)]
pub fn options_page() -> Html {
    let config = use_state(|| None::<ApiConfig>);
    let status = use_state(String::new);
    let origin_input = use_node_ref();
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            spawn_local(async move { config.set(Some(settings::load().await)) });
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
            <h2>{ t("tokenLabel") }</h2>
            <button type="button" onclick={onforget}>{ t("tokenForget") }</button>
            <p role="status" aria-live="polite">{ (*status).clone() }</p>
        </div>
    }
}
