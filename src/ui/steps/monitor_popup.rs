//! Step 8 in the popup: the status view's compact half, painted from the saved state at once: the
//! connection card, its actions, the mappings table with Reload, Export and Import, and the request
//! budget. Mapping panels (details, edit, delete), new mappings, diagnostics, notifications, the API
//! version and the export's normalising are in the full tab's wasm; their buttons open the tab on
//! the same screen (`flow::monitor::route`).

use super::use_store;
use crate::browser::i18n::{t, t_with};
use crate::flow::monitor::route::panel_hash;
use crate::flow::monitor::MappingControl;
use crate::ui::components::open_tab::{open_path, OpenInTab};
use crate::ui::monitor::budget::Budget;
use crate::ui::monitor::config_file::ConfigFile;
use crate::ui::monitor::connection_card::ConnectionCard;
use crate::ui::monitor::controls::Controls;
use crate::ui::monitor::mappings_table::MappingsTable;
use yew::prelude::*;

/// The status view of the popup.
#[function_component(MonitorStep)]
pub fn monitor_step() -> Html {
    let store = use_store();
    let failed = use_state(|| None::<String>);
    let state = store.state();
    let conn = state.connection();
    {
        // Each connection seen here joins the badge's watch list (only with a remembered token).
        let store = store.clone();
        let id = conn.as_ref().map(|c| c.id.clone());
        use_effect_with(id, move |_| store.remember_for_badge());
    }
    if conn.is_none() {
        return html! { <p>{ t("connection_none") }</p> };
    }
    let onselect = {
        let (store, failed) = (store.clone(), failed.clone());
        Callback::from(move |(id, c): (String, MappingControl)| {
            let path = format!("www/app.html{}", panel_hash(&id, c));
            open_path(&store, &path, failed.clone())
        })
    };
    html! {
        <div class="monitor">
            <ConnectionCard />
            <Controls />
            <MappingsTable {onselect} />
            <ConfigFile />
            if let Some(e) = (*failed).clone() {
                <p role="alert" class="error">{ t_with("tab_open_failed", &[&e]) }</p>
            }
            <p class="hint">{ t("tab_only_status") }</p>
            <OpenInTab path="www/app.html#/status" label_key="tab_open_status" failed_key="tab_open_failed" />
            <Budget />
        </div>
    }
}
