//! `cargo xtask fuzz [--time SECONDS] [--target NAME] [--smoke]`: fuzzes the configuration parser.
//!
//! With a nightly toolchain it installs cargo-fuzz if missing, seeds `fuzz/corpus/<target>` with the
//! configuration fixtures, and runs the cargo-fuzz target for the given time (default 60 s). Without
//! nightly, or with `--smoke`, it runs the same fuzz body on stable as ordinary tests
//! (`tests/config_fuzz_smoke.rs`, `tests/config_props.rs`), which also replay whatever cargo-fuzz saved.
//! A crash leaves its input in `fuzz/artifacts/<target>/`; the stable smoke test then replays it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const DEFAULT_SECONDS: u64 = 60;
const DEFAULT_TARGET: &str = "parse";

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    seconds: u64,
    target: String,
    smoke_only: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        seconds: DEFAULT_SECONDS,
        target: DEFAULT_TARGET.to_owned(),
        smoke_only: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--time" | "-t" => {
                let value = args.next().ok_or("--time needs a number of seconds")?;
                options.seconds = value
                    .parse()
                    .map_err(|_| format!("--time: not a number of seconds: {value}"))?;
            }
            "--target" => options.target = args.next().ok_or("--target needs a name")?.clone(),
            "--smoke" => options.smoke_only = true,
            other => {
                return Err(format!(
                    "unknown fuzz argument `{other}`; use --time SECONDS, --target NAME, --smoke"
                ))
            }
        }
    }
    if options.seconds == 0 {
        return Err("--time must be at least 1 second".to_owned());
    }
    Ok(options)
}

/// Runs the fuzz task with the arguments after `fuzz`.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let root = root();
    if options.smoke_only {
        return smoke(&root);
    }
    if !ensure_nightly() {
        eprintln!("fuzz: no nightly toolchain and none could be installed; running the stable smoke test instead");
        return smoke(&root);
    }
    ensure_cargo_fuzz()?;
    let corpus = seed_corpus(&root, &options.target)?;
    println!(
        "fuzz: running `{}` for {} s (corpus {})",
        options.target,
        options.seconds,
        corpus.display()
    );
    let status = Command::new("cargo")
        .current_dir(&root)
        .env_remove("RUSTUP_TOOLCHAIN")
        // The parser is safe Rust, so AddressSanitizer finds nothing extra; without it libFuzzer runs faster.
        .args([
            "+nightly",
            "fuzz",
            "run",
            "--sanitizer",
            "none",
            &options.target,
        ])
        .arg(&corpus)
        .arg("--")
        .arg(format!("-max_total_time={}", options.seconds))
        .arg("-max_len=65536")
        .arg("-timeout=10")
        .status()
        .map_err(|e| format!("could not start cargo fuzz: {e}"))?;
    if status.success() {
        println!("fuzz: no crash in {} s", options.seconds);
        Ok(())
    } else {
        let artifacts = root.join("fuzz/artifacts").join(&options.target);
        Err(format!(
            "cargo fuzz failed ({status}); crashing inputs, if any, are in {}",
            artifacts.display()
        ))
    }
}

/// The workspace root: xtask lives one level below it.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Whether `cargo +nightly` works, installing a minimal nightly first if rustup lacks one.
fn ensure_nightly() -> bool {
    let listed = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|line| line.starts_with("nightly"))
        })
        .unwrap_or(false);
    if listed {
        return true;
    }
    eprintln!("fuzz: installing the nightly toolchain (cargo-fuzz needs it)");
    Command::new("rustup")
        .args(["toolchain", "install", "nightly", "--profile", "minimal"])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Installs cargo-fuzz unless `cargo fuzz` already answers.
fn ensure_cargo_fuzz() -> Result<(), String> {
    let present = Command::new("cargo")
        .env_remove("RUSTUP_TOOLCHAIN")
        .args(["+nightly", "fuzz", "--version"])
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false);
    if present {
        return Ok(());
    }
    println!("fuzz: installing cargo-fuzz");
    let status = Command::new("cargo")
        .args(["install", "cargo-fuzz", "--locked"])
        .status()
        .map_err(|e| format!("could not start cargo install: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo install cargo-fuzz failed ({status})"))
    }
}

/// Copies the configuration fixtures into the target's corpus once, so libFuzzer starts from real
/// documents instead of rediscovering JSON. Files it already holds are left alone.
fn seed_corpus(root: &Path, target: &str) -> Result<PathBuf, String> {
    let corpus = root.join("fuzz/corpus").join(target);
    fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    for kind in ["good", "bad"] {
        let dir = root.join("tests/fixtures/config").join(kind);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let from = entry.path();
            let Some(name) = from.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let to = corpus.join(format!("seed-{kind}-{name}"));
            if from.is_file() && !to.exists() {
                fs::copy(&from, &to).map_err(|e| format!("{}: {e}", to.display()))?;
            }
        }
    }
    Ok(corpus)
}

/// The fuzz body on stable: the smoke test (corpus, mutations, saved cargo-fuzz inputs) and the
/// property tests.
fn smoke(root: &Path) -> Result<(), String> {
    let status = Command::new("cargo")
        .current_dir(root)
        .args([
            "test",
            "-p",
            "connect-pilot",
            "--test",
            "config_fuzz_smoke",
            "--test",
            "config_props",
        ])
        .status()
        .map_err(|e| format!("could not start cargo test: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the stable fuzz smoke test failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_to_sixty_seconds_of_the_parse_target() {
        let options = parse_args(&[]).unwrap();
        assert_eq!(
            options,
            Options {
                seconds: 60,
                target: "parse".into(),
                smoke_only: false
            }
        );
    }

    #[test]
    fn reads_time_target_and_smoke() {
        let options =
            parse_args(&strings(&["--time", "300", "--target", "parse", "--smoke"])).unwrap();
        assert_eq!(
            options,
            Options {
                seconds: 300,
                target: "parse".into(),
                smoke_only: true
            }
        );
    }

    #[test]
    fn refuses_bad_arguments() {
        assert!(parse_args(&strings(&["--time"])).is_err());
        assert!(parse_args(&strings(&["--time", "soon"])).is_err());
        assert!(parse_args(&strings(&["--time", "0"])).is_err());
        assert!(parse_args(&strings(&["--frobnicate"])).is_err());
    }
}
