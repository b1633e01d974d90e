//! One async method per operation on [`ConnectClient`], each a thin wrapper that builds the
//! endpoint value and sends it. The endpoint structs say what goes on the wire.

use super::central::GrantAccess;
use super::connections::*;
use super::error::ApiError;
use super::mappings::*;
use super::model::*;
use super::monitoring::*;
use super::platform::*;
use super::transport::{Clock, Transport};
use super::versions::*;
use super::ConnectClient;

impl<T: Transport + Clock> ConnectClient<T> {
    /// `GET /account`.
    pub async fn account(&self) -> Result<Account, ApiError> {
        self.send(&GetAccount).await
    }

    /// `GET /account/rate-limits`.
    pub async fn rate_limits(&self) -> Result<RateLimits, ApiError> {
        self.send(&GetRateLimits).await
    }

    /// `GET /apps`, every page.
    pub async fn apps(&self) -> Result<Vec<App>, ApiError> {
        self.send_paged(&ListApps).await
    }

    /// `GET /apps/<app>`.
    pub async fn app(&self, app: &str) -> Result<App, ApiError> {
        self.send(&GetApp { app: app.into() }).await
    }

    /// `POST /apps`.
    pub async fn create_app(&self, app: AppCreate) -> Result<App, ApiError> {
        self.send(&CreateApp { app }).await
    }

    /// `GET /apps/<app>/addons`, every page.
    pub async fn addons(&self, app: &str) -> Result<Vec<Addon>, ApiError> {
        self.send_paged(&ListAddons { app: app.into() }).await
    }

    /// `POST /apps/<app>/addons`.
    pub async fn create_addon(&self, app: &str, addon: AddonCreate) -> Result<Addon, ApiError> {
        self.send(&CreateAddon {
            app: app.into(),
            addon,
        })
        .await
    }

    /// `POST /auth/<app>` on discovery, for the Link step.
    pub async fn link(&self, app: &str) -> Result<AuthAnswer, ApiError> {
        self.send(&GrantAccess { app: app.into() }).await
    }

    /// `GET /api/v3/apps/<app>` on the connection's region: the database choices.
    pub async fn db_keys(&self, conn: &Connection, app: &str) -> Result<AppDbKeys, ApiError> {
        let c = ConnRef::of(conn)?;
        self.send(&GetDbKeys {
            region_url: c.region_url,
            app: app.into(),
        })
        .await
    }

    /// `PATCH /api/v3/connections/<cid>`. A 2xx does not prove the values stuck: re-read with
    /// [`ConnectClient::connection_detail`].
    pub async fn update_connection(
        &self,
        conn: &Connection,
        db_key: Option<String>,
        schema_name: Option<String>,
        name: Option<String>,
    ) -> Result<Connection, ApiError> {
        let e = UpdateConnection {
            conn: ConnRef::of(conn)?,
            db_key,
            schema_name,
            name,
        };
        self.send(&e).await
    }

    /// `POST …/authorize_url`: the URL to open for Salesforce consent.
    pub async fn authorize_url(
        &self,
        conn: &Connection,
        environment: &str,
        domain: Option<String>,
        next: &str,
    ) -> Result<AuthorizeUrl, ApiError> {
        let e = CreateAuthorizeUrl {
            conn: ConnRef::of(conn)?,
            environment: environment.into(),
            domain,
            next: next.into(),
            api_version: None,
        };
        self.send(&e).await
    }

    /// `POST …/actions/{pause|resume|restart}`.
    pub async fn connection_action(
        &self,
        conn: &Connection,
        action: ConnectionActionKind,
    ) -> Result<(), ApiError> {
        self.send(&ConnectionAction {
            conn: ConnRef::of(conn)?,
            action,
        })
        .await
    }

    /// `GET …/actions/export`.
    pub async fn export(&self, conn: &Connection) -> Result<serde_json::Value, ApiError> {
        self.send(&ExportConfiguration {
            conn: ConnRef::of(conn)?,
        })
        .await
    }

    /// `POST …/actions/import` with the document text as given; never retried.
    pub async fn import(&self, conn: &Connection, document: String) -> Result<(), ApiError> {
        self.send(&ImportConfiguration {
            conn: ConnRef::of(conn)?,
            document,
        })
        .await
    }

    /// `GET …/schema-diff?target_version=`.
    pub async fn schema_diff(
        &self,
        conn: &Connection,
        target_version: &str,
    ) -> Result<SchemaDiff, ApiError> {
        self.send(&GetSchemaDiff {
            conn: ConnRef::of(conn)?,
            target_version: target_version.into(),
        })
        .await
    }

    /// `POST …/actions/change-sf-api-version`.
    pub async fn change_sf_api_version(
        &self,
        conn: &Connection,
        target_version: &str,
    ) -> Result<SchemaDiff, ApiError> {
        self.send(&ChangeSfApiVersion {
            conn: ConnRef::of(conn)?,
            target_version: target_version.into(),
        })
        .await
    }

    /// `POST …/mappings`.
    pub async fn create_mapping(
        &self,
        conn: &Connection,
        object_name: &str,
        config: serde_json::Value,
    ) -> Result<Mapping, ApiError> {
        self.send(&CreateMapping {
            conn: ConnRef::of(conn)?,
            object_name: object_name.into(),
            config,
        })
        .await
    }

    /// `GET /api/v3/mappings/<mid>`.
    pub async fn mapping(&self, conn: &Connection, mapping: &Mapping) -> Result<Mapping, ApiError> {
        self.send(&GetMapping {
            mapping: MappingRef::of(&ConnRef::of(conn)?, mapping),
        })
        .await
    }

    /// `PATCH /api/v3/mappings/<mid>`.
    pub async fn update_mapping(
        &self,
        conn: &Connection,
        mapping: &Mapping,
        config: serde_json::Value,
        revision: Option<i64>,
    ) -> Result<Mapping, ApiError> {
        let m = MappingRef::of(&ConnRef::of(conn)?, mapping);
        self.send(&UpdateMapping {
            mapping: m,
            config,
            revision,
        })
        .await
    }

    /// `DELETE /api/v3/mappings/<mid>`.
    pub async fn delete_mapping(
        &self,
        conn: &Connection,
        mapping: &Mapping,
    ) -> Result<(), ApiError> {
        self.send(&DeleteMapping {
            mapping: MappingRef::of(&ConnRef::of(conn)?, mapping),
        })
        .await
    }

    /// `POST /api/v3/mappings/<mid>/actions/reload`.
    pub async fn reload_mapping(
        &self,
        conn: &Connection,
        mapping: &Mapping,
    ) -> Result<(), ApiError> {
        self.send(&ReloadMapping {
            mapping: MappingRef::of(&ConnRef::of(conn)?, mapping),
        })
        .await
    }

    /// `GET …/schemas/<Object>`.
    pub async fn object_schema(
        &self,
        conn: &Connection,
        object_name: &str,
    ) -> Result<ObjectSchema, ApiError> {
        self.send(&GetObjectSchema {
            conn: ConnRef::of(conn)?,
            object_name: object_name.into(),
        })
        .await
    }

    /// `GET …/errors` of the connection.
    pub async fn write_errors(&self, conn: &Connection) -> Result<List<WriteError>, ApiError> {
        self.send(&ConnectionWriteErrors {
            conn: ConnRef::of(conn)?,
        })
        .await
    }

    /// `GET /api/v3/mappings/<mid>/errors`.
    pub async fn mapping_write_errors(
        &self,
        conn: &Connection,
        mapping: &Mapping,
    ) -> Result<List<WriteError>, ApiError> {
        self.send(&MappingWriteErrors {
            mapping: MappingRef::of(&ConnRef::of(conn)?, mapping),
        })
        .await
    }

    /// `POST …/validations`: starts diagnostics.
    pub async fn start_validation(&self, conn: &Connection) -> Result<ValidationJob, ApiError> {
        self.send(&StartValidation {
            conn: ConnRef::of(conn)?,
        })
        .await
    }

    /// `GET <result_url>` once (the caller polls; the URL passes the token gate).
    pub async fn poll_validation(&self, result_url: &str) -> Result<ValidationPoll, ApiError> {
        self.send(&ValidationResultPoll {
            url: result_url.into(),
        })
        .await
    }

    /// `GET /api/v3/mappings/<mid>/validations`.
    pub async fn mapping_validations(
        &self,
        conn: &Connection,
        mapping: &Mapping,
    ) -> Result<ValidationResult, ApiError> {
        self.send(&MappingValidations {
            mapping: MappingRef::of(&ConnRef::of(conn)?, mapping),
        })
        .await
    }

    /// `GET …/notifications`.
    pub async fn notifications(
        &self,
        conn: &Connection,
        query: NotificationQuery,
    ) -> Result<NotificationList, ApiError> {
        self.send(&ListNotifications {
            conn: ConnRef::of(conn)?,
            query,
        })
        .await
    }

    /// `POST …/notifications/acknowledge`.
    pub async fn acknowledge_notifications(
        &self,
        conn: &Connection,
        query: NotificationQuery,
    ) -> Result<(), ApiError> {
        self.send(&AcknowledgeNotifications {
            conn: ConnRef::of(conn)?,
            query,
        })
        .await
    }
}
