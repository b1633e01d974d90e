//! Query strings read the way real clients write them: the one place that turns `?deep=True&page_size=1000.0`
//! into values, for the handlers and for the Store methods that take query parameters.
//!
//! Reading is lenient (see "Tolerances" in `routes.rs`); it stops at the values themselves. Which values an
//! endpoint allows (a `page_size` range, `addon_type` 1 or 2) is the caller's rule. Handlers look their
//! resource up before they read a value, so an unknown id is a 404 whatever the query says.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::{AppError, AppResult};

/// A request's query pairs, percent-decoded, in order. Extracting it never fails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

/// What real clients write for a true boolean flag (compared case-insensitively): Python's `True`, JSON's
/// `true`, `1`, and Django REST framework's other spellings.
const TRUE: [&str; 6] = ["true", "t", "yes", "y", "on", "1"];
/// The false spellings, likewise.
const FALSE: [&str; 6] = ["false", "f", "no", "n", "off", "0"];

impl Query {
    /// Parses a raw query string (`None` when the URI has none).
    pub fn parse(raw: Option<&str>) -> Self {
        Self::from_form(raw.unwrap_or("").as_bytes())
    }

    /// Parses an `application/x-www-form-urlencoded` body, which has the same grammar.
    pub fn from_form(bytes: &[u8]) -> Self {
        // Decoding is lossy (bad UTF-8 becomes U+FFFD), so a pair list cannot fail to deserialise; an
        // unreadable query would read as an empty one.
        Self {
            pairs: serde_urlencoded::from_bytes(bytes).unwrap_or_default(),
        }
    }

    /// The raw value of the last `name` pair, including an empty one (`?deep` or `?deep=`).
    fn last(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
    }

    /// The value of `name`: the last one when the key repeats, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.last(name).filter(|v| !v.is_empty())
    }

    /// A boolean flag such as `deep`: absent is false; a bare `?deep` (or `deep=`) is true; otherwise any case
    /// of the [`TRUE`] and [`FALSE`] spellings. Anything else is a 400 naming the value.
    pub fn flag(&self, name: &str) -> AppResult<bool> {
        let Some(value) = self.last(name) else {
            return Ok(false);
        };
        let is =
            |set: &[&str]| value.is_empty() || set.iter().any(|s| s.eq_ignore_ascii_case(value));
        if is(&TRUE) {
            Ok(true)
        } else if is(&FALSE) {
            Ok(false)
        } else {
            Err(AppError::bad_request(format!(
                "{name} must be true or false, not {value}."
            )))
        }
    }

    /// A non-negative whole number such as `page_size`: `1000`, `+1000`, and a decimal with only zeros after
    /// the point (`1000.0`, as a float-minded client prints it). `None` when absent or empty; a fraction, a
    /// negative number or text is a 400. Ranges are the caller's.
    pub fn uint(&self, name: &str) -> AppResult<Option<u64>> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        let whole = match value.split_once('.') {
            Some((whole, zeros)) if zeros.bytes().all(|b| b == b'0') => whole,
            Some(_) => "",
            None => value,
        };
        whole.parse().map(Some).map_err(|_| {
            AppError::bad_request(format!("{name} must be a whole number, not {value}."))
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self::parse(parts.uri.query()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_take_every_spelling_and_the_last_repeat() {
        let flag = |raw: &str| Query::parse(Some(raw)).flag("deep");
        for raw in [
            "deep=True",
            "deep=TRUE",
            "deep=1",
            "deep=yes",
            "deep=On",
            "deep",
            "deep=",
            "deep=false&deep=true",
        ] {
            assert_eq!(flag(raw), Ok(true), "{raw}");
        }
        for raw in [
            "",
            "deep=False",
            "deep=0",
            "deep=NO",
            "deep=off",
            "other=true",
            "deep=true&deep=f",
        ] {
            assert_eq!(flag(raw), Ok(false), "{raw}");
        }
        assert_eq!(flag("deep=maybe").unwrap_err().status.as_u16(), 400);
    }

    #[test]
    fn numbers_may_be_written_as_decimals() {
        let uint = |raw: &str| Query::parse(Some(raw)).uint("n");
        assert_eq!(uint("n=1000"), Ok(Some(1000)));
        assert_eq!(uint("n=1000.0"), Ok(Some(1000)));
        assert_eq!(uint("n=%201000%20"), Ok(Some(1000)));
        assert_eq!(uint("n=+7"), Ok(Some(7)));
        assert_eq!(uint("n="), Ok(None));
        assert_eq!(uint("n=1&n=2"), Ok(Some(2)));
        for bad in ["n=1.5", "n=-1", "n=ten", "n=.0", "n=1e3"] {
            assert!(uint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_values_are_trimmed_and_empty_is_absent() {
        let q = Query::parse(Some("app=%20acme-sync%20&after=&a=1&a=2"));
        assert_eq!(q.get("app"), Some("acme-sync"));
        assert_eq!(q.get("after"), None);
        assert_eq!(q.get("a"), Some("2"));
        assert_eq!(
            Query::from_form(b"state=x&decision=allow").get("decision"),
            Some("allow")
        );
    }
}
