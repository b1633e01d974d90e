//! Arbitrary bytes through the configuration parser, validator, normaliser and diff. The body lives in
//! `connect_pilot::config::fuzz` so that stable Rust runs it too (tests/config_fuzz_smoke.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    connect_pilot::config::fuzz::exercise(data);
});
