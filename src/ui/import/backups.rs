//! The backups taken before each import (the last ten per connection), newest first, each
//! downloadable as a file.

use crate::browser::download;
use crate::browser::i18n::{t, t_with};
use crate::browser::storage::{self, Area};
use crate::flow::import::backup::{storage_key, Backup};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Properties of [`BackupsList`].
#[derive(Properties, PartialEq)]
pub struct BackupsListProps {
    /// Whose backups.
    pub connection_id: AttrValue,
    /// Changes when a backup was added, to reload the list.
    pub version: u32,
    /// Called with the message when the browser refuses to read the backups or to download one.
    pub onerror: Callback<String>,
}

/// The list of backups with a download button each.
#[function_component(BackupsList)]
pub fn backups_list(props: &BackupsListProps) -> Html {
    let list = use_state(Vec::<Backup>::new);
    {
        let (list, onerror) = (list.clone(), props.onerror.clone());
        use_effect_with(
            (props.connection_id.clone(), props.version),
            move |(id, _)| {
                let key = storage_key(id);
                spawn_local(async move {
                    match storage::get_json::<Vec<Backup>>(Area::Local, &key).await {
                        Ok(found) => list.set(found.unwrap_or_default()),
                        // Saying so, rather than "no backups", which would not be true.
                        Err(e) => onerror.emit(t_with("import_backups_read_failed", &[&e])),
                    }
                });
            },
        );
    }
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
            if list.is_empty() {
                <p class="hint">{ t("import_backups_none") }</p>
            } else {
                <ul>{ for list.iter().map(row) }</ul>
            }
        </details>
    }
}
