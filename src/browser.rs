//! Browser bindings (wasm32 only): extension APIs, fetch, files.
