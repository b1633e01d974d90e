//! Tests of how a connection's detail URL is built from what discovery and the detail answer say.

use super::*;

fn conn(region: Option<&str>, detail: Option<&str>) -> Connection {
    Connection {
        id: "c1".into(),
        region_url: region.map(Into::into),
        detail_url: detail.map(Into::into),
        ..Connection::default()
    }
}

#[test]
fn detail_url_variants() {
    let r = Some("https://connect-virginia.heroku.com");
    assert_eq!(
        detail_url(
            &conn(
                r,
                Some("https://connect-virginia.heroku.com/api/v3/connections/c1")
            ),
            true
        )
        .unwrap(),
        "https://connect-virginia.heroku.com/api/v3/connections/c1?deep=true"
    );
    assert_eq!(
        detail_url(&conn(r, Some("/api/v3/connections/c1")), true).unwrap(),
        "https://connect-virginia.heroku.com/api/v3/connections/c1?deep=true"
    );
    // Mocks without /api/v3: unusable, so the fallback applies.
    assert_eq!(
        detail_url(
            &conn(
                Some("https://connect-virginia.heroku.com/"),
                Some("/connections/c1")
            ),
            true
        )
        .unwrap(),
        "https://connect-virginia.heroku.com/api/v3/connections/c1?deep=true"
    );
    assert_eq!(
        detail_url(&conn(r, None), false).unwrap(),
        "https://connect-virginia.heroku.com/api/v3/connections/c1"
    );
    assert_eq!(
        detail_url(
            &conn(
                r,
                Some("https://h.heroku.com/api/v3/connections/c1?deep=true")
            ),
            true
        )
        .unwrap(),
        "https://h.heroku.com/api/v3/connections/c1?deep=true"
    );
    assert!(detail_url(&conn(None, Some("/api/v3/connections/c1")), true).is_err());
}
