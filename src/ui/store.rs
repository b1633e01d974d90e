//! The setup store: the one place the UI keeps the guided-setup state, and the executor of the calls
//! `flow::effect` asks for.
//!
//! Why not only `use_reducer`: call results arrive asynchronously and must be reduced against the
//! state as it is *then*, not as it was when the call started. The store keeps the state behind an
//! `Rc<RefCell<…>>` shared by every pending call, and asks the root component to re-render after each
//! change. The rules themselves stay in `flow::reduce`, `flow::effect::effects` and `flow::effect::due_poll`.

use crate::api::{ApiConfig, ConnectClient, ErrorKind};
use crate::browser::fetch::FetchTransport;
use crate::browser::storage::{self, Area};
use crate::browser::{clipboard, tabs};
use crate::driver::{self, Outcome};
use crate::flow::effect::{effects, Effect};
use crate::flow::{reduce, Action, BrowserTask, State};
use crate::flow::{SalesforceMsg, TokenMsg};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

#[cfg(feature = "tab")]
mod import;

/// Starts `work`: the one place a page's asynchronous work begins. Components hand their calls to
/// the store, which performs them here, so none of them starts a call of its own.
pub(crate) fn spawn(work: impl Future<Output = ()> + 'static) {
    spawn_local(work)
}

/// The client every call goes through.
pub type Client = ConnectClient<FetchTransport>;

const STATE_KEY: &str = "setup_state";

/// Where the full tab keeps its own part of the state (`flow::state::TabPart`); the popup never
/// touches it.
#[cfg(feature = "tab")]
const TAB_PART_KEY: &str = "setup_state_tab";

/// Saves `state` where the next page starts from; losing one save only costs a re-read later.
async fn save(state: &State) {
    let _ = storage::set_json(Area::Session, STATE_KEY, state).await;
    #[cfg(feature = "tab")]
    let _ = storage::set_json(Area::Session, TAB_PART_KEY, &state.tab_part()).await;
}

/// The saved state, with the tab's part when this is the tab.
async fn saved() -> Option<State> {
    let state = storage::get_json::<State>(Area::Session, STATE_KEY).await;
    #[cfg(feature = "tab")]
    let state = {
        let part = storage::get_json(Area::Session, TAB_PART_KEY).await;
        state.map(|s| s.map(|s| s.with_tab_part(part.ok().flatten().unwrap_or_default())))
    };
    state.ok().flatten()
}

struct Inner {
    /// Shared, never mutated in place: a change replaces it, so a reader's copy is one pointer and a
    /// render never clones the mappings.
    state: RefCell<Rc<State>>,
    client: RefCell<Option<Rc<Client>>>,
    config: RefCell<ApiConfig>,
    rerender: RefCell<Callback<()>>,
    // Dropping the handle cancels the timer, so replacing it is all a reschedule needs.
    poll: RefCell<Option<Timeout>>,
    // Counts changes, so a context snapshot can tell its consumers that something changed.
    version: std::cell::Cell<u64>,
    /// The import session, which only the full tab runs.
    #[cfg(feature = "tab")]
    import: import::ImportHost,
}

/// A shared handle to the store; cheap to clone, equal when it is the same store.
#[derive(Clone)]
pub struct Store(Rc<Inner>);

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the setup root provides to the steps: the store plus the change count it was taken at.
#[derive(Clone)]
pub struct StoreContext {
    /// The store.
    pub store: Store,
    version: u64,
}

impl PartialEq for StoreContext {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store && self.version == other.version
    }
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

impl Store {
    /// A store starting from `state`, calling Heroku as `config` says.
    pub fn new(state: State, config: ApiConfig) -> Store {
        Store(Rc::new(Inner {
            state: RefCell::new(Rc::new(state)),
            client: RefCell::new(None),
            config: RefCell::new(config),
            rerender: RefCell::new(Callback::noop()),
            poll: RefCell::new(None),
            version: std::cell::Cell::new(0),
            #[cfg(feature = "tab")]
            import: Default::default(),
        }))
    }

    /// Loads the saved progress (or a fresh start) and the settings.
    pub async fn load() -> Store {
        let (state, config) =
            futures_util::future::join(saved(), crate::browser::settings::load()).await;
        let state = state
            .map(|s| reduce(&s, Action::Resumed))
            .unwrap_or_default();
        Store::new(state, config)
    }

    /// Loads a page's store with `start`, then hands it to `ready`, from where the page shows it.
    pub fn boot(start: impl Future<Output = Store> + 'static, ready: impl FnOnce(Store) + 'static) {
        spawn(async move { ready(start.await) });
    }

    /// Writes `text` to the clipboard; `done` hears whether the browser took it.
    pub fn copy_text(&self, text: String, done: Callback<bool>) {
        spawn(async move { done.emit(clipboard::write_text(&text).await.is_ok()) });
    }

    /// Opens `path` of the extension (e.g. `www/app.html#/import`) in a new tab; `failed` hears the
    /// browser's refusal. Opening a tab closes a real popup, so nothing after a success is seen.
    pub fn open_extension_tab(&self, path: &str, failed: Callback<String>) {
        let url = tabs::extension_url(path);
        spawn(async move {
            if let Err(e) = tabs::open(&url).await {
                failed.emit(e);
            }
        });
    }

    /// Tells the store how to re-render the component tree that shows it.
    pub fn on_change(&self, rerender: Callback<()>) {
        *self.0.rerender.borrow_mut() = rerender;
    }

    /// A snapshot for a context provider: it differs from the last one whenever the state changed, so
    /// every step that reads the store re-renders.
    pub fn snapshot(&self) -> StoreContext {
        StoreContext {
            store: self.clone(),
            version: self.0.version.get(),
        }
    }

    /// The current state (a shared handle: cloning it is cheap).
    pub fn state(&self) -> Rc<State> {
        self.0.state.borrow().clone()
    }

    /// The API settings in force.
    pub fn config(&self) -> ApiConfig {
        self.0.config.borrow().clone()
    }

    /// The client, once a token is known.
    pub fn client(&self) -> Option<Rc<Client>> {
        self.0.client.borrow().clone()
    }

    /// Uses `token` from now on. An unusable setting is reported as an error on the token step.
    pub fn use_token(&self, token: &str) {
        let client = Client::new(FetchTransport, self.config(), token);
        match client {
            Ok(c) => *self.0.client.borrow_mut() = Some(Rc::new(c)),
            Err(e) => self.dispatch(Action::ApiFailed(e)),
        }
    }

    /// Stores the token as the user chose, then checks it with `GET /account`.
    pub fn submit_token(&self, token: String, remember: bool) {
        let this = self.clone();
        spawn(async move {
            // A token the extension cannot keep would be gone when the popup closes, which it does
            // as soon as the Salesforce login opens: say so now and let the user try again.
            if let Err(detail) = storage::save_token(&token, remember).await {
                let task = BrowserTask::SaveToken;
                return this.dispatch(Action::BrowserFailed { task, detail });
            }
            this.use_token(&token);
            this.dispatch(Action::Token(TokenMsg::Entered { remember }));
        });
    }

    /// Removes the token from every storage area and stops sending it. A browser that refuses is
    /// reported as the action to dispatch.
    async fn drop_token(&self) -> Result<(), Action> {
        *self.0.client.borrow_mut() = None;
        storage::forget_token()
            .await
            .map_err(|detail| Action::BrowserFailed {
                task: BrowserTask::ForgetToken,
                detail,
            })
    }

    /// "Forget token" and "Sign in with another token": the token is removed, then the Token step.
    pub fn forget_token(&self) {
        let this = self.clone();
        spawn(async move {
            let done = this.drop_token().await;
            this.dispatch(done.err().unwrap_or(Action::Token(TokenMsg::Forgotten)));
        });
    }

    /// Applies `action`, saves the progress, re-renders, and starts the calls it implies.
    pub fn dispatch(&self, action: Action) {
        let before = self.state();
        let after = Rc::new(reduce(&before, action.clone()));
        *self.0.state.borrow_mut() = after.clone();
        self.changed();
        // Progress survives the popup closing.
        spawn(async move { save(&after).await });
        for effect in effects(&before, &self.state(), &action) {
            self.run(effect);
        }
        // The import session follows the same reads of the connection: one poll serves both.
        #[cfg(feature = "tab")]
        if let Action::ConnectionPolled {
            result: Ok(conn), ..
        } = &action
        {
            if self.state().connection_id.as_deref() == Some(conn.id.as_str()) {
                self.import_saw(conn);
            }
        }
        self.schedule_poll();
    }

    /// Redraws whatever shows the store.
    fn changed(&self) {
        self.0.version.set(self.0.version.get() + 1);
        self.0.rerender.borrow().emit(());
    }

    /// Re-reads what the current step shows, after the popup reopened on it: the saved state is shown
    /// at once, then refreshed. The loads are the ones entering the step from a blank start would make.
    pub fn resume(&self) {
        let state = self.state();
        for effect in effects(&State::default(), &state, &Action::ErrorDismissed) {
            self.run(effect);
        }
        self.schedule_poll();
    }

    /// Re-arms the poll timer for whatever the current state needs, or stops it. Nothing polls while
    /// the page is hidden; the page calls this again when it becomes visible.
    pub fn schedule_poll(&self) {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        // An import being watched reads the connection fast, as the flow's own changes do.
        #[cfg(feature = "tab")]
        let next = crate::flow::effect::due_poll_importing(&self.state(), self.import_polling());
        #[cfg(not(feature = "tab"))]
        let next = crate::flow::effect::due_poll(&self.state());
        let next = next.filter(|_| !hidden);
        let timer = next.map(|poll| {
            let this = self.clone();
            let ms = u32::try_from(poll.after_ms).unwrap_or(u32::MAX);
            Timeout::new(ms, move || this.run(poll.effect))
        });
        *self.0.poll.borrow_mut() = timer;
    }

    /// Performs `effect` now (a refresh the user asked for, or one the flow planned).
    pub fn run(&self, effect: Effect) {
        let this = self.clone();
        spawn(async move {
            let sent_with = this.client();
            if let Some(action) = this.perform(effect).await {
                // A refusal of a token that has been replaced (or dropped) since says nothing about
                // the one in use now, and must not make the store forget it.
                let replaced = match (&sent_with, &this.client()) {
                    (Some(a), Some(b)) => !Rc::ptr_eq(a, b),
                    (a, b) => a.is_some() != b.is_some(),
                };
                let unauthorized = action
                    .api_error()
                    .is_some_and(|e| e.kind() == ErrorKind::Unauthorized);
                if !(replaced && unauthorized) {
                    this.dispatch(action);
                }
            }
        });
    }

    /// Performs one effect and turns its answer into the action that reports it.
    async fn perform(&self, effect: Effect) -> Option<Action> {
        let client = self.client()?;
        let state = self.state();
        match driver::perform(&client, &state, effect, now_ms()).await {
            Outcome::Action(action) => Some(action),
            Outcome::OpenTab(url) => {
                // Record the wait and save it before the tab opens: opening it closes the popup.
                self.dispatch(Action::Salesforce(SalesforceMsg::WaitStarted {
                    now_ms: now_ms(),
                }));
                save(&self.state()).await;
                tabs::open(&url)
                    .await
                    .err()
                    .map(|detail| Action::BrowserFailed {
                        task: BrowserTask::OpenSalesforce,
                        detail,
                    })
            }
            Outcome::ForgetToken => self.drop_token().await.err(),
            #[cfg(feature = "tab")]
            Outcome::SaveExport(document) => {
                let saved = crate::ui::monitor::config_file::save_export(self, document);
                Some(Action::Monitor(crate::flow::MonitorMsg::ExportSaved(saved)))
            }
            #[cfg(not(feature = "tab"))]
            Outcome::SaveExport(_) => None,
            Outcome::Nothing => None,
        }
    }
}
