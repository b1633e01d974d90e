//! Rate limits (§3): one Connect counter per token per simulated UTC day, and one Platform API token bucket per
//! user refilled 75 every 60 ticks.
//!
//! Deciding which requests count (valid token, not control, not preflight, not faulted) is `layer.rs`'s job.

use super::clock::{day_of, ticks_to_midnight};
use super::{Bucket, ConnectCounter, Store};

/// Tokens added to a Platform bucket per refill step.
pub const REFILL: u64 = 75;
/// Ticks per refill step.
pub const REFILL_TICKS: u64 = 60;

impl Store {
    /// Counts one Connect request: `Ok(remaining)` or `Err(retry_after_seconds)`.
    pub fn connect_hit(&mut self, token: &str) -> Result<u64, u64> {
        let limit = self.limits.connect_daily_limit;
        let (tick, day) = (self.tick, day_of(self.tick));
        let counter = self
            .connect_counters
            .entry(token.to_owned())
            .or_insert(ConnectCounter { day, used: 0 });
        if counter.day != day {
            *counter = ConnectCounter { day, used: 0 };
        }
        if counter.used >= limit {
            return Err(ticks_to_midnight(tick));
        }
        counter.used += 1;
        Ok(limit - counter.used)
    }

    fn bucket(&mut self, user_id: &str) -> &mut Bucket {
        let (limit, tick) = (self.limits.platform_limit, self.tick);
        let bucket = self
            .platform_buckets
            .entry(user_id.to_owned())
            .or_insert(Bucket {
                tokens: limit,
                refilled_tick: tick,
            });
        let steps = tick.saturating_sub(bucket.refilled_tick) / REFILL_TICKS;
        if steps > 0 {
            bucket.tokens = bucket
                .tokens
                .saturating_add(steps.saturating_mul(REFILL))
                .min(limit);
            bucket.refilled_tick += steps * REFILL_TICKS;
        }
        bucket
    }

    /// Takes one Platform token: `Ok(remaining)` or `Err(retry_after_seconds)`.
    pub fn platform_hit(&mut self, user_id: &str) -> Result<u64, u64> {
        let tick = self.tick;
        let bucket = self.bucket(user_id);
        if bucket.tokens == 0 {
            return Err(REFILL_TICKS - (tick - bucket.refilled_tick));
        }
        bucket.tokens -= 1;
        Ok(bucket.tokens)
    }

    /// Platform tokens left, using none (`GET /account/rate-limits`).
    pub fn platform_remaining(&mut self, user_id: &str) -> u64 {
        self.bucket(user_id).tokens
    }
}
