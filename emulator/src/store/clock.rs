//! The simulated clock: tick counts turned into timestamps and back.
//!
//! One tick is one simulated second from 2025-01-06T09:00:00Z. This module only converts; moving the clock
//! and firing transitions lives in `transitions.rs`.

use std::time::{SystemTime, UNIX_EPOCH};

/// Unix seconds of tick 0 (2025-01-06T09:00:00Z).
pub const EPOCH_UNIX: i64 = 1_736_154_000;

/// Seconds in one simulated day, the Connect rate-limit window.
pub const DAY: u64 = 86_400;

/// Unix seconds of a tick.
pub fn unix_of(tick: u64) -> i64 {
    EPOCH_UNIX + tick as i64
}

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Civil date to days since 1970-01-01, the inverse of `civil_from_days`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parts(unix: i64) -> (i64, u32, u32, i64, i64, i64) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    (y, m, d, secs / 3600, secs / 60 % 60, secs % 60)
}

/// `2025-01-06T09:00:42Z`: the form used by most timestamps.
pub fn rfc3339(tick: u64) -> String {
    let (y, mo, d, h, mi, s) = parts(unix_of(tick));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `2025-01-06T09:00:42.000000+00:00`: the export's `exported_at` form.
pub fn rfc3339_offset(tick: u64) -> String {
    let (y, mo, d, h, mi, s) = parts(unix_of(tick));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000000+00:00")
}

/// `2025-01-06 09:00:42.000000+00:00`: mapping `times.*` put a space where RFC 3339 has a `T`.
pub fn spaced(tick: u64) -> String {
    rfc3339_offset(tick).replacen('T', " ", 1)
}

/// Wall-clock time with milliseconds, for the request log's `time`.
pub fn wall_now() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let (y, mo, d, h, mi, s) = parts(now.as_secs() as i64);
    let ms = now.subsec_millis();
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
}

/// Ticks until the next simulated UTC midnight, at least 1.
pub fn ticks_to_midnight(tick: u64) -> u64 {
    let secs = unix_of(tick).rem_euclid(86_400) as u64;
    DAY - secs
}

/// The simulated UTC day of a tick, as days since 1970.
pub fn day_of(tick: u64) -> i64 {
    unix_of(tick).div_euclid(86_400)
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `YYYY-MM-DD` or RFC 3339 (`T` or space, optional fraction, `Z` or `±HH:MM`) into Unix seconds.
pub fn parse_unix(text: &str) -> Option<i64> {
    let date = text.get(..10)?;
    let (y, m, d) = (
        num(date.get(..4)?)?,
        num(date.get(5..7)?)?,
        num(date.get(8..10)?)?,
    );
    if &date[4..5] != "-" || &date[7..8] != "-" || !(1..=12).contains(&m) || !(1..=31).contains(&d)
    {
        return None;
    }
    let days = days_from_civil(y, m as u32, d as u32);
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(days * 86_400);
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix('t'))
        .or_else(|| rest.strip_prefix(' '))?;
    let (h, mi, s) = (
        num(rest.get(..2)?)?,
        num(rest.get(3..5)?)?,
        num(rest.get(6..8)?)?,
    );
    if &rest[2..3] != ":" || &rest[5..6] != ":" || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if zone.len() != 6 || &zone[3..4] != ":" {
                return None;
            }
            sign * (num(&zone[1..3])? * 3600 + num(&zone[4..6])? * 60)
        }
    };
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_the_start() {
        assert_eq!(rfc3339(0), "2025-01-06T09:00:00Z");
        assert_eq!(spaced(600), "2025-01-06 09:10:00.000000+00:00");
        assert_eq!(parse_unix("2025-01-06T09:00:00Z"), Some(EPOCH_UNIX));
        assert_eq!(parse_unix("2025-01-06T10:00:00+01:00"), Some(EPOCH_UNIX));
        assert_eq!(parse_unix("2025-01-06"), Some(EPOCH_UNIX - 9 * 3600));
        assert_eq!(parse_unix("yesterday"), None);
        assert_eq!(ticks_to_midnight(0), 15 * 3600);
        assert_eq!(rfc3339(366 * 86_400), "2026-01-07T09:00:00Z");
    }
}
