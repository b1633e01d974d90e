//! The guided setup shared by the popup and the full-tab page: loads the saved progress, the settings
//! and the token, follows the Heroku dashboard tab (or offers its app when the user picked another),
//! and shows the current step.

use crate::browser::i18n::{t, t_with};
use crate::browser::{storage, tabs};
use crate::flow::{Action, AppSource, Step};
use crate::flow::{AppMsg, TokenMsg};
use crate::ui::components::copy_commands::CopyCommands;
use crate::ui::components::error_banner::{retry_of, ErrorBanner};
use crate::ui::components::stepper::Stepper;
use crate::ui::steps::{
    addons::AddonsStep, app::AppStep, connection::ConnectionStep, database::DatabaseStep,
    import::ImportStep, link::LinkStep, monitor::MonitorStep, salesforce::SalesforceStep,
    token::TokenStep,
};
use crate::ui::store::{Store, StoreContext};
use futures_util::future::join3;
use yew::prelude::*;

/// Loads everything the setup needs, then restores it where the user left off.
async fn start() -> Store {
    // Three independent round trips to the browser, made together: the first render waits for the
    // slowest of them rather than for their sum.
    let (store, token, tabs) =
        join3(Store::load(), storage::load_token(), tabs::dashboard_tabs()).await;
    let token = token.ok().flatten();
    let emulator_origin = store.config().emulator_origin;
    // The active dashboard tab when the popup opens over one; else the most recently used one, which
    // is what the full-tab page (itself the active tab) needs.
    let dashboard = tabs.ok().and_then(|t| t.into_iter().find_map(|t| t.url));
    if let Some(url) = dashboard {
        store.dispatch(Action::App(AppMsg::DashboardUrlSeen {
            url,
            emulator_origin,
        }));
    }
    match token {
        Some((token, remember)) => {
            store.use_token(&token);
            if store.state().account_email.is_none() || !store.state().token_present {
                store.dispatch(Action::Token(TokenMsg::Entered { remember }));
            } else {
                store.resume();
            }
        }
        None if store.state().token_present => store.dispatch(Action::Token(TokenMsg::Forgotten)),
        None => {}
    }
    store
}

/// The setup root: a store provider around the stepper, the error banner and the current step.
#[function_component(Setup)]
pub fn setup() -> Html {
    let store = use_state(|| None::<Store>);
    let rerender = use_force_update();
    {
        let (store, rerender) = (store.clone(), rerender.clone());
        use_effect_with((), move |_| {
            Store::boot(start(), move |loaded| {
                // Every change in the store re-renders this tree.
                loaded.on_change(Callback::from(move |()| rerender.force_update()));
                store.set(Some(loaded));
            });
        });
    }
    {
        // Polling stops while the page is hidden; it resumes when the page shows again.
        let store = (*store).clone();
        use_effect_with(store.is_some(), move |_| {
            let listener = store.map(|store| {
                let document = gloo_utils_document();
                gloo_events::EventListener::new(&document, "visibilitychange", move |_| {
                    store.schedule_poll()
                })
            });
            move || drop(listener)
        });
    }
    let Some(store) = (*store).clone() else {
        return html! { <p class="loading" aria-busy="true">{ t("loading") }</p> };
    };
    let state = store.state();
    let (number, total) = state.progress();
    let ondismiss = {
        let store = store.clone();
        Callback::from(move |()| store.dispatch(Action::ErrorDismissed))
    };
    // The app the user picked stays; the dashboard tab's own app is one click away.
    let switch_to_tab = {
        let store = store.clone();
        let tab = state.tab_app.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(name) = tab.clone() {
                let source = AppSource::DashboardTab;
                store.dispatch(Action::App(AppMsg::Chosen { name, source }));
            }
        })
    };
    let back = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Back))
    };
    let body = match state.step {
        Step::Token => html! { <TokenStep /> },
        Step::App => html! { <AppStep /> },
        Step::Addons => html! { <AddonsStep /> },
        Step::Link => html! { <LinkStep /> },
        Step::Connection => html! { <ConnectionStep /> },
        Step::Database => html! { <DatabaseStep /> },
        Step::Salesforce => html! { <SalesforceStep /> },
        Step::Import => html! { <ImportStep /> },
        Step::Monitor => html! { <MonitorStep /> },
    };
    html! {
        <ContextProvider<StoreContext> context={store.snapshot()}>
            <Stepper number={u32::from(number)} total={u32::from(total)} title_key={state.step.key()} />
            if let Some(app) = state.app_name() {
                <p class="context hint">{ app }{ state.account_email.as_ref().map(|e| format!(" · {e}")).unwrap_or_default() }</p>
            }
            if let (Some(tab), Some(app)) = (state.tab_app.as_deref(), state.app_name()) {
                <div class="banner info tab-offer">
                    <p>{ t_with("app_tab_offer", &[app, tab]) }</p>
                    <button type="button" onclick={switch_to_tab} disabled={state.busy}>{ t_with("app_tab_switch", &[tab]) }</button>
                </div>
            }
            if let Some(error) = state.last_error.clone() {
                <ErrorBanner onretry={retry_of(&store, &error)} {error} {ondismiss} />
            }
            <section class="step" aria-busy={state.busy.to_string()}>{ body }</section>
            <nav class="step-nav">
                if state.step.previous().is_some() && state.step != Step::Monitor {
                    <button type="button" onclick={back} disabled={state.busy}>{ t("back") }</button>
                }
            </nav>
            <CopyCommands calls={crate::flow::next_calls(&state)} config={store.config()} />
        </ContextProvider<StoreContext>>
    }
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("extension pages have a document")
}
