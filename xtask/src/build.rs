//! `cargo xtask build`: compiles the app to wasm with wasm-pack, twice (the popup's package without the
//! crate's `tab` feature, the full tab's with it; one target dir), shrinks both with wasm-opt and
//! assembles one unpacked extension and one zip per browser under `dist/`.

use crate::manifest;
use crate::settings::{crate_version, BuildSettings, Package};
use crate::util::{capture, copy_dir, gzip_len, kib, read, root, run, step, write, Result};
use crate::wasm_opt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Sizes measured on the built extension, reported by build and by bench.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// The popup's wasm (`popup.html` loads no other).
    pub popup_wasm_raw: usize,
    pub popup_wasm_gz: usize,
    /// The full tab's wasm (`app.html`, `options.html`).
    pub tab_wasm_raw: usize,
    pub tab_wasm_gz: usize,
    /// The popup's scripts: its loader, the frame check and the wasm-bindgen glue.
    pub js_gz: usize,
    pub css_gz: usize,
    /// Everything the popup loads: its HTML, scripts, stylesheet and wasm.
    pub popup_gz: usize,
}

/// Builds everything and returns the unpacked Chrome extension's folder and the measured sizes.
pub fn build() -> Result<(PathBuf, Sizes)> {
    let settings = BuildSettings::load()?;
    let version = crate_version()?;
    step("build: shared constants", check_shared_constants)?;
    for package in settings.packages() {
        let what = if package.popup { "popup" } else { "tab" };
        step(&format!("build: wasm-pack ({what})"), || {
            // Cargo's own flags follow `--`; the same target dir serves both feature sets.
            let cargo: &[&str] = if package.popup {
                &["--no-default-features"]
            } else {
                &[]
            };
            wasm_pack(&settings, &settings.out_dir(), package.out_name, cargo)
        })?;
        if settings.wasm_opt.enabled {
            step(&format!("build: wasm-opt ({what})"), || {
                optimise_app(&settings, package)
            })?;
        }
    }
    let dist = settings.dist_dir();
    step("build: assemble dist", || {
        if dist.exists() {
            std::fs::remove_dir_all(&dist).map_err(|e| format!("clean {}: {e}", dist.display()))?;
        }
        for browser in &settings.browsers {
            let dir = dist.join(browser);
            assemble(&settings, &version, browser, &dir)?;
            zip_dir(
                &dir,
                &dist.join(format!("connect-pilot-{browser}-{version}.zip")),
            )?;
        }
        Ok(())
    })?;
    let chrome = dist.join("chrome");
    let sizes = measure(&chrome, &settings)?;
    eprintln!(
        "  popup wasm: {} raw, {} gzipped; popup total: {} gzipped; tab wasm: {} raw, {} gzipped",
        kib(sizes.popup_wasm_raw),
        kib(sizes.popup_wasm_gz),
        kib(sizes.popup_gz),
        kib(sizes.tab_wasm_raw),
        kib(sizes.tab_wasm_gz)
    );
    Ok((chrome, sizes))
}

/// Checks that `extension/constants.js`, the values the service worker and the content script share
/// with the Rust, is what the app crate says it must be (its `shared-constants` binary prints it).
/// It checks and never rewrites: a stale file is a change to review, not one to make behind the
/// developer's back.
fn check_shared_constants() -> Result<()> {
    let path = root().join("extension").join(manifest::SHARED_CONSTANTS);
    let expected = capture(Command::new("cargo").current_dir(root()).args([
        "run",
        "--quiet",
        "-p",
        "connect-pilot",
        "--bin",
        "shared-constants",
    ]))
    .ok_or("cargo run --bin shared-constants failed")?;
    if read(&path)? != expected {
        return Err(format!(
            "{} differs from the Rust's values; regenerate it with \
             `cargo run -q -p connect-pilot --bin shared-constants > extension/constants.js`",
            path.display()
        ));
    }
    Ok(())
}

/// Builds the app with wasm-pack into `out_dir` as `out_name`, with `cargo` passed on to cargo.
pub fn wasm_pack(
    settings: &BuildSettings,
    out_dir: &Path,
    out_name: &str,
    cargo: &[&str],
) -> Result<()> {
    let mut cmd = Command::new("wasm-pack");
    cmd.current_dir(root())
        .args([
            "build",
            "--mode",
            "no-install",
            "--no-pack",
            "--no-typescript",
            "--no-opt",
        ])
        .arg(format!("--{}", settings.profile))
        .args(["--target", &settings.target, "--out-name", out_name])
        .arg("--out-dir")
        .arg(out_dir);
    if !cargo.is_empty() {
        // After `--`, wasm-pack hands the arguments to cargo.
        cmd.arg("--").args(cargo);
    }
    run(&mut cmd)
}

fn optimise_app(settings: &BuildSettings, package: Package) -> Result<()> {
    // One cache entry per package: the file names differ.
    let file = format!("{}_bg.wasm", package.out_name);
    let wasm = settings.out_dir().join(&file);
    wasm_opt::optimise(
        settings,
        &wasm,
        &root().join("target/wasm-opt/app").join(file),
    )
}

/// Lays out one browser's unpacked extension: manifest, static files, pages and the wasm package.
fn assemble(settings: &BuildSettings, version: &str, browser: &str, dir: &Path) -> Result<()> {
    let source: serde_json::Value = serde_json::from_str(&read(&root().join("manifest.json"))?)
        .map_err(|e| format!("manifest.json: {e}"))?;
    let manifest = match browser {
        "firefox" => manifest::firefox(
            &source,
            version,
            &manifest::Gecko {
                id: &settings.firefox.gecko_id,
                strict_min_version: &settings.firefox.strict_min_version,
                android_min_version: &settings.firefox.android_min_version,
            },
        )?,
        _ => manifest::chrome(&source, version),
    };
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    write(&dir.join("manifest.json"), text + "\n")?;
    copy_dir(&root().join("extension"), dir)?;
    copy_dir(&root().join("www"), &dir.join("www"))?;
    // Only the glue and the module of each package: wasm-pack's package.json, .gitignore and README
    // are not shipped.
    let files = settings.packages().into_iter().flat_map(|p| {
        [
            format!("{}.js", p.out_name),
            format!("{}_bg.wasm", p.out_name),
        ]
    });
    for file in files {
        let from = settings.out_dir().join(&file);
        let bytes = std::fs::read(&from).map_err(|e| format!("read {}: {e}", from.display()))?;
        write(&dir.join("pkg").join(file), bytes)?;
    }
    Ok(())
}

fn zip_dir(dir: &Path, zip_path: &Path) -> Result<()> {
    let file = std::fs::File::create(zip_path)
        .map_err(|e| format!("create {}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    for path in files {
        let name = path.strip_prefix(dir).map_err(|e| e.to_string())?;
        let name = name.to_string_lossy().replace('\\', "/");
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        let bytes = std::fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
        std::io::Write::write_all(&mut zip, &bytes).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Measures the built Chrome extension.
pub fn measure(chrome: &Path, settings: &BuildSettings) -> Result<Sizes> {
    let bytes = |rel: &str| {
        let path = chrome.join(rel);
        std::fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))
    };
    let popup_wasm = bytes(&format!("pkg/{}_bg.wasm", settings.popup_out_name))?;
    let tab_wasm = bytes(&format!("pkg/{}_bg.wasm", settings.out_name))?;
    let glue = bytes(&format!("pkg/{}.js", settings.popup_out_name))?;
    // The popup's loader and the start script it imports (which also draws the failure screen).
    let loader = [bytes("www/popup.js")?, bytes("www/start.js")?].concat();
    let framed = bytes("www/framed.js")?;
    let html = bytes("www/popup.html")?;
    let css = bytes("www/styles.css")?;
    let gz = |b: &[u8]| gzip_len(b);
    let js_gz = gz(&glue) + gz(&loader) + gz(&framed);
    Ok(Sizes {
        popup_wasm_raw: popup_wasm.len(),
        popup_wasm_gz: gz(&popup_wasm),
        tab_wasm_raw: tab_wasm.len(),
        tab_wasm_gz: gz(&tab_wasm),
        js_gz,
        css_gz: gz(&css),
        popup_gz: gz(&popup_wasm) + js_gz + gz(&html) + gz(&css),
    })
}
