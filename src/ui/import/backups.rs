//! The backups taken before each import (the last ten per connection), newest first, each
//! downloadable as a file. The import session holds the list (`Session::backups`).

use crate::browser::download;
use crate::browser::i18n::{t, t_with};
use crate::flow::import::backup::Backup;
use yew::prelude::*;

/// Properties of [`BackupsList`].
#[derive(Properties, PartialEq)]
pub struct BackupsListProps {
    /// The list as read, or the browser's refusal to read it; `None` until read.
    pub list: Option<Result<Vec<Backup>, String>>,
    /// Called with the message when the browser refuses to download one.
    pub onerror: Callback<String>,
}

/// The list of backups with a download button each.
#[function_component(BackupsList)]
pub fn backups_list(props: &BackupsListProps) -> Html {
    let row = |b: &Backup| {
        let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(b.saved_at_ms as f64))
            .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED);
        let (backup, onerror) = (b.clone(), props.onerror.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Err(e) = download::save_json(&backup.file_name(), &backup.document) {
                onerror.emit(t_with("import_backup_download_failed", &[&e]));
            }
        });
        html! {
            <li class="backup">
                <span>{ String::from(when) }</span>{ " " }
                <button type="button" {onclick}>{ t("import_backup_download") }</button>
            </li>
        }
    };
    html! {
        <details class="backups">
            <summary>{ t("import_backups_title") }</summary>
            { match &props.list {
                // Saying so, rather than "no backups", which would not be true.
                Some(Err(e)) => html! { <p role="alert" class="error">{ t_with("import_backups_read_failed", &[e]) }</p> },
                Some(Ok(list)) if !list.is_empty() => html! { <ul>{ for list.iter().map(row) }</ul> },
                _ => html! { <p class="hint">{ t("import_backups_none") }</p> },
            } }
        </details>
    }
}
