//! When to send a request again (contract §2.4), as a pure function.
//!
//! GETs are retried after 429, 502, 503, 504 and network failures; POST, PATCH and DELETE only
//! after a 429 or when the request provably never left; an import never. At most
//! [`MAX_RETRIES`] retries. This module only decides; the client does the waiting.

use super::transport::Method;

/// Retries after the first attempt.
pub const MAX_RETRIES: u32 = 3;
/// Wait after a 429 without `Retry-After`.
pub const DEFAULT_RETRY_AFTER_MS: u64 = 60_000;
/// Longest `Retry-After` the client waits out by itself; beyond that it reports the 429 so the
/// user sees it, rather than a spinner that runs for an hour.
pub const MAX_WAIT_MS: u64 = 120_000;
/// First back-off step; doubled each retry.
pub const BACKOFF_BASE_MS: u64 = 1_000;
/// Back-off cap.
pub const BACKOFF_CAP_MS: u64 = 8_000;

/// How a request may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Safe to repeat: GET.
    Idempotent,
    /// POST, PATCH, DELETE: only when the server provably did nothing.
    Unsafe,
    /// Never repeated automatically (import).
    Never,
}

impl RetryClass {
    /// The class a method has by default.
    pub fn for_method(method: Method) -> RetryClass {
        match method {
            Method::Get => RetryClass::Idempotent,
            _ => RetryClass::Unsafe,
        }
    }
}

/// What the last attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status (and `Retry-After` seconds, if any).
    Status {
        /// HTTP status.
        status: u16,
        /// Parsed `Retry-After` seconds.
        retry_after: Option<u64>,
    },
    /// Connection refused: the request never left.
    Refused,
    /// A network failure after the request may have left.
    Network,
    /// No answer in time.
    Timeout,
}

/// The decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send again.
    RetryAfter(u64),
    /// Report the outcome.
    Stop,
}

/// Decides whether to retry after `retries_done` retries have already been made.
///
/// ```
/// use connect_pilot::api::retry::{decide, Decision, Outcome, RetryClass};
/// let busy = Outcome::Status { status: 503, retry_after: None };
/// assert_eq!(decide(RetryClass::Idempotent, busy, 0), Decision::RetryAfter(1_000));
/// assert_eq!(decide(RetryClass::Unsafe, busy, 0), Decision::Stop);
/// ```
pub fn decide(class: RetryClass, outcome: Outcome, retries_done: u32) -> Decision {
    if class == RetryClass::Never || retries_done >= MAX_RETRIES {
        return Decision::Stop;
    }
    let backoff = (BACKOFF_BASE_MS << retries_done.min(16)).min(BACKOFF_CAP_MS);
    match outcome {
        Outcome::Status {
            status: 429,
            retry_after,
        } => {
            let wait = retry_after.map_or(DEFAULT_RETRY_AFTER_MS, |s| s.saturating_mul(1000));
            if wait > MAX_WAIT_MS {
                Decision::Stop
            } else {
                Decision::RetryAfter(wait)
            }
        }
        Outcome::Refused => Decision::RetryAfter(backoff),
        Outcome::Status {
            status: 502..=504,
            retry_after,
        } if class == RetryClass::Idempotent => match retry_after {
            Some(s) if s.saturating_mul(1000) <= MAX_WAIT_MS => Decision::RetryAfter(s * 1000),
            _ => Decision::RetryAfter(backoff),
        },
        Outcome::Network | Outcome::Timeout if class == RetryClass::Idempotent => {
            Decision::RetryAfter(backoff)
        }
        _ => Decision::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(status: u16) -> Outcome {
        Outcome::Status {
            status,
            retry_after: None,
        }
    }

    #[test]
    fn exhaustive_over_classes_statuses_and_attempts() {
        let classes = [
            RetryClass::Idempotent,
            RetryClass::Unsafe,
            RetryClass::Never,
        ];
        for class in classes {
            for retries in 0..6u32 {
                for status in 100u16..=599 {
                    let d = decide(class, st(status), retries);
                    let expect_retry = class != RetryClass::Never
                        && retries < MAX_RETRIES
                        && (status == 429
                            || (class == RetryClass::Idempotent && (502..=504).contains(&status)));
                    assert_eq!(
                        matches!(d, Decision::RetryAfter(_)),
                        expect_retry,
                        "{class:?} {status} after {retries}"
                    );
                }
                for (outcome, idem_only) in [
                    (Outcome::Refused, false),
                    (Outcome::Network, true),
                    (Outcome::Timeout, true),
                ] {
                    let d = decide(class, outcome, retries);
                    let expect_retry = class != RetryClass::Never
                        && retries < MAX_RETRIES
                        && (!idem_only || class == RetryClass::Idempotent);
                    assert_eq!(
                        matches!(d, Decision::RetryAfter(_)),
                        expect_retry,
                        "{class:?} {outcome:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn delays() {
        let i = RetryClass::Idempotent;
        assert_eq!(decide(i, st(429), 0), Decision::RetryAfter(60_000));
        let ra = |s| Outcome::Status {
            status: 429,
            retry_after: Some(s),
        };
        assert_eq!(decide(i, ra(5), 0), Decision::RetryAfter(5_000));
        assert_eq!(
            decide(RetryClass::Unsafe, ra(0), 2),
            Decision::RetryAfter(0)
        );
        assert_eq!(decide(i, ra(3600), 0), Decision::Stop);
        assert_eq!(decide(i, ra(u64::MAX), 0), Decision::Stop);
        assert_eq!(decide(i, st(503), 0), Decision::RetryAfter(1_000));
        assert_eq!(decide(i, st(503), 1), Decision::RetryAfter(2_000));
        assert_eq!(decide(i, st(503), 2), Decision::RetryAfter(4_000));
        assert_eq!(
            decide(
                i,
                Outcome::Status {
                    status: 503,
                    retry_after: Some(2)
                },
                0
            ),
            Decision::RetryAfter(2_000)
        );
        assert_eq!(decide(i, Outcome::Network, 2), Decision::RetryAfter(4_000));
        assert_eq!(RetryClass::for_method(Method::Delete), RetryClass::Unsafe);
        assert_eq!(RetryClass::for_method(Method::Get), RetryClass::Idempotent);
    }
}
