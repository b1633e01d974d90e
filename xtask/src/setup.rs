//! `cargo xtask setup`: installs, idempotently, every tool a fresh Debian machine lacks.
//!
//! Each check looks at what is installed first and installs only what is missing or at the wrong
//! version, so a second run does nothing and takes a second or two. It never downloads a prebuilt
//! binary: Rust tools come from crates.io, Chromium and Firefox from Debian, the rest from the npm registry as
//! pinned by package-lock.json.

use crate::settings::locked_wasm_bindgen_version;
use crate::util::{capture, read, root, run, step, which, write, Result};
use std::path::Path;
use std::process::Command;

/// Runs every install check in order.
pub fn setup() -> Result<()> {
    step("setup: wasm32 target", wasm_target)?;
    step("setup: Debian packages", debian_packages)?;
    step("setup: wasm-pack", wasm_pack)?;
    step("setup: wasm-bindgen-cli", wasm_bindgen_cli)?;
    step("setup: npm packages", npm_packages)?;
    Ok(())
}

fn wasm_target() -> Result<()> {
    let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is not available; install Rust with rustup first")?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        eprintln!("  wasm32-unknown-unknown already installed");
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// Chromium and its driver run the wasm tests, the e2e suite, the demo and the benchmarks; Firefox ESR
/// runs the Firefox e2e run (driven over WebDriver BiDi, so it needs no driver of its own); Node.js
/// runs the e2e suite and the npm tools; a Japanese font lets the Japanese screens render as text in
/// screenshots rather than as empty boxes.
fn debian_packages() -> Result<()> {
    let wanted = [
        ("/usr/bin/chromium", "chromium"),
        ("/usr/bin/chromedriver", "chromium-driver"),
        ("/usr/bin/firefox-esr", "firefox-esr"),
        ("/usr/bin/node", "nodejs"),
        ("/usr/bin/npm", "npm"),
        (
            "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
            "fonts-ipafont-gothic",
        ),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        eprintln!(
            "  chromium, chromium-driver, firefox-esr, node, npm and a Japanese font already installed"
        );
        return Ok(());
    }
    let as_root = capture(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend(&missing);
    apt(&args)
}

fn wasm_pack() -> Result<()> {
    if let Some(version) = capture(Command::new("wasm-pack").arg("--version")) {
        eprintln!("  {} already installed", version.trim());
        return Ok(());
    }
    run(Command::new("cargo").args(["install", "wasm-pack", "--locked"]))
}

/// wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock, or the glue it
/// generates does not match the module. `--locked` is left out on purpose: one of its locked
/// dependencies is not on the registry, and the unlocked build works.
fn wasm_bindgen_cli() -> Result<()> {
    let wanted = locked_wasm_bindgen_version()?;
    let have = capture(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = which("wasm-bindgen-test-runner").is_some();
    if have.split_whitespace().nth(1) == Some(wanted.as_str()) && runner {
        eprintln!("  wasm-bindgen {wanted} already installed");
        return Ok(());
    }
    run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--force",
        "--version",
        &wanted,
    ]))
}

/// Installs the npm packages exactly as package-lock.json pins them. A stamp holding the lock file's
/// contents records the last install, so an unchanged lock file costs nothing.
fn npm_packages() -> Result<()> {
    let lock = read(&root().join("package-lock.json"))?;
    let stamp = root().join("node_modules/.connect-pilot-installed-lock");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == lock) {
        eprintln!("  node_modules matches package-lock.json");
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(root()))?;
    write(&stamp, lock)
}
