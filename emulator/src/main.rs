//! The `connect-emulator` binary: parses the command line, loads or seeds the store, and serves it on plain
//! HTTP (one-origin mode), TLS (host mode) or both until Ctrl-C or SIGTERM.
//!
//! It prints one "listening" line per listener on stdout (other tooling parses them) and never logs a token.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use connect_emulator::{app, serve, tls, EmulatorState, Limits, Seed};
use tokio::net::TcpListener;
use tokio::sync::watch;

const USAGE: &str = "usage: connect-emulator [--http ADDR] [--https ADDR] [--cert-out PATH] [--seed demo|empty]
                        [--tick-ms N] [--connect-daily-limit N] [--platform-limit N] [--state FILE]

  --http ADDR               one-origin mode on plain HTTP (default 127.0.0.1:8787 when no listener is given)
  --https ADDR              host mode on TLS with a generated certificate for *.heroku.com and *.salesforce.com
  --cert-out PATH           write the generated certificate (PEM) to PATH
  --seed demo|empty         starting world (default demo)
  --tick-ms N               also advance the simulated clock one tick every N ms
  --connect-daily-limit N   Connect requests per token per simulated day (default 5000)
  --platform-limit N        Platform API token bucket size per user (default 4500)
  --state FILE              load the store from FILE and save it there on every change";

struct Options {
    http: Option<SocketAddr>,
    https: Option<SocketAddr>,
    cert_out: Option<PathBuf>,
    seed: Seed,
    tick_ms: Option<u64>,
    limits: Limits,
    state: Option<PathBuf>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
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

fn announce(kind: &str, addr: SocketAddr) {
    let ip = if addr.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        addr.ip().to_string()
    };
    let host = if addr.is_ipv6() && !addr.ip().is_unspecified() {
        format!("[{ip}]")
    } else {
        ip
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "connect-emulator: {kind} listening on {kind}://{host}:{}",
        addr.port()
    );
    let _ = out.flush();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut argv = std::env::args();
    // The first argument is the program's own name.
    argv.next();
    let options = match parse_args(argv) {
        Ok(o) => o,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("connect-emulator: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let state = match &options.state {
        Some(path) => match EmulatorState::with_state_file(path, options.seed, options.limits) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("connect-emulator: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => EmulatorState::new(options.seed, options.limits),
    };
    let router = app(state.clone());
    let (stop_tx, stop_rx) = watch::channel(false);
    let stopped = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|v| *v).await;
    };
    let mut tasks = Vec::new();

    if let Some(addr) = options.http {
        let listener = match TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("connect-emulator: cannot listen on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        announce("http", listener.local_addr().unwrap_or(addr));
        tasks.push(tokio::spawn(serve::serve_http(
            listener,
            router.clone(),
            stopped(stop_rx.clone()),
        )));
    }
    if let Some(addr) = options.https {
        let tls = match tls::generate() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("connect-emulator: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Some(path) = &options.cert_out {
            if let Err(e) = std::fs::write(path, &tls.cert_pem) {
                eprintln!("connect-emulator: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        let listener = match TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("connect-emulator: cannot listen on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        announce("https", listener.local_addr().unwrap_or(addr));
        tasks.push(tokio::spawn(serve::serve_https(
            listener,
            router.clone(),
            tls.config,
            stopped(stop_rx.clone()),
        )));
    }
    if let Some(ms) = options.tick_ms {
        let clock = state.clone();
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(Duration::from_millis(ms));
            interval.tick().await;
            loop {
                interval.tick().await;
                clock.advance(1);
                if let Err(e) = clock.save() {
                    eprintln!("connect-emulator: cannot save state: {e}");
                }
            }
        });
    }

    shutdown_signal().await;
    let _ = stop_tx.send(true);
    for t in tasks {
        let _ = t.await;
    }
    if let Err(e) = state.save() {
        eprintln!("connect-emulator: cannot save state: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
