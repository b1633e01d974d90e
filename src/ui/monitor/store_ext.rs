//! What the monitor needs from the store beyond the flow's own calls: a refresh the user asks
//! for, the watch list for the background badge, and an API error's words.

use crate::api::ApiError;
use crate::browser::i18n::{t, t_with};
use crate::browser::storage::{self, Area};
use crate::flow::effect::Effect;
use crate::flow::monitor::{watch, watched, WatchedConnection};
use crate::ui::store::{spawn, Store};

use crate::shared::WATCHED_KEY;

/// The hint for an API error plus its detail line (status, Heroku's id and message), both in the
/// browser's language.
pub fn error_text(e: &ApiError) -> String {
    let mut text = format!("{} {}", t(e.hint_key()), e.message_with(t_with));
    if let Some(secs) = e.retry_after() {
        text.push(' ');
        text.push_str(&t_with("error_retry_after", &[&secs.to_string()]));
    }
    text
}

impl Store {
    /// Re-reads the chosen connection (after a change, or when the user asks).
    pub fn refresh_connection(&self) {
        self.run(Effect::PollConnection);
    }

    /// Adds the chosen connection to the background badge's watch list. Only a remembered token
    /// lets the badge check anything, so nothing is stored otherwise.
    pub fn remember_for_badge(&self) {
        let (remembered, entry) = {
            let state = self.state();
            (state.token_remembered, state.connection().and_then(watched))
        };
        let Some(entry) = entry.filter(|_| remembered) else {
            return;
        };
        spawn(async move {
            let list: Vec<WatchedConnection> = storage::get_json(Area::Local, WATCHED_KEY)
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            let next = watch(list.clone(), entry);
            if next != list {
                // Losing one save only means the badge skips this connection until the next visit.
                let _ = storage::set_json(Area::Local, WATCHED_KEY, &next).await;
            }
        });
    }
}
