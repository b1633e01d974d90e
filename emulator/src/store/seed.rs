//! Seed worlds and the demo Salesforce org, read from the JSON fixtures in `emulator/fixtures/`.
//!
//! The org schema is fixed for the whole process; the seed only says which users, apps and add-ons exist at
//! tick 0. Connections of provisioned Connect add-ons are derived here by the same rule provisioning uses.

use std::sync::OnceLock;

use serde::Deserialize;

use super::ids::IdGen;
use super::{Addon, App, Limits, Store, User};

const DEMO: &str = include_str!("../../fixtures/demo.json");
const EMPTY: &str = include_str!("../../fixtures/empty.json");
const ORG: &str = include_str!("../../fixtures/org.json");

/// A seed world as stored in a fixture.
#[derive(Deserialize)]
struct SeedFile {
    id_seed: u64,
    users: Vec<User>,
    apps: Vec<App>,
    addons: Vec<Addon>,
}

/// One field of an org object (§4.3.6).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Field {
    /// API name.
    pub name: String,
    /// Lower-case Salesforce type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Needed on create.
    pub required: bool,
    /// Unique.
    pub unique: bool,
    /// External id.
    pub external_id: bool,
}

/// One org object with its record count.
#[derive(Debug, Clone, Deserialize)]
pub struct Object {
    /// API name.
    pub name: String,
    /// Records in the org.
    pub records: u64,
    /// Object-specific fields.
    pub fields: Vec<Field>,
}

/// Message and safety of one direction of a schema change.
#[derive(Debug, Clone, Deserialize)]
pub struct ChangeSide {
    /// `result_message` text.
    pub message: String,
    /// Whether the change is unsafe.
    #[serde(rename = "unsafe")]
    pub is_unsafe: bool,
}

/// A field change between API versions.
#[derive(Debug, Clone, Deserialize)]
pub struct SchemaChange {
    /// First version with the change.
    pub version: String,
    /// Object.
    pub object: String,
    /// Field.
    pub field: String,
    /// `length_changed` or `removed`.
    pub kind: String,
    /// Moving up across `version`.
    pub upgrade: ChangeSide,
    /// Moving down across `version`.
    pub downgrade: ChangeSide,
}

/// The demo Salesforce org.
#[derive(Debug, Clone, Deserialize)]
pub struct Org {
    /// Org name.
    pub name: String,
    /// Org id.
    pub id: String,
    /// Admin username.
    pub username: String,
    /// Admin user id.
    pub user_id: String,
    /// Admin display name.
    pub display_name: String,
    /// Instance URL.
    pub instance_url: String,
    /// `sf_region`.
    pub region: String,
    /// Supported API versions.
    pub api_versions: Vec<String>,
    /// Version a new authorization gets.
    pub authorized_api_version: String,
    /// Fields every object has.
    pub common_fields: Vec<Field>,
    /// Objects.
    pub objects: Vec<Object>,
    /// Version changes for schema-diff.
    pub schema_changes: Vec<SchemaChange>,
}

/// Parses an API version (`61`, `61.0`) into its major number.
pub fn version_number(v: &str) -> Option<u32> {
    let major = v.strip_suffix(".0").unwrap_or(v);
    major.parse().ok()
}

impl Org {
    /// The latest API version's major number.
    pub fn latest(&self) -> u32 {
        self.api_versions
            .iter()
            .filter_map(|v| version_number(v))
            .max()
            .unwrap_or(64)
    }

    /// Normalises a version to `NN.0` if the org supports it.
    pub fn supported_version(&self, v: &str) -> Option<String> {
        let n = version_number(v)?;
        let canonical = format!("{n}.0");
        self.api_versions.contains(&canonical).then_some(canonical)
    }

    /// An object by name, case-insensitively.
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.objects
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
    }

    /// The fields of an object as seen at an API version: common fields first, minus fields removed by then.
    pub fn fields_at(&self, object: &Object, version: &str) -> Vec<Field> {
        let at = version_number(version).unwrap_or(62);
        let removed = |f: &Field| {
            self.schema_changes.iter().any(|c| {
                c.kind == "removed"
                    && c.object == object.name
                    && c.field == f.name
                    && version_number(&c.version).is_some_and(|v| v <= at)
            })
        };
        self.common_fields
            .iter()
            .chain(object.fields.iter())
            .filter(|f| !removed(f))
            .cloned()
            .collect()
    }
}

/// The demo org, parsed once.
pub fn org() -> &'static Org {
    static ORG_CELL: OnceLock<Org> = OnceLock::new();
    ORG_CELL.get_or_init(|| serde_json::from_str(ORG).expect("fixtures/org.json is valid"))
}

/// Which seed world to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// §8.6: three apps, two connections.
    Demo,
    /// Only the two users.
    Empty,
}

impl Seed {
    /// Parses `demo` or `empty`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "demo" => Some(Seed::Demo),
            "empty" => Some(Seed::Empty),
            _ => None,
        }
    }

    /// The seed's name.
    pub fn name(self) -> &'static str {
        match self {
            Seed::Demo => "demo",
            Seed::Empty => "empty",
        }
    }
}

impl Store {
    /// A fresh store at tick 0 from a seed world.
    pub fn seeded(seed: Seed, limits: Limits) -> Store {
        let text = match seed {
            Seed::Demo => DEMO,
            Seed::Empty => EMPTY,
        };
        let file: SeedFile = serde_json::from_str(text).expect("seed fixtures are valid");
        let mut store = Store {
            seed: seed.name().into(),
            limits,
            ids: IdGen::new(file.id_seed),
            request_ids: IdGen::new(file.id_seed ^ 0x5EED_0000_0000_0001),
            users: file.users,
            apps: file.apps,
            ..Store::default()
        };
        for mut addon in file.addons {
            addon.seq = store.next_seq();
            let provisioned = addon.state == "provisioned";
            let id = addon.id.clone();
            store.addons.push(addon);
            if provisioned {
                store.addon_provisioned(&id);
            }
        }
        store
    }
}
