//! A guard on the browser bindings' one rule (see `src/browser.rs`): an extension API is bound as a
//! plain `#[wasm_bindgen(catch)] fn` and awaited through `browser::settle`, never as an `async fn`
//! import, whose glue turns an API that throws instead of rejecting into an uncaught `TypeError`.

use std::path::Path;

/// `(file, line)` of every `async fn` declared right under a `#[wasm_bindgen(...)]` attribute.
fn async_imports(dir: &Path, found: &mut Vec<(String, usize)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            async_imports(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file is text");
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for (i, pair) in lines.windows(2).enumerate() {
                if pair[0].starts_with("#[wasm_bindgen(") && pair[1].contains("async fn ") {
                    found.push((path.display().to_string(), i + 2));
                }
            }
        }
    }
}

#[test]
fn no_extension_api_is_bound_as_an_async_import() {
    let mut found = Vec::new();
    async_imports(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert_eq!(
        found,
        vec![],
        "bind these as `catch` fns and await them with browser::settle"
    );
}

#[test]
fn the_guard_sees_an_async_import() {
    let dir = std::env::temp_dir().join(format!("cp-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.rs"),
        "extern \"C\" {\n    #[wasm_bindgen(catch, js_name = get)]\n    async fn get() -> Result<JsValue, JsValue>;\n}\n",
    )
    .unwrap();
    let mut found = Vec::new();
    async_imports(&dir, &mut found);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, 3);
}
