//! The `parse` fuzz target's body (`config::fuzz::exercise`) run on stable Rust: over every corpus file,
//! over deterministic mutations of each, and over whatever cargo-fuzz has saved in `fuzz/corpus/parse`
//! and `fuzz/artifacts/parse` (so a crash found on nightly stays a failing test here until fixed).

use std::fs;
use std::path::{Path, PathBuf};

use connect_pilot::config::fuzz::exercise;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let fixtures = root().join("tests/fixtures/config");
    ["good", "bad"]
        .iter()
        .flat_map(|d| files_in(&fixtures.join(d)))
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// xorshift64: deterministic, so a failure names a reproducible case.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that JSON gives meaning to, so mutations reach past the first syntax error.
const INTERESTING: &[u8] = b"{}[]\":,\\ 0-1e.tfn\xEF\xBB\xBF\xFF\x00\n";

fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            1 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            3 => bytes.truncate(at),
            _ => {
                // Duplicate a slice, which repeats keys and nests deeper.
                let end = (at + rng.below(64)).min(bytes.len());
                let slice = bytes[at..end].to_vec();
                bytes.splice(at..at, slice);
            }
        }
    }
    bytes
}

#[test]
fn every_corpus_file_survives_the_fuzz_body() {
    let seeds = seeds();
    assert!(seeds.len() >= 45, "corpus missing: {} files", seeds.len());
    for (_, bytes) in &seeds {
        exercise(bytes);
    }
}

#[test]
fn mutated_corpus_files_survive_the_fuzz_body() {
    let mut rng = Rng(0x5eed_c0ff_ee00_0001);
    let mut runs = 0;
    for (_, bytes) in seeds() {
        if bytes.len() > 64 * 1024 {
            continue;
        }
        for _ in 0..150 {
            exercise(&mutate(&bytes, &mut rng));
            runs += 1;
        }
    }
    assert!(runs > 5_000, "only {runs} runs");
}

#[test]
fn inputs_saved_by_cargo_fuzz_survive_the_fuzz_body() {
    // Empty unless cargo-fuzz has run here; the directories are git-ignored.
    for dir in ["fuzz/corpus/parse", "fuzz/artifacts/parse"] {
        for path in files_in(&root().join(dir)) {
            exercise(&fs::read(&path).unwrap());
        }
    }
}
