//! Diagnostics (contract §4.4.2) and the Salesforce API version change (§4.4.4): how to follow a
//! validation job, how to lay out its result, and what a schema diff means for the user.
//!
//! The checks are grouped by the array that holds them, never by their `status` string (the
//! contract says so). A running job is a [`Diagnosis`] in the setup state: the driver makes each
//! call and the store's poll timer spaces the reads, so nothing here waits or calls.

use serde::{Deserialize, Serialize};

use crate::api::model::{
    normalise_api_version, Check, CheckGroups, SchemaDiff, ValidationJob, ValidationPoll,
    ValidationResult,
};
use crate::api::ApiError;

/// Wait between two reads of `result_url`, as the official plugin does.
pub const POLL_EVERY_MS: u64 = 500;
/// Reads before giving up: about five minutes at [`POLL_EVERY_MS`].
pub const MAX_POLLS: u32 = 600;

/// The four kinds of check, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// `errors`.
    Error,
    /// `warnings`.
    Warning,
    /// `passes`.
    Pass,
    /// `skips`.
    Skip,
}

impl CheckKind {
    /// All kinds in display order.
    pub const ALL: [CheckKind; 4] = [
        CheckKind::Error,
        CheckKind::Warning,
        CheckKind::Pass,
        CheckKind::Skip,
    ];

    /// i18n key of the kind's heading.
    pub fn key(self) -> &'static str {
        match self {
            CheckKind::Error => "monitor_diag_errors",
            CheckKind::Warning => "monitor_diag_warnings",
            CheckKind::Pass => "monitor_diag_passes",
            CheckKind::Skip => "monitor_diag_skips",
        }
    }

    /// A symbol shown beside the text, so the kind never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            CheckKind::Error => "✕",
            CheckKind::Warning => "!",
            CheckKind::Pass => "✓",
            CheckKind::Skip => "–",
        }
    }

    fn of(self, g: &CheckGroups) -> &[Check] {
        match self {
            CheckKind::Error => &g.errors,
            CheckKind::Warning => &g.warnings,
            CheckKind::Pass => &g.passes,
            CheckKind::Skip => &g.skips,
        }
    }
}

/// One block of the report: the connection (`object_name: None`) or one mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The mapping's object, or `None` for the connection's own checks.
    pub object_name: Option<String>,
    /// The checks, grouped by kind in [`CheckKind::ALL`] order; empty kinds are left out.
    pub groups: Vec<(CheckKind, Vec<Check>)>,
}

/// The result laid out for display: the connection first, then each mapping by name.
pub fn report(result: &ValidationResult) -> Vec<Section> {
    let section = |object_name: Option<String>, g: &CheckGroups| Section {
        object_name,
        groups: CheckKind::ALL
            .into_iter()
            .map(|k| (k, k.of(g).to_vec()))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    };
    let mut out = vec![section(None, &result.checks)];
    out.extend(
        result
            .mappings
            .iter()
            .map(|(name, g)| section(Some(name.clone()), g)),
    );
    out
}

/// How many checks of each kind, over the connection and every mapping.
pub fn totals(result: &ValidationResult) -> [(CheckKind, usize); 4] {
    CheckKind::ALL.map(|k| {
        let n = k.of(&result.checks).len()
            + result
                .mappings
                .values()
                .map(|g| k.of(g).len())
                .sum::<usize>();
        (k, n)
    })
}

/// A documentation link the UI may open: only https links to Heroku's documentation.
pub fn safe_doc_url(check: &Check) -> Option<&str> {
    check
        .doc_url
        .as_deref()
        .filter(|u| u.starts_with("https://devcenter.heroku.com/"))
}

/// A diagnosis of the chosen connection, kept with the setup state so a reopened page shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Diagnosis {
    /// Not asked for.
    #[default]
    Idle,
    /// The job is starting (no `result_url` yet), or followed at `result_url`.
    Running {
        /// Where the job's result will be.
        result_url: Option<String>,
        /// Reads of `result_url` so far.
        polls: u32,
    },
    /// The job finished.
    Done(ValidationResult),
    /// A call failed, or the job did not finish within [`MAX_POLLS`] reads (`None`).
    Failed(Option<ApiError>),
    /// The page closed before the job's start answered, so there is no job to follow. A diagnosis
    /// changes nothing: running it again is always safe.
    Lost,
}

impl Diagnosis {
    /// Whether a job is under way.
    pub fn running(&self) -> bool {
        matches!(self, Diagnosis::Running { .. })
    }

    /// The job's start answered (an answer nobody waits for any more changes nothing).
    pub fn started(&mut self, answer: Result<ValidationJob, ApiError>) {
        if !matches!(
            self,
            Diagnosis::Running {
                result_url: None,
                ..
            }
        ) {
            return;
        }
        *self = match answer {
            Ok(job) => Diagnosis::Running {
                result_url: Some(job.result_url),
                polls: 0,
            },
            Err(e) => Diagnosis::Failed(Some(e)),
        };
    }

    /// One read of `result_url` answered.
    pub fn polled(&mut self, answer: Result<ValidationPoll, ApiError>) {
        let Diagnosis::Running { polls, .. } = self else {
            return;
        };
        *polls += 1;
        match answer {
            Ok(ValidationPoll::Done(r)) => *self = Diagnosis::Done(r),
            Ok(ValidationPoll::Pending) if *polls >= MAX_POLLS => *self = Diagnosis::Failed(None),
            Ok(ValidationPoll::Pending) => {}
            Err(e) => *self = Diagnosis::Failed(Some(e)),
        }
    }

    /// A page opened on this diagnosis: a start whose answer was lost leaves no job to follow, and
    /// the page says so rather than forgetting it was asked for.
    pub fn resumed(&mut self) {
        if matches!(
            self,
            Diagnosis::Running {
                result_url: None,
                ..
            }
        ) {
            *self = Diagnosis::Lost;
        }
    }

    /// The URL to read next, while a job is followed.
    pub fn result_url(&self) -> Option<&str> {
        match self {
            Diagnosis::Running { result_url, .. } => result_url.as_deref(),
            _ => None,
        }
    }
}

/// The Salesforce API versions the UI offers (the emulator's org spans these; Heroku accepts
/// `NN.0`). A typed version outside the list is still sent, normalised.
pub fn offered_versions() -> Vec<String> {
    (50..=64).rev().map(|v| format!("{v}.0")).collect()
}

/// A typed target as the API wants it (`61` → `61.0`), or `None` when it is not a version.
pub fn target_version(input: &str) -> Option<String> {
    let v = normalise_api_version(input);
    let (major, minor) = v.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(major) && digits(minor)).then_some(v)
}

/// What a schema diff means for one mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffVerdict {
    /// No field changes.
    Unchanged,
    /// Changes the version switch handles by itself.
    Safe,
    /// Changes that need an edit first; the switch is refused.
    Unsafe,
    /// Heroku could not tell.
    Undetermined,
}

impl DiffVerdict {
    /// i18n key of the verdict.
    pub fn key(self) -> &'static str {
        match self {
            DiffVerdict::Unchanged => "monitor_diff_unchanged",
            DiffVerdict::Safe => "monitor_diff_safe",
            DiffVerdict::Unsafe => "monitor_diff_unsafe",
            DiffVerdict::Undetermined => "monitor_diff_undetermined",
        }
    }
}

/// Each mapping of the diff with its verdict.
pub fn verdicts(diff: &SchemaDiff) -> Vec<(String, DiffVerdict, Option<String>)> {
    diff.mappings
        .iter()
        .map(|m| {
            let v = if m.has_unsafe_changes == Some(true) {
                DiffVerdict::Unsafe
            } else if m.action_undetermined == Some(true) {
                DiffVerdict::Undetermined
            } else if m.fields_have_changed == Some(true) {
                DiffVerdict::Safe
            } else {
                DiffVerdict::Unchanged
            };
            (m.name.clone(), v, m.result_message.clone())
        })
        .collect()
}

/// Whether the preview allows the switch: no mapping with unsafe changes.
pub fn switch_allowed(diff: &SchemaDiff) -> bool {
    !verdicts(diff)
        .iter()
        .any(|(_, v, _)| *v == DiffVerdict::Unsafe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::MappingDiff;

    fn check(id: &str) -> Check {
        Check {
            rule_id: Some(id.into()),
            doc_url: Some(format!(
                "https://devcenter.heroku.com/articles/heroku-connect-diagnose#{id}"
            )),
            ..Check::default()
        }
    }

    #[test]
    fn report_groups_by_array() {
        let mut r = ValidationResult::default();
        r.checks.errors.push(check("MUST_USE_RECENT_API_VERSION"));
        r.checks.passes.push(check("DATABASE_PLAN"));
        r.mappings.insert(
            "Contact".into(),
            CheckGroups {
                skips: vec![check("BINARY_FIELDS")],
                warnings: vec![check("NUMBER_OF_FIELDS")],
                ..CheckGroups::default()
            },
        );
        let sections = report(&r);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].object_name, None);
        let kinds: Vec<CheckKind> = sections[0].groups.iter().map(|g| g.0).collect();
        assert_eq!(kinds, vec![CheckKind::Error, CheckKind::Pass]);
        let kinds: Vec<CheckKind> = sections[1].groups.iter().map(|g| g.0).collect();
        assert_eq!(kinds, vec![CheckKind::Warning, CheckKind::Skip]);
        assert_eq!(
            totals(&r).map(|t| t.1),
            [1, 1, 1, 1],
            "one check of each kind"
        );
        assert!(safe_doc_url(&r.checks.errors[0]).is_some());
        let evil = Check {
            doc_url: Some("javascript:alert(1)".into()),
            ..Check::default()
        };
        assert_eq!(safe_doc_url(&evil), None);
    }

    #[test]
    fn a_diagnosis_follows_its_job_and_gives_up_after_five_minutes() {
        let job = ValidationJob {
            result_url: "https://x/validations/1".into(),
        };
        let mut d = Diagnosis::Running {
            result_url: None,
            polls: 0,
        };
        let mut idle = Diagnosis::Idle;
        idle.started(Ok(job.clone()));
        assert_eq!(idle, Diagnosis::Idle, "a late start answer is dropped");
        let mut lost = d.clone();
        lost.resumed();
        assert_eq!(
            lost,
            Diagnosis::Lost,
            "no job to follow, and the page says so"
        );
        d.started(Ok(job));
        assert_eq!(d.result_url(), Some("https://x/validations/1"));
        let mut kept = d.clone();
        kept.resumed();
        assert_eq!(kept, d, "a job with its URL is followed on");
        d.polled(Ok(ValidationPoll::Pending));
        assert!(d.running());
        let done = ValidationResult::default();
        d.polled(Ok(ValidationPoll::Done(done.clone())));
        assert_eq!(d, Diagnosis::Done(done.clone()));
        d.polled(Ok(ValidationPoll::Pending));
        assert_eq!(d, Diagnosis::Done(done), "a late answer changes nothing");

        let mut slow = Diagnosis::Running {
            result_url: Some("u".into()),
            polls: MAX_POLLS - 1,
        };
        slow.polled(Ok(ValidationPoll::Pending));
        assert_eq!(slow, Diagnosis::Failed(None));
        // Five minutes of reads at most.
        assert_eq!(u64::from(MAX_POLLS) * POLL_EVERY_MS, 300_000);
    }

    #[test]
    fn versions_and_verdicts() {
        assert_eq!(target_version("61"), Some("61.0".into()));
        assert_eq!(target_version(" 62.0 "), Some("62.0".into()));
        assert_eq!(target_version("latest"), None);
        assert_eq!(target_version(""), None);
        assert_eq!(offered_versions().first().map(String::as_str), Some("64.0"));
        let md = |name: &str, changed: bool, unsafe_: bool| MappingDiff {
            name: name.into(),
            fields_have_changed: Some(changed),
            has_unsafe_changes: Some(unsafe_),
            action_undetermined: Some(false),
            result_message: None,
        };
        let mut diff = SchemaDiff {
            mappings: vec![md("Contact", true, false), md("Case", false, false)],
            ..SchemaDiff::default()
        };
        let v: Vec<DiffVerdict> = verdicts(&diff).into_iter().map(|x| x.1).collect();
        assert_eq!(v, vec![DiffVerdict::Safe, DiffVerdict::Unchanged]);
        assert!(switch_allowed(&diff));
        diff.mappings.push(md("Lead", true, true));
        assert!(!switch_allowed(&diff));
    }
}
