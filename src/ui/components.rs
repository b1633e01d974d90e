//! One component per file.

pub mod stepper;
pub mod token_form;
