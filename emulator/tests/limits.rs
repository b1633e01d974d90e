//! Rate limits (§3): the Connect daily counter per token, the Platform token bucket, and what does not count.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn connect_counter_is_shared_across_discovery_and_regional_hosts() {
    let (app, _) = with_limits(3, 4500);
    let r = req("GET", "/connections")
        .token(DEMO)
        .host("hc-central.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.header("ratelimit-remaining"), Some("2"));
    let r = req("GET", &conn_url(CID_US))
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.header("ratelimit-remaining"), Some("1"));
    let r = req("GET", &conn_url(CID_EU))
        .token(DEMO)
        .host("connect-dublin.heroku.com")
        .send(&app)
        .await;
    assert_eq!(r.header("ratelimit-remaining"), Some("0"));
    let r = get(&app, "/connections").await;
    r.assert_error(429, "rate_limit");
    // Tick 0 is 09:00 UTC: 15 hours to the simulated midnight.
    assert_eq!(r.header("retry-after"), Some("54000"));
    assert_eq!(r.header("ratelimit-remaining"), Some("0"));
    // Another token has its own counter; the Platform API is separate.
    assert_eq!(
        req("GET", "/connections")
            .token(OUTSIDER)
            .send(&app)
            .await
            .status,
        200
    );
    assert_eq!(get(&app, "/account").await.status, 200);
    // Preflights and control calls are not counted, and the window resets at midnight.
    req("OPTIONS", "/connections").send(&app).await;
    advance(&app, 54_000).await;
    let r = get(&app, "/connections").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("ratelimit-remaining"), Some("2"));
}

#[tokio::test]
async fn platform_bucket_refills_75_per_60_ticks() {
    let (app, _) = with_limits(5000, 2);
    assert_eq!(
        get(&app, "/account").await.header("ratelimit-remaining"),
        Some("1")
    );
    assert_eq!(
        get(&app, "/apps").await.header("ratelimit-remaining"),
        Some("0")
    );
    let r = get(&app, "/apps/acme-sync").await;
    r.assert_error(429, "rate_limit");
    assert_eq!(r.json["message"], "Your account reached the API rate limit");
    assert_eq!(r.header("retry-after"), Some("60"));
    assert_eq!(
        get(&app, "/account/rate-limits").await.json,
        json!({"remaining": 0})
    );
    advance(&app, 59).await;
    assert_eq!(get(&app, "/account").await.header("retry-after"), Some("1"));
    advance(&app, 1).await;
    // Refilled 75 but capped at the bucket size.
    assert_eq!(
        get(&app, "/account").await.header("ratelimit-remaining"),
        Some("1")
    );
}

#[tokio::test]
async fn faulted_and_unauthenticated_requests_are_not_counted() {
    let (app, _) = with_limits(2, 4500);
    req("POST", "/_emulator/faults").json(json!({"path": "/connections", "times": 5, "respond": {"status": 503, "body": {"id": "unavailable", "message": "x"}}})).send(&app).await;
    for _ in 0..5 {
        assert_eq!(get(&app, "/connections").await.status, 503);
    }
    req("GET", "/connections")
        .send(&app)
        .await
        .assert_error(401, "unauthorized");
    assert_eq!(
        get(&app, "/connections")
            .await
            .header("ratelimit-remaining"),
        Some("1")
    );
}

#[tokio::test]
async fn wrong_host_paths_with_a_valid_token_count_on_that_hosts_api() {
    let (app, _) = with_limits(10, 4500);
    // A Platform path on a regional host is a 404 from the Connect API: counted on the Connect counter.
    let r = req("GET", "/account")
        .token(DEMO)
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    r.assert_error(404, "not_found");
    assert_eq!(r.header("ratelimit-remaining"), Some("9"));
    // A discovery path on api.heroku.com uses a Platform token.
    let r = req("GET", "/connections")
        .token(DEMO)
        .host("api.heroku.com")
        .send(&app)
        .await;
    r.assert_error(404, "not_found");
    assert_eq!(r.header("ratelimit-remaining"), Some("4499"));
    // Without a valid token it stays an uncounted 404.
    let r = req("GET", "/account")
        .host("connect-virginia.heroku.com")
        .send(&app)
        .await;
    r.assert_error(404, "not_found");
    assert!(r.header("ratelimit-remaining").is_none());
    assert_eq!(
        get(&app, "/connections")
            .await
            .header("ratelimit-remaining"),
        Some("8")
    );
}

#[tokio::test]
async fn platform_429_carries_the_documented_url() {
    let (app, _) = with_limits(5000, 1);
    get(&app, "/account").await;
    let r = get(&app, "/account").await;
    r.assert_error(429, "rate_limit");
    assert_eq!(
        r.json["url"],
        "https://devcenter.heroku.com/articles/platform-api-reference#rate-limits"
    );
}
