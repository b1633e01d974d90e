//! Unit tests of the error type: kinds, hints, redaction.

use super::*;

fn resp(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![
            ("Request-Id".into(), "req-1".into()),
            ("Retry-After".into(), "7".into()),
        ],
        body: body.into(),
    }
}

#[test]
fn decodes_each_body_shape() {
    let ApiError::Http(a) =
        ApiError::from_response(&resp(409, r#"{"id":"invalid_state","message":"no"}"#))
    else {
        panic!()
    };
    assert_eq!(
        (a.id.as_deref(), a.message.as_deref()),
        (Some("invalid_state"), Some("no"))
    );
    assert_eq!(a.request_id.as_deref(), Some("req-1"));
    assert_eq!(a.retry_after, Some(7));
    let ApiError::Http(b) = ApiError::from_response(&resp(403, r#"{"error":"permission denied"}"#))
    else {
        panic!()
    };
    assert_eq!(
        (b.id, b.message.as_deref()),
        (None, Some("permission denied"))
    );
    let long = "x".repeat(900);
    let ApiError::Http(c) = ApiError::from_response(&resp(502, &long)) else {
        panic!()
    };
    assert_eq!(c.body_excerpt.unwrap().len(), BODY_EXCERPT_CHARS);
    let ApiError::Http(d) = ApiError::from_response(&resp(500, "")) else {
        panic!()
    };
    assert_eq!((d.message, d.body_excerpt), (None, None));
}

#[test]
fn kinds_and_hints() {
    let e = |s| ApiError::from_response(&resp(s, "{}"));
    assert_eq!(e(401).hint(), Hint::EnterToken);
    assert_eq!(e(403).hint(), Hint::LinkAccess);
    assert_eq!(e(429).hint(), Hint::WaitSeconds(7));
    assert_eq!(e(422).kind(), ErrorKind::Invalid);
    assert_eq!(e(503).kind(), ErrorKind::Server);
    assert_eq!(ApiError::Timeout.hint(), Hint::CheckNetwork);
    assert_eq!(
        ApiError::NoConnection { app: "a".into() }.hint_key(),
        "error_hint_add_connect"
    );
}

#[test]
fn redaction_removes_the_token_everywhere() {
    let token = "sekret-token-123";
    let body = format!(
        r#"{{"id":"x","message":"bad Bearer {token}","errors":[{{"path":"{token}","message":"m"}}]}}"#
    );
    let e = ApiError::from_response(&resp(400, &body)).redact(token);
    assert!(!e.to_string().contains(token));
    assert!(!format!("{e:?}").contains(token));
    let n = ApiError::Network(format!("fail {token}")).redact(token);
    assert!(!n.to_string().contains(token));
    for problem in [
        ConfigProblem::NoRegionUrl {
            connection: format!("c-{token}"),
        },
        ConfigProblem::NoDetailUrl {
            connection: format!("{token}-c"),
        },
    ] {
        let c = ApiError::BadConfig(problem).redact(token);
        assert!(!format!("{c} {c:?}").contains(token), "{c:?}");
        assert!(c.to_string().contains("[redacted]"), "{c}");
    }
}
