//! The `connect-emulator` binary: parses the command line, loads or seeds the store, and serves it on plain
//! HTTP (one-origin mode), TLS (host mode) or both until Ctrl-C or SIGTERM.
//!
//! It prints one "listening" line per listener on stdout (other tooling parses them), follows the plain-HTTP
//! one with a line telling how to point the Heroku Connect CLI plugin at it (`cli.rs` builds both), and never
//! logs a request's token.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use connect_emulator::cli::{self, listening_line, parse_args, plugin_hint, USAGE};
use connect_emulator::{app, serve, tls, EmulatorState};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Prints one line on stdout and flushes it, so that a reader waiting for it gets it at once.
fn announce(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
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
    let mut hint = None;

    if let Some(addr) = options.http {
        let listener = match TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("connect-emulator: cannot listen on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let bound: SocketAddr = listener.local_addr().unwrap_or(addr);
        announce(&listening_line("http", bound));
        hint = Some(plugin_hint(&cli::origin("http", bound), options.seed));
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
        announce(&listening_line(
            "https",
            listener.local_addr().unwrap_or(addr),
        ));
        tasks.push(tokio::spawn(serve::serve_https(
            listener,
            router.clone(),
            tls.config,
            stopped(stop_rx.clone()),
        )));
    }
    // After every listening line, which tooling may read in order.
    if let Some(hint) = hint {
        announce(&hint);
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
