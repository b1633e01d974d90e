//! How a JSON value of the wrong kind is described, and the small readers for leaf values (keys,
//! integers, booleans, strings, `access`). `de.rs` builds the document readers on top of these.
//!
//! Every reader asks for `deserialize_any` so that a value of the wrong kind reaches our own visitor
//! and is described in our words. A failure is raised as a [`Fault`] encoded into serde's custom error
//! string; `parse.rs` decodes it together with the JSON path.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::Access;

/// Starts an encoded [`Fault`]; a NUL cannot appear in a message serde or serde_json write themselves.
const MARK: char = '\u{0}';
const SEP: char = '\u{1f}';

/// A shape failure with its variable parts, carried through serde's string-only custom errors.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    WrongType { expected: String, found: String },
    Missing { key: String },
    Duplicate { key: String },
}

impl Fault {
    pub(super) fn raise<E: de::Error>(self) -> E {
        E::custom(match self {
            Fault::WrongType { expected, found } => format!("{MARK}w{SEP}{expected}{SEP}{found}"),
            Fault::Missing { key } => format!("{MARK}m{SEP}{key}"),
            Fault::Duplicate { key } => format!("{MARK}d{SEP}{key}"),
        })
    }

    /// Reads back what [`Fault::raise`] wrote; `None` for any other message.
    pub(crate) fn decode(message: &str) -> Option<Fault> {
        let mut parts = message.strip_prefix(MARK)?.split(SEP);
        let tag = parts.next()?;
        let first = parts.next()?.to_owned();
        match tag {
            "w" => Some(Fault::WrongType {
                expected: first,
                found: parts.next()?.to_owned(),
            }),
            "m" => Some(Fault::Missing { key: first }),
            "d" => Some(Fault::Duplicate { key: first }),
            _ => None,
        }
    }
}

/// What a value of the wrong kind turned out to be, worded for a message.
enum Found<'a> {
    Null,
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Str(&'a str),
    Array,
    Object,
}

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Bool(b) => write!(f, "{b}"),
            Found::Signed(n) => write!(f, "{n}"),
            Found::Unsigned(n) => write!(f, "{n}"),
            // `600.0` rather than `600`, or "expected an integer, found 600" would read as nonsense.
            Found::Float(x) if x.fract() == 0.0 && x.abs() < 1e16 => write!(f, "{x:.1}"),
            Found::Float(x) => write!(f, "{x}"),
            Found::Str(s) => {
                const LIMIT: usize = 40;
                let shown: String = s.chars().take(LIMIT).collect();
                let ellipsis = if s.chars().nth(LIMIT).is_some() {
                    "…"
                } else {
                    ""
                };
                write!(f, "{}{ellipsis}", Value::String(shown))
            }
            Found::Array => f.write_str("an array"),
            Found::Object => f.write_str("an object"),
        }
    }
}

fn wrong<E: de::Error>(expected: &str, found: Found<'_>) -> E {
    Fault::WrongType {
        expected: expected.to_owned(),
        found: found.to_string(),
    }
    .raise()
}

/// Rejects every kind of JSON value with a [`Fault::WrongType`]; a reader overrides the kinds it takes.
/// The array and object cases return before consuming anything, which ends the parse.
pub(super) trait Reject<'de>: Sized {
    const EXPECTED: &'static str;
    fn null<E: de::Error>() -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Null))
    }
    fn boolean<E: de::Error>(v: bool) -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Bool(v)))
    }
    fn signed<E: de::Error>(v: i64) -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Signed(v)))
    }
    fn unsigned<E: de::Error>(v: u64) -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Unsigned(v)))
    }
    fn float<E: de::Error>(v: f64) -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Float(v)))
    }
    fn string<E: de::Error>(v: Cow<'de, str>) -> Result<Self, E> {
        Err(wrong(Self::EXPECTED, Found::Str(&v)))
    }
    fn array<A: SeqAccess<'de>>(_seq: A) -> Result<Self, A::Error> {
        Err(wrong(Self::EXPECTED, Found::Array))
    }
    fn object<A: MapAccess<'de>>(_map: A) -> Result<Self, A::Error> {
        Err(wrong(Self::EXPECTED, Found::Object))
    }
}

/// The one visitor: routes each JSON kind to the matching [`Reject`] method of `T`.
pub(super) struct Route<T>(pub(super) PhantomData<T>);

impl<'de, T: Reject<'de>> Visitor<'de> for Route<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::null()
    }
    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        T::null()
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::boolean(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::signed(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::unsigned(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::float(v)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<T, E> {
        T::string(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::string(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        T::string(Cow::Owned(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }
}

/// Implements `Deserialize` for a [`Reject`] type through [`Route`].
macro_rules! routed {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(Route::<$ty>(PhantomData))
            }
        }
    )*};
}
pub(super) use routed;

/// An object key, borrowed from the input when it has no escapes.
pub(super) struct Key<'de>(pub(super) Cow<'de, str>);
impl<'de> Reject<'de> for Key<'de> {
    const EXPECTED: &'static str = "a key";
    fn string<E: de::Error>(v: Cow<'de, str>) -> Result<Self, E> {
        Ok(Key(v))
    }
}
impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Route::<Key<'de>>(PhantomData))
    }
}

pub(super) struct Int(pub(super) i64);
impl Reject<'_> for Int {
    const EXPECTED: &'static str = "an integer";
    fn signed<E: de::Error>(v: i64) -> Result<Self, E> {
        Ok(Int(v))
    }
    fn unsigned<E: de::Error>(v: u64) -> Result<Self, E> {
        i64::try_from(v).map(Int).map_err(|_| {
            wrong(
                "an integer no larger than 9223372036854775807",
                Found::Unsigned(v),
            )
        })
    }
}

pub(super) struct Bool(pub(super) bool);
impl Reject<'_> for Bool {
    const EXPECTED: &'static str = "true or false";
    fn boolean<E: de::Error>(v: bool) -> Result<Self, E> {
        Ok(Bool(v))
    }
}

pub(super) struct Text(pub(super) String);
impl<'de> Reject<'de> for Text {
    const EXPECTED: &'static str = "a string";
    fn string<E: de::Error>(v: Cow<'de, str>) -> Result<Self, E> {
        Ok(Text(v.into_owned()))
    }
}

/// `upsert_field`: a string, or null for "none".
pub(super) struct OptText(pub(super) Option<String>);
impl<'de> Reject<'de> for OptText {
    const EXPECTED: &'static str = "a string or null";
    fn null<E: de::Error>() -> Result<Self, E> {
        Ok(OptText(None))
    }
    fn string<E: de::Error>(v: Cow<'de, str>) -> Result<Self, E> {
        Ok(OptText(Some(v.into_owned())))
    }
}

impl<'de> Reject<'de> for Access {
    const EXPECTED: &'static str = "\"read_only\" or \"read_write\"";
    fn string<E: de::Error>(v: Cow<'de, str>) -> Result<Self, E> {
        match &*v {
            "read_only" => Ok(Access::ReadOnly),
            "read_write" => Ok(Access::ReadWrite),
            _ => Err(wrong(Self::EXPECTED, Found::Str(&v))),
        }
    }
}

routed!(Int, Bool, Text, OptText, Access);
