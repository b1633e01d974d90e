//! The calls an import session asks for ([`Call`](crate::flow::import::Call)), performed with a client. This is the one
//! async part of the import: generic over the transport, so the extension runs it over fetch and the
//! native tests over the in-process emulator. Results come back as [`Event`]s; nothing here
//! decides what happens next. Error text never carries the token (the client redacts it).
//!
//! The error text a call hands back is stored in the session as it will be shown, so it is built in
//! the user's language here (`ApiError::message_with`, which carries Heroku's message and the
//! request id): every call takes a [`Lookup`], which is `browser::i18n::t_with` in the extension
//! and a reader of the locale files in native tests.

use crate::api::model::Connection;
use crate::api::{ApiError, Clock, ConnectClient, ErrorKind, Transport};
use crate::config::{self, FieldSchema, MappingConfig, ObjectSchema, OrgSchema};
use crate::flow::import::Event;
use crate::flow::unanswered::outcome_unknown;

/// A message lookup: the template named by the first argument filled with the second, as
/// `chrome.i18n.getMessage` does.
pub type Lookup = dyn Fn(&str, &[&str]) -> String;

/// Performs [`crate::flow::import::Call::Check`]: the schema of each object when the connection is authorized
/// (a 404 means the org has no such object), then the current export when `export` asks for it.
pub async fn check<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    objects: &[String],
    export: bool,
    ticket: u32,
    lookup: &Lookup,
) -> Event {
    let schema = if crate::flow::steps::salesforce::authorized(conn) {
        let mut org = OrgSchema::new();
        for object in objects {
            match client.object_schema(conn, object).await {
                Ok(found) => org.insert(to_schema(found)),
                Err(e) if e.status() == Some(404) => org.insert_unknown(object),
                // Another failure leaves this object unchecked rather than blocking the import.
                Err(_) => {}
            }
        }
        Some(org)
    } else {
        None
    };
    let export = if export {
        Some(self::export(client, conn, lookup).await)
    } else {
        None
    };
    Event::Checked {
        ticket,
        schema,
        export,
    }
}

/// The current export, parsed.
pub async fn export<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    lookup: &Lookup,
) -> Result<MappingConfig, String> {
    let value = client
        .export(conn)
        .await
        .map_err(|e| e.message_with(lookup))?;
    // Serialising a `Value` cannot fail in practice; serde's text is all there would be to show.
    let bytes = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
    MappingConfig::parse(&bytes).map_err(|e| e.message_with(lookup))
}

/// Performs [`crate::flow::import::Call::Import`]; sent once, never retried. When no answer came,
/// the session is told so ([`Event::ImportUnanswered`]): Heroku may have applied it.
pub async fn import<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    document: String,
    lookup: &Lookup,
) -> Event {
    match client.import(conn, document).await {
        Ok(()) => Event::ImportAnswered(Ok(())),
        Err(e) if outcome_unknown(&e) => Event::ImportUnanswered(e.message_with(lookup)),
        Err(e) => Event::ImportAnswered(Err(e.message_with(lookup))),
    }
}

/// Performs [`crate::flow::import::Call::Confirm`]: the export, read to see whether an unanswered
/// import was applied.
pub async fn confirm<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    lookup: &Lookup,
) -> Event {
    Event::Confirmed(export(client, conn, lookup).await)
}

/// Performs [`crate::flow::import::Call::Undo`]: deletes the mappings the import created (read from a fresh
/// detail, which is the only list of mapping ids), then re-imports the backup when it has mappings.
/// Deleting first matters: the connection refuses deletions while it applies an import.
pub async fn undo<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    delete: &[String],
    restore: Option<String>,
    lookup: &Lookup,
) -> Event {
    let run = async {
        let fresh = client.connection_detail(conn).await?;
        for mapping in fresh.mappings.iter().filter(|m| {
            delete
                .iter()
                .any(|d| d.eq_ignore_ascii_case(&m.object_name))
        }) {
            match client.delete_mapping(&fresh, mapping).await {
                // Already gone is what undo wants.
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                other => other?,
            }
        }
        match restore {
            Some(document) => client.import(&fresh, document).await.map(|()| true),
            None => Ok(false),
        }
    };
    Event::UndoStarted(run.await.map_err(|e: ApiError| e.message_with(lookup)))
}

/// Performs [`crate::flow::import::Call::Verify`]: a fresh export compared with the backup.
pub async fn verify<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    backup: &MappingConfig,
    lookup: &Lookup,
) -> Event {
    Event::Verified(
        export(client, conn, lookup)
            .await
            .map(|now| config::diff(backup, &now)),
    )
}

/// Deletes the server-only mapping of `object_name` the user confirmed by typing its name.
pub async fn delete_server_only<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    object_name: &str,
    lookup: &Lookup,
) -> Event {
    let run = async {
        let fresh = client.connection_detail(conn).await?;
        if let Some(m) = fresh
            .mappings
            .iter()
            .find(|m| m.object_name.eq_ignore_ascii_case(object_name))
        {
            client.delete_mapping(&fresh, m).await?;
        }
        Ok(object_name.to_owned())
    };
    Event::ServerOnlyDeleted(run.await.map_err(|e: ApiError| e.message_with(lookup)))
}

/// The API's tolerant schema model as the validator's schema; absent flags count as `false`.
fn to_schema(found: crate::api::model::ObjectSchema) -> ObjectSchema {
    let fields = found
        .fields
        .into_iter()
        .map(|f| {
            FieldSchema::new(
                &f.name,
                f.field_type.as_deref().unwrap_or(""),
                f.required.unwrap_or(false),
                f.unique.unwrap_or(false),
                f.external_id.unwrap_or(false),
            )
        })
        .collect();
    ObjectSchema::new(&found.name, fields)
}
