//! The mapping configuration as a file, from the status view: Export downloads it as
//! `<app>-<resource>.json` (the import step's own export, `ui::import::runner::export_to_file`), and
//! Import opens the import in a full tab (`app.html#/import`), where a file can be dropped or pasted
//! and is checked and diffed before anything is sent.

use crate::browser::i18n::t;
use crate::ui::import::open_import_tab;
use crate::ui::import::runner::export_to_file;
use crate::ui::steps::use_store;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Export and Import buttons, with the browser's refusal of either written out.
#[function_component(ConfigFile)]
pub fn config_file() -> Html {
    let store = use_store();
    let error = use_state(|| None::<String>);
    let export = {
        let (store, error) = (store.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, error) = (store.clone(), error.clone());
            error.set(None);
            spawn_local(async move { error.set(export_to_file(&store).await.err()) });
        })
    };
    let import = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let error = error.clone();
            error.set(None);
            spawn_local(async move { error.set(open_import_tab().await.err()) });
        })
    };
    html! {
        <section class="config-file" aria-label={t("monitor_config_file")}>
            <ul class="control-list">
                <li><button type="button" onclick={export}>{ t("import_export") }</button></li>
                <li><button type="button" onclick={import}>{ t("monitor_import_again") }</button></li>
            </ul>
            if let Some(e) = (*error).clone() {
                <p role="alert" class="error">{ e }</p>
            }
        </section>
    }
}
