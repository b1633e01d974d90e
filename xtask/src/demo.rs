//! `cargo xtask demo`: the extension against the emulator's demo world.
//!
//! It builds the extension, starts the emulator (one-origin HTTP on 127.0.0.1:8787 for a user's own
//! experiments, TLS host mode on a free port for the browser) with a running clock and a state file, so a
//! restarted demo continues where it was (`--fresh` starts over). With a display it opens Chromium with a
//! throwaway profile on the fake dashboard of `acme-sync`; without one it walks the screens headless and
//! saves screenshots. Ctrl-C reaches every process it started, since they share its process group.

use crate::util::{root, run, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const DEMO_TOKEN: &str = "demo-token";

/// Runs the demo; `args` may hold `--fresh`.
pub fn demo(chrome_dir: &Path, args: &[String]) -> Result<()> {
    let out = root().join("target/demo");
    let state = out.join("emulator-state.json");
    if args.iter().any(|a| a == "--fresh") && state.exists() {
        std::fs::remove_file(&state).map_err(|e| format!("remove {}: {e}", state.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("create {}: {e}", out.display()))?;
    run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--quiet",
        "-p",
        "connect-emulator",
    ]))?;
    let mut emulator = Command::new(root().join("target/debug/connect-emulator"))
        .args([
            "--http",
            "127.0.0.1:8787",
            "--https",
            "127.0.0.1:0",
            "--tick-ms",
            "1000",
            "--state",
        ])
        .arg(&state)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start the emulator: {e}"))?;
    let result = listening(&mut emulator).and_then(|(http, https_port)| {
        if std::env::var_os("DISPLAY").is_some() {
            browse(chrome_dir, &http, https_port)
        } else {
            walk_headless(chrome_dir, &http, https_port, &out)
        }
    });
    // Ends the emulator whichever way the demo ended; it may already be gone after Ctrl-C.
    let _ = emulator.kill();
    let _ = emulator.wait();
    result
}

/// Reads the emulator's "listening" lines: its HTTP origin and its HTTPS port.
fn listening(emulator: &mut Child) -> Result<(String, u16)> {
    let stdout = emulator.stdout.take().ok_or("emulator has no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let (mut http, mut https_port) = (None, None);
    while http.is_none() || https_port.is_none() {
        let line = lines
            .next()
            .ok_or("the emulator stopped before listening (is port 8787 in use?)")?
            .map_err(|e| e.to_string())?;
        if let Some(url) = line.strip_prefix("connect-emulator: http listening on ") {
            http = Some(url.trim().to_owned());
        } else if let Some(url) = line.strip_prefix("connect-emulator: https listening on ") {
            https_port = url.trim().rsplit(':').next().and_then(|p| p.parse().ok());
        }
    }
    // Keep draining stdout so the emulator never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Ok((http.unwrap_or_default(), https_port.unwrap_or_default()))
}

fn browse(chrome_dir: &Path, http: &str, https_port: u16) -> Result<()> {
    let profile = root().join("target/demo/chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let map = format!(
        "--host-resolver-rules=MAP *.heroku.com 127.0.0.1:{https_port}, MAP heroku.com 127.0.0.1:{https_port}, \
         MAP *.salesforce.com 127.0.0.1:{https_port}, EXCLUDE localhost"
    );
    eprintln!(
        "\nConnect Pilot demo\n  emulator: {http} (one-origin) and TLS on port {https_port} (real host names)\n  \
         token:    {DEMO_TOKEN}\n  Click the Connect Pilot button in the toolbar (pin it from the puzzle menu),\n  \
         paste the token and follow the steps. acme-sync has Postgres and Connect; acme-blank has nothing.\n  \
         Close Chromium or press Ctrl-C to stop.\n"
    );
    run(Command::new("/usr/bin/chromium")
        .arg(format!("--user-data-dir={}", profile.display()))
        .args([
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .args(["--disable-quic", "--ignore-certificate-errors", &map])
        .arg(format!(
            "--disable-extensions-except={}",
            chrome_dir.display()
        ))
        .arg(format!("--load-extension={}", chrome_dir.display()))
        .arg("https://dashboard.heroku.com/apps/acme-sync"))
}

fn walk_headless(chrome_dir: &Path, http: &str, https_port: u16, out: &Path) -> Result<()> {
    eprintln!("no DISPLAY: walking the screens headless (token: {DEMO_TOKEN})");
    run(Command::new("node")
        .current_dir(root())
        .arg("e2e/demo.mjs")
        .env("CP_EXTENSION_DIR", chrome_dir)
        .env("CP_DEMO_HTTP", http)
        .env("CP_DEMO_HTTPS_PORT", https_port.to_string())
        .env("CP_DEMO_OUT", out))
}
