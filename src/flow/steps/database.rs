//! Step 5, database key and schema: the schema name check done before the PATCH, the PATCH, and
//! the re-read check after it (users of the official CLI have seen a 2xx that left the connection
//! unchanged).

use serde::{Deserialize, Serialize};

use super::{ready, start};
use crate::api::connections::{ConnRef, GetDbKeys, UpdateConnection};
use crate::api::model::{AppDbKeys, Connection};
use crate::api::{ApiError, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::reduce::rules::{is_chosen, ok_or_fail, store_connection};
use crate::flow::state::step_for_connection;
use crate::flow::unanswered::{outcome_unknown, Change, Checked};
use crate::flow::{FlowError, State, Step};

/// Default schema, as the CLI offers.
pub const DEFAULT_SCHEMA: &str = "salesforce";

/// `^[a-z_][a-z0-9_]{0,62}$`, written out so the app carries no regex engine.
///
/// ```
/// use connect_pilot::flow::valid_schema_name;
/// assert!(valid_schema_name("salesforce"));
/// assert!(!valid_schema_name("Salesforce"));
/// ```
pub fn valid_schema_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && (b[0].is_ascii_lowercase() || b[0] == b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// Whether a re-read connection shows the db_key and schema that were sent.
pub fn database_stuck(conn: &Connection, db_key: &str, schema_name: &str) -> bool {
    conn.db_key.as_deref() == Some(db_key) && conn.schema_name.as_deref() == Some(schema_name)
}

/// What happens on the database step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DatabaseMsg {
    /// `GET /api/v3/apps/<app>` answered.
    KeysLoaded(Result<AppDbKeys, ApiError>),
    /// The user submitted db_key and schema.
    Chosen {
        /// Config var.
        db_key: String,
        /// Schema.
        schema_name: String,
    },
    /// The user changed db_key or schema on the form without saving yet; kept so that neither a
    /// late answer nor the popup closing loses it.
    Edited {
        /// Config var shown as chosen (empty while the list is loading).
        db_key: String,
        /// Schema as typed.
        schema_name: String,
    },
    /// The PATCH answered.
    Saved(Result<Connection, ApiError>),
    /// The re-read after the PATCH answered.
    ReRead(Result<Connection, ApiError>),
}

impl DatabaseMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            DatabaseMsg::KeysLoaded(Err(e))
            | DatabaseMsg::Saved(Err(e))
            | DatabaseMsg::ReRead(Err(e)) => Some(e),
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: DatabaseMsg) {
    match msg {
        DatabaseMsg::KeysLoaded(r) => {
            if let Some(keys) = ok_or_fail(s, r) {
                s.db_keys = keys.db_keys;
                if s.db_key.is_none() && s.db_keys.len() == 1 {
                    s.db_key = Some(s.db_keys[0].name.clone());
                }
            }
        }
        DatabaseMsg::Edited {
            db_key,
            schema_name,
        } => {
            let db_key = db_key.trim();
            if !db_key.is_empty() {
                s.db_key = Some(db_key.to_string());
            }
            s.schema_name = schema_name;
            s.database_edited = true;
        }
        DatabaseMsg::Chosen {
            db_key,
            schema_name,
        } => {
            let db_key = db_key.trim().to_string();
            s.schema_name = schema_name.clone();
            if db_key.is_empty() {
                s.last_error = Some(FlowError::NoDbKey);
            } else if !valid_schema_name(&schema_name) {
                s.last_error = Some(FlowError::InvalidSchemaName(schema_name));
            } else if ready(s, s.connection().is_some(), Step::Database) {
                s.db_key = Some(db_key.clone());
                s.database_pending = Some((db_key, schema_name));
                start(s);
            }
        }
        // No answer: the PATCH may have been applied. The re-read that follows says which (it needs
        // the chosen connection; without one this is an ordinary failure).
        DatabaseMsg::Saved(Err(e))
            if outcome_unknown(&e) && s.database_pending.is_some() && s.connection().is_some() =>
        {
            s.unanswered = Some(e);
        }
        DatabaseMsg::Saved(r) => {
            let pending = s.database_pending.take();
            if let Some(conn) = ok_or_fail(s, r) {
                if is_chosen(s, &conn) {
                    store_connection(s, conn);
                    // Still waiting for the re-read: the PATCH answer alone proves nothing.
                    s.database_pending = pending;
                    s.busy = s.database_pending.is_some();
                } else if s.connections.iter().any(|c| c.id == conn.id) {
                    // A late answer about a connection no longer chosen: no re-read follows it
                    // (the driver reads only the chosen one), so nothing may wait for one.
                    store_connection(s, conn);
                }
            }
        }
        DatabaseMsg::ReRead(r) => re_read(s, r),
    }
}

/// The re-read after the PATCH: whether the values stuck decides the step.
fn re_read(s: &mut State, r: Result<Connection, ApiError>) {
    let pending = s.database_pending.take();
    let unanswered = s.unanswered.take();
    let said = unanswered
        .zip(pending.clone())
        .map(|(error, (db_key, schema_name))| {
            let checked = match &r {
                Ok(conn) if database_stuck(conn, &db_key, &schema_name) => Checked::Applied,
                Ok(_) => Checked::NotApplied,
                Err(_) => Checked::Unknown,
            };
            let change = Change::Database {
                db_key,
                schema_name,
            };
            FlowError::Unanswered {
                change,
                checked,
                error,
            }
        });
    if let Some(conn) = ok_or_fail(s, r).filter(|c| is_chosen(s, c)) {
        match pending {
            // Nothing was awaited (an answer that outlived its save): it only refreshes the copy
            // and proves nothing about the step.
            None => {}
            Some((k, sc)) if database_stuck(&conn, &k, &sc) => {
                // Saved: the form shows the connection's values from now on.
                s.database_edited = false;
                if s.step == Step::Database {
                    s.step = step_for_connection(&conn).max(Step::Salesforce);
                }
            }
            Some(_) => {
                s.last_error = Some(FlowError::DatabaseNotSaved {
                    found_db_key: conn.db_key.clone(),
                    found_schema_name: conn.schema_name.clone(),
                });
            }
        }
        store_connection(s, conn);
    }
    // After a PATCH without an answer, what the re-read showed is the news.
    if let Some(said) = said {
        s.last_error = Some(said);
    }
}

pub(crate) fn effects(after: &State, msg: &DatabaseMsg, out: &mut Vec<Effect>) {
    match msg {
        DatabaseMsg::Chosen { .. } => {
            if let Some((db_key, schema_name)) = after.database_pending.clone() {
                out.push(Effect::SaveDatabase {
                    db_key,
                    schema_name,
                });
            }
        }
        // Only a save still awaited is re-read: a late answer about a connection no longer
        // chosen would have the driver read the chosen one instead.
        DatabaseMsg::Saved(Ok(_)) if after.database_pending.is_some() => {
            out.push(Effect::ReReadConnection)
        }
        // No answer to the PATCH: the re-read says whether it was applied.
        DatabaseMsg::Saved(Err(_)) if after.unanswered.is_some() => {
            out.push(Effect::ReReadConnection)
        }
        _ => {}
    }
}

/// The app's database keys, once a connection is chosen.
pub(crate) fn entry(after: &State, app: &str) -> Vec<Effect> {
    if after.connection().is_some() {
        vec![Effect::LoadDbKeys(app.to_owned())]
    } else {
        Vec::new()
    }
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let conn = state.connection().and_then(|c| ConnRef::of(c).ok());
    let (Some(conn), Some(app)) = (conn, state.app_name()) else {
        return Vec::new();
    };
    let mut v = vec![
        RequestSpec::of(&GetDbKeys {
            region_url: conn.region_url.clone(),
            app: app.to_owned(),
        }),
        RequestSpec::of(&UpdateConnection {
            conn,
            db_key: state.db_key.clone(),
            schema_name: Some(state.schema_name.clone()),
            name: None,
        }),
    ];
    v.extend(super::detail_call(state));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn database() {
        let s = with_conn(Step::Database, conn("NEW", false, false));
        let chosen = |schema: &str| {
            Action::Database(DatabaseMsg::Chosen {
                db_key: "DATABASE_URL".into(),
                schema_name: schema.into(),
            })
        };
        assert_eq!(
            run(&s, chosen("salesforce")),
            vec![Effect::SaveDatabase {
                db_key: "DATABASE_URL".into(),
                schema_name: "salesforce".into()
            }]
        );
        // Refused before any call: an invalid schema or no database.
        assert_eq!(run(&s, chosen("Sales Force")), vec![]);
        assert_eq!(
            run(
                &s,
                Action::Database(DatabaseMsg::Chosen {
                    db_key: " ".into(),
                    schema_name: "salesforce".into()
                })
            ),
            vec![]
        );
        let saving = reduce(&s, chosen("salesforce"));
        let saved = conn("NEED_AUTHENTICATION", true, false);
        assert_eq!(
            run(
                &saving,
                Action::Database(DatabaseMsg::Saved(Ok(saved.clone())))
            ),
            vec![Effect::ReReadConnection]
        );
        assert_eq!(
            run(&saving, Action::Database(DatabaseMsg::Saved(Err(err(409))))),
            vec![]
        );
        // The re-read moves to Salesforce and is itself the fresh copy.
        let rereading = reduce(
            &saving,
            Action::Database(DatabaseMsg::Saved(Ok(saved.clone()))),
        );
        let after = reduce(
            &rereading,
            Action::Database(DatabaseMsg::ReRead(Ok(saved.clone()))),
        );
        assert_eq!(after.step, Step::Salesforce);
        assert_eq!(
            run(
                &rereading,
                Action::Database(DatabaseMsg::ReRead(Ok(saved.clone())))
            ),
            vec![]
        );
        // Without a chosen connection nothing connection-scoped is asked for.
        let lost = State {
            connection_id: None,
            ..saving
        };
        assert_eq!(
            run(&lost, Action::Database(DatabaseMsg::Saved(Ok(saved)))),
            vec![]
        );
        assert_eq!(run(&lost, chosen("salesforce")), vec![]);
        assert_eq!(
            run(
                &s,
                Action::Database(DatabaseMsg::KeysLoaded(Ok(Default::default())))
            ),
            vec![]
        );
    }

    #[test]
    fn schema_names() {
        for ok in ["salesforce", "_x", "a", "sf_2025", &"a".repeat(63)] {
            assert!(valid_schema_name(ok), "{ok}");
        }
        for bad in [
            "",
            "1abc",
            "Salesforce",
            "sales-force",
            "sales force",
            "ünï",
            &"a".repeat(64),
            "public;drop",
        ] {
            assert!(!valid_schema_name(bad), "{bad}");
        }
    }

    #[test]
    fn stuck_check() {
        let mut c = Connection::default();
        assert!(!database_stuck(&c, "DATABASE_URL", "salesforce"));
        c.db_key = Some("DATABASE_URL".into());
        c.schema_name = Some("salesforce".into());
        assert!(database_stuck(&c, "DATABASE_URL", "salesforce"));
        assert!(!database_stuck(&c, "DATABASE_URL", "other"));
    }
}
