//! In-process latency and concurrency benchmark of the emulator: p50/p95 per request over a mixed load
//! (discovery, deep detail, account), then 1,000 concurrent requests each checked for the right answer.
//! Prints one JSON line; `cargo xtask bench` runs it with `--release`.

use std::time::Instant;

use axum::body::{to_bytes, Body};
use axum::http::Request;
use axum::Router;
use connect_emulator::{app, EmulatorState, Limits, Seed};
use serde_json::Value;
use tower::ServiceExt;

const CID: &str = "c0000000-0000-4000-8000-000000000001";
const ROUNDS: usize = 3000;
const CONCURRENT: usize = 1000;

fn request(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "127.0.0.1:8787")
        .header("authorization", "Bearer demo-token")
        .body(Body::empty())
        .expect("valid request")
}

/// Sends one request and checks the answer is the one expected for that URI.
async fn call(router: &Router, method: &str, uri: &str) -> bool {
    let Ok(response) = router.clone().oneshot(request(method, uri)).await;
    if !response.status().is_success() {
        return false;
    }
    let Ok(bytes) = to_bytes(response.into_body(), usize::MAX).await else {
        return false;
    };
    let Ok(json) = serde_json::from_slice::<Value>(&bytes) else {
        return false;
    };
    match uri {
        u if u.starts_with("/connections") => json["results"][0]["id"] == CID,
        u if u.starts_with("/api/v3/connections") => {
            json["id"] == CID && json["mappings"].is_array()
        }
        "/account" => json["email"] == "demo@example.com",
        _ => false,
    }
}

fn percentile(sorted: &[u128], p: f64) -> u128 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() {
    // Limits high enough that the benchmark measures work, not 429s.
    let state = EmulatorState::new(
        Seed::Demo,
        Limits {
            connect_daily_limit: u64::MAX / 2,
            platform_limit: u64::MAX / 2,
        },
    );
    let router = app(state);
    let detail = format!("/api/v3/connections/{CID}?deep=true");
    assert!(router
        .clone()
        .oneshot(request("POST", "/auth/acme-sync"))
        .await
        .is_ok_and(|r| r.status().is_success()));
    let mix = ["/connections?app=acme-sync", detail.as_str(), "/account"];

    let mut samples = Vec::with_capacity(ROUNDS);
    let mut errors = 0usize;
    for i in 0..ROUNDS {
        let uri = mix[i % mix.len()];
        let start = Instant::now();
        if !call(&router, "GET", uri).await {
            errors += 1;
        }
        samples.push(start.elapsed().as_micros());
    }
    samples.sort_unstable();

    let tasks: Vec<_> = (0..CONCURRENT)
        .map(|i| {
            let router = router.clone();
            let uri = mix[i % mix.len()].to_owned();
            tokio::spawn(async move { call(&router, "GET", &uri).await })
        })
        .collect();
    let mut concurrent_ok = 0usize;
    for t in tasks {
        if t.await.unwrap_or(false) {
            concurrent_ok += 1;
        }
    }

    let line = serde_json::json!({
        "p50_us": percentile(&samples, 0.50),
        "p95_us": percentile(&samples, 0.95),
        "requests": ROUNDS,
        "errors": errors,
        "concurrent": CONCURRENT,
        "concurrent_ok": concurrent_ok,
    });
    println!("{line}");
}
