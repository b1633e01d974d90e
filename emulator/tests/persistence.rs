//! `--state FILE` (§8.5): the store survives a restart, a corrupt file is refused, and the binary prints its
//! "listening" lines for ephemeral ports, then the hint for the CLI plugin.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use connect_emulator::{app, EmulatorState, Limits, Seed};

fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "connect-emulator-test-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

#[tokio::test]
async fn state_file_round_trips_every_change() {
    let path = temp_path("roundtrip");
    let _ = std::fs::remove_file(&path);
    let state = EmulatorState::with_state_file(&path, Seed::Demo, Limits::default()).unwrap();
    let router = app(state);
    link(&router).await;
    advance(&router, 7).await;
    drop(router);

    let again = app(EmulatorState::with_state_file(&path, Seed::Demo, Limits::default()).unwrap());
    let r = get(&again, &conn_url(CID_US)).await;
    assert_eq!(r.status, 200, "the access grant survived");
    let s = req("GET", "/_emulator/state").send(&again).await;
    assert_eq!(s.json["tick"], 7);
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn corrupt_state_file_is_an_error_not_a_reset() {
    let path = temp_path("corrupt");
    std::fs::write(&path, "{ this is not json").unwrap();
    let err = EmulatorState::with_state_file(&path, Seed::Demo, Limits::default())
        .err()
        .expect("refused");
    assert!(err.contains("not a valid emulator state"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_connect-emulator"))
        .args(["--http", "127.0.0.1:0", "--state"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid emulator state"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{ this is not json"
    );
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn binary_announces_both_listeners_and_writes_the_certificate() {
    let path = temp_path("cert");
    let cert = path.with_file_name("cert.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_connect-emulator"))
        .args([
            "--http",
            "127.0.0.1:0",
            "--https",
            "127.0.0.1:0",
            "--seed",
            "empty",
            "--cert-out",
        ])
        .arg(&cert)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let hint = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        first.starts_with("connect-emulator: http listening on http://127.0.0.1:"),
        "{first}"
    );
    assert!(
        second.starts_with("connect-emulator: https listening on https://127.0.0.1:"),
        "{second}"
    );
    assert!(first.rsplit(':').next().unwrap().parse::<u16>().unwrap() > 0);
    // After the listening lines, the hint for the CLI plugin names the port actually bound.
    let origin = first.rsplit(' ').next().unwrap();
    assert!(
        hint.contains(&format!(
            "CONNECT_DISCOVERY_SERVER={origin} HEROKU_API_KEY=demo-token heroku connect:info"
        )),
        "{hint}"
    );
    assert!(std::fs::read_to_string(&cert)
        .unwrap()
        .contains("BEGIN CERTIFICATE"));
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
