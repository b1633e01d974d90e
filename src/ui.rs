//! The Yew user interface (wasm32 only). Components get data and callbacks; the decisions they show are
//! made by natively tested code in `flow`, and the calls by `driver`.

pub mod components;
#[cfg(feature = "tab")]
pub mod import;
pub mod monitor;
pub mod pages;
pub mod steps;
pub mod store;
