//! The mapping form behind "create a mapping" and "edit a mapping" (contract §4.3.1, §4.3.3):
//! what it starts with, which fields the user may add or remove, the `config` body it sends, and
//! the check it must pass first (`config::validate`, the same rules as an import, §5.4).
//!
//! It works on one mapping at a time and knows nothing of the network: the caller fetches the
//! object's schema (`GET …/schemas/<Object>`) and hands it in. Whether the server accepts the body
//! is still the server's call (it answers 422 with its own reasons).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::api::model::{Mapping as ApiMapping, ObjectSchema as ApiObjectSchema};
use crate::config::{
    self, Access, FieldName, FieldOptions, IndexOptions, Issue, MappingConfig, MappingSettings,
    ObjectSchema, OrgSchema, Plan, SYSTEM_FIELDS,
};

/// Objects offered first when creating a mapping. There is no endpoint that lists an org's
/// objects, so these common standard objects are suggested and any other API name may be typed.
pub const SUGGESTED_OBJECTS: [&str; 5] = ["Account", "Contact", "Lead", "Opportunity", "Case"];

/// The editable part of one mapping, plus the settings the form does not show (kept as they were).
#[derive(Debug, Clone, PartialEq)]
pub struct MappingForm {
    /// Salesforce API name of the object.
    pub object_name: String,
    /// Sync direction.
    pub access: Access,
    /// Polling interval in seconds.
    pub sf_polling_seconds: i64,
    /// Accelerated polling.
    pub sf_notify_enabled: bool,
    /// Mapped fields.
    pub fields: BTreeSet<String>,
    /// Upsert field for writes, if any.
    pub upsert_field: Option<String>,
    base: MappingSettings,
}

impl MappingForm {
    /// A new mapping with defaults that pass validation: read-only, the plan's minimum polling
    /// (never below the documented default), and `Id`, `SystemModstamp`, `IsDeleted` selected.
    pub fn new(object_name: &str, plan: Plan) -> MappingForm {
        let base = MappingSettings::default();
        MappingForm {
            object_name: object_name.trim().to_owned(),
            access: Access::ReadOnly,
            sf_polling_seconds: base.sf_polling_seconds.max(plan.min_polling_seconds()),
            sf_notify_enabled: false,
            fields: SYSTEM_FIELDS.iter().map(|f| f.to_string()).collect(),
            upsert_field: None,
            base,
        }
    }

    /// The form for an existing mapping, read through the same parser an import uses. Fails with
    /// the parser's message when the server's config has a shape the client does not accept.
    pub fn from_mapping(m: &ApiMapping) -> Result<MappingForm, String> {
        let doc = serde_json::json!({
            "version": 1,
            "mappings": [{"object_name": m.object_name, "config": m.config}],
        });
        let parsed = MappingConfig::parse(doc.to_string().as_bytes()).map_err(|e| e.message())?;
        let entry = parsed
            .mappings
            .into_iter()
            .next()
            .ok_or_else(|| "no mapping".to_owned())?;
        let s = entry.config;
        Ok(MappingForm {
            object_name: entry.object_name,
            access: s.access,
            sf_polling_seconds: s.sf_polling_seconds,
            sf_notify_enabled: s.sf_notify_enabled,
            fields: s.fields.keys().map(|name| name.to_string()).collect(),
            upsert_field: s.upsert_field.clone(),
            base: s,
        })
    }

    /// Adds or removes a field. The three system fields cannot be removed: every mapping needs
    /// them (§5.4). Removing the upsert field also clears it.
    pub fn set_field(&mut self, name: &str, on: bool) {
        if on {
            self.fields.insert(name.to_owned());
        } else if !is_system_field(name) {
            self.fields.remove(name);
            if self.upsert_field.as_deref() == Some(name) {
                self.upsert_field = None;
            }
        }
    }

    /// The settings as they will be sent. Indexes on removed fields are dropped (an index must
    /// name a mapped field), `Id` and `SystemModstamp` keep their indexes, and the upsert field
    /// gets a unique one. Server bookkeeping (`revision`, `applied_at`) is left out.
    pub fn settings(&self) -> MappingSettings {
        let mut indexes: BTreeMap<String, IndexOptions> = self
            .base
            .indexes
            .iter()
            .filter(|(k, _)| self.fields.contains(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        indexes.insert("Id".into(), IndexOptions::unique(true));
        indexes
            .entry("SystemModstamp".into())
            .or_insert_with(|| IndexOptions::unique(false));
        if let Some(u) = &self.upsert_field {
            indexes.insert(u.clone(), IndexOptions::unique(true));
        }
        MappingSettings {
            access: self.access,
            sf_notify_enabled: self.sf_notify_enabled,
            sf_polling_seconds: self.sf_polling_seconds,
            fields: self
                .fields
                .iter()
                .map(|f| (FieldName::from(f.as_str()), FieldOptions::default()))
                .collect(),
            indexes,
            upsert_field: self.upsert_field.clone(),
            revision: None,
            applied_at: None,
            ..self.base.clone()
        }
    }

    /// A one-mapping document, as an import would carry it.
    pub fn document(&self) -> MappingConfig {
        MappingConfig {
            version: Some(1),
            connection: None,
            mappings: vec![config::Mapping {
                object_name: self.object_name.clone(),
                config: self.settings(),
                extra: BTreeMap::new(),
            }],
            extra: BTreeMap::new(),
        }
    }

    /// The `config` body for create or update, serialised as an export writes it.
    pub fn config_json(&self) -> Value {
        let doc: Value = serde_json::from_str(&self.document().to_json())
            .expect("the serialiser writes valid JSON");
        doc["mappings"][0]["config"].clone()
    }

    /// The import rules applied to this one mapping: against the object's schema when it was
    /// fetched, else structurally. A 404 for the object is `schema = Err(())`.
    pub fn validate(&self, plan: Plan, schema: Option<Result<&ObjectSchema, ()>>) -> Vec<Issue> {
        let org = schema.map(|s| match s {
            Ok(found) => OrgSchema::from_schemas([found.clone()]),
            Err(()) => {
                let mut org = OrgSchema::new();
                org.insert_unknown(&self.object_name);
                org
            }
        });
        config::validate(&self.document(), plan, org.as_ref())
    }

    /// Fields added to and removed from `original`, for the confirmation line.
    pub fn changes_from(&self, original: &MappingForm) -> (Vec<String>, Vec<String>) {
        let added = self.fields.difference(&original.fields).cloned().collect();
        let removed = original.fields.difference(&self.fields).cloned().collect();
        (added, removed)
    }
}

/// Whether `name` is one of the fields every mapping must keep.
pub fn is_system_field(name: &str) -> bool {
    SYSTEM_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// The API's schema answer as the validator reads it.
pub fn schema_for_validation(s: &ApiObjectSchema) -> ObjectSchema {
    let fields = s
        .fields
        .iter()
        .map(|f| config::FieldSchema {
            name: f.name.clone(),
            field_type: f.field_type.clone().unwrap_or_default(),
            required: f.required.unwrap_or(false),
            unique: f.unique.unwrap_or(false),
            external_id: f.external_id.unwrap_or(false),
        })
        .collect();
    ObjectSchema::new(&s.name, fields)
}

/// Fields a read-write mapping should include (required on create) that the form lacks.
pub fn missing_required(form: &MappingForm, schema: &ApiObjectSchema) -> Vec<String> {
    schema
        .fields
        .iter()
        .filter(|f| f.required == Some(true))
        .filter(|f| !form.fields.iter().any(|m| m.eq_ignore_ascii_case(&f.name)))
        .map(|f| f.name.clone())
        .collect()
}

/// The external-id fields of the schema: the only valid upsert fields.
pub fn upsert_candidates(schema: &ApiObjectSchema) -> Vec<String> {
    schema
        .fields
        .iter()
        .filter(|f| f.external_id == Some(true))
        .map(|f| f.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::SchemaField;
    use crate::config::{has_errors, IssueCode};

    fn contact() -> ApiObjectSchema {
        let f = |name: &str, required: bool, external: bool| SchemaField {
            name: name.into(),
            field_type: Some("string".into()),
            required: Some(required),
            unique: Some(external || name == "Id"),
            external_id: Some(external),
        };
        ApiObjectSchema {
            name: "Contact".into(),
            fields: vec![
                f("Id", false, false),
                f("IsDeleted", false, false),
                f("SystemModstamp", false, false),
                f("CreatedDate", false, false),
                f("LastName", true, false),
                f("Email", false, false),
                f("Acme_Id__c", false, true),
            ],
        }
    }

    #[test]
    fn defaults_pass_validation() {
        let form = MappingForm::new(" Contact ", Plan::Demo);
        assert_eq!(form.object_name, "Contact");
        let schema = schema_for_validation(&contact());
        let issues = form.validate(Plan::Demo, Some(Ok(&schema)));
        assert!(!has_errors(&issues), "{issues:?}");
        let cfg = form.config_json();
        assert_eq!(cfg["access"], "read_only");
        assert_eq!(cfg["sf_polling_seconds"], 600);
        let fields: Vec<&String> = cfg["fields"].as_object().unwrap().keys().collect();
        assert_eq!(fields, ["Id", "IsDeleted", "SystemModstamp"]);
        assert_eq!(cfg["indexes"]["Id"]["unique"], true);
        assert!(cfg.get("revision").is_none());
        // Enterprise's lower minimum does not lower the default.
        assert_eq!(
            MappingForm::new("Case", Plan::Enterprise).sf_polling_seconds,
            600
        );
    }

    #[test]
    fn fields_and_upsert() {
        let mut form = MappingForm::new("Contact", Plan::Demo);
        form.set_field("Id", false);
        assert!(form.fields.contains("Id"), "system fields stay");
        form.set_field("Email", true);
        form.set_field("Acme_Id__c", true);
        form.upsert_field = Some("Acme_Id__c".into());
        form.access = Access::ReadWrite;
        assert_eq!(missing_required(&form, &contact()), vec!["LastName"]);
        assert_eq!(upsert_candidates(&contact()), vec!["Acme_Id__c"]);
        let cfg = form.config_json();
        assert_eq!(cfg["indexes"]["Acme_Id__c"]["unique"], true);
        assert_eq!(cfg["upsert_field"], "Acme_Id__c");
        form.set_field("Acme_Id__c", false);
        assert_eq!(form.upsert_field, None);
        assert!(form.config_json()["indexes"].get("Acme_Id__c").is_none());
    }

    #[test]
    fn validation_catches_bad_input() {
        let schema = schema_for_validation(&contact());
        let mut form = MappingForm::new("Contact", Plan::Demo);
        form.sf_polling_seconds = 300;
        form.set_field("Nope__c", true);
        let codes: Vec<IssueCode> = form
            .validate(Plan::Demo, Some(Ok(&schema)))
            .iter()
            .map(|i| i.code)
            .collect();
        assert!(codes.contains(&IssueCode::PollingBelowMinimum), "{codes:?}");
        assert!(has_errors(&form.validate(Plan::Demo, Some(Ok(&schema)))));
        let unknown = MappingForm::new("Widget__c", Plan::Demo);
        assert!(has_errors(&unknown.validate(Plan::Demo, Some(Err(())))));
        assert!(!has_errors(&unknown.validate(Plan::Demo, None)));
    }

    #[test]
    fn edit_round_trip_keeps_hidden_settings() {
        let m = ApiMapping {
            object_name: "Contact".into(),
            config: serde_json::json!({
                "access": "read_write", "sf_notify_enabled": true, "sf_polling_seconds": 1200,
                "sf_max_daily_api_calls": 20000, "revision": 3,
                "fields": {"Id": {}, "IsDeleted": {}, "SystemModstamp": {}, "Email": {}},
                "indexes": {"Id": {"unique": true}, "SystemModstamp": {"unique": false}, "Email": {"unique": false}}
            }),
            ..ApiMapping::default()
        };
        let original = MappingForm::from_mapping(&m).expect("valid config");
        let mut form = original.clone();
        assert_eq!(form.sf_polling_seconds, 1200);
        assert!(form.sf_notify_enabled);
        form.set_field("Email", false);
        form.set_field("FirstName", true);
        assert_eq!(
            form.changes_from(&original),
            (vec!["FirstName".to_owned()], vec!["Email".to_owned()])
        );
        let cfg = form.config_json();
        assert_eq!(cfg["sf_max_daily_api_calls"], 20000);
        assert!(cfg["indexes"].get("Email").is_none());
        assert!(cfg.get("revision").is_none());
        let bad = ApiMapping {
            object_name: "Contact".into(),
            config: serde_json::json!({"access": "sideways"}),
            ..ApiMapping::default()
        };
        assert!(MappingForm::from_mapping(&bad).is_err());
    }
}
