//! Connect Pilot: a browser extension that takes a Heroku user from a bare app to a running
//! Heroku Connect sync.
//!
//! The crate compiles twice. Natively it is a plain library whose deciding code (`api`, `config`,
//! `flow`) is covered by `cargo test`. For wasm32 it also holds the browser bindings and the Yew UI,
//! and exports one start function per extension page.

pub mod api;
pub mod config;
pub mod flow;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
