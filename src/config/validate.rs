//! The content rules of contract §5.4, checked before upload: errors block the import, warnings inform.
//!
//! Every problem is reported at once, each with the JSON path it concerns, in document order. Without a
//! schema the checks are structural (names, required fields, indexes, limits); with an [`OrgSchema`]
//! they also cover objects and fields the org lacks. Nothing here talks to Salesforce or Heroku.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::Value;

use super::issue::{Issue, IssueCode, Plan, Severity};
use super::names::{check_api_name, cmp_ignore_case};
use super::order;
use super::parse::push_key;
use super::schema::{OrgSchema, SchemaLookup};
// Names in messages: JSON-quoted so odd characters stay visible, and cut when long.
use super::shown::{cut, quoted as quote};

mod org;
use super::{Access, FieldOptions, Mapping, MappingConfig, SYSTEM_FIELDS};

/// Checks a parsed document against contract §5.4 for `plan`, and against the org's schema when one is
/// given (objects it does not know are skipped; see [`SchemaLookup::NotFetched`]).
///
/// ```
/// use connect_pilot_config::{validate, has_errors, MappingConfig, Plan, IssueCode};
///
/// let config = MappingConfig::parse(br#"{"version": 1, "mappings": [
///     {"object_name": "Case", "config": {"sf_polling_seconds": 300}}]}"#).unwrap();
/// let issues = validate(&config, Plan::Demo, None);
/// assert!(has_errors(&issues));
/// assert_eq!(issues[0].code, IssueCode::PollingBelowMinimum);
/// assert_eq!(issues[0].to_string(),
///     "mappings[0].config.sf_polling_seconds: 300 is below the demo plan's minimum of 600 seconds");
/// ```
pub fn validate(config: &MappingConfig, plan: Plan, schema: Option<&OrgSchema>) -> Vec<Issue> {
    let mut out = Sink::default();
    match config.version {
        None => out.error(
            "version",
            IssueCode::VersionMissing,
            "the document has no version; expected 1".into(),
            vec![],
        ),
        Some(1) => {}
        Some(v) => out.error(
            "version",
            IssueCode::VersionUnsupported,
            format!("version {v} is not supported; expected 1"),
            vec![("version", v.to_string())],
        ),
    }
    out.unknown_keys(String::new, &config.extra);
    if config.mappings.is_empty() {
        let message = "the document has no mappings, so importing it changes nothing".to_owned();
        out.warn("mappings", IssueCode::NoMappings, message, vec![]);
    }
    let first_of = first_of_each_object(config);
    for (i, mapping) in config.mappings.iter().enumerate() {
        let at = At(i);
        if let Some(first) = first_of[i] {
            let message = format!(
                "\"{}\" is already mapped by mappings[{first}] (\"{}\"); each object may appear once",
                cut(&mapping.object_name),
                cut(&config.mappings[first].object_name)
            );
            out.error(
                &at.key("object_name"),
                IssueCode::DuplicateObject,
                message,
                vec![
                    ("object", mapping.object_name.clone()),
                    ("first", first.to_string()),
                    ("first_object", config.mappings[first].object_name.clone()),
                ],
            );
        }
        check_mapping(&mut out, at, mapping, plan, schema);
    }
    out.issues
}

/// For each mapping, the index of an earlier mapping of the same object, if any.
fn first_of_each_object(config: &MappingConfig) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..config.mappings.len()).collect();
    let name = |i: usize| config.mappings[i].object_name.as_str();
    // Stable sort: within a group of equal names, document order remains, so the first is the original.
    order::sort_by(&mut order, |&a, &b| cmp_ignore_case(name(a), name(b)));
    let mut first_of = vec![None; config.mappings.len()];
    for pair in order.windows(2) {
        if cmp_ignore_case(name(pair[0]), name(pair[1])) == Ordering::Equal {
            first_of[pair[1]] = Some(first_of[pair[0]].unwrap_or(pair[0]));
        }
    }
    first_of
}

/// Where a mapping sits in the document. Its issue paths are built only when there is something to
/// report: the checks run for every field of every mapping, and most documents have nothing to say.
#[derive(Clone, Copy)]
struct At(usize);

impl At {
    /// `mappings[i]`.
    fn mapping(self) -> String {
        format!("mappings[{}]", self.0)
    }
    /// `mappings[i].<path>`.
    fn key(self, path: &str) -> String {
        format!("mappings[{}].{path}", self.0)
    }
}

fn check_mapping(
    out: &mut Sink,
    at: At,
    mapping: &Mapping,
    plan: Plan,
    schema: Option<&OrgSchema>,
) {
    let object = mapping.object_name.as_str();
    if let Err(problem) = check_api_name(object) {
        let message = format!(
            "{} is not a valid API name: {}",
            quote(object),
            problem.reason()
        );
        out.error(
            &at.key("object_name"),
            IssueCode::InvalidObjectName,
            message,
            vec![("object", object.into())],
        );
    }
    out.unknown_keys(|| at.mapping(), &mapping.extra);
    let cfg = &mapping.config;
    let fields_at = || at.key("config.fields");
    let indexes_at = || at.key("config.indexes");

    let fields: Vec<(&str, &FieldOptions)> = cfg
        .fields
        .iter()
        .map(|(name, options)| (name.as_str(), options))
        .collect();
    // Names sorted without regard to case: duplicates become neighbours and lookups bisect. The keys
    // come in byte order, which is usually the folded order too, so one look at each neighbouring pair
    // both confirms the order and finds the duplicates; only out of order are they sorted again.
    let mut mapped: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
    let mut reported_duplicates: Vec<&str> = Vec::new();
    let mut in_order = true;
    for pair in mapped.windows(2) {
        match cmp_ignore_case(pair[0], pair[1]) {
            Ordering::Less => {}
            Ordering::Equal => reported_duplicates.push(pair[1]),
            Ordering::Greater => {
                in_order = false;
                break;
            }
        }
    }
    if !in_order {
        order::sort_by(&mut mapped, |a, b| cmp_ignore_case(a, b));
        reported_duplicates = mapped
            .windows(2)
            .filter(|pair| cmp_ignore_case(pair[0], pair[1]) == Ordering::Equal)
            .map(|pair| pair[1])
            .collect();
    }
    let is_mapped = |name: &str| {
        mapped
            .binary_search_by(|m| cmp_ignore_case(m, name))
            .is_ok()
    };
    for &(name, options) in &fields {
        let path = || child(&fields_at(), name);
        if let Err(problem) = check_api_name(name) {
            let message = format!(
                "{} is not a valid API name: {}",
                quote(name),
                problem.reason()
            );
            out.error(
                &path(),
                IssueCode::InvalidFieldName,
                message,
                vec![("field", name.to_owned())],
            );
        }
        if reported_duplicates.contains(&name) {
            let message = format!(
                "{} is mapped twice; field names are compared without regard to case",
                quote(name)
            );
            out.error(
                &path(),
                IssueCode::DuplicateField,
                message,
                vec![("field", name.to_owned())],
            );
        }
        if !options.extra.is_empty() {
            out.unknown_keys(path, &options.extra);
        }
    }
    for system in SYSTEM_FIELDS {
        if !is_mapped(system) {
            let message = format!("\"{system}\" must be mapped");
            out.error(
                &fields_at(),
                IssueCode::MissingSystemField,
                message,
                vec![("field", system.into())],
            );
        }
    }
    for (field, options) in &cfg.indexes {
        let path = || child(&indexes_at(), field);
        if !is_mapped(field) {
            let message = format!("index on {}, which is not in \"fields\"", quote(field));
            out.error(
                &path(),
                IssueCode::IndexUnmapped,
                message,
                vec![("field", field.clone())],
            );
        }
        out.unknown_keys(path, &options.extra);
    }
    let found_schema = match schema.map(|s| s.lookup(object)) {
        Some(SchemaLookup::Found(found)) => Some(found),
        _ => None,
    };
    let upsert_at = || at.key("config.upsert_field");
    match &cfg.upsert_field {
        Some(upsert) if !is_mapped(upsert) => {
            let message = format!("{} is not in \"fields\"", quote(upsert));
            out.error(
                &upsert_at(),
                IssueCode::UpsertUnmapped,
                message,
                vec![("field", upsert.clone())],
            );
        }
        Some(upsert) => {
            if !cfg
                .indexes
                .iter()
                .any(|(field, options)| options.unique && field.eq_ignore_ascii_case(upsert))
            {
                let message = format!("{} needs a unique index in \"indexes\"", quote(upsert));
                out.error(
                    &upsert_at(),
                    IssueCode::UpsertNotUnique,
                    message,
                    vec![("field", upsert.clone())],
                );
            }
            if let Some(field) = found_schema.and_then(|s| s.field(upsert)) {
                if !field.external_id {
                    let message = format!(
                        "{} is not an external id field in Salesforce",
                        quote(upsert)
                    );
                    out.error(
                        &upsert_at(),
                        IssueCode::UpsertNotExternalId,
                        message,
                        vec![("field", upsert.clone())],
                    );
                }
            }
        }
        None if cfg.access == Access::ReadWrite => {
            let message =
                "a read_write mapping should name an external id field in \"upsert_field\""
                    .to_owned();
            out.warn(
                &at.key("config.access"),
                IssueCode::ReadWriteWithoutUpsert,
                message,
                vec![],
            );
        }
        None => {}
    }
    if cfg.sf_polling_seconds < plan.min_polling_seconds() {
        let message = format!(
            "{} is below the {} plan's minimum of {} seconds",
            cfg.sf_polling_seconds,
            plan.name(),
            plan.min_polling_seconds()
        );
        out.error(
            &at.key("config.sf_polling_seconds"),
            IssueCode::PollingBelowMinimum,
            message,
            vec![
                ("seconds", cfg.sf_polling_seconds.to_string()),
                ("plan", plan.name().into()),
                ("minimum", plan.min_polling_seconds().to_string()),
            ],
        );
    }
    if cfg.sf_max_daily_api_calls <= 0 {
        let message = format!(
            "must be greater than 0, found {}",
            cfg.sf_max_daily_api_calls
        );
        out.error(
            &at.key("config.sf_max_daily_api_calls"),
            IssueCode::MaxDailyApiCallsNotPositive,
            message,
            vec![("value", cfg.sf_max_daily_api_calls.to_string())],
        );
    }
    out.unknown_keys(|| at.key("config"), &cfg.extra);
    if let Some(schema) = schema {
        org::check_against_schema(out, &at.key("config"), mapping, schema, &mapped);
    }
}

fn child(parent: &str, key: &str) -> String {
    let mut path = parent.to_owned();
    push_key(&mut path, key);
    path
}

#[derive(Default)]
struct Sink {
    issues: Vec<Issue>,
}

impl Sink {
    fn push(
        &mut self,
        severity: Severity,
        path: &str,
        code: IssueCode,
        message: String,
        params: Vec<(&'static str, String)>,
    ) {
        self.issues.push(Issue {
            severity,
            path: path.to_owned(),
            code,
            message,
            params,
        });
    }
    fn error(
        &mut self,
        path: &str,
        code: IssueCode,
        message: String,
        params: Vec<(&'static str, String)>,
    ) {
        self.push(Severity::Error, path, code, message, params);
    }
    fn warn(
        &mut self,
        path: &str,
        code: IssueCode,
        message: String,
        params: Vec<(&'static str, String)>,
    ) {
        self.push(Severity::Warning, path, code, message, params);
    }
    /// Warns about each unknown key; `at` builds the parent path only when there is one.
    fn unknown_keys(&mut self, at: impl FnOnce() -> String, extra: &BTreeMap<String, Value>) {
        if extra.is_empty() {
            return;
        }
        let at = at();
        for key in extra.keys() {
            let message = format!("unknown key {}; Heroku Connect may ignore it", quote(key));
            self.warn(
                &child(&at, key),
                IssueCode::UnknownKey,
                message,
                vec![("key", key.clone())],
            );
        }
    }
}
