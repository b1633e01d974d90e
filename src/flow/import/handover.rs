//! A file dropped on the Heroku dashboard, handed to the full-tab import.
//!
//! The content script (`extension/dashboard-drop.js`) gives the file to the service worker, which
//! keeps it in `storage.session` under [`PENDING_KEY`] and opens `app.html#/import?app=<app>&from=dashboard`.
//! That page takes the file once (reads it, then removes it) and runs it through the same check as a
//! file dropped on its own drop zone, but only into the app the file was dropped for: a setup chosen
//! for another app would otherwise receive a configuration meant for a different database.

use super::super::app_url::valid_app_name;
use serde::Deserialize;

/// The `storage.session` key of the pending file; `extension/background.js` writes it.
pub const PENDING_KEY: &str = "dashboard_drop";

/// The pending file as the service worker stored it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PendingDrop {
    /// The app whose dashboard page the file was dropped on.
    pub app: String,
    /// The file's name.
    pub name: String,
    /// The file's bytes, base64-encoded (the message between content script and service worker is
    /// JSON, and the bytes must reach the parser untouched).
    pub data: String,
}

/// What `#/import…` asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportRoute {
    /// The app named by `app=`, when it is a valid app name.
    pub app: Option<String>,
    /// `from=dashboard`: a dropped file waits in `storage.session`.
    pub from_dashboard: bool,
}

/// The import route of a location hash: `#/import`, optionally with `?app=<app>&from=dashboard`.
/// Any other hash is not the import screen.
///
/// ```
/// use connect_pilot::flow::import::handover::import_route;
/// let r = import_route("#/import?app=acme-sync&from=dashboard").unwrap();
/// assert_eq!(r.app.as_deref(), Some("acme-sync"));
/// assert!(r.from_dashboard);
/// assert!(import_route("#/salesforce-done").is_none());
/// ```
pub fn import_route(hash: &str) -> Option<ImportRoute> {
    let rest = hash.strip_prefix("#/import")?;
    let query = match rest {
        "" => return Some(ImportRoute::default()),
        _ => rest.strip_prefix('?')?,
    };
    let mut route = ImportRoute::default();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("app", name)) if valid_app_name(name) => route.app = Some(name.to_owned()),
            Some(("from", "dashboard")) => route.from_dashboard = true,
            _ => {}
        }
    }
    Some(route)
}

/// What the import screen does with a pending file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handover {
    /// Check it, as if dropped on the screen's own drop zone.
    Take,
    /// It is for another app than this screen's: leave it for that app's screen.
    NotHere,
    /// It is for this screen's app, but the setup is for `setup_app` (or none): say so, import nothing.
    OtherSetup {
        /// The app the file was dropped for.
        dropped_for: String,
    },
}

/// Whether the screen for `route_app` (the `app=` of its URL), whose setup is for `setup_app`,
/// takes `pending`.
pub fn handover(
    pending: &PendingDrop,
    route_app: Option<&str>,
    setup_app: Option<&str>,
) -> Handover {
    if route_app.is_some_and(|app| app != pending.app) {
        return Handover::NotHere;
    }
    if setup_app == Some(pending.app.as_str()) {
        Handover::Take
    } else {
        Handover::OtherSetup {
            dropped_for: pending.app.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(app: &str) -> PendingDrop {
        PendingDrop {
            app: app.into(),
            name: "acme.json".into(),
            data: "e30=".into(),
        }
    }

    #[test]
    fn the_plain_import_route_has_no_app() {
        assert_eq!(import_route("#/import"), Some(ImportRoute::default()));
    }

    #[test]
    fn other_hashes_are_not_the_import_route() {
        for hash in [
            "",
            "#/",
            "#/importer",
            "#/import/x",
            "#/salesforce-done",
            "#/welcome",
        ] {
            assert_eq!(import_route(hash), None, "{hash}");
        }
    }

    #[test]
    fn an_invalid_app_name_is_ignored() {
        let r = import_route("#/import?app=Evil%20App&from=dashboard").unwrap();
        assert_eq!(r.app, None);
        assert!(r.from_dashboard);
        let r = import_route("#/import?app=acme-sync&from=elsewhere").unwrap();
        assert_eq!(r.app.as_deref(), Some("acme-sync"));
        assert!(!r.from_dashboard);
    }

    #[test]
    fn the_file_goes_only_into_the_setup_of_its_app() {
        let p = pending("acme-sync");
        assert_eq!(
            handover(&p, Some("acme-sync"), Some("acme-sync")),
            Handover::Take
        );
        assert_eq!(handover(&p, None, Some("acme-sync")), Handover::Take);
        let other = Handover::OtherSetup {
            dropped_for: "acme-sync".into(),
        };
        assert_eq!(handover(&p, Some("acme-sync"), Some("acme-blank")), other);
        assert_eq!(handover(&p, Some("acme-sync"), None), other);
        assert_eq!(
            handover(&p, Some("acme-blank"), Some("acme-blank")),
            Handover::NotHere
        );
    }

    #[test]
    fn the_stored_form_is_what_the_service_worker_writes() {
        let text = r#"{"app":"acme-sync","name":"acme.json","data":"e30="}"#;
        let p: PendingDrop = serde_json::from_str(text).unwrap();
        assert_eq!(p, pending("acme-sync"));
    }
}
