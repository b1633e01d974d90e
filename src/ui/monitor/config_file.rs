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
pub use tab::{app_name, resource_name, save_export, ExportButton};

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
    use crate::flow::export::Export;
    use crate::flow::monitor::route::{EXPORT_HASH, STATUS_HASH};
    use crate::flow::{Action, MonitorMsg};
    use crate::ui::steps::use_store;
    use crate::ui::store::Store;
    use yew::prelude::*;

    /// Export, run at once when the popup opened this tab to export. The read and the file are the
    /// flow's (`MonitorMsg::ExportRequested`); this shows where they stand.
    #[function_component(ExportButton)]
    pub fn export_button() -> Html {
        let store = use_store();
        let request = {
            let store = store.clone();
            move || store.dispatch(Action::Monitor(MonitorMsg::ExportRequested))
        };
        {
            let request = request.clone();
            use_effect_with((), move |()| {
                let location = web_sys::window().map(|w| w.location());
                if let Some(location) =
                    location.filter(|l| l.hash().ok().as_deref() == Some(EXPORT_HASH))
                {
                    // Reloading the tab must not download the file again.
                    let _ = location.replace(STATUS_HASH);
                    request();
                }
            });
        }
        let export = store.state().tab.export.clone();
        let error = match &export {
            Export::ReadFailed(e) => {
                Some(t_with("import_export_failed", &[&e.message_with(t_with)]))
            }
            Export::SaveFailed(text) => Some(text.clone()),
            _ => None,
        };
        let onclick = Callback::from(move |_: MouseEvent| request());
        html! {
            <>
                <button type="button" {onclick} disabled={export.busy()} aria-busy={export.busy().to_string()}>
                    { t("import_export") }
                </button>
                if let Some(e) = error {
                    <p role="alert" class="error">{ e }</p>
                }
            </>
        }
    }

    /// Writes the export Heroku answered as `<app>-<resource>.json`, normalised: what the import
    /// step and the status view offer as Export. The error is the text to show, in the user's
    /// language.
    pub fn save_export(store: &Store, document: serde_json::Value) -> Result<(), String> {
        let conn = store.state().connection().cloned().unwrap_or_default();
        // Serialising a `Value` cannot fail in practice; serde's text is all there would be to show.
        serde_json::to_vec(&document)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                config::MappingConfig::parse(&bytes).map_err(|e| e.message_with(t_with))
            })
            .and_then(|current| {
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
