//! Heroku Platform API objects used during setup (contract §4.5).

use serde::{Deserialize, Serialize};

use super::{FlexId, Named, Timestamp};

/// `GET /account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Account {
    /// Account id.
    pub id: Option<String>,
    /// Email.
    pub email: String,
    /// Display name.
    pub name: Option<String>,
}

/// `GET /account/rate-limits`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct RateLimits {
    /// Request tokens left.
    pub remaining: Option<u64>,
}

/// An app owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Owner {
    /// Id.
    pub id: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// An app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct App {
    /// App id.
    pub id: Option<String>,
    /// App name.
    pub name: String,
    /// Region (`us`, `eu`, or a Private Space region).
    pub region: Option<Named>,
    /// Private Space, if any.
    pub space: Option<Named>,
    /// Stack.
    pub stack: Option<Named>,
    /// Owner.
    pub owner: Option<Owner>,
    /// App URL.
    pub web_url: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
}

impl App {
    /// `region.name`.
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_ref().and_then(|r| r.name.as_deref())
    }
}

/// `POST /apps` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AppCreate {
    /// Name; Heroku invents one when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `us` or `eu`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Stack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stack: Option<String>,
}

/// An add-on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Addon {
    /// Add-on id.
    pub id: Option<FlexId>,
    /// Resource name, e.g. `herokuconnect-acme-10001`.
    pub name: Option<String>,
    /// Service, e.g. `herokuconnect`, `heroku-postgresql`.
    pub addon_service: Option<Named>,
    /// Plan, e.g. `heroku-postgresql:essential-0`.
    pub plan: Option<Named>,
    /// `provisioning`, `provisioned`, `deprovisioned`, …
    pub state: Option<String>,
    /// Config vars it sets.
    pub config_vars: Vec<String>,
    /// The app.
    pub app: Option<Named>,
    /// Provider id.
    pub provider_id: Option<String>,
    /// Add-on dashboard.
    pub web_url: Option<String>,
    /// Created.
    pub created_at: Option<Timestamp>,
}

impl Addon {
    /// `addon_service.name`, else the part of `plan.name` before the colon.
    pub fn service_name(&self) -> Option<&str> {
        self.addon_service
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .or_else(|| {
                self.plan
                    .as_ref()
                    .and_then(|p| p.name.as_deref())
                    .map(|p| p.split(':').next().unwrap_or(p))
            })
    }

    /// `plan.name`.
    pub fn plan_name(&self) -> Option<&str> {
        self.plan.as_ref().and_then(|p| p.name.as_deref())
    }

    /// Whether `state` is `provisioned`.
    pub fn is_provisioned(&self) -> bool {
        self.state.as_deref() == Some("provisioned")
    }
}

/// `POST /apps/<app>/addons` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AddonCreate {
    /// e.g. `herokuconnect:demo`.
    pub plan: String,
    /// Attachment name (config var prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<AttachmentName>,
    /// Add-on name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Confirmation (app name) for paid plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm: Option<String>,
}

/// `{name}` of an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AttachmentName {
    /// e.g. `DATABASE`.
    pub name: String,
}
