//! The options the user chose, kept in `storage.local`: which discovery flow, and the local emulator
//! origin when one is enabled. They hold no secret.

use super::storage::{get_json, set_json, Area};
use crate::api::ApiConfig;
use crate::shared::SETTINGS_KEY;

/// The stored API settings, or the defaults (Heroku's real services, discovery flow).
pub async fn load() -> ApiConfig {
    get_json(Area::Local, SETTINGS_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Stores the API settings.
pub async fn save(config: &ApiConfig) -> Result<(), String> {
    set_json(Area::Local, SETTINGS_KEY, config).await
}
