//! The Yew user interface (wasm32 only).
