//! Reading what the user dropped, chose or pasted: which single file a drop holds (or why it holds
//! none), and that file's bytes. The bytes go to `config::MappingConfig::parse` untouched, so a
//! byte-order mark or invalid UTF-8 is reported by the parser, not hidden by a text decoder.

use super::i18n::t;
use connect_pilot_common::DropProblem;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File};

/// The one file a drop carries, or why there is none: several files, a folder, or no file at all
/// (text or a link dragged from a page).
pub fn single_file(transfer: Option<DataTransfer>) -> Result<File, DropProblem> {
    let transfer = transfer.ok_or(DropProblem::NotAFile)?;
    let items = transfer.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        // A folder arrives as a file entry whose entry says it is a directory.
        if item.kind() == "file"
            && item
                .webkit_get_as_entry()
                .ok()
                .flatten()
                .is_some_and(|e| e.is_directory())
        {
            return Err(DropProblem::Folder);
        }
    }
    let files = transfer.files().ok_or(DropProblem::NotAFile)?;
    match files.length() {
        0 => Err(DropProblem::NotAFile),
        1 => files.get(0).ok_or(DropProblem::NotAFile),
        n => Err(DropProblem::SeveralFiles(n as usize)),
    }
}

/// The first file an `<input type="file">` holds.
pub fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<File> {
    input.files().and_then(|f| f.get(0))
}

/// The file's raw bytes.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, DropProblem> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| DropProblem::Unreadable(super::js_error_text(&e)))?;
    let buffer: js_sys::ArrayBuffer = buffer
        .dyn_into()
        .map_err(|_| DropProblem::Unreadable(t("import_drop_not_bytes")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes of base64 `data` (a file handed over as JSON text), or `None` when it is not base64.
pub fn from_base64(data: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(data).ok()?;
    // `atob` yields one char per byte, each below 256.
    binary
        .chars()
        .map(|c| u8::try_from(c as u32).ok())
        .collect()
}
