//! Wire types of the Heroku Connect, discovery and Platform APIs, read tolerantly (contract §2.2):
//! unknown fields are ignored, optional fields are `Option`, ids may be strings or numbers,
//! unknown state strings are kept verbatim, and timestamps keep their raw text.
//!
//! These types describe what arrives; they make no decisions (that is `flow`'s job).

pub mod connection;
pub mod mapping;
pub mod monitoring;
pub mod platform;
pub mod states;

pub use connection::*;
pub use mapping::*;
pub use monitoring::*;
pub use platform::*;
pub use states::*;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// An id that arrives as a string or a number and is kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(transparent)]
pub struct FlexId(pub String);

impl fmt::Display for FlexId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for FlexId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = FlexId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FlexId, E> {
                Ok(FlexId(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<FlexId, E> {
                Ok(FlexId(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<FlexId, E> {
                Ok(FlexId(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<FlexId, E> {
                Ok(FlexId(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A timestamp kept as received. Heroku sends RFC 3339, except mapping `times.*`, which put a
/// space in place of the `T`; [`Timestamp::unix_seconds`] reads both and anything else stays
/// raw text for display.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    /// The raw text.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// Seconds since the Unix epoch, when the text is `YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|±HH:MM]`
    /// (no zone means UTC).
    pub fn unix_seconds(&self) -> Option<i64> {
        parse_timestamp(&self.0)
    }

    /// The same instant as `YYYY-MM-DDTHH:MM:SSZ` (fractions dropped), for an HTML `datetime`
    /// attribute, which does not accept the space form Heroku sends; `None` when unreadable.
    pub fn iso_utc(&self) -> Option<String> {
        utc_text(self.unix_seconds()?)
    }
}

/// `secs` since 1970 as `YYYY-MM-DDTHH:MM:SSZ`; `None` outside years 0000-9999, which have no
/// such spelling.
pub fn utc_text(secs: i64) -> Option<String> {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    if !(0..=9999).contains(&y) {
        return None;
    }
    let t = secs.rem_euclid(86_400);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        t / 3600,
        t / 60 % 60,
        t % 60
    ))
}

fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = std::str::from_utf8(b.get(r)?).ok()?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[13] != b':'
        || b[16] != b':'
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
        || h > 23
        || mi > 59
        || sec > 60
    {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
            let o = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

// Howard Hinnant's days-from-civil algorithm: days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// The inverse of `days_from_civil` (same source): the date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `{"count": n, "results": [...]}`, the regional list shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct List<T> {
    /// Number of results, when sent.
    #[serde(default)]
    pub count: Option<u64>,
    /// The items.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

/// A `{id, name}` pair (regions, stacks, plans, apps, services).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Named {
    /// Id.
    #[serde(default)]
    pub id: Option<FlexId>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Writes a Salesforce API version as `NN.0`, as the CLI does (`61` → `61.0`).
pub fn normalise_api_version(v: &str) -> String {
    let v = v.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        format!("{v}.0")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flex_ids() {
        let ids: Vec<FlexId> = serde_json::from_str(r#"["5678", 5678, -1]"#).unwrap();
        assert_eq!(
            ids,
            vec![
                FlexId("5678".into()),
                FlexId("5678".into()),
                FlexId("-1".into())
            ]
        );
        assert!(serde_json::from_str::<FlexId>("true").is_err());
    }

    #[test]
    fn timestamps() {
        let t = |s: &str| Timestamp(s.into()).unix_seconds();
        assert_eq!(t("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(t("2025-01-06T09:00:00Z"), Some(1_736_154_000));
        assert_eq!(t("2025-01-06 09:10:00.000000+00:00"), Some(1_736_154_600));
        assert_eq!(t("2025-01-06T10:10:00+01:00"), Some(1_736_154_600));
        assert_eq!(t("2025-01-06T09:00:00"), Some(1_736_154_000));
        assert_eq!(t("yesterday"), None);
        assert_eq!(t("2025-13-06T09:00:00Z"), None);
        assert_eq!(t("2025-01-06T09:00:00Zjunk"), None);
        let raw: Timestamp = serde_json::from_str(r#""not a date""#).unwrap();
        assert_eq!(raw.raw(), "not a date");
    }

    #[test]
    fn iso_timestamps() {
        let iso = |s: &str| Timestamp(s.into()).iso_utc();
        assert_eq!(
            iso("2025-01-06 09:00:09.000000+00:00").as_deref(),
            Some("2025-01-06T09:00:09Z")
        );
        // An offset that crosses midnight back into a leap day, and the epoch.
        assert_eq!(
            iso("2024-03-01T00:30:00+01:00").as_deref(),
            Some("2024-02-29T23:30:00Z")
        );
        assert_eq!(
            iso("1970-01-01T00:00:00Z").as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(iso("yesterday"), None);
        assert_eq!(
            utc_text(-62_167_219_201),
            None,
            "the second before year 0000"
        );
    }

    #[test]
    fn api_versions() {
        assert_eq!(normalise_api_version("61"), "61.0");
        assert_eq!(normalise_api_version("61.0"), "61.0");
    }
}
