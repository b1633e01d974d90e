//! `cargo xtask demo`: the extension against the emulator's demo world.
//!
//! It builds the extension, starts the emulator (one-origin HTTP on 127.0.0.1:8787 for a user's own
//! experiments, TLS host mode on a free port for the browser) with a running clock and a state file, so a
//! restarted demo continues where it was (`--fresh` starts over). With a display it opens Chromium with a
//! throwaway profile on the fake dashboard of `acme-sync`; without one it walks the screens headless and
//! saves screenshots into `target/demo/`; only `--update-screenshots` also refreshes the README's copies
//! in `docs/screenshots/`, so a newcomer's demo leaves the checkout unmodified. Ctrl-C reaches every process it started, since they share its process group.

use crate::util::{root, run, Result};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const DEMO_TOKEN: &str = "demo-token";

/// The demo's flags.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Start the emulator's world over.
    pub fresh: bool,
    /// Copy the README's screenshots into `docs/screenshots/` (headless only).
    pub update_screenshots: bool,
}

impl Flags {
    /// Reads `--fresh` and `--update-screenshots`; anything else is an error, so a misspelt flag
    /// does not silently leave the screenshots alone.
    pub fn parse(args: &[String]) -> Result<Flags> {
        let mut flags = Flags::default();
        for arg in args {
            match arg.as_str() {
                "--fresh" => flags.fresh = true,
                "--update-screenshots" => flags.update_screenshots = true,
                other => return Err(format!("demo: unknown flag `{other}`")),
            }
        }
        Ok(flags)
    }
}

/// Runs the demo with `args` (see [`Flags`]).
pub fn demo(chrome_dir: &Path, args: &[String]) -> Result<()> {
    let flags = Flags::parse(args)?;
    let out = root().join("target/demo");
    let state = out.join("emulator-state.json");
    if flags.fresh && state.exists() {
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
            walk_headless(
                chrome_dir,
                &http,
                https_port,
                &out,
                flags.update_screenshots,
            )
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

fn walk_headless(
    chrome_dir: &Path,
    http: &str,
    https_port: u16,
    out: &Path,
    update_screenshots: bool,
) -> Result<()> {
    eprintln!("no DISPLAY: walking the screens headless (token: {DEMO_TOKEN})");
    let mut node = Command::new("node");
    if update_screenshots {
        node.env("CP_DEMO_UPDATE_SCREENSHOTS", "1");
    }
    run(node
        .current_dir(root())
        .arg("e2e/demo.mjs")
        .env("CP_EXTENSION_DIR", chrome_dir)
        .env("CP_DEMO_HTTP", http)
        .env("CP_DEMO_HTTPS_PORT", https_port.to_string())
        .env("CP_DEMO_OUT", out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn screenshots_are_left_alone_unless_asked() {
        assert_eq!(Flags::parse(&[]).unwrap(), Flags::default());
        assert!(
            !Flags::parse(&args(&["--fresh"]))
                .unwrap()
                .update_screenshots
        );
        let both = Flags::parse(&args(&["--update-screenshots", "--fresh"])).unwrap();
        assert!(both.update_screenshots && both.fresh);
    }

    #[test]
    fn an_unknown_flag_is_refused() {
        assert!(Flags::parse(&args(&["--update-screenshot"])).is_err());
    }
}
