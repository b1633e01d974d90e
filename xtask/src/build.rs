//! `cargo xtask build`: compiles the app to wasm with wasm-pack, shrinks it with wasm-opt and assembles
//! one unpacked extension and one zip per browser under `dist/`.

use crate::manifest;
use crate::settings::{crate_version, BuildSettings};
use crate::util::{copy_dir, gzip_len, kib, read, root, run, step, write, Result};
use crate::wasm_opt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Sizes measured on the built extension, reported by build and by bench.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub wasm_raw: usize,
    pub wasm_gz: usize,
    pub js_gz: usize,
    pub css_gz: usize,
    /// Everything the popup loads: its HTML, loader, stylesheet, the wasm-bindgen glue and the wasm.
    pub popup_gz: usize,
}

/// Builds everything and returns the unpacked Chrome extension's folder and the measured sizes.
pub fn build() -> Result<(PathBuf, Sizes)> {
    let settings = BuildSettings::load()?;
    let version = crate_version()?;
    step("build: wasm-pack", || wasm_pack(&settings))?;
    if settings.wasm_opt.enabled {
        step("build: wasm-opt", || optimise_app(&settings))?;
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
    let sizes = measure(&chrome, &settings.out_name)?;
    eprintln!(
        "  wasm: {} raw, {} gzipped; popup total: {} gzipped",
        kib(sizes.wasm_raw),
        kib(sizes.wasm_gz),
        kib(sizes.popup_gz)
    );
    Ok((chrome, sizes))
}

fn wasm_pack(settings: &BuildSettings) -> Result<()> {
    let out_dir = settings.out_dir();
    run(Command::new("wasm-pack")
        .current_dir(root())
        .args([
            "build",
            "--mode",
            "no-install",
            "--no-pack",
            "--no-typescript",
            "--no-opt",
        ])
        .arg(format!("--{}", settings.profile))
        .args([
            "--target",
            &settings.target,
            "--out-name",
            &settings.out_name,
        ])
        .arg("--out-dir")
        .arg(&out_dir))
}

fn optimise_app(settings: &BuildSettings) -> Result<()> {
    let file = format!("{}_bg.wasm", settings.out_name);
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
    // Only the glue and the module: wasm-pack's package.json, .gitignore and README are not shipped.
    for file in [
        format!("{}.js", settings.out_name),
        format!("{}_bg.wasm", settings.out_name),
    ] {
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
pub fn measure(chrome: &Path, out_name: &str) -> Result<Sizes> {
    let bytes = |rel: &str| {
        let path = chrome.join(rel);
        std::fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))
    };
    let wasm = bytes(&format!("pkg/{out_name}_bg.wasm"))?;
    let glue = bytes(&format!("pkg/{out_name}.js"))?;
    // The popup's loader and the start script it imports (which also draws the failure screen).
    let loader = [bytes("www/popup.js")?, bytes("www/start.js")?].concat();
    let html = bytes("www/popup.html")?;
    let css = bytes("www/styles.css")?;
    let gz = |b: &[u8]| gzip_len(b);
    Ok(Sizes {
        wasm_raw: wasm.len(),
        wasm_gz: gz(&wasm),
        js_gz: gz(&glue) + gz(&loader),
        css_gz: gz(&css),
        popup_gz: gz(&wasm) + gz(&glue) + gz(&loader) + gz(&html) + gz(&css),
    })
}
