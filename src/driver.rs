//! Executes the guided setup's effects with an API client: the asynchronous half of `flow`.
//!
//! `flow::effect` decides which call comes next; this module makes it and turns the answer into the
//! action that reports it. It is generic over the transport, so the same code runs over `fetch` in the
//! extension and against the in-process emulator in native tests. Opening a browser tab and removing
//! the stored token are the effects it cannot perform; it hands those back to the caller.

pub mod import;

use crate::api::discovery::discovery_unreachable;
use crate::api::model::{AddonCreate, AppCreate, Connection, Mapping};
use crate::api::{Clock, ConnectClient, ConnectFlow, Transport};
use crate::flow::effect::Effect;
#[cfg(feature = "tab")]
use crate::flow::notifications;
use crate::flow::operation::OpKind;
use crate::flow::{Action, State};
use crate::flow::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, LinkMsg, MonitorMsg, SalesforceMsg, TokenMsg,
};

/// What performing an effect produced.
// Made once per call and consumed at once, so its size costs nothing; boxing the action would
// only add an allocation and change the type the UI store matches on.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Feed this action to `reduce`.
    Action(Action),
    /// Open this Salesforce consent URL in a tab (the caller records the wait first).
    OpenTab(String),
    /// Remove the stored token from the browser's storage (the caller owns it), and stop using it.
    ForgetToken,
    /// Write this export as a file (the full tab does; the caller owns the browser).
    SaveExport(serde_json::Value),
    /// Nothing to do: the effect needs a connection that is no longer chosen.
    Nothing,
}

/// Performs `effect` for `state` (the state as it is now) and reports the result.
pub async fn perform<T: Transport + Clock>(
    client: &ConnectClient<T>,
    state: &State,
    effect: Effect,
    now_ms: u64,
) -> Outcome {
    // An effect on the chosen connection finds none when the user chose another meanwhile.
    let conn = match (effect.needs_connection(), state.connection()) {
        (true, None) => return Outcome::Nothing,
        (_, conn) => conn.cloned().unwrap_or_default(),
    };
    let action = match effect {
        Effect::LoadAccount => Action::Token(TokenMsg::AccountLoaded(client.account().await)),
        Effect::LoadApps => Action::App(AppMsg::ListLoaded(client.apps().await)),
        Effect::LoadApp(app) => Action::App(AppMsg::Loaded(client.app(&app).await)),
        Effect::CreateApp { name, region } => {
            let body = AppCreate {
                name,
                region: Some(region),
                stack: None,
            };
            Action::App(AppMsg::Created(client.create_app(body).await))
        }
        Effect::LoadAddons(app) => Action::Addons(AddonsMsg::Loaded(client.addons(&app).await)),
        Effect::CreateAddon { app, plan } => {
            let body = AddonCreate {
                plan,
                attachment: None,
                name: None,
                confirm: None,
            };
            Action::Addons(AddonsMsg::Created(client.create_addon(&app, body).await))
        }
        Effect::Link(app) => {
            // Flow B has no discovery grant: its own grant is part of the legacy discovery. When
            // discovery cannot be reached, discovery falls back to Flow B once, grant included.
            if client.config().flow == ConnectFlow::Legacy {
                Action::Connection(ConnectionMsg::Discovered(client.discover(&app).await))
            } else {
                match client.link(&app).await {
                    Err(e) if discovery_unreachable(&e) => {
                        Action::Connection(ConnectionMsg::Discovered(client.discover(&app).await))
                    }
                    other => Action::Link(LinkMsg::Linked(other)),
                }
            }
        }
        Effect::Discover(app) => {
            Action::Connection(ConnectionMsg::Discovered(client.discover(&app).await))
        }
        Effect::OpenSalesforce(url) => return Outcome::OpenTab(url),
        Effect::ForgetToken => return Outcome::ForgetToken,
        #[cfg(feature = "tab")]
        Effect::PollValidation(url) => Action::Monitor(MonitorMsg::DiagnosePolled(
            client.poll_validation(&url).await,
        )),
        // The popup shows no diagnosis, notifications, write errors, API version preview or mapping
        // editor and never asks for them
        // (`flow::state::TabPart`); its wasm carries no code to.
        #[cfg(not(feature = "tab"))]
        Effect::StartValidation
        | Effect::PollValidation(_)
        | Effect::LoadNotifications
        | Effect::AcknowledgeNotifications
        | Effect::LoadWriteErrors(_)
        | Effect::DiagnoseMapping(_)
        | Effect::PreviewApiVersion(_)
        | Effect::LoadSchema(_)
        | Effect::Export
        | Effect::SaveExport(_)
        | Effect::Operate(OpKind::SaveMapping { .. }) => return Outcome::Nothing,
        Effect::LoadDbKeys(app) => {
            Action::Database(DatabaseMsg::KeysLoaded(client.db_keys(&conn, &app).await))
        }
        Effect::SaveDatabase {
            db_key,
            schema_name,
        } => {
            let saved = client.update_connection(&conn, Some(db_key), Some(schema_name), None);
            Action::Database(DatabaseMsg::Saved(saved.await))
        }
        // Re-read after the PATCH: the API can answer 2xx and leave the connection unchanged.
        Effect::ReReadConnection => {
            Action::Database(DatabaseMsg::ReRead(client.connection_detail(&conn).await))
        }
        Effect::AuthorizeUrl {
            environment,
            domain,
            next,
        } => {
            let url = client.authorize_url(&conn, &environment, domain, &next);
            Action::Salesforce(SalesforceMsg::UrlReceived(url.await))
        }
        Effect::Operate(OpKind::Reload {
            mapping_id,
            object_name,
        }) => {
            let mapping = mapping_of(&conn, mapping_id, object_name);
            Action::Monitor(MonitorMsg::OperationAnswered(
                client.reload_mapping(&conn, &mapping).await,
            ))
        }
        Effect::Operate(OpKind::Delete {
            mapping_id,
            object_name,
        }) => {
            let mapping = mapping_of(&conn, mapping_id, object_name);
            Action::Monitor(MonitorMsg::OperationAnswered(
                client.delete_mapping(&conn, &mapping).await,
            ))
        }
        #[cfg(feature = "tab")]
        Effect::Operate(OpKind::SaveMapping {
            mapping_id,
            object_name,
            config,
            revision,
        }) => {
            let saved = match mapping_id {
                Some(id) => {
                    let mapping = mapping_of(&conn, id, object_name);
                    client
                        .update_mapping(&conn, &mapping, config, revision)
                        .await
                }
                None => client.create_mapping(&conn, &object_name, config).await,
            };
            Action::Monitor(MonitorMsg::OperationAnswered(saved.map(|_| ())))
        }
        #[cfg(feature = "tab")]
        Effect::Export => Action::Monitor(MonitorMsg::Exported(client.export(&conn).await)),
        #[cfg(feature = "tab")]
        Effect::SaveExport(document) => return Outcome::SaveExport(document),
        #[cfg(feature = "tab")]
        Effect::LoadSchema(object) => {
            let result = client.object_schema(&conn, &object).await;
            Action::Monitor(MonitorMsg::SchemaLoaded { object, result })
        }
        Effect::Operate(OpKind::ApiVersion { target }) => {
            let changed = client.change_sf_api_version(&conn, &target).await;
            Action::Monitor(MonitorMsg::OperationAnswered(changed.map(|_| ())))
        }
        #[cfg(feature = "tab")]
        Effect::LoadWriteErrors(scope) => {
            let list = match &scope {
                Some(id) => {
                    let mapping = mapping_of(&conn, id.clone(), String::new());
                    client.mapping_write_errors(&conn, &mapping).await
                }
                None => client.write_errors(&conn).await,
            };
            Action::Monitor(MonitorMsg::WriteErrorsLoaded {
                scope,
                result: list.map(|l| l.results),
            })
        }
        #[cfg(feature = "tab")]
        Effect::DiagnoseMapping(mapping_id) => {
            let mapping = mapping_of(&conn, mapping_id.clone(), String::new());
            let result = client.mapping_validations(&conn, &mapping).await;
            Action::Monitor(MonitorMsg::MappingDiagnosed { mapping_id, result })
        }
        #[cfg(feature = "tab")]
        Effect::PreviewApiVersion(target) => {
            let result = client.schema_diff(&conn, &target).await;
            Action::Monitor(MonitorMsg::ApiVersionPreviewed { target, result })
        }
        #[cfg(feature = "tab")]
        Effect::LoadNotifications => {
            let list = client.notifications(&conn, notifications::query()).await;
            Action::Monitor(MonitorMsg::NotificationsLoaded(list.map(|l| l.results)))
        }
        #[cfg(feature = "tab")]
        Effect::AcknowledgeNotifications => {
            let done = client.acknowledge_notifications(&conn, notifications::query());
            Action::Monitor(MonitorMsg::Acknowledged(done.await))
        }
        #[cfg(feature = "tab")]
        Effect::StartValidation => Action::Monitor(MonitorMsg::DiagnoseStarted(
            client.start_validation(&conn).await,
        )),
        Effect::ConnectionAction(kind) => Action::Monitor(MonitorMsg::ActionDone(
            client.connection_action(&conn, kind).await,
        )),
        Effect::CheckAction(kind) => Action::Monitor(MonitorMsg::ActionChecked {
            kind,
            result: client.connection_detail(&conn).await,
        }),
        Effect::PollConnection => Action::ConnectionPolled {
            result: client.connection_detail(&conn).await,
            now_ms,
        },
    };
    Outcome::Action(action)
}

/// The mapping `id` of `conn` as last read. It may be gone since the click; the server then says
/// so (404) about the id and name the user acted on.
fn mapping_of(conn: &Connection, id: String, object_name: String) -> Mapping {
    conn.mappings
        .iter()
        .find(|m| m.id == id)
        .cloned()
        .unwrap_or(Mapping {
            id,
            object_name,
            ..Mapping::default()
        })
}
