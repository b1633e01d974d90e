//! The status view after setup (step 8) and everything the official CLI plugin can do to a running
//! connection: actions, mappings, diagnostics, the API version and the request budget. One
//! component per file; the rules they show come from `flow::monitor`, `flow::mapping_edit` and
//! `flow::diagnose`, which are tested natively.

#[cfg(feature = "tab")]
pub mod api_version;
pub mod budget;
pub mod config_file;
pub mod connection_card;
pub mod controls;
#[cfg(feature = "tab")]
pub mod diagnose;
#[cfg(feature = "tab")]
pub mod mapping_details;
#[cfg(feature = "tab")]
pub mod mapping_form;
pub mod mappings_table;
#[cfg(feature = "tab")]
pub mod notifications;
pub mod operation;
pub mod store_ext;
#[cfg(feature = "tab")]
pub mod write_errors;

/// Inline style that hides text visually but keeps it for screen readers (the shared stylesheet
/// has no such class, and an inline style is allowed by the pages' CSP).
pub const VISUALLY_HIDDEN: &str =
    "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap";
