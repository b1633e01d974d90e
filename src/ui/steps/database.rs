//! Step 5: which Postgres config var and which schema Connect writes to. The schema name is checked
//! before the PATCH, and the connection is re-read afterwards to make sure the values stuck. What the
//! user types is kept in the flow's state as they type, so it outlives the popup.

use super::{input_value, select_value, use_store};
use crate::browser::i18n::{t, t_with};
use crate::flow::Action;
use crate::flow::DatabaseMsg;
use yew::prelude::*;

/// The database step.
#[function_component(DatabaseStep)]
pub fn database_step() -> Html {
    let store = use_store();
    let state = store.state();
    let key_select = use_node_ref();
    let schema_input = use_node_ref();
    let onsubmit = {
        let (store, key_select, schema_input) =
            (store.clone(), key_select.clone(), schema_input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            store.dispatch(Action::Database(DatabaseMsg::Chosen {
                db_key: select_value(&key_select),
                schema_name: input_value(&schema_input).trim().to_owned(),
            }));
        })
    };
    // Every change goes into the flow's state at once: it is saved with it, so neither the popup
    // closing nor a re-render after a late answer puts back a value the user replaced.
    let edited = {
        let (store, key_select, schema_input) =
            (store.clone(), key_select.clone(), schema_input.clone());
        Callback::from(move |()| {
            store.dispatch(Action::Database(DatabaseMsg::Edited {
                db_key: select_value(&key_select),
                schema_name: input_value(&schema_input),
            }))
        })
    };
    let oninput = edited.reform(|_: InputEvent| ());
    let onchange = edited.reform(|_: Event| ());
    let chosen = state.db_key.clone().unwrap_or_default();
    html! {
        <form {onsubmit}>
            <p>{ t("database_intro") }</p>
            <label for="db-key">{ t("database_key") }</label>
            <select id="db-key" ref={key_select} disabled={state.db_keys.is_empty()} {onchange}>
                if state.db_keys.is_empty() {
                    <option value="">{ t("loading") }</option>
                }
                { for state.db_keys.iter().map(|k| {
                    let plan = k.plan().map(str::to_owned).unwrap_or_else(|| t("database_unknown_plan"));
                    html! { <option value={k.name.clone()} selected={k.name == chosen}>{ format!("{} ({plan})", k.name) }</option> }
                }) }
            </select>
            <label for="schema-name">{ t("database_schema") }</label>
            <input id="schema-name" type="text" ref={schema_input} value={state.schema_name.clone()} {oninput}
                pattern="[a-z_][a-z0-9_]{0,62}" aria-describedby="schema-hint" spellcheck="false" />
            <p id="schema-hint" class="hint">{ t("database_schema_hint") }</p>
            <button type="submit" class="primary" disabled={state.busy || state.db_keys.is_empty()}>{ t("database_save") }</button>
            if state.database_pending.is_some() {
                <p role="status" aria-live="polite" class="busy">{ t_with("database_checking", &[&chosen]) }</p>
            }
        </form>
    }
}
