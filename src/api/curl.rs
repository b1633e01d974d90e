//! "Copy as curl" and "Copy as Heroku CLI command": pure text from a [`RequestSpec`].
//!
//! The curl line never holds the token: it reads `$(heroku auth:token)` when pasted. Only URLs
//! the token gate admits are rendered, so a copied command never sends the token elsewhere.

use super::endpoint::RequestSpec;
use super::error::ApiError;
use super::gate::TokenGate;
use super::transport::Method;
use super::ApiConfig;

/// Quotes one word for a POSIX shell: unchanged when it holds only safe characters, else in
/// single quotes with each `'` written as `'\''`.
///
/// ```
/// use connect_pilot::api::curl::shell_quote;
/// assert_eq!(shell_quote("acme-sync"), "acme-sync");
/// assert_eq!(shell_quote("it's"), r"'it'\''s'");
/// ```
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:=@%+,".contains(&b));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// A curl command line for `spec` under these settings, one option per line.
pub fn to_curl(spec: &RequestSpec, config: &ApiConfig) -> Result<String, ApiError> {
    let url = spec.url(config)?;
    let gate = TokenGate::new(config.emulator_origin.as_deref());
    gate.check(&url).map_err(|reason| ApiError::Gate {
        url: super::endpoint::strip_query(&url),
        reason,
    })?;
    let mut lines = vec![match spec.method {
        Method::Get => format!("curl {}", shell_quote(&url)),
        m => format!("curl -X {m} {}", shell_quote(&url)),
    }];
    // Double quotes so the shell runs `heroku auth:token` when the line is pasted.
    lines.push("-H \"Authorization: Bearer $(heroku auth:token)\"".into());
    for (k, v) in spec.headers() {
        lines.push(format!("-H {}", shell_quote(&format!("{k}: {v}"))));
    }
    if let Some(body) = &spec.body {
        lines.push(format!("--data-raw {}", shell_quote(&body.text())));
    }
    Ok(lines.join(" \\\n  "))
}

/// The equivalent `heroku` command, when the CLI (with the Connect plugin) has one.
pub fn to_heroku_cli(spec: &RequestSpec) -> Option<&str> {
    spec.heroku_cli.as_deref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::connections::{ConnRef, UpdateConnection};
    use crate::api::endpoint::RequestSpec;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(shell_quote("x'y"), r"'x'\''y'");
    }

    #[test]
    fn curl_for_a_patch() {
        let e = UpdateConnection {
            conn: ConnRef {
                region_url: "https://connect-virginia.heroku.com".into(),
                id: "c1".into(),
                app: Some("acme-sync".into()),
                resource_name: None,
            },
            db_key: Some("DATABASE_URL".into()),
            schema_name: Some("o'brien".into()),
            name: None,
        };
        let spec = RequestSpec::of(&e);
        let text = to_curl(&spec, &ApiConfig::default()).unwrap();
        assert_eq!(
            text,
            "curl -X PATCH https://connect-virginia.heroku.com/api/v3/connections/c1 \\\n  \
             -H \"Authorization: Bearer $(heroku auth:token)\" \\\n  \
             -H 'Accept: application/json' \\\n  \
             -H 'Content-Type: application/json' \\\n  \
             --data-raw '{\"db_key\":\"DATABASE_URL\",\"schema_name\":\"o'\\''brien\"}'"
        );
        assert_eq!(
            to_heroku_cli(&spec),
            Some("heroku connect:db:set --app acme-sync --db DATABASE_URL --schema 'o'\\''brien'")
        );
        let mut evil = spec.clone();
        evil.base = crate::api::endpoint::Base::Region("https://evil.example".into());
        assert!(to_curl(&evil, &ApiConfig::default()).is_err());
    }
}
