//! The project's build settings: `wasm-pack.toml` at the workspace root, and the version in Cargo.toml.

use crate::util::{read, root, Result};
use serde::Deserialize;
use std::path::PathBuf;

/// Everything `wasm-pack.toml` says; each key is documented in the file itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildSettings {
    pub target: String,
    pub profile: String,
    pub out_dir: String,
    pub out_name: String,
    pub popup_out_name: String,
    pub dist_dir: String,
    pub browsers: Vec<String>,
    pub wasm_opt: WasmOpt,
    pub firefox: Firefox,
}

/// One wasm-pack output: its base name, and whether it is the popup's (built with
/// `--no-default-features`).
#[derive(Debug, Clone, Copy)]
pub struct Package<'a> {
    pub out_name: &'a str,
    pub popup: bool,
}

/// The `[wasm_opt]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WasmOpt {
    pub enabled: bool,
    pub flags: Vec<String>,
}

/// The `[firefox]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Firefox {
    pub gecko_id: String,
    pub strict_min_version: String,
    pub android_min_version: String,
}

impl BuildSettings {
    /// Reads and checks `wasm-pack.toml`.
    pub fn load() -> Result<Self> {
        let path = root().join("wasm-pack.toml");
        let settings: Self =
            toml::from_str(&read(&path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        if !matches!(settings.profile.as_str(), "release" | "dev" | "profiling") {
            return Err(format!(
                "wasm-pack.toml: unknown profile {:?}",
                settings.profile
            ));
        }
        for browser in &settings.browsers {
            if !matches!(browser.as_str(), "chrome" | "firefox") {
                return Err(format!("wasm-pack.toml: unknown browser {browser:?}"));
            }
        }
        Ok(settings)
    }

    /// The two wasm packages: the popup's (`tab` feature off) and the full tab's (default features).
    pub fn packages(&self) -> [Package<'_>; 2] {
        [
            Package {
                out_name: &self.popup_out_name,
                popup: true,
            },
            Package {
                out_name: &self.out_name,
                popup: false,
            },
        ]
    }

    /// Absolute path of wasm-pack's output folder.
    pub fn out_dir(&self) -> PathBuf {
        root().join(&self.out_dir)
    }

    /// Absolute path of the dist folder.
    pub fn dist_dir(&self) -> PathBuf {
        root().join(&self.dist_dir)
    }
}

/// The app crate's version, from the top-level Cargo.toml; the manifests and zip names use it.
pub fn crate_version() -> Result<String> {
    let manifest: toml::Table = toml::from_str(&read(&root().join("Cargo.toml"))?)
        .map_err(|e| format!("Cargo.toml: {e}"))?;
    manifest
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml has no package.version".to_owned())
}

/// The wasm-bindgen version Cargo.lock pins; wasm-bindgen-cli must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock: toml::Table = toml::from_str(&read(&root().join("Cargo.lock"))?)
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    lock.get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some("wasm-bindgen"))
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.lock does not pin wasm-bindgen".to_owned())
}
