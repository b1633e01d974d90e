//! One component per file.

pub mod copy_commands;
pub mod error_banner;
pub mod status_badge;
pub mod stepper;
pub mod token_form;
