//! What the extension's plain scripts share with the Rust: the storage keys both read and write, and
//! (natively) [`constants`], the values `extension/constants.js` hands to the service worker and the
//! dashboard's content script, so they apply the app's own rules: the error-state groups of the
//! badge check, the token gate's hosts, the storage keys and the drop size limit.
//!
//! The file is checked in; `tests/shared_constants.rs` and `cargo xtask build` (through the
//! `shared-constants` binary, which prints [`constants_js`]) refuse it when it differs from what
//! the Rust says.

/// `storage.session`/`storage.local`: the Heroku token (local only when remembered).
pub const TOKEN_KEY: &str = "heroku_token";
/// `storage.local`: the settings of the options page.
pub const SETTINGS_KEY: &str = "settings";
/// `storage.local`: whether the background badge check is on.
pub const BADGE_KEY: &str = "monitor_badge";
/// `storage.local`: the connections the badge check reads.
pub const WATCHED_KEY: &str = "monitor_watched";
/// `storage.session`: a file dropped on the dashboard, waiting for the import page.
pub use crate::flow::import::handover::PENDING_KEY as PENDING_DROP_KEY;

/// The shared values, as `extension/constants.js` holds them.
#[cfg(not(target_arch = "wasm32"))]
pub fn constants() -> serde_json::Value {
    use crate::api::gate;
    use crate::api::model::states::{ConnectionState, MappingState, StateGroup};
    let errors = |known: &[&'static str], group: &dyn Fn(&str) -> StateGroup| {
        known
            .iter()
            .copied()
            .filter(|s| group(s) == StateGroup::Error)
            .collect::<Vec<_>>()
    };
    serde_json::json!({
        "errorStates": {
            "connection": errors(ConnectionState::KNOWN, &|s| ConnectionState::parse(s).group()),
            "mapping": errors(MappingState::KNOWN, &|s| MappingState::parse(s).group()),
        },
        "token": {
            "domain": gate::HEROKU_DOMAIN,
            "protocol": "https:",
            "port": 443,
            "refusedDomains": gate::SALESFORCE_DOMAINS,
        },
        "storage": {
            "token": TOKEN_KEY,
            "settings": SETTINGS_KEY,
            "badge": BADGE_KEY,
            "watched": WATCHED_KEY,
            "pendingDrop": PENDING_DROP_KEY,
        },
        "maxDropBytes": crate::config::MAX_FILE_BYTES,
    })
}

/// The text of `extension/constants.js`: a classic script, so a service worker (`importScripts`),
/// a Firefox background page and a content script all load it the same way.
#[cfg(not(target_arch = "wasm32"))]
pub fn constants_js() -> String {
    let value = serde_json::to_string_pretty(&constants()).unwrap_or_default();
    format!(
        "// Generated from the Rust (src/shared.rs) by `cargo run -p connect-pilot --bin shared-constants`;\n\
         // tests/shared_constants.rs and `cargo xtask build` refuse it when it differs. Do not edit.\n\
         globalThis.CP = {value};\n"
    )
}
