//! wasm-opt with a cache: it takes about 45 s, and `build`, `test`, `demo` and `bench` all build, so it
//! reruns only when what it would produce can differ. A stamp file next to the optimised output records
//! the input wasm's hash, the flags and the wasm-opt version of the run that wrote that output.

use crate::settings::BuildSettings;
use crate::util::{capture, read, root, run, write, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What decides wasm-opt's output: the input bytes, the flags and the tool's version.
pub fn stamp(input: &[u8], flags: &[String], version: &str) -> String {
    format!(
        "input-fnv1a64: {:016x}\ninput-bytes: {}\nflags: {}\nwasm-opt: {}\n",
        fnv1a64(input),
        input.len(),
        flags.join(" "),
        version.trim()
    )
}

/// Whether wasm-opt must run: there is no output yet, or the last run had other inputs.
pub fn must_run(wanted: &str, recorded: Option<&str>, output_exists: bool) -> bool {
    !output_exists || recorded != Some(wanted)
}

/// FNV-1a: stable across Rust releases and platforms (std's `DefaultHasher` promises neither), and
/// good enough to tell two builds of a wasm module apart; the size is in the stamp as well.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn stamp_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".stamp");
    output.with_file_name(name)
}

/// Optimises `wasm` in place with the pinned npm wasm-opt and the flags of `wasm-pack.toml`, through
/// the cache at `cache` (the optimised module; its stamp lies next to it). The bench's floor reference
/// goes through it too, so both builds compare.
pub fn optimise(settings: &BuildSettings, wasm: &Path, cache: &Path) -> Result<()> {
    let tool = root().join("node_modules/.bin/wasm-opt");
    if !tool.exists() {
        return Err("node_modules/.bin/wasm-opt is missing; run `cargo xtask setup`".into());
    }
    let input = std::fs::read(wasm).map_err(|e| format!("read {}: {e}", wasm.display()))?;
    let version = capture(Command::new(&tool).arg("--version"))
        .ok_or("`wasm-opt --version` failed; run `cargo xtask setup`")?;
    let wanted = stamp(&input, &settings.wasm_opt.flags, &version);
    let stamp_file = stamp_path(cache);
    let recorded = read(&stamp_file).ok();
    if must_run(&wanted, recorded.as_deref(), cache.exists()) {
        if let Some(dir) = cache.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        }
        // The stamp goes first so that an interrupted run leaves no stamp matching a stale output.
        let _ = std::fs::remove_file(&stamp_file);
        run(Command::new(tool)
            .args(&settings.wasm_opt.flags)
            .arg(wasm)
            .arg("-o")
            .arg(cache))?;
        write(&stamp_file, &wanted)?;
    } else {
        eprintln!("  wasm-opt: input unchanged, skipped");
    }
    std::fs::copy(cache, wasm)
        .map(drop)
        .map_err(|e| format!("copy {} to {}: {e}", cache.display(), wasm.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> Vec<String> {
        vec!["-Oz".into(), "--enable-bulk-memory".into()]
    }

    #[test]
    fn the_same_input_flags_and_version_skip_the_run() {
        let wanted = stamp(b"\0asm module", &flags(), "wasm-opt version 132\n");
        let recorded = stamp(b"\0asm module", &flags(), "wasm-opt version 132");
        assert!(!must_run(&wanted, Some(&recorded), true));
    }

    #[test]
    fn a_changed_input_reruns() {
        let recorded = stamp(b"\0asm module", &flags(), "132");
        let wanted = stamp(b"\0asm modulf", &flags(), "132");
        assert!(must_run(&wanted, Some(&recorded), true));
        // Same hash space, different length: the size alone tells them apart too.
        let longer = stamp(b"\0asm module\0", &flags(), "132");
        assert!(must_run(&longer, Some(&recorded), true));
    }

    #[test]
    fn changed_flags_or_version_rerun() {
        let recorded = stamp(b"m", &flags(), "132");
        let other_flags = stamp(b"m", &["-O3".to_string()], "132");
        assert!(must_run(&other_flags, Some(&recorded), true));
        assert!(must_run(
            &stamp(b"m", &flags(), "133"),
            Some(&recorded),
            true
        ));
    }

    #[test]
    fn a_missing_output_or_stamp_reruns() {
        let wanted = stamp(b"m", &flags(), "132");
        assert!(must_run(&wanted, Some(&wanted), false));
        assert!(must_run(&wanted, None, true));
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn the_stamp_lies_next_to_the_output() {
        assert_eq!(
            stamp_path(Path::new("target/wasm-opt/x_bg.wasm")),
            Path::new("target/wasm-opt/x_bg.wasm.stamp")
        );
    }
}
