//! What an import would change: a structural comparison of a configuration file with the server's
//! current export, mapping by mapping.
//!
//! It compares structure only; it cannot tell whether a field exists in Salesforce (that is the
//! validator with a schema). Import merges and never deletes, so a mapping only on the server is shown
//! as [`MappingStatus::OnServerOnly`]: it stays as it is after the import. Both documents are compared
//! as [`normalise`](super::normalise()) would leave them: mapping order, key order, `connection`,
//! `revision` and `applied_at` make no difference, and any other difference shows up as a change.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::Value;

use super::names::{cmp_ignore_case, cmp_names};
use super::order;
use super::parse::push_key;
use super::{Access, IndexOptions, Mapping, MappingConfig, MappingSettings};

/// The result of [`diff`](super::diff()): document-level changes plus one entry per object, sorted by object name
/// without regard to case.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigDiff {
    /// `(server, file)` when `version` differs.
    pub version: Option<(Option<i64>, Option<i64>)>,
    /// Differences in unknown top-level keys.
    pub other: Vec<OtherChange>,
    /// Every mapping of either side, unchanged ones included.
    pub mappings: Vec<MappingDiff>,
}

impl ConfigDiff {
    /// Whether importing the file would change nothing: every mapping unchanged, none only on the
    /// server, and nothing else different. `diff(a, a)` is always empty.
    pub fn is_empty(&self) -> bool {
        self.version.is_none()
            && self.other.is_empty()
            && self
                .mappings
                .iter()
                .all(|m| m.status == MappingStatus::Unchanged)
    }

    /// The entries that are not [`MappingStatus::Unchanged`].
    pub fn changed(&self) -> impl Iterator<Item = &MappingDiff> {
        self.mappings
            .iter()
            .filter(|m| m.status != MappingStatus::Unchanged)
    }
}

/// One object's line in the diff.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingDiff {
    /// The object name as the file spells it (the server's spelling for [`MappingStatus::OnServerOnly`]).
    pub object_name: String,
    /// What the import does to it.
    pub status: MappingStatus,
}

/// What an import does to one mapping.
#[derive(Debug, Clone, PartialEq)]
pub enum MappingStatus {
    /// In the file only: the import creates it.
    Added,
    /// In both, different: the import replaces the server's config with the file's.
    Changed(Vec<Change>),
    /// In both, the same.
    Unchanged,
    /// On the server only: the import leaves it in place (import never deletes).
    OnServerOnly,
}

/// One difference inside a mapping, from the server's value to the file's.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The same object spelled differently.
    ObjectName { server: String, file: String },
    /// `access` differs.
    Access { server: Access, file: Access },
    /// `sf_notify_enabled` differs.
    SfNotifyEnabled { server: bool, file: bool },
    /// `sf_polling_seconds` differs.
    SfPollingSeconds { server: i64, file: i64 },
    /// `sf_max_daily_api_calls` differs.
    SfMaxDailyApiCalls { server: i64, file: i64 },
    /// Fields the file maps and the server does not, sorted.
    FieldsAdded(Vec<String>),
    /// Fields the server maps and the file does not, sorted.
    FieldsRemoved(Vec<String>),
    /// An index only in the file.
    IndexAdded { field: String, unique: bool },
    /// An index only on the server.
    IndexRemoved { field: String, unique: bool },
    /// An index whose `unique` flag differs.
    IndexChanged {
        field: String,
        server_unique: bool,
        file_unique: bool,
    },
    /// `upsert_field` differs.
    UpsertField {
        server: Option<String>,
        file: Option<String>,
    },
    /// Any other key differs: an unknown key, or options inside a field or index.
    Other(OtherChange),
}

/// A difference under a key this version does not model; `None` means the key is absent on that side.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherChange {
    /// Path relative to the mapping (or the document, for top-level keys), e.g. `config.batch_size`.
    pub path: String,
    /// The server's value.
    pub server: Option<Value>,
    /// The file's value.
    pub file: Option<Value>,
}

/// Compares the `file` a user dropped with the `server`'s current export.
///
/// Mappings are paired by object name without regard to case. Work is proportional to the size of the
/// two documents (plus sorting the object names), so large configurations stay fast.
///
/// ```
/// use connect_pilot_config::{diff, MappingConfig, MappingStatus, Change};
///
/// let server = MappingConfig::parse(br#"{"version": 1, "mappings": [
///     {"object_name": "Contact", "config": {}}, {"object_name": "Lead", "config": {}}]}"#).unwrap();
/// let file = MappingConfig::parse(br#"{"version": 1, "mappings": [
///     {"object_name": "Contact", "config": {"sf_polling_seconds": 1200}}]}"#).unwrap();
/// let d = diff(&file, &server);
/// assert_eq!(d.mappings[0].status, MappingStatus::Changed(vec![Change::SfPollingSeconds { server: 600, file: 1200 }]));
/// assert_eq!(d.mappings[1].status, MappingStatus::OnServerOnly);
/// assert!(diff(&file, &file).is_empty());
/// ```
pub fn diff(file: &MappingConfig, server: &MappingConfig) -> ConfigDiff {
    let version = (file.version != server.version).then_some((server.version, file.version));
    let mut other = Vec::new();
    compare_extra(&mut other, String::new, &server.extra, &file.extra);

    // Both sides in name order, then walked together: a mapping pairs with the server's of the same
    // folded name, and repeated names (an invalid document) pair in order.
    let (in_file, on_server) = (sorted(&file.mappings), sorted(&server.mappings));
    let mut mappings = Vec::with_capacity(file.mappings.len().max(server.mappings.len()));
    let entry = |mapping: &Mapping, status| MappingDiff {
        object_name: mapping.object_name.clone(),
        status,
    };
    let (mut f, mut s) = (0, 0);
    while f < in_file.len() || s < on_server.len() {
        let order = match (in_file.get(f), on_server.get(s)) {
            (Some(ours), Some(theirs)) => cmp_ignore_case(&ours.object_name, &theirs.object_name),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                mappings.push(entry(in_file[f], MappingStatus::Added));
                f += 1;
            }
            Ordering::Greater => {
                mappings.push(entry(on_server[s], MappingStatus::OnServerOnly));
                s += 1;
            }
            Ordering::Equal => {
                let changes = compare_mapping(on_server[s], in_file[f]);
                let status = if changes.is_empty() {
                    MappingStatus::Unchanged
                } else {
                    MappingStatus::Changed(changes)
                };
                mappings.push(entry(in_file[f], status));
                f += 1;
                s += 1;
            }
        }
    }
    // Within one folded name the walk can leave spellings out of order; a file's entry stays before
    // a server-only entry of the very same name.
    order::sort_by(&mut mappings, |a, b| {
        cmp_names(&a.object_name, &b.object_name)
    });
    ConfigDiff {
        version,
        other,
        mappings,
    }
}

/// The mappings in name order.
fn sorted(mappings: &[Mapping]) -> Vec<&Mapping> {
    let mut sorted: Vec<&Mapping> = mappings.iter().collect();
    order::sort_by(&mut sorted, |a, b| {
        cmp_names(&a.object_name, &b.object_name)
    });
    sorted
}

fn compare_mapping(server: &Mapping, file: &Mapping) -> Vec<Change> {
    let mut changes = Vec::new();
    if server.object_name != file.object_name {
        changes.push(Change::ObjectName {
            server: server.object_name.clone(),
            file: file.object_name.clone(),
        });
    }
    let (s, f): (&MappingSettings, &MappingSettings) = (&server.config, &file.config);
    if s.access != f.access {
        changes.push(Change::Access {
            server: s.access,
            file: f.access,
        });
    }
    if s.sf_notify_enabled != f.sf_notify_enabled {
        changes.push(Change::SfNotifyEnabled {
            server: s.sf_notify_enabled,
            file: f.sf_notify_enabled,
        });
    }
    if s.sf_polling_seconds != f.sf_polling_seconds {
        changes.push(Change::SfPollingSeconds {
            server: s.sf_polling_seconds,
            file: f.sf_polling_seconds,
        });
    }
    if s.sf_max_daily_api_calls != f.sf_max_daily_api_calls {
        changes.push(Change::SfMaxDailyApiCalls {
            server: s.sf_max_daily_api_calls,
            file: f.sf_max_daily_api_calls,
        });
    }
    let mut other = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    merge_join(&s.fields, &f.fields, |name, theirs, ours| {
        match (theirs, ours) {
            (None, Some(_)) => added.push(name.to_owned()),
            (Some(_), None) => removed.push(name.to_owned()),
            // Field options are `{}` on both sides almost always; look no further then.
            (Some(t), Some(o)) if t.extra.is_empty() && o.extra.is_empty() => {}
            (Some(t), Some(o)) => compare_extra(
                &mut other,
                || key_path("config.fields", name),
                &t.extra,
                &o.extra,
            ),
            (None, None) => {}
        }
    });
    if !added.is_empty() {
        changes.push(Change::FieldsAdded(added));
    }
    if !removed.is_empty() {
        changes.push(Change::FieldsRemoved(removed));
    }
    merge_join(
        &s.indexes,
        &f.indexes,
        |name, theirs: Option<&IndexOptions>, ours| match (theirs, ours) {
            (None, Some(o)) => changes.push(Change::IndexAdded {
                field: name.to_owned(),
                unique: o.unique,
            }),
            (Some(t), None) => changes.push(Change::IndexRemoved {
                field: name.to_owned(),
                unique: t.unique,
            }),
            (Some(t), Some(o)) => {
                if t.unique != o.unique {
                    changes.push(Change::IndexChanged {
                        field: name.to_owned(),
                        server_unique: t.unique,
                        file_unique: o.unique,
                    });
                }
                compare_extra(
                    &mut other,
                    || key_path("config.indexes", name),
                    &t.extra,
                    &o.extra,
                );
            }
            (None, None) => {}
        },
    );
    if s.upsert_field != f.upsert_field {
        changes.push(Change::UpsertField {
            server: s.upsert_field.clone(),
            file: f.upsert_field.clone(),
        });
    }
    compare_extra(&mut other, || "config".to_owned(), &s.extra, &f.extra);
    compare_extra(&mut other, String::new, &server.extra, &file.extra);
    changes.extend(other.into_iter().map(Change::Other));
    changes
}

/// Walks two sorted maps together, calling `visit` once per key of either.
fn merge_join<'a, K: Ord + AsRef<str> + 'a, T: 'a>(
    server: impl IntoIterator<Item = (&'a K, &'a T)>,
    file: impl IntoIterator<Item = (&'a K, &'a T)>,
    mut visit: impl FnMut(&'a str, Option<&'a T>, Option<&'a T>),
) {
    let (mut s, mut f) = (server.into_iter(), file.into_iter());
    let (mut theirs, mut ours) = (s.next(), f.next());
    loop {
        match (theirs, ours) {
            (None, None) => break,
            (Some((sk, sv)), Some((fk, fv))) => {
                // Equality first: it is the usual case, and cheaper to establish than an order.
                let order = if sk == fk {
                    Ordering::Equal
                } else {
                    sk.cmp(fk)
                };
                match order {
                    Ordering::Equal => {
                        visit(sk.as_ref(), Some(sv), Some(fv));
                        (theirs, ours) = (s.next(), f.next());
                    }
                    Ordering::Less => {
                        visit(sk.as_ref(), Some(sv), None);
                        theirs = s.next();
                    }
                    Ordering::Greater => {
                        visit(fk.as_ref(), None, Some(fv));
                        ours = f.next();
                    }
                }
            }
            (Some((sk, sv)), None) => {
                visit(sk.as_ref(), Some(sv), None);
                theirs = s.next();
            }
            (None, Some((fk, fv))) => {
                visit(fk.as_ref(), None, Some(fv));
                ours = f.next();
            }
        }
    }
}

/// Records differences between two maps of unknown keys. `at` builds the parent path only when there
/// is something to compare: this runs for every field of every mapping.
fn compare_extra(
    out: &mut Vec<OtherChange>,
    at: impl FnOnce() -> String,
    server: &BTreeMap<String, Value>,
    file: &BTreeMap<String, Value>,
) {
    if server.is_empty() && file.is_empty() {
        return;
    }
    let at = at();
    merge_join(server, file, |key, theirs, ours| {
        if theirs != ours {
            out.push(OtherChange {
                path: key_path(&at, key),
                server: theirs.cloned(),
                file: ours.cloned(),
            });
        }
    });
}

fn key_path(at: &str, key: &str) -> String {
    let mut path = at.to_owned();
    push_key(&mut path, key);
    path
}
