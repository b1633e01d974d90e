//! Prints `extension/constants.js` as the Rust says it should read (see `connect_pilot::shared`).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", connect_pilot::shared::constants_js());
}

// The extension's wasm build has no use for it.
#[cfg(target_arch = "wasm32")]
fn main() {}
