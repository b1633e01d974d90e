//! The binary's command line (`cli.rs`): defaults, the `--` that `cargo xtask emulator -- …` passes through,
//! and the lines printed once it listens, which tooling parses.

use std::net::SocketAddr;

use connect_emulator::cli::{listening_line, origin, parse_args, plugin_hint};
use connect_emulator::Seed;

fn args(list: &[&str]) -> Result<connect_emulator::cli::Options, String> {
    parse_args(list.iter().map(|s| s.to_string()))
}

#[test]
fn no_flags_serve_plain_http_on_8787() {
    let o = args(&[]).unwrap();
    assert_eq!(o.http, Some("127.0.0.1:8787".parse().unwrap()));
    assert_eq!(o.https, None);
    assert_eq!(o.seed, Seed::Demo);
}

#[test]
fn a_separator_passed_through_by_cargo_is_skipped() {
    // `cargo xtask emulator -- --http 127.0.0.1:8787` reaches the binary as `-- --http 127.0.0.1:8787`.
    let o = args(&["--", "--http", "127.0.0.1:9999", "--seed=empty"]).unwrap();
    assert_eq!(o.http, Some("127.0.0.1:9999".parse().unwrap()));
    assert_eq!(o.seed, Seed::Empty);
    assert_eq!(args(&["--bogus"]).unwrap_err(), "unknown argument --bogus");
    assert_eq!(args(&["--help"]).unwrap_err(), "");
}

#[test]
fn listening_lines_keep_the_form_tooling_parses() {
    // The e2e harness matches ^connect-emulator: (https?) listening on (\S+)$ and xtask strips these prefixes.
    let any: SocketAddr = "0.0.0.0:8787".parse().unwrap();
    assert_eq!(
        listening_line("http", any),
        "connect-emulator: http listening on http://127.0.0.1:8787"
    );
    let v6: SocketAddr = "[::1]:4443".parse().unwrap();
    assert_eq!(
        listening_line("https", v6),
        "connect-emulator: https listening on https://[::1]:4443"
    );
}

#[test]
fn the_plugin_hint_names_the_bound_origin_and_the_demo_token() {
    let bound: SocketAddr = "127.0.0.1:43210".parse().unwrap();
    let hint = plugin_hint(&origin("http", bound), Seed::Demo);
    assert!(hint.starts_with("connect-emulator: "), "{hint}");
    assert!(
        hint.ends_with(
            "CONNECT_DISCOVERY_SERVER=http://127.0.0.1:43210 HEROKU_API_KEY=demo-token heroku connect:info -a acme-sync"
        ),
        "{hint}"
    );
    // It must never pass for a listening line.
    for scheme in ["http", "https"] {
        assert!(!hint.starts_with(&format!("connect-emulator: {scheme} listening on ")));
    }
    let empty = plugin_hint(&origin("http", bound), Seed::Empty);
    assert!(empty.ends_with("heroku connect:info -a <app>"), "{empty}");
}
