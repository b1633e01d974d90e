#![cfg(not(target_arch = "wasm32"))]
//! The API client's error texts through the locale files: every kind of `ApiError`, rendered from
//! `extension/_locales/en/messages.json` the way `chrome.i18n.getMessage` fills a template, must read
//! exactly as its English `Display` text, and from the Japanese templates must turn out Japanese with
//! every value that is not ours (Heroku's message and id, a status, a URL, a request id) verbatim.
//!
//! The set of templates to cover is read from the code (`"api_error_…"` literals under
//! `src/api/error`), so a new variant without a template, or a template nothing renders, fails here.
//! Every `ConfigProblem` is built here by name, so a new one does not compile until it is checked.

mod common;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::i18n::{has_japanese, keys_named_in, lookup, Locales};
use common::{emulator_client, heroku_client, raw, with_header, TOKEN};
use connect_pilot::api::error::{FieldError, HttpError};
use connect_pilot::api::gate::GateRefusal;
use connect_pilot::api::model::Connection;
use connect_pilot::api::{
    connections, ApiConfig, ApiError, ConfigProblem, ConnRef, ConnectClient, ConnectFlow, Method,
    TransportError,
};
use connect_pilot::driver::import as calls;
use connect_pilot::flow::import::Event;
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one rendering asked for: the keys, the arguments, and the texts the templates gave.
#[derive(Default)]
struct Rendering {
    keys: BTreeSet<String>,
    args: Vec<String>,
    filled: Vec<String>,
}

impl Locales {
    /// A lookup over one language that notes into `seen` what it was asked; a key missing in
    /// either language fails.
    fn lookup<'a>(
        &'a self,
        lang: &'a BTreeMap<String, Value>,
        seen: &'a RefCell<Rendering>,
    ) -> impl Fn(&str, &[&str]) -> String + 'a {
        move |key: &str, args: &[&str]| {
            let text = self.fill(lang, key, args);
            let mut seen = seen.borrow_mut();
            seen.keys.insert(key.to_owned());
            seen.args.extend(args.iter().map(|a| (*a).to_owned()));
            seen.filled.push(text.clone());
            text
        }
    }

    /// Renders `error` in both languages: English exactly as `Display`, Japanese as Japanese with
    /// every value that came from outside the templates kept verbatim. Returns the keys used.
    fn check(&self, what: &str, error: &ApiError) -> BTreeSet<String> {
        let key = error.message_key();
        let seen = RefCell::default();
        let en = error.message_with(self.lookup(&self.en, &seen));
        assert_eq!(en, error.to_string(), "{what}: {key}");
        let Rendering { keys, .. } = seen.take();
        assert!(keys.contains(key), "{what}: {key} was not used");

        let ja = error.message_with(self.lookup(&self.ja, &seen));
        let Rendering { args, filled, .. } = seen.take();
        assert_ne!(ja, en, "{what}: the Japanese text is the English one");
        assert!(has_japanese(&ja), "{what}: no Japanese in {ja:?}");
        // An argument that is not itself a filled template is a value: it appears as it is.
        for arg in args.iter().filter(|a| !filled.contains(a)) {
            assert!(ja.contains(arg.as_str()), "{what}: {ja:?} lost {arg:?}");
        }
        keys
    }
}

/// A non-2xx answer with the given parts of Heroku's body.
fn http(status: u16, id: Option<&str>, message: Option<&str>, excerpt: Option<&str>) -> HttpError {
    HttpError {
        status,
        id: id.map(str::to_owned),
        message: message.map(str::to_owned),
        body_excerpt: excerpt.map(str::to_owned),
        request_id: None,
        retry_after: None,
        errors: Vec::new(),
        syncing_mappings: Vec::new(),
    }
}

fn boxed(e: HttpError) -> ApiError {
    ApiError::Http(Box::new(e))
}

/// Every variant, with every optional part present and absent, and values that look like
/// placeholders (`$1`, `$$`), which must come through untouched.
fn every_error() -> Vec<(String, ApiError)> {
    let mut errors = vec![
        ("http bare".to_owned(), boxed(http(500, None, None, None))),
        (
            "http id".into(),
            boxed(http(409, Some("invalid_state"), None, None)),
        ),
        (
            "http message".into(),
            boxed(http(403, None, Some("permission denied"), None)),
        ),
        (
            "http excerpt".into(),
            boxed(http(502, None, None, Some("<html>Bad gateway</html>"))),
        ),
    ];
    let mut full = http(
        422,
        Some("invalid_params"),
        Some("Mapping config is invalid"),
        None,
    );
    full.request_id = Some("01234567-89ab-cdef-0123-456789abcdef".into());
    full.retry_after = Some(30);
    full.errors = vec![
        FieldError {
            path: Some("config.sf_polling_seconds".into()),
            message: Some("must be at least 600".into()),
        },
        FieldError {
            path: None,
            message: None,
        },
    ];
    errors.push(("http with fields and request id".into(), boxed(full)));
    let mut odd = http(418, None, Some("$1 costs $$5"), None);
    odd.request_id = Some("req-$2".into());
    errors.push(("http with dollars".into(), boxed(odd)));
    errors.extend([
        (
            "decode".to_owned(),
            ApiError::Decode {
                status: 200,
                path: "results[0].id".into(),
                message: "invalid type: integer `5`, expected a string".into(),
                request_id: Some("req-7".into()),
            },
        ),
        (
            "decode at the root".into(),
            ApiError::Decode {
                status: 201,
                path: ".".into(),
                message: "expected value".into(),
                request_id: None,
            },
        ),
        (
            "network".into(),
            ApiError::Network("TypeError: Failed to fetch".into()),
        ),
        ("timeout".into(), ApiError::Timeout),
        (
            "refused".into(),
            ApiError::Refused("no AbortController".into()),
        ),
        (
            "no connection".into(),
            ApiError::NoConnection {
                app: "acme-blank".into(),
            },
        ),
        (
            "unknown region".into(),
            ApiError::UnknownRegion {
                region: "mars".into(),
            },
        ),
    ]);
    for problem in every_config_problem() {
        errors.push((
            format!("bad config {problem:?}"),
            ApiError::BadConfig(problem),
        ));
    }
    for reason in [
        GateRefusal::Unparseable,
        GateRefusal::UserInfo,
        GateRefusal::NotHttps,
        GateRefusal::UnexpectedPort,
        GateRefusal::ForeignHost,
    ] {
        errors.push((
            format!("gate {reason:?}"),
            ApiError::Gate {
                url: "https://connect.example.com/api/v3/connections".into(),
                reason,
            },
        ));
    }
    errors
}

/// One of each [`ConfigProblem`], with connection ids that look like placeholders.
fn every_config_problem() -> Vec<ConfigProblem> {
    let problems = vec![
        ConfigProblem::NoRegionUrl {
            connection: "c-$1".into(),
        },
        ConfigProblem::NoDetailUrl {
            connection: "5f3e$$9".into(),
        },
        ConfigProblem::UnusableRegionUrl,
        ConfigProblem::EmulatorOrigin,
    ];
    for problem in &problems {
        // No wildcard on purpose: a new variant stops this file compiling until it is listed above.
        match problem {
            ConfigProblem::NoRegionUrl { .. }
            | ConfigProblem::NoDetailUrl { .. }
            | ConfigProblem::UnusableRegionUrl
            | ConfigProblem::EmulatorOrigin => {}
        }
    }
    problems
}

/// Errors built by the code that builds them in the extension: a connection without a region, a
/// bad emulator origin, a base URL the gate refuses. The settings problems come out as the
/// variants they name.
fn built_errors() -> Vec<ApiError> {
    let no_region = Connection {
        id: "c-1".into(),
        ..Connection::default()
    };
    let client = |config: ApiConfig| ConnectClient::new((), config, TOKEN).err().unwrap();
    let built = vec![
        ConnRef::of(&no_region).unwrap_err(),
        connections::detail_url(&no_region, true).unwrap_err(),
        client(ApiConfig {
            emulator_origin: Some("not an origin".into()),
            ..ApiConfig::default()
        }),
        client(ApiConfig {
            discovery_base: "https://hc-central.example.com".into(),
            ..ApiConfig::default()
        }),
    ];
    assert_eq!(
        built[..3],
        [
            ApiError::BadConfig(ConfigProblem::NoRegionUrl {
                connection: "c-1".into()
            }),
            ApiError::BadConfig(ConfigProblem::NoDetailUrl {
                connection: "c-1".into()
            }),
            ApiError::BadConfig(ConfigProblem::EmulatorOrigin),
        ]
    );
    built
}

/// Every `"api_error_…"` message key named under `src/api/error`.
fn keys_in_code() -> BTreeSet<String> {
    let mut paths = vec![root().join("src/api/error.rs")];
    for entry in fs::read_dir(root().join("src/api/error")).unwrap() {
        paths.push(entry.unwrap().path());
    }
    keys_named_in("api_error_", &paths)
}

#[test]
fn every_error_reads_as_the_english_text_and_turns_japanese() {
    let locales = Locales::load();
    for (what, error) in every_error() {
        let keys = locales.check(&what, &error);
        // A settings problem is translated by its own template, never passed through in English.
        if let ApiError::BadConfig(problem) = &error {
            assert!(keys.contains(problem.message_key()), "{what}: {keys:?}");
        }
    }
    for error in built_errors() {
        locales.check(&format!("built {error:?}"), &error);
    }
    let used = locales.used.into_inner();
    let in_code = keys_in_code();
    let unused: Vec<&String> = in_code.difference(&used).collect();
    assert!(unused.is_empty(), "no error renders {unused:?}");
    // 4 HTTP shapes, 2 wrappers, decode, 3 unreachable, 5 gate reasons, 2 discovery, 1 + 4 settings.
    assert_eq!(in_code.len(), 22, "{in_code:?}");
}

#[test]
fn the_locales_hold_exactly_the_code_s_api_error_keys_with_the_same_placeholders() {
    common::i18n::assert_locales_hold("api_error_", &keys_in_code());
}

#[test]
fn a_gate_refusal_says_why_in_words() {
    for (what, error) in every_error() {
        if let ApiError::Gate { reason, .. } = &error {
            let text = error.to_string();
            assert!(!text.contains(&format!("{reason:?}")), "{what}: {text}");
            assert!(
                text.starts_with("refused to send the Heroku token to https://"),
                "{text}"
            );
        }
    }
}

#[tokio::test]
async fn the_token_never_reaches_a_message() {
    let client = heroku_client();
    let echo = format!(
        r#"{{"id":"unauthorized","message":"Invalid credentials: Bearer {TOKEN}",
            "errors":[{{"path":"{TOKEN}","message":"token {TOKEN} expired"}}]}}"#
    );
    client.transport().always(
        Method::Get,
        "https://api.heroku.com/account",
        with_header(raw(401, &echo), "Request-Id", "req-401"),
    );
    client.transport().on(
        Method::Get,
        "https://api.heroku.com/apps",
        vec![Err(TransportError::Network(format!(
            "socket {TOKEN} closed"
        )))],
    );
    let errors = [
        client.account().await.unwrap_err(),
        client.apps().await.unwrap_err(),
    ];
    let en = lookup("en");
    let ja = lookup("ja");
    for error in errors {
        for shown in [error.message_with(&en), error.message_with(&ja)] {
            assert!(!shown.contains(TOKEN), "{shown}");
            assert!(shown.contains("[redacted]"), "{shown}");
        }
    }
}

#[tokio::test]
async fn an_import_call_stores_its_error_in_the_language_given() {
    let client = emulator_client("demo-token", ConnectFlow::Discovery);
    client.link("acme-sync").await.expect("link");
    let found = client.discover("acme-sync").await.expect("discover");
    let conn = found.connections[0].clone();
    let refuse = json!({
        "method": "POST",
        "path": "/api/v3/connections/*/actions/import",
        "times": 2,
        "respond": {"status": 409, "body": {"id": "invalid_state", "message": "Connection is busy."}},
    });
    let added = client.transport().control("faults", &refuse).await;
    assert_eq!(added.status, 201, "{}", added.body);
    let document = r#"{"version": 1, "mappings": []}"#;
    let mut shown = Vec::new();
    for lang in ["en", "ja"] {
        match calls::import(&client, &conn, document.into(), &lookup(lang)).await {
            Event::ImportAnswered(Err(text)) => shown.push(text),
            other => panic!("{lang}: {other:?}"),
        }
    }
    let (en, ja) = (&shown[0], &shown[1]);
    assert!(
        en.starts_with("HTTP 409 (invalid_state): Connection is busy. [Request-Id "),
        "{en}"
    );
    assert!(
        ja.starts_with(
            "Heroku が HTTP 409（invalid_state）を返しました：Connection is busy.（Request-Id："
        ),
        "{ja}"
    );
}

#[test]
fn banner_details_name_the_request_id_once_on_a_line_of_its_own() {
    for lang in ["en", "ja"] {
        let lookup = common::i18n::lookup(lang);
        let mut with_id = 0;
        for (what, error) in every_error() {
            let lines = error.details_with(&lookup);
            let Some(id) = error.request_id() else {
                assert!(lines.len() <= 2, "{what}: {lines:?}");
                continue;
            };
            with_id += 1;
            let naming: Vec<&String> = lines.iter().filter(|l| l.contains(id)).collect();
            assert_eq!(naming.len(), 1, "{lang} {what}: {lines:?}");
            assert_eq!(
                naming[0],
                &lookup("error_request_id", &[id]),
                "{lang} {what}"
            );
            // The message line is the full message less its request-id wrapper.
            assert_eq!(
                lookup("api_error_with_request_id", &[&lines[0], id]),
                error.message_with(&lookup),
                "{lang} {what}"
            );
        }
        assert!(with_id >= 2, "{with_id} errors carried a request id");
    }
}

#[test]
fn banner_details_give_the_wait_heroku_asked_for() {
    let mut e = http(429, Some("rate_limit"), Some("Slow down"), None);
    e.retry_after = Some(42);
    e.request_id = Some("req-429".into());
    let lines = boxed(e).details_with(common::i18n::lookup("en"));
    assert_eq!(
        lines,
        [
            "HTTP 429 (rate_limit): Slow down",
            "Request-Id: req-429",
            "Heroku asks to wait 42 s before retrying.",
        ]
    );
}

/// A dropped connection reads as what it means for the user, in both languages; the browser's own
/// words ("TypeError: Failed to fetch") come only after, as the technical detail.
#[test]
fn a_dropped_connection_is_said_in_words_before_the_browser_s() {
    let (en, ja) = (lookup("en"), lookup("ja"));
    let browser = "TypeError: Failed to fetch";
    for error in [
        ApiError::Network(browser.into()),
        ApiError::Refused(browser.into()),
    ] {
        let shown = error.message_with(&en);
        assert!(shown.starts_with("Heroku could not be reached"), "{shown}");
        assert!(!shown.contains("network error"), "{shown}");
        let shown_ja = error.message_with(&ja);
        assert!(
            shown_ja.starts_with("Heroku に接続できませんでした"),
            "{shown_ja}"
        );
        for shown in [shown, shown_ja] {
            let at = shown.find(browser).expect("the browser's words stay");
            assert!(at > shown.len() / 3, "the browser's words lead: {shown}");
        }
    }
    assert_eq!(
        ApiError::Timeout.message_with(&en),
        "Heroku did not answer in time"
    );
}
