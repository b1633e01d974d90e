//! `extension/constants.js`, the values the service worker and the dashboard's content script share
//! with the Rust, says exactly what the Rust says, and the scripts take those values from it instead
//! of repeating them.
#![cfg(not(target_arch = "wasm32"))]

use connect_pilot::api::gate::TokenGate;
use connect_pilot::api::model::{ConnectionState, MappingState, StateGroup};
use connect_pilot::shared::{constants, constants_js};
use std::path::Path;

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn the_checked_in_file_is_what_the_rust_says() {
    let expected = constants_js();
    let actual = source("extension/constants.js");
    assert!(
        actual == expected,
        "extension/constants.js is stale; regenerate it with \
         `cargo run -q -p connect-pilot --bin shared-constants > extension/constants.js`. \
         It should read:\n{expected}"
    );
}

#[test]
fn the_error_groups_are_the_state_groups() {
    let c = constants();
    let listed = |kind: &str| -> Vec<String> {
        c["errorStates"][kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    let connection = listed("connection");
    let mapping = listed("mapping");
    for s in ["SYSTEM_ERROR", "HEROKU_UNAUTH", "INACTIVE_ORG"] {
        assert!(connection.iter().any(|c| c == s), "{s}");
    }
    for s in ["BULK_LOAD_ERROR", "BAD_CONFIG", "SYNC_REMOVED"] {
        assert!(mapping.iter().any(|m| m == s), "{s}");
    }
    for s in ConnectionState::KNOWN {
        let error = ConnectionState::parse(s).group() == StateGroup::Error;
        assert_eq!(connection.iter().any(|c| c == s), error, "{s}");
    }
    for s in MappingState::KNOWN {
        let error = MappingState::parse(s).group() == StateGroup::Error;
        assert_eq!(mapping.iter().any(|m| m == s), error, "{s}");
    }
}

#[test]
fn the_token_rule_matches_the_gate() {
    let c = constants();
    let gate = TokenGate::new(None);
    let domain = c["token"]["domain"].as_str().unwrap();
    assert!(gate.admits(&format!("https://{domain}/")));
    assert!(gate.admits(&format!("https://api.{domain}:{}/", c["token"]["port"])));
    assert!(!gate.admits(&format!("http://api.{domain}/")));
    for refused in c["token"]["refusedDomains"].as_array().unwrap() {
        let origin = format!("https://{}", refused.as_str().unwrap());
        assert!(!TokenGate::new(Some(&origin)).admits(&format!("{origin}/")));
    }
}

#[test]
fn the_scripts_load_the_file_and_repeat_none_of_its_values() {
    let manifest: serde_json::Value = serde_json::from_str(&source("manifest.json")).unwrap();
    assert_eq!(
        manifest["content_scripts"][0]["js"],
        serde_json::json!(["constants.js", "dashboard-drop.js"])
    );
    let worker = source("extension/background.js");
    assert!(worker.contains("importScripts('constants.js')"));
    let c = constants();
    let mut literals: Vec<String> = c["storage"]
        .as_object()
        .unwrap()
        .values()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    for kind in ["connection", "mapping"] {
        for s in c["errorStates"][kind].as_array().unwrap() {
            literals.push(s.as_str().unwrap().to_owned());
        }
    }
    literals.push(c["token"]["domain"].as_str().unwrap().to_owned());
    for script in ["extension/background.js", "extension/dashboard-drop.js"] {
        let text = source(script);
        for literal in &literals {
            for quoted in [
                format!("'{literal}'"),
                format!("\"{literal}\""),
                format!("store.{literal}"),
            ] {
                assert!(!text.contains(&quoted), "{script} repeats {quoted}");
            }
        }
        let max = c["maxDropBytes"].as_u64().unwrap();
        for limit in [format!("{} * 1024 * 1024", max >> 20), max.to_string()] {
            assert!(!text.contains(&limit), "{script} repeats the size limit");
        }
    }
}
