//! The Yew user interface (wasm32 only). Components get data and callbacks; the decisions they show are
//! made natively testable code in `flow`.

pub mod components;
pub mod pages;
