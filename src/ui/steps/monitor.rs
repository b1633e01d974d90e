//! Step 8, the status view: the connection card, its actions, the mappings table with a panel for
//! one mapping (details, edit, delete) or a new one, the configuration as a file (export, import),
//! diagnostics, the API version and the request budget. This file only lays them out and remembers
//! which panel is open, and moves the focus with it (into an opened panel's heading, back to its
//! opener on close; Escape closes); see `ui::monitor`.

use crate::browser::i18n::t;
use crate::flow::monitor::MappingControl;
use crate::ui::monitor::api_version::ApiVersion;
use crate::ui::monitor::budget::Budget;
use crate::ui::monitor::config_file::ConfigFile;
use crate::ui::monitor::connection_card::ConnectionCard;
use crate::ui::monitor::controls::Controls;
use crate::ui::monitor::diagnose::Diagnose;
use crate::ui::monitor::mapping_details::MappingDetails;
use crate::ui::monitor::mapping_form::MappingFormView;
use crate::ui::monitor::mappings_table::MappingsTable;
use crate::ui::monitor::notifications::Notifications;
use crate::ui::monitor::write_errors::WriteErrors;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_store;

/// The element that has the focus now, if it can take it back later.
fn focused() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Which mapping panel is open.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    None,
    /// A mapping id and what to do with it.
    Mapping(String, MappingControl),
    Create,
}

/// The status view.
#[function_component(MonitorStep)]
pub fn monitor_step() -> Html {
    let store = use_store();
    let panel = use_state(|| Panel::None);
    let host = use_node_ref();
    // The control that opened the panel, which gets the focus back when it closes.
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let (host, opener) = (host.clone(), opener.clone());
        use_effect_with((*panel).clone(), move |open| {
            if *open == Panel::None {
                if let Some(el) = opener.borrow_mut().take().filter(|el| el.is_connected()) {
                    let _ = el.focus();
                }
            } else if let Some(heading) = host
                .cast::<web_sys::Element>()
                .and_then(|h| h.query_selector("h3").ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    }
    // Borrowed from the shared state: only the one mapping a panel shows is copied.
    let state = store.state();
    let conn = state.connection();
    {
        // Each connection seen here joins the badge's watch list (only with a remembered token).
        let store = store.clone();
        let id = conn.as_ref().map(|c| c.id.clone());
        use_effect_with(id, move |_| store.remember_for_badge());
    }
    let Some(conn) = conn else {
        return html! { <p>{ t("connection_none") }</p> };
    };
    let onselect = {
        let (panel, opener) = (panel.clone(), opener.clone());
        Callback::from(move |(id, c): (String, MappingControl)| {
            *opener.borrow_mut() = focused();
            panel.set(Panel::Mapping(id, c))
        })
    };
    let onclose = {
        let panel = panel.clone();
        Callback::from(move |()| panel.set(Panel::None))
    };
    let oncreate = {
        let (panel, opener) = (panel.clone(), opener.clone());
        Callback::from(move |_: MouseEvent| {
            *opener.borrow_mut() = focused();
            panel.set(Panel::Create)
        })
    };
    let onkeydown = {
        let panel = panel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                panel.set(Panel::None);
            }
        })
    };
    let open = match &*panel {
        Panel::None => Html::default(),
        Panel::Create => html! { <MappingFormView onclose={onclose.clone()} /> },
        Panel::Mapping(id, c) => match conn.mappings.iter().find(|m| &m.id == id).cloned() {
            // Deleted or gone since: nothing to show.
            None => Html::default(),
            Some(m) if *c == MappingControl::Edit => {
                let key = m.id.clone();
                html! { <MappingFormView {key} mapping={Some(m)} onclose={onclose.clone()} /> }
            }
            Some(m) => {
                let key = format!("{}-{:?}", m.id, c);
                html! {
                    <MappingDetails {key} mapping={m}
                        delete={*c == MappingControl::Delete} onclose={onclose.clone()} />
                }
            }
        },
    };
    html! {
        <div class="monitor">
            <ConnectionCard />
            <Controls />
            <MappingsTable {onselect} />
            <button type="button" onclick={oncreate}>{ t("monitor_new_mapping") }</button>
            <ConfigFile />
            <div class="panel-host" ref={host} {onkeydown}>{ open }</div>
            <details class="diagnostics">
                <summary>{ t("monitor_diagnostics") }</summary>
                <WriteErrors />
                <Notifications />
                <Diagnose />
                <ApiVersion />
            </details>
            <Budget />
        </div>
    }
}
