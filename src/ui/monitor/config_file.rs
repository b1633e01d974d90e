//! The mapping configuration as a file, from the status view: Export downloads it as
//! `<app>-<resource>.json` (shared with the import step), and Import opens the import in a full tab
//! (`app.html#/import`), where a file can be dropped or pasted and is checked and diffed before
//! anything is sent.
//!
//! Export normalises the server's document with the configuration engine, which only the full tab's
//! wasm carries; the popup's Export opens the tab's status view at `#/status/export`
//! (`flow::monitor::route`), which saves the file at once.

use crate::browser::i18n::t;
use crate::ui::components::open_tab::OpenInTab;
use yew::prelude::*;

#[cfg(feature = "tab")]
pub use tab::{app_name, export_to_file, resource_name};

/// Export and Import buttons, with the browser's refusal of either written out.
#[function_component(ConfigFile)]
pub fn config_file() -> Html {
    html! {
        <section class="config-file" aria-label={t("monitor_config_file")}>
            <ul class="control-list">
                <li>{ export_button() }</li>
                <li><OpenInTab path="www/app.html#/import" label_key="monitor_import_again" failed_key="import_open_tab_failed" /></li>
            </ul>
        </section>
    }
}

#[cfg(not(feature = "tab"))]
fn export_button() -> Html {
    use crate::flow::monitor::route::EXPORT_HASH;
    html! {
        <OpenInTab path={format!("www/app.html{EXPORT_HASH}")} label_key="import_export" failed_key="tab_open_failed" />
    }
}

#[cfg(feature = "tab")]
fn export_button() -> Html {
    html! { <tab::ExportButton /> }
}

#[cfg(feature = "tab")]
mod tab {
    use crate::api::model::Connection;
    use crate::browser::download;
    use crate::browser::i18n::{t, t_with};
    use crate::config;
    use crate::driver::import as calls;
    use crate::flow::monitor::route::{EXPORT_HASH, STATUS_HASH};
    use crate::ui::steps::use_store;
    use crate::ui::store::Store;
    use wasm_bindgen_futures::spawn_local;
    use yew::prelude::*;

    /// Export, run at once when the popup opened this tab to export.
    #[function_component(ExportButton)]
    pub fn export_button() -> Html {
        let store = use_store();
        let error = use_state(|| None::<String>);
        let run = {
            let (store, error) = (store.clone(), error.clone());
            move || {
                let (store, error) = (store.clone(), error.clone());
                error.set(None);
                spawn_local(async move { error.set(export_to_file(&store).await.err()) });
            }
        };
        {
            let run = run.clone();
            use_effect_with((), move |()| {
                let location = web_sys::window().map(|w| w.location());
                if let Some(location) =
                    location.filter(|l| l.hash().ok().as_deref() == Some(EXPORT_HASH))
                {
                    // Reloading the tab must not download the file again.
                    let _ = location.replace(STATUS_HASH);
                    run();
                }
            });
        }
        let onclick = Callback::from(move |_: MouseEvent| run());
        html! {
            <>
                <button type="button" {onclick}>{ t("import_export") }</button>
                if let Some(e) = (*error).clone() {
                    <p role="alert" class="error">{ e }</p>
                }
            </>
        }
    }

    /// Downloads the chosen connection's configuration as it is now on the server, normalised, as
    /// `<app>-<resource>.json`: what the import step and the status view offer as Export. The error
    /// is the text to show, in the user's language.
    pub async fn export_to_file(store: &Store) -> Result<(), String> {
        let (Some(client), Some(conn)) = (store.client(), store.state().connection().cloned())
        else {
            return Ok(());
        };
        let current = calls::export(&client, &conn, &t_with).await;
        current
            .and_then(|current: config::MappingConfig| {
                let name = config::export_file_name(&app_name(store, &conn), &resource_name(&conn));
                download::save_json(&name, &config::export_json(&current))
            })
            .map_err(|e| t_with("import_export_failed", &[&e]))
    }

    /// The app a connection's export is named after.
    pub fn app_name(store: &Store, conn: &Connection) -> String {
        conn.app_name
            .clone()
            .or_else(|| store.state().app_name().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The resource a connection's export is named after (its id when it has no add-on name).
    pub fn resource_name(conn: &Connection) -> String {
        conn.resource_name
            .clone()
            .unwrap_or_else(|| conn.id.clone())
    }
}
