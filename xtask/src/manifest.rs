//! Per-browser manifests derived from the one production `manifest.json` (Chrome's MV3 form).
//!
//! Chrome gets the file as written, with the version taken from Cargo.toml. Firefox runs MV3
//! background code as event pages, so its copy lists `background.scripts` instead of a service worker,
//! and it carries `browser_specific_settings.gecko`. Firefox does not know `use_dynamic_url` (its
//! web-accessible URLs already use a random per-install UUID, so there is nothing to opt into) and
//! reports it as an unexpected property, so its copy drops the key. Firefox also refuses some
//! permissions as optional (`alarms` among them: it drops such an entry with a "Reading manifest"
//! warning), so those move to its required `permissions`. Nothing else differs: one source, no drift.

use serde_json::{json, Value};

/// What the Firefox manifest needs beyond the shared file.
pub struct Gecko<'a> {
    pub id: &'a str,
    pub strict_min_version: &'a str,
    pub android_min_version: &'a str,
}

/// Permissions Firefox accepts only as required ones: its schema rejects them under
/// `optional_permissions`. None of them shows an install prompt in Firefox.
pub const FIREFOX_NOT_OPTIONAL: [&str; 1] = ["alarms"];

/// The Chrome manifest: the source with `version` set to the crate's.
pub fn chrome(source: &Value, version: &str) -> Value {
    let mut manifest = source.clone();
    manifest["version"] = json!(version);
    manifest
}

/// The Firefox manifest: the Chrome form with the service worker turned into a background script and
/// the gecko settings added, and the optional permissions Firefox cannot grant later made required
/// (see [`FIREFOX_NOT_OPTIONAL`]). The extension sends data only to the services the user points it at, so it
/// declares no data collection.
pub fn firefox(source: &Value, version: &str, gecko: &Gecko) -> Result<Value, String> {
    let mut manifest = chrome(source, version);
    let worker = manifest
        .pointer("/background/service_worker")
        .and_then(Value::as_str)
        .ok_or("manifest.json has no background.service_worker")?
        .to_owned();
    manifest["background"] = json!({ "scripts": [worker] });
    move_required_permissions(&mut manifest);
    if let Some(entries) = manifest
        .get_mut("web_accessible_resources")
        .and_then(Value::as_array_mut)
    {
        for entry in entries.iter_mut().filter_map(Value::as_object_mut) {
            entry.remove("use_dynamic_url");
        }
    }
    manifest["browser_specific_settings"] = json!({
        "gecko": {
            "id": gecko.id,
            "strict_min_version": gecko.strict_min_version,
            "data_collection_permissions": { "required": ["none"] }
        },
        // Firefox for Android gained data_collection_permissions two releases later than desktop.
        "gecko_android": { "strict_min_version": gecko.android_min_version }
    });
    Ok(manifest)
}

/// Moves every [`FIREFOX_NOT_OPTIONAL`] entry of `optional_permissions` to `permissions`, dropping
/// `optional_permissions` when it ends up empty.
fn move_required_permissions(manifest: &mut Value) {
    let optional: Vec<Value> = manifest["optional_permissions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let (required, still_optional): (Vec<Value>, Vec<Value>) =
        optional.into_iter().partition(|p| {
            p.as_str()
                .is_some_and(|p| FIREFOX_NOT_OPTIONAL.contains(&p))
        });
    if required.is_empty() {
        return;
    }
    let mut permissions = manifest["permissions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for p in required {
        if !permissions.contains(&p) {
            permissions.push(p);
        }
    }
    manifest["permissions"] = Value::Array(permissions);
    match manifest.as_object_mut() {
        Some(object) if still_optional.is_empty() => {
            object.remove("optional_permissions");
        }
        _ => manifest["optional_permissions"] = Value::Array(still_optional),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Value {
        serde_json::from_str(include_str!("../../manifest.json")).expect("manifest.json is JSON")
    }

    const GECKO: Gecko = Gecko {
        id: "connect-pilot@connectpilot",
        strict_min_version: "140.0",
        android_min_version: "142.0",
    };

    #[test]
    fn chrome_keeps_the_service_worker_and_takes_the_crate_version() {
        let m = chrome(&source(), "9.8.7");
        assert_eq!(m["version"], "9.8.7");
        assert_eq!(m["background"]["service_worker"], "background.js");
        assert!(m.get("browser_specific_settings").is_none());
    }

    #[test]
    fn firefox_uses_background_scripts_and_gecko_settings() {
        let m = firefox(&source(), "1.2.3", &GECKO).unwrap();
        assert_eq!(m["background"], json!({ "scripts": ["background.js"] }));
        let gecko = &m["browser_specific_settings"]["gecko"];
        assert_eq!(gecko["id"], "connect-pilot@connectpilot");
        assert_eq!(gecko["strict_min_version"], "140.0");
        assert_eq!(
            gecko["data_collection_permissions"]["required"],
            json!(["none"])
        );
        assert_eq!(
            m["browser_specific_settings"]["gecko_android"]["strict_min_version"],
            "142.0"
        );
        assert_eq!(m["version"], "1.2.3");
    }

    #[test]
    fn both_keep_permissions_csp_and_pages_identical() {
        let c = chrome(&source(), "1.0.0");
        let f = firefox(&source(), "1.0.0", &GECKO).unwrap();
        for key in [
            "host_permissions",
            "optional_host_permissions",
            "content_security_policy",
            "action",
            "options_ui",
            "default_locale",
            "content_scripts",
        ] {
            assert_eq!(c[key], f[key], "{key} differs between browsers");
        }
    }

    #[test]
    fn firefox_requires_alarms_which_chrome_keeps_optional() {
        let c = chrome(&source(), "1.0.0");
        assert_eq!(c["permissions"], json!(["storage"]));
        assert_eq!(c["optional_permissions"], json!(["alarms"]));
        let f = firefox(&source(), "1.0.0", &GECKO).unwrap();
        assert_eq!(f["permissions"], json!(["storage", "alarms"]));
        // Nothing Firefox would warn about is left optional, and the empty list is not written.
        assert!(f.get("optional_permissions").is_none());
    }

    #[test]
    fn firefox_keeps_other_optional_permissions_optional() {
        let mut m = source();
        m["optional_permissions"] = json!(["alarms", "downloads"]);
        m["permissions"] = json!(["storage", "alarms"]);
        let f = firefox(&m, "1.0.0", &GECKO).unwrap();
        assert_eq!(f["permissions"], json!(["storage", "alarms"]));
        assert_eq!(f["optional_permissions"], json!(["downloads"]));
    }

    /// The shipped permissions are a reviewed list: adding one must also update this test.
    #[test]
    fn permissions_are_exactly_the_documented_set() {
        let m = source();
        assert_eq!(m["permissions"], json!(["storage"]));
        // The background error badge is off by default: its alarm is asked for when switched on.
        assert_eq!(m["optional_permissions"], json!(["alarms"]));
        assert_eq!(m["host_permissions"], json!(["https://*.heroku.com/*"]));
        assert_eq!(
            m["optional_host_permissions"],
            json!(["http://127.0.0.1/*", "http://localhost/*"])
        );
        // Salesforce consent ends by sending the browser to the full-tab page; only that page is
        // reachable from the web, only from Heroku's and Salesforce's hosts, and in Chrome only at the
        // per-session dynamic URL, so a page cannot probe for the extension at a fixed address.
        assert_eq!(
            m["web_accessible_resources"],
            json!([{
                "resources": ["www/app.html"],
                "matches": ["https://*.heroku.com/*", "https://*.salesforce.com/*"],
                "use_dynamic_url": true
            }])
        );
        // The dashboard drop target runs on dashboard app pages only, and brings no page of its own.
        assert_eq!(
            m["content_scripts"],
            json!([{
                "matches": ["https://dashboard.heroku.com/apps/*"],
                "js": ["dashboard-drop.js"],
                "run_at": "document_idle"
            }])
        );
        assert_eq!(
            m["content_security_policy"],
            json!({ "extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" })
        );
    }

    #[test]
    fn firefox_drops_use_dynamic_url_and_keeps_the_rest_of_the_entry() {
        let c = chrome(&source(), "1.0.0");
        let f = firefox(&source(), "1.0.0", &GECKO).unwrap();
        assert_eq!(c["web_accessible_resources"][0]["use_dynamic_url"], true);
        let entry = f["web_accessible_resources"][0].as_object().unwrap();
        assert!(!entry.contains_key("use_dynamic_url"));
        assert_eq!(
            entry["resources"],
            c["web_accessible_resources"][0]["resources"]
        );
        assert_eq!(
            entry["matches"],
            c["web_accessible_resources"][0]["matches"]
        );
        assert_eq!(f["web_accessible_resources"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn a_source_without_service_worker_is_an_error() {
        let mut m = source();
        m["background"] = json!({});
        assert!(firefox(&m, "1.0.0", &GECKO).is_err());
    }
}
