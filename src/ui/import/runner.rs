//! Performs what the import session asks for: each [`Call`] with the store's client, the backup in
//! `chrome.storage.local`, the fast poll while an import or an undo applies. It holds no rule of its
//! own; the next call always comes from `Session::apply`.

use crate::api::model::Connection;
use crate::browser::i18n::{t, t_with};
use crate::browser::storage::{self, Area};
use crate::config::Plan;
use crate::driver::import as calls;
use crate::flow::import::backup::{self, Backup};
use crate::flow::import::{Call, Event, Session};
use crate::flow::monitor::FAST_POLL_MS;
use crate::flow::Action;
use crate::flow::ImportMsg;
use crate::ui::monitor::config_file;
use crate::ui::store::Store;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::Callback;

struct Inner {
    store: Store,
    session: RefCell<Session>,
    rerender: Callback<()>,
    // Dropping the handle cancels the poll, so the component going away stops it.
    poll: RefCell<Option<Timeout>>,
    backups_version: Cell<u32>,
}

/// A shared handle to one import session and the calls it makes.
#[derive(Clone)]
pub struct Runner(Rc<Inner>);

impl Runner {
    /// A runner with an empty session; `rerender` redraws the panel.
    /// An import this connection's setup state kept (sent from a page since closed) is picked up
    /// where it stood, and watched again when it was still applying.
    pub fn new(store: Store, rerender: Callback<()>) -> Runner {
        let state = store.state();
        let saved = state
            .tab
            .import
            .as_ref()
            .filter(|i| Some(&i.connection_id) == state.connection_id.as_ref());
        let this = Runner(Rc::new(Inner {
            session: RefCell::new(saved.map_or_else(Session::default, |saved| {
                Session::resumed(saved, plan_of(&store), &t("import_page_closed"))
            })),
            store,
            rerender,
            poll: RefCell::new(None),
            backups_version: Cell::new(0),
        }));
        this.schedule_poll();
        let resume = this.session().resume_call();
        if let Some(call) = resume {
            this.perform(call);
        }
        this
    }

    /// The session as it is now.
    pub fn session(&self) -> Ref<'_, Session> {
        self.0.session.borrow()
    }

    /// Changes whenever a backup was saved, so the list reloads.
    pub fn backups_version(&self) -> u32 {
        self.0.backups_version.get()
    }

    fn connection(&self) -> Option<Connection> {
        self.0.store.state().connection().cloned()
    }

    /// A file (or pasted text) to check, validated under the connection's plan.
    pub fn file(&self, name: String, bytes: Vec<u8>) {
        let plan = plan_of(&self.0.store);
        let previous = self.0.session.borrow_mut().retire();
        self.apply(Event::FileRead { name, bytes, plan });
        // The previous file's results go once the new ones are drawn (a zero timeout runs after the
        // render this apply scheduled).
        if let Some(previous) = previous {
            Timeout::new(0, move || drop(previous)).forget();
        }
    }

    /// Applies `event`, redraws, and performs the call it leads to.
    pub fn apply(&self, event: Event) {
        let call = self.0.session.borrow_mut().apply(event);
        self.0.rerender.emit(());
        self.keep();
        if let Some(call) = call {
            self.perform(call);
        }
        self.schedule_poll();
    }

    /// Records in the setup state what a later page must show of the session, when that changed.
    fn keep(&self) {
        let state = self.0.store.state();
        let Some(id) = state.connection_id.as_deref() else {
            return;
        };
        let saved = self.session().saved(id);
        if saved != state.tab.import {
            self.0
                .store
                .dispatch(Action::Import(ImportMsg::Saved(saved)));
        }
    }

    fn schedule_poll(&self) {
        let timer = self.session().polling().then(|| {
            let this = self.clone();
            Timeout::new(FAST_POLL_MS as u32, move || this.poll_now())
        });
        *self.0.poll.borrow_mut() = timer;
    }

    fn poll_now(&self) {
        let (Some(client), Some(conn)) = (self.0.store.client(), self.connection()) else {
            return;
        };
        let this = self.clone();
        spawn_local(async move {
            match client.connection_detail(&conn).await {
                Ok(fresh) => this.apply(Event::ConnectionSeen(fresh)),
                // A failed read is tried again on the next poll.
                Err(_) => this.schedule_poll(),
            }
        });
    }

    fn perform(&self, call: Call) {
        let (Some(client), Some(conn)) = (self.0.store.client(), self.connection()) else {
            return;
        };
        let this = self.clone();
        spawn_local(async move {
            let event = match call {
                Call::Check {
                    objects,
                    export,
                    ticket,
                } => calls::check(&client, &conn, &objects, export, ticket, &t_with).await,
                Call::Refresh => Event::Refreshed(calls::export(&client, &conn, &t_with).await),
                Call::Backup(document) => {
                    Event::BackupSaved(this.save_backup(&conn, document).await)
                }
                Call::Import(document) => calls::import(&client, &conn, document, &t_with).await,
                Call::Confirm => calls::confirm(&client, &conn, &t_with).await,
                Call::Undo { delete, restore } => {
                    calls::undo(&client, &conn, &delete, restore, &t_with).await
                }
                Call::Verify(backup) => calls::verify(&client, &conn, &backup, &t_with).await,
            };
            this.apply(event);
        });
    }

    async fn save_backup(&self, conn: &Connection, document: String) -> Result<(), String> {
        let key = backup::storage_key(&conn.id);
        let list = storage::get_json::<Vec<Backup>>(Area::Local, &key)
            .await?
            .unwrap_or_default();
        let entry = Backup {
            saved_at_ms: js_sys::Date::now() as u64,
            app: config_file::app_name(&self.0.store, conn),
            resource: config_file::resource_name(conn),
            document,
        };
        storage::set_json(Area::Local, &key, &backup::remember(list, entry)).await?;
        self.0.backups_version.set(self.0.backups_version.get() + 1);
        Ok(())
    }

    /// Deletes a mapping only on the server, after the user typed its name.
    pub fn delete_server_only(&self, object_name: String) {
        let (Some(client), Some(conn)) = (self.0.store.client(), self.connection()) else {
            return;
        };
        let this = self.clone();
        spawn_local(async move {
            let event = calls::delete_server_only(&client, &conn, &object_name, &t_with).await;
            this.apply(event);
        });
    }

    /// Downloads the current configuration, normalised, as `<app>-<resource>.json`.
    pub fn export_download(&self) {
        let (store, this) = (self.0.store.clone(), self.clone());
        spawn_local(async move {
            if let Err(e) = config_file::export_to_file(&store).await {
                this.show_error(e);
            }
        });
    }

    /// Shows `text` where the session's failures show, for a task the browser refused (a
    /// download, a tab) that the session itself does not track.
    pub fn show_error(&self, text: String) {
        self.0.session.borrow_mut().error = Some(text);
        self.0.rerender.emit(());
    }
}

/// The connection's plan; an unknown one is checked as the strictest (demo's 10-minute polling floor).
fn plan_of(store: &Store) -> Plan {
    store
        .state()
        .connection()
        .and_then(|c| c.plan.as_deref())
        .and_then(Plan::from_name)
        .unwrap_or(Plan::Demo)
}
