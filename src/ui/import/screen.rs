//! The full-tab import screen (`app.html#/import`): the import panel with the room and the lasting
//! drop target a popup lacks. It loads the saved setup and the token itself, and shows only the
//! import; the setup's chosen connection is the one imported into.
//!
//! Opened as `#/import?app=<app>&from=dashboard`, it also takes the file dropped on that app's Heroku
//! dashboard (`flow::import::handover`): once when it starts, and again whenever another one is
//! dropped while it is open, each time removing it from `storage.session` as it takes it.

use super::{HandedFile, ImportPanel};
use crate::browser::file;
use crate::browser::i18n::{t, t_with};
use crate::browser::storage::{self, Area};
use crate::flow::import::handover::{self, Handover, ImportRoute, PendingDrop, PENDING_KEY};
use crate::ui::store::{Store, StoreContext};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// What became of the last file handed over from the dashboard.
#[derive(Clone, PartialEq)]
enum Handed {
    None,
    File(HandedFile),
    /// Dropped for an app this setup is not for.
    OtherSetup(String),
    Unreadable,
}

/// Takes the pending dashboard file, if it is this screen's, and says what became of it.
async fn take_pending(store: &Store, route: &ImportRoute, seq: u32) -> Option<Handed> {
    let pending = storage::get_json::<PendingDrop>(Area::Session, PENDING_KEY)
        .await
        .ok()
        .flatten()?;
    let state = store.state();
    let decision = handover::handover(&pending, route.app.as_deref(), state.app_name());
    if decision == Handover::NotHere {
        return None;
    }
    // Taken once: a reload of this page must not check it again.
    let _ = storage::remove(Area::Session, PENDING_KEY).await;
    Some(match decision {
        Handover::Take => match file::from_base64(&pending.data) {
            Some(bytes) => Handed::File(HandedFile {
                seq,
                name: pending.name,
                bytes: Rc::new(bytes),
            }),
            None => Handed::Unreadable,
        },
        Handover::OtherSetup { dropped_for } => Handed::OtherSetup(dropped_for),
        Handover::NotHere => return None,
    })
}

/// The import screen's root; `route` is what its URL asked for.
#[derive(Properties, PartialEq)]
pub struct ImportScreenProps {
    /// The parsed `#/import…` of the page's URL.
    pub route: ImportRoute,
}

/// The import screen's root.
#[function_component(ImportScreen)]
pub fn import_screen(props: &ImportScreenProps) -> Html {
    let store = use_state(|| None::<Store>);
    let handed = use_state(|| Handed::None);
    let rerender = use_force_update();
    {
        let (store, handed, route) = (store.clone(), handed.clone(), props.route.clone());
        use_effect_with((), move |_| {
            let seq = Rc::new(Cell::new(0u32));
            let loaded_store = Rc::new(std::cell::RefCell::new(None::<Store>));
            let take = {
                let (handed, route, seq, loaded_store) = (
                    handed.clone(),
                    route.clone(),
                    seq.clone(),
                    loaded_store.clone(),
                );
                move || {
                    let Some(store) = loaded_store.borrow().clone() else {
                        return;
                    };
                    let (handed, route, seq) = (handed.clone(), route.clone(), seq.clone());
                    spawn_local(async move {
                        seq.set(seq.get() + 1);
                        if let Some(h) = take_pending(&store, &route, seq.get()).await {
                            handed.set(h);
                        }
                    });
                }
            };
            // A file dropped on the dashboard while this page is open arrives here.
            let listener = route
                .from_dashboard
                .then(|| storage::on_set(Area::Session, PENDING_KEY, take.clone()));
            let start = async {
                let loaded = Store::load().await;
                if let Some((token, _)) = storage::load_token().await.ok().flatten() {
                    loaded.use_token(&token);
                }
                loaded
            };
            Store::boot(start, move |loaded| {
                loaded.on_change(Callback::from(move |()| rerender.force_update()));
                *loaded_store.borrow_mut() = Some(loaded.clone());
                store.set(Some(loaded));
                if route.from_dashboard {
                    take();
                }
            });
            move || drop(listener)
        });
    }
    let Some(store) = (*store).clone() else {
        return html! { <p class="loading" aria-busy="true">{ t("loading") }</p> };
    };
    let app = store.state().app_name().map(str::to_owned);
    let file = match &*handed {
        Handed::File(f) => Some(f.clone()),
        _ => None,
    };
    html! {
        <ContextProvider<StoreContext> context={store.snapshot()}>
            <h1>{ t("import_screen_title") }</h1>
            if let Some(app) = app { <p class="context hint">{ app }</p> }
            if let Handed::OtherSetup(dropped_for) = &*handed {
                <p role="alert" class="error dashboard-other-setup">{ t_with("import_dashboard_other_setup", &[dropped_for]) }</p>
            }
            if *handed == Handed::Unreadable {
                <p role="alert" class="error">{ t("import_dashboard_unreadable") }</p>
            }
            if store.client().is_none() {
                <p class="hint">{ t("import_no_token") }</p>
            } else {
                <ImportPanel handed={file} />
            }
            <p><a href="app.html">{ t("import_back_to_setup") }</a></p>
        </ContextProvider<StoreContext>>
    }
}
