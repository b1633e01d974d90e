//! The layers' dependencies point one way: the API client knows no configuration engine (the popup
//! build leaves that crate out), and the browser bindings know neither the flow, the configuration
//! engine nor the UI. What both sides of such an edge need lives in `connect-pilot-common`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Every `.rs` file of the module `name` (`src/<name>.rs` and everything under `src/<name>/`).
fn module_files(name: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join(format!("{name}.rs"))];
    let mut dirs = vec![src.join(name)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The lines of `module` that use one of `forbidden` in code (not in a `//` comment).
fn uses(module: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in module_files(module) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if forbidden.iter().any(|f| code.contains(f)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_api_client_knows_no_configuration_engine() {
    let found = uses("api", &["crate::config", "connect_pilot_config"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_browser_bindings_know_neither_flow_nor_configuration() {
    let found = uses(
        "browser",
        &[
            "crate::flow",
            "crate::config",
            "connect_pilot_config",
            "crate::ui",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_check_sees_the_modules_files() {
    // A renamed module must not turn the checks above into ones that cannot fail.
    assert!(module_files("api").len() > 10);
    assert!(module_files("browser").len() > 5);
    assert!(!uses("api", &["crate::"]).is_empty());
}
