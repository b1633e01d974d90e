//! The options page: how connections are found, a local emulator for trying things out, the
//! stored token, and the optional background badge (off by default; it asks for the `alarms`
//! permission only when switched on, and works only with a remembered token). Its rules are
//! `flow::options`; this page renders them and performs the browser calls they ask for.

use crate::api::ConnectFlow;
use crate::browser::i18n::{t, t_with};
use crate::browser::{permissions, settings, storage};
use crate::flow::options::{Notice, Options, OptionsEffect, OptionsMsg};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::shared::BADGE_KEY;

/// The emulator origin offered by default: where `cargo xtask emulator` listens.
const DEFAULT_EMULATOR: &str = "http://127.0.0.1:8787";

/// Performs one browser call for the options and reports its answer.
async fn perform(effect: OptionsEffect) -> OptionsMsg {
    match effect {
        OptionsEffect::Load => {
            let config = settings::load().await;
            let badge = storage::get_json::<bool>(storage::Area::Local, BADGE_KEY).await;
            let token = storage::load_token().await;
            OptionsMsg::Loaded {
                config,
                badge_on: badge.ok().flatten().unwrap_or(false),
                token_remembered: matches!(token, Ok(Some((_, true)))),
            }
        }
        // The browser only asks during a user gesture, which the click that led here still is.
        OptionsEffect::RequestOrigin(origin) => {
            OptionsMsg::OriginAllowed(permissions::request_origin(&origin).await)
        }
        OptionsEffect::SaveSettings(config) => {
            OptionsMsg::SettingsSaved(settings::save(&config).await)
        }
        OptionsEffect::ForgetToken => OptionsMsg::TokenForgotten(storage::forget_token().await),
        OptionsEffect::EnsureAlarms => {
            OptionsMsg::AlarmsAllowed(permissions::ensure_api("alarms").await)
        }
        // The worker watches this key and arms or clears its alarm.
        OptionsEffect::StoreBadge(on) => {
            let stored = storage::set_json(storage::Area::Local, BADGE_KEY, &on).await;
            OptionsMsg::BadgeStored(stored)
        }
    }
}

/// Applies `msg` to the page's state and performs the call it leads to.
fn send(options: Shared, redraw: UseForceUpdateHandle, msg: OptionsMsg) {
    let effect = options.borrow_mut().update(msg);
    redraw.force_update();
    if let Some(effect) = effect {
        run(options, redraw, effect);
    }
}

/// Performs `effect`; its answer comes back through [`send`].
fn run(options: Shared, redraw: UseForceUpdateHandle, effect: OptionsEffect) {
    spawn_local(async move {
        let answer = perform(effect).await;
        send(options, redraw, answer);
    });
}

/// The page's state, shared by the calls in flight.
type Shared = Rc<RefCell<Options>>;

fn notice_text(notice: &Notice) -> String {
    match notice {
        Notice::Saved => t("optionsSaved"),
        Notice::EmulatorDenied => t("optionsEmulatorDenied"),
        Notice::TokenForgotten => t("tokenForgotten"),
        Notice::BadgeDenied => t("monitor_badge_denied"),
        Notice::BadgeFailed(e) => t_with("monitor_badge_failed", &[e]),
        Notice::Failed(e) => e.clone(),
    }
}

/// The options page's root component.
#[function_component(OptionsPage)]
pub fn options_page() -> Html {
    let options = use_memo((), |_| Shared::default());
    let redraw = use_force_update();
    let origin_input = use_node_ref();
    let badge_input = use_node_ref();
    let dispatch = {
        let (options, redraw) = ((*options).clone(), redraw.clone());
        Callback::from(move |msg| send(options.clone(), redraw.clone(), msg))
    };
    {
        let (options, redraw) = ((*options).clone(), redraw.clone());
        use_effect_with((), move |_| run(options, redraw, OptionsEffect::Load));
    }
    let state = options.borrow().clone();
    {
        // The box shows what is stored: a click the browser refused changed the box, not the state,
        // and a render with an unchanged state would leave it as clicked.
        let (badge_input, on) = (badge_input.clone(), state.badge_shown());
        use_effect(move || {
            if let Some(input) = badge_input.cast::<web_sys::HtmlInputElement>() {
                input.set_checked(on);
            }
        });
    }
    let Some(current) = state.config.clone() else {
        return html! { <p aria-busy="true">{ t("loading") }</p> };
    };
    let set_flow =
        |flow: ConnectFlow| dispatch.reform(move |_: Event| OptionsMsg::FlowChosen(flow));
    let onsave = {
        let (dispatch, origin_input) = (dispatch.clone(), origin_input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let emulator_origin = origin_input
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value().trim().to_owned());
            dispatch.emit(OptionsMsg::SaveRequested { emulator_origin });
        })
    };
    let onforget = dispatch.reform(|_: MouseEvent| OptionsMsg::ForgetRequested);
    let onbadge = dispatch.reform(|e: Event| {
        let on = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        OptionsMsg::BadgeRequested(on)
    });
    let status = state.notice.as_ref().map(notice_text).unwrap_or_default();

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
                <button type="submit" class="primary" disabled={state.saving()}>{ t("optionsSave") }</button>
            </form>
            <h2>{ t("monitor_badge") }</h2>
            <label class="check">
                <input id="monitor-badge" type="checkbox" ref={badge_input} checked={state.badge_shown()} disabled={state.badge_busy()} onchange={onbadge} />
                { t("monitor_badge_enable") }
            </label>
            <p class="hint">{ t("monitor_badge_hint") }</p>
            if state.badge_without_token() {
                <p class="reason">{ t("monitor_badge_no_token") }</p>
            }
            <h2>{ t("tokenLabel") }</h2>
            <button type="button" onclick={onforget}>{ t("tokenForget") }</button>
            <p role="status" aria-live="polite">{ status }</p>
        </div>
    }
}
