//! The binary's command line: the options `connect-emulator` takes and the lines it prints once it listens.
//!
//! It lives in the library so that tests can check both without starting a process. The "listening" lines
//! are parsed by other tooling (`xtask`, the e2e harness: `^connect-emulator: (https?) listening on (\S+)$`),
//! so their form never changes; every other line printed says something else after `connect-emulator: `.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::{Limits, Seed};

/// The `--help` text.
pub const USAGE: &str = "usage: connect-emulator [--http ADDR] [--https ADDR] [--cert-out PATH] [--seed demo|empty]
                        [--tick-ms N] [--connect-daily-limit N] [--platform-limit N] [--state FILE]

  --http ADDR               one-origin mode on plain HTTP (default 127.0.0.1:8787 when no listener is given)
  --https ADDR              host mode on TLS with a generated certificate for *.heroku.com and *.salesforce.com
  --cert-out PATH           write the generated certificate (PEM) to PATH
  --seed demo|empty         starting world (default demo)
  --tick-ms N               also advance the simulated clock one tick every N ms
  --connect-daily-limit N   Connect requests per token per simulated day (default 5000)
  --platform-limit N        Platform API token bucket size per user (default 4500)
  --state FILE              load the store from FILE and save it there on every change";

/// What the command line asks for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Plain-HTTP listener (one-origin mode).
    pub http: Option<SocketAddr>,
    /// TLS listener (host mode).
    pub https: Option<SocketAddr>,
    /// Where to write the generated certificate.
    pub cert_out: Option<PathBuf>,
    /// The starting world.
    pub seed: Seed,
    /// Wall-clock milliseconds per simulated tick, if the clock runs by itself.
    pub tick_ms: Option<u64>,
    /// Rate limits.
    pub limits: Limits,
    /// The state file to load and save.
    pub state: Option<PathBuf>,
}

/// Parses the arguments after the program name. `Err("")` means `--help` was asked for.
pub fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut o = Options {
        http: None,
        https: None,
        cert_out: None,
        seed: Seed::Demo,
        tick_ms: None,
        limits: Limits::default(),
        state: None,
    };
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (flag, None),
        };
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        // `cargo xtask emulator -- --http …` and `cargo run -- -- …` pass the separator through; there are
        // no positional arguments for it to set apart.
        if flag == "--" {
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag} needs a non-negative integer, got {v}"))
        };
        let addr = |v: String| {
            let v = v
                .strip_prefix("localhost:")
                .map(|p| format!("127.0.0.1:{p}"))
                .unwrap_or(v);
            v.parse::<SocketAddr>()
                .map_err(|_| format!("{flag} needs an address like 127.0.0.1:8787, got {v}"))
        };
        match flag.as_str() {
            "--http" => o.http = Some(addr(value()?)?),
            "--https" => o.https = Some(addr(value()?)?),
            "--cert-out" => o.cert_out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                o.seed = Seed::parse(&v)
                    .ok_or_else(|| format!("--seed must be demo or empty, got {v}"))?;
            }
            "--tick-ms" => o.tick_ms = Some(number(value()?)?.max(1)),
            "--connect-daily-limit" => o.limits.connect_daily_limit = number(value()?)?,
            "--platform-limit" => o.limits.platform_limit = number(value()?)?,
            "--state" => o.state = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.http.is_none() && o.https.is_none() {
        o.http = Some(SocketAddr::from(([127, 0, 0, 1], 8787)));
    }
    Ok(o)
}

/// The origin a listener serves, as a client writes it: a wildcard address becomes `127.0.0.1`.
pub fn origin(scheme: &str, addr: SocketAddr) -> String {
    let ip = addr.ip();
    if ip.is_unspecified() {
        format!("{scheme}://127.0.0.1:{}", addr.port())
    } else {
        format!("{scheme}://{addr}")
    }
}

/// The line announcing a listener; other tooling parses it, so its form is fixed.
pub fn listening_line(scheme: &str, addr: SocketAddr) -> String {
    format!(
        "connect-emulator: {scheme} listening on {}",
        origin(scheme, addr)
    )
}

/// How to point the official Heroku Connect CLI plugin at a plain-HTTP origin (contract Appendix A): the
/// discovery base, the demo user's token and a first command. The example app exists in the demo seed only.
pub fn plugin_hint(origin: &str, seed: Seed) -> String {
    let app = match seed {
        Seed::Demo => "acme-sync",
        Seed::Empty => "<app>",
    };
    format!(
        "connect-emulator: point the Heroku Connect CLI plugin here: \
         CONNECT_DISCOVERY_SERVER={origin} HEROKU_API_KEY=demo-token heroku connect:info -a {app}"
    )
}
