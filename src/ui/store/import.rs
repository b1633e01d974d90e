//! The import session, held by the store for the page's life (the full tab's build only): the
//! store performs the calls [`Session::apply`] asks for, feeds the connection's reads to it from
//! its one poll, and records in the setup state what a later page must show of the session. The import screen only renders the session and hands it events.

use super::{spawn, Store};
use crate::api::model::Connection;
use crate::browser::i18n::{t, t_with};
use crate::browser::storage::{self, Area};
use crate::driver::import as calls;
use crate::flow::import::backup::{self, Backup};
use crate::flow::import::{Call, Event, Session};
use crate::flow::{Action, ImportMsg};
use crate::ui::monitor::config_file;
use gloo_timers::callback::Timeout;
use std::cell::{Ref, RefCell};

/// What the store keeps of the import.
#[derive(Default)]
pub(super) struct ImportHost {
    session: RefCell<Session>,
    /// The connection the session is about, once a screen opened it: another one chosen since
    /// starts a session of its own.
    opened_for: RefCell<Option<String>>,
}

impl Store {
    /// The import session as it is now.
    pub fn import_session(&self) -> Ref<'_, Session> {
        self.0.import.session.borrow()
    }

    /// The import screen is shown. On the first showing for the chosen connection, the import its
    /// state kept (sent from a page since closed) is picked up where it stood, and the calls a page
    /// opens with are made; a session about another connection is dropped.
    pub fn import_opened(&self) {
        let state = self.state();
        if *self.0.import.opened_for.borrow() == state.connection_id {
            return;
        }
        *self.0.import.opened_for.borrow_mut() = state.connection_id.clone();
        let saved = state
            .tab
            .import
            .as_ref()
            .filter(|i| Some(&i.connection_id) == state.connection_id.as_ref());
        let session = saved.map_or_else(Session::default, |saved| {
            Session::resumed(saved, self.state().plan(), &t("import_page_closed"))
        });
        *self.0.import.session.borrow_mut() = session;
        // Only redrawn: what the state keeps is this session's already, or another connection's,
        // which stays for when that one is chosen again.
        self.changed();
        let opening = self.import_session().opening_calls();
        for call in opening {
            self.perform_import(call);
        }
    }

    /// A file (or pasted text) to check, validated under the connection's plan.
    pub fn import_file(&self, name: String, bytes: Vec<u8>) {
        let plan = self.state().plan();
        let previous = self.0.import.session.borrow_mut().retire();
        self.import_event(Event::FileRead { name, bytes, plan });
        // The previous file's results go once the new ones are drawn (a zero timeout runs after
        // the render this event scheduled).
        if let Some(previous) = previous {
            Timeout::new(0, move || drop(previous)).forget();
        }
    }

    /// Applies `event` to the session, redraws, keeps what a later page needs, and performs the
    /// call it leads to.
    pub fn import_event(&self, event: Event) {
        let call = self.0.import.session.borrow_mut().apply(event);
        self.import_changed();
        if let Some(call) = call {
            self.perform_import(call);
        }
        self.schedule_poll();
    }

    /// Whether the session waits for the connection to settle: the store's poll then reads it fast.
    pub(super) fn import_polling(&self) -> bool {
        self.0.import.session.borrow().polling()
    }

    /// A read of the chosen connection, for the session when it waits for one.
    pub(super) fn import_saw(&self, conn: &Connection) {
        if self.import_polling() {
            self.import_event(Event::ConnectionSeen(conn.clone()));
        }
    }

    /// Shows `text` where the session's failures show, for a task the browser refused (a
    /// download) that the session itself does not track.
    pub fn import_error(&self, text: String) {
        self.0.import.session.borrow_mut().error = Some(text);
        self.import_changed();
    }

    /// Redraws, and records in the setup state what a later page must show of the session when
    /// that changed.
    fn import_changed(&self) {
        let state = self.state();
        let saved = state
            .connection_id
            .as_deref()
            .map(|id| self.import_session().saved(id))
            .filter(|saved| *saved != state.tab.import);
        match saved {
            // The dispatch redraws.
            Some(saved) => self.dispatch(Action::Import(ImportMsg::Saved(saved))),
            None => self.changed(),
        }
    }

    fn perform_import(&self, call: Call) {
        let (Some(client), Some(conn)) = (self.client(), self.state().connection().cloned()) else {
            return;
        };
        let this = self.clone();
        spawn(async move {
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
                Call::ReadBackups => {
                    let key = backup::storage_key(&conn.id);
                    let read = storage::get_json(Area::Local, &key).await;
                    Event::BackupsRead(read.map(Option::unwrap_or_default))
                }
                Call::DeleteServerOnly(object) => {
                    calls::delete_server_only(&client, &conn, &object, &t_with).await
                }
            };
            this.import_event(event);
        });
    }

    async fn save_backup(
        &self,
        conn: &Connection,
        document: String,
    ) -> Result<Vec<Backup>, String> {
        let key = backup::storage_key(&conn.id);
        let list = storage::get_json::<Vec<Backup>>(Area::Local, &key)
            .await?
            .unwrap_or_default();
        let entry = Backup {
            saved_at_ms: js_sys::Date::now() as u64,
            app: config_file::app_name(self, conn),
            resource: config_file::resource_name(conn),
            document,
        };
        let list = backup::remember(list, entry);
        storage::set_json(Area::Local, &key, &list).await?;
        Ok(list)
    }
}
