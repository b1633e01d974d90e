//! One-pass `serde` readers for the document types, written by hand for two reasons: speed (no
//! `#[serde(flatten)]`, no intermediate `Value` for known keys, keys borrowed from the input) and
//! messages (`expected "read_only" or "read_write", found "rw"` rather than serde's wording).
//!
//! Known keys are read straight into typed fields; unknown keys are kept as `Value`s. Missing required
//! keys and repeated keys are [`Fault`]s like wrong kinds. Nothing here knows about positions.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess};
use serde_json::Value;

use super::order;
use super::reject::{routed, Bool, Fault, Int, Key, OptText, Reject, Route, Text};
use super::{
    Access, FieldMap, FieldName, FieldOptions, IndexOptions, Mapping, MappingConfig,
    MappingSettings,
};

routed!(
    MappingConfig,
    Mapping,
    MappingSettings,
    Mappings,
    Fields,
    Indexes,
    FieldValue,
    IndexValue
);

/// Stores `value` in `slot`, or fails if the key was already seen.
fn once<T, E: de::Error>(slot: &mut Option<T>, key: &str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(Fault::Duplicate {
            key: key.to_owned(),
        }
        .raise());
    }
    *slot = Some(value);
    Ok(())
}

/// Reads the value of an unknown key into `extra`, rejecting a repeat.
fn keep_unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    extra: &mut BTreeMap<String, Value>,
    key: Key<'de>,
) -> Result<(), A::Error> {
    let value: Value = map.next_value()?;
    let key = key.0.into_owned();
    if extra.contains_key(&key) {
        return Err(Fault::Duplicate { key }.raise());
    }
    extra.insert(key, value);
    Ok(())
}

fn missing<E: de::Error>(key: &str) -> E {
    Fault::Missing {
        key: key.to_owned(),
    }
    .raise()
}

impl<'de> Reject<'de> for MappingConfig {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let (mut version, mut connection, mut mappings) = (None, None, None);
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "version" => once(&mut version, "version", map.next_value::<Int>()?.0)?,
                "connection" => once(&mut connection, "connection", map.next_value::<Value>()?)?,
                "mappings" => once(&mut mappings, "mappings", map.next_value::<Mappings>()?.0)?,
                _ => keep_unknown(&mut map, &mut extra, key)?,
            }
        }
        let mappings = mappings.ok_or_else(|| missing("mappings"))?;
        Ok(MappingConfig {
            version,
            connection,
            mappings,
            extra,
        })
    }
}

struct Mappings(Vec<Mapping>);
impl<'de> Reject<'de> for Mappings {
    const EXPECTED: &'static str = "an array";
    fn array<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(mapping) = seq.next_element::<Mapping>()? {
            out.push(mapping);
        }
        Ok(Mappings(out))
    }
}

impl<'de> Reject<'de> for Mapping {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let (mut object_name, mut config) = (None, None);
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "object_name" => {
                    once(&mut object_name, "object_name", map.next_value::<Text>()?.0)?
                }
                "config" => once(&mut config, "config", map.next_value::<MappingSettings>()?)?,
                _ => keep_unknown(&mut map, &mut extra, key)?,
            }
        }
        let object_name = object_name.ok_or_else(|| missing("object_name"))?;
        let config = config.ok_or_else(|| missing("config"))?;
        Ok(Mapping {
            object_name,
            config,
            extra,
        })
    }
}

impl<'de> Reject<'de> for MappingSettings {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let (mut access, mut notify, mut polling, mut calls) = (None, None, None, None);
        let (mut fields, mut indexes, mut upsert, mut revision, mut applied_at) =
            (None, None, None, None, None);
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "access" => once(&mut access, "access", map.next_value::<Access>()?)?,
                "sf_notify_enabled" => once(
                    &mut notify,
                    "sf_notify_enabled",
                    map.next_value::<Bool>()?.0,
                )?,
                "sf_polling_seconds" => once(
                    &mut polling,
                    "sf_polling_seconds",
                    map.next_value::<Int>()?.0,
                )?,
                "sf_max_daily_api_calls" => once(
                    &mut calls,
                    "sf_max_daily_api_calls",
                    map.next_value::<Int>()?.0,
                )?,
                "fields" => once(&mut fields, "fields", map.next_value::<Fields>()?.0)?,
                "indexes" => once(&mut indexes, "indexes", map.next_value::<Indexes>()?.0)?,
                "upsert_field" => {
                    once(&mut upsert, "upsert_field", map.next_value::<OptText>()?.0)?
                }
                "revision" => once(&mut revision, "revision", map.next_value::<Value>()?)?,
                "applied_at" => once(&mut applied_at, "applied_at", map.next_value::<Value>()?)?,
                _ => keep_unknown(&mut map, &mut extra, key)?,
            }
        }
        let defaults = MappingSettings::default();
        Ok(MappingSettings {
            access: access.unwrap_or(defaults.access),
            sf_notify_enabled: notify.unwrap_or(defaults.sf_notify_enabled),
            sf_polling_seconds: polling.unwrap_or(defaults.sf_polling_seconds),
            sf_max_daily_api_calls: calls.unwrap_or(defaults.sf_max_daily_api_calls),
            fields: fields.unwrap_or(defaults.fields),
            indexes: indexes.unwrap_or(defaults.indexes),
            upsert_field: upsert.flatten(),
            revision,
            applied_at,
            extra,
        })
    }
}

/// The entries of a `fields` or `indexes` object sorted by name, rejecting a repeated name. Exports
/// list names in order, so one pass over the entries usually settles both.
fn sorted_by_name<K: Ord + AsRef<str>, T, E: de::Error>(
    mut entries: Vec<(K, T)>,
) -> Result<Vec<(K, T)>, E> {
    if !entries.windows(2).all(|pair| pair[0].0 < pair[1].0) {
        order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        if let Some(pair) = entries.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            return Err(Fault::Duplicate {
                key: pair[0].0.as_ref().to_owned(),
            }
            .raise());
        }
    }
    Ok(entries)
}

struct Fields(FieldMap);
impl<'de> Reject<'de> for Fields {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let options = map.next_value::<FieldValue>()?.0;
            entries.push((FieldName::from(&*key.0), options));
        }
        sorted_by_name(entries).map(|entries| Fields(entries.into_iter().collect()))
    }
}

/// A field's options object, `{}` in every known export.
struct FieldValue(FieldOptions);
impl<'de> Reject<'de> for FieldValue {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            keep_unknown(&mut map, &mut extra, key)?;
        }
        Ok(FieldValue(FieldOptions { extra }))
    }
}

struct Indexes(BTreeMap<String, IndexOptions>);
impl<'de> Reject<'de> for Indexes {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let options = map.next_value::<IndexValue>()?.0;
            entries.push((key.0.into_owned(), options));
        }
        sorted_by_name(entries).map(|entries| Indexes(order::map_of(entries)))
    }
}

struct IndexValue(IndexOptions);
impl<'de> Reject<'de> for IndexValue {
    const EXPECTED: &'static str = "an object";
    fn object<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut unique = None;
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                "unique" => once(&mut unique, "unique", map.next_value::<Bool>()?.0)?,
                _ => keep_unknown(&mut map, &mut extra, key)?,
            }
        }
        Ok(IndexValue(IndexOptions {
            unique: unique.unwrap_or(false),
            extra,
        }))
    }
}
