//! The calls an import session asks for ([`Call`](crate::flow::import::Call)), performed with a client. This is the one
//! async part of the import: generic over the transport, so the extension runs it over fetch and the
//! native tests over the in-process emulator. Results come back as [`Event`]s; nothing here
//! decides what happens next. Error text never carries the token (the client redacts it).

use crate::api::model::Connection;
use crate::api::{ApiError, Clock, ConnectClient, ErrorKind, Transport};
use crate::config::{self, FieldSchema, MappingConfig, ObjectSchema, OrgSchema};
use crate::flow::import::Event;

/// Text of a failed call, with the server's request id when there is one.
pub fn error_text(e: &ApiError) -> String {
    match e.request_id() {
        Some(id) => format!("{e} (request {id})"),
        None => e.to_string(),
    }
}

/// Performs [`crate::flow::import::Call::Check`]: the schema of each object when the connection is authorized
/// (a 404 means the org has no such object), then the current export.
pub async fn check<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    objects: &[String],
) -> Event {
    let schema = if crate::flow::salesforce::authorized(conn) {
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
    Event::Checked {
        schema,
        export: export(client, conn).await,
    }
}

/// The current export, parsed.
pub async fn export<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
) -> Result<MappingConfig, String> {
    let value = client.export(conn).await.map_err(|e| error_text(&e))?;
    let bytes = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
    MappingConfig::parse(&bytes).map_err(|e| e.message())
}

/// Performs [`crate::flow::import::Call::Import`]; sent once, never retried.
pub async fn import<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    document: String,
) -> Event {
    Event::ImportAnswered(
        client
            .import(conn, document)
            .await
            .map_err(|e| error_text(&e)),
    )
}

/// Performs [`crate::flow::import::Call::Undo`]: deletes the mappings the import created (read from a fresh
/// detail, which is the only list of mapping ids), then re-imports the backup when it has mappings.
/// Deleting first matters: the connection refuses deletions while it applies an import.
pub async fn undo<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    delete: &[String],
    restore: Option<String>,
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
    Event::UndoStarted(run.await.map_err(|e: ApiError| error_text(&e)))
}

/// Performs [`crate::flow::import::Call::Verify`]: a fresh export compared with the backup.
pub async fn verify<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    backup: &MappingConfig,
) -> Event {
    Event::Verified(
        export(client, conn)
            .await
            .map(|now| config::diff(backup, &now)),
    )
}

/// Deletes the server-only mapping of `object_name` the user confirmed by typing its name.
pub async fn delete_server_only<T: Transport + Clock>(
    client: &ConnectClient<T>,
    conn: &Connection,
    object_name: &str,
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
    Event::ServerOnlyDeleted(run.await.map_err(|e: ApiError| error_text(&e)))
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
