//! The org's Salesforce schema as the validator needs it: which objects exist, and for each its fields
//! with type, required, unique and external-id flags (contract §4.3.6).
//!
//! This module does not fetch anything. The caller asks [`objects_to_fetch`] which objects a document
//! uses, calls `GET …/schemas/<Object>` once for each, and hands the answers to an [`OrgSchema`]
//! (a 404 becomes [`OrgSchema::insert_unknown`]). Names match without regard to case, as in Salesforce.

use std::collections::HashMap;

use serde::Deserialize;

use super::names::{check_api_name, cmp_ignore_case, cmp_names};
use super::order;
use super::MappingConfig;

/// One object's schema, as `GET /api/v3/connections/<cid>/schemas/<Object>` returns it.
///
/// ```
/// use connect_pilot_config::ObjectSchema;
///
/// let schema: ObjectSchema = serde_json::from_str(r#"{"name": "Contact", "fields": [
///     {"name": "LastName", "type": "string", "required": true, "unique": false, "external_id": false}]}"#).unwrap();
/// assert!(schema.field("lastname").unwrap().required);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ObjectSchema {
    /// Canonical spelling of the object's API name.
    pub name: String,
    /// The object's fields.
    #[serde(default)]
    pub fields: Vec<FieldSchema>,
    /// Whether `fields` is in [`cmp_names`] order, so lookups can bisect.
    #[serde(skip)]
    sorted: bool,
}

/// One field of an [`ObjectSchema`]. Flags absent from the answer count as `false`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FieldSchema {
    /// Canonical spelling of the field's API name.
    pub name: String,
    /// Salesforce's lower-case type name (`string`, `reference`, …).
    #[serde(rename = "type", default)]
    pub field_type: String,
    /// A value must be given when a record is created.
    #[serde(default)]
    pub required: bool,
    /// Values are unique across records.
    #[serde(default)]
    pub unique: bool,
    /// Usable as an upsert key.
    #[serde(default)]
    pub external_id: bool,
}

impl ObjectSchema {
    /// A schema from its parts.
    pub fn new(name: &str, fields: Vec<FieldSchema>) -> ObjectSchema {
        ObjectSchema {
            name: name.to_owned(),
            fields,
            sorted: false,
        }
    }

    /// Reads the schema endpoint's JSON answer.
    pub fn from_json(bytes: &[u8]) -> Result<ObjectSchema, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The field called `name`, compared without regard to case.
    pub fn field(&self, name: &str) -> Option<&FieldSchema> {
        if self.sorted {
            let found = self
                .fields
                .binary_search_by(|f| cmp_ignore_case(&f.name, name));
            found.ok().map(|i| &self.fields[i])
        } else {
            self.fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(name))
        }
    }

    fn sort(&mut self) {
        order::sort_by(&mut self.fields, |a, b| cmp_names(&a.name, &b.name));
        self.sorted = true;
    }
}

impl FieldSchema {
    /// A field with the given flags, for tests and hand-built schemas.
    pub fn new(
        name: &str,
        field_type: &str,
        required: bool,
        unique: bool,
        external_id: bool,
    ) -> FieldSchema {
        FieldSchema {
            name: name.to_owned(),
            field_type: field_type.to_owned(),
            required,
            unique,
            external_id,
        }
    }
}

/// What an [`OrgSchema`] knows about one object name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SchemaLookup<'a> {
    /// The org has the object.
    Found(&'a ObjectSchema),
    /// The schema endpoint said the object does not exist (404).
    Unknown,
    /// Nobody asked; the validator skips schema checks for this object.
    NotFetched,
}

/// The answers of the schema endpoint for the objects of one document, looked up without regard to case.
#[derive(Debug, Clone, Default)]
pub struct OrgSchema {
    objects: HashMap<String, Option<ObjectSchema>>,
}

impl OrgSchema {
    /// An empty set: every lookup is [`SchemaLookup::NotFetched`].
    pub fn new() -> OrgSchema {
        OrgSchema::default()
    }

    /// Builds a set from schemas that were all found.
    pub fn from_schemas(schemas: impl IntoIterator<Item = ObjectSchema>) -> OrgSchema {
        let mut org = OrgSchema::new();
        for schema in schemas {
            org.insert(schema);
        }
        org
    }

    /// Records an object the org has.
    pub fn insert(&mut self, mut schema: ObjectSchema) {
        schema.sort();
        self.objects
            .insert(schema.name.to_ascii_lowercase(), Some(schema));
    }

    /// Records that the org has no object called `object_name` (the endpoint answered 404).
    pub fn insert_unknown(&mut self, object_name: &str) {
        self.objects.insert(object_name.to_ascii_lowercase(), None);
    }

    /// What is known about `object_name`.
    pub fn lookup(&self, object_name: &str) -> SchemaLookup<'_> {
        match self.objects.get(&object_name.to_ascii_lowercase()) {
            Some(Some(schema)) => SchemaLookup::Found(schema),
            Some(None) => SchemaLookup::Unknown,
            None => SchemaLookup::NotFetched,
        }
    }
}

/// The objects whose schema the validator can use, each once: one per distinct object name (compared
/// without regard to case, first spelling kept), in document order, leaving out names that are not
/// valid API names (those are errors already, and would make a bad URL).
///
/// ```
/// use connect_pilot_config::{schema::objects_to_fetch, MappingConfig};
///
/// let config = MappingConfig::parse(br#"{"version": 1, "mappings": [
///     {"object_name": "Contact", "config": {}}, {"object_name": "contact", "config": {}},
///     {"object_name": "Bad Name", "config": {}}, {"object_name": "Case", "config": {}}]}"#).unwrap();
/// assert_eq!(objects_to_fetch(&config), vec!["Contact", "Case"]);
/// ```
pub fn objects_to_fetch(config: &MappingConfig) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    config
        .mappings
        .iter()
        .map(|m| m.object_name.as_str())
        .filter(|name| check_api_name(name).is_ok() && seen.insert(name.to_ascii_lowercase()))
        .map(str::to_owned)
        .collect()
}
