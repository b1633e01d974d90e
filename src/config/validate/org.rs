//! The §5.4 rules that need the org's schema: the object and every field exist, names are spelled as
//! Salesforce spells them, and a read_write mapping includes the fields a new record requires. The
//! schema is whatever the caller fetched; objects it did not fetch are skipped.

use super::super::names::cmp_ignore_case;
use super::super::schema::{OrgSchema, SchemaLookup};
use super::super::{Access, Mapping};
use super::{child, quote, IssueCode, Sink};

/// The §5.4 rules that need the org: objects and fields exist, spelling, required fields.
pub(super) fn check_against_schema(
    out: &mut Sink,
    config_at: &str,
    mapping: &Mapping,
    schema: &OrgSchema,
    mapped: &[&str],
) {
    let object = mapping.object_name.as_str();
    let mapping_at = &config_at[..config_at.len() - ".config".len()];
    let object_at = format!("{mapping_at}.object_name");
    let found = match schema.lookup(object) {
        SchemaLookup::NotFetched => return,
        SchemaLookup::Unknown => {
            let message = format!("the Salesforce org has no object {}", quote(object));
            out.error(
                &object_at,
                IssueCode::UnknownObject,
                message,
                vec![("object", object.into())],
            );
            return;
        }
        SchemaLookup::Found(found) => found,
    };
    if found.name != object {
        let message = format!("Salesforce spells this object {}", quote(&found.name));
        out.warn(
            &object_at,
            IssueCode::ObjectNameCase,
            message,
            vec![("canonical", found.name.clone())],
        );
    }
    let fields_at = format!("{config_at}.fields");
    for name in mapping.config.fields.keys() {
        let path = || child(&fields_at, name);
        match found.field(name) {
            None => {
                let message = format!("{} has no field {}", quote(&found.name), quote(name));
                out.error(
                    &path(),
                    IssueCode::UnknownField,
                    message,
                    vec![("object", found.name.clone()), ("field", name.to_string())],
                );
            }
            Some(known) if known.name != *name => {
                let message = format!("Salesforce spells this field {}", quote(&known.name));
                out.warn(
                    &path(),
                    IssueCode::FieldNameCase,
                    message,
                    vec![("canonical", known.name.clone())],
                );
            }
            Some(_) => {}
        }
    }
    if mapping.config.access == Access::ReadWrite {
        let missing: Vec<&str> = found
            .fields
            .iter()
            .filter(|f| {
                f.required
                    && mapped
                        .binary_search_by(|m| cmp_ignore_case(m, &f.name))
                        .is_err()
            })
            .map(|f| f.name.as_str())
            .collect();
        if !missing.is_empty() {
            let message = format!(
                "a read_write mapping should include the fields required to create {} records: {}",
                quote(&found.name),
                missing.join(", ")
            );
            out.warn(
                &fields_at,
                IssueCode::MissingRequiredField,
                message,
                vec![
                    ("fields", missing.join(", ")),
                    ("object", found.name.clone()),
                ],
            );
        }
    }
}
