//! Create a mapping, or edit one: the object (suggested standard objects or any API name), its
//! fields picked from the org's schema (`GET …/schemas/<Object>`), access, polling seconds and
//! accelerated polling. Nothing is sent until `flow::mapping_edit` validates it with the import
//! rules; the server's 422 is still shown if it disagrees. The save is a flow operation, kept with
//! the setup state: a page closed meanwhile shows how it ended in the mappings table.

use super::store_ext::error_text;
use crate::api::model::Mapping;
use crate::api::ErrorKind;
use crate::browser::i18n::{t, t_with};
use crate::config::{has_errors, Access, Issue};
use crate::flow::mapping_edit::{
    is_system_field, missing_required, schema_for_validation, upsert_candidates, MappingForm,
    SUGGESTED_OBJECTS,
};
use crate::flow::operation::OpKind;
use crate::flow::reads::Listing;
use crate::flow::{Action, MonitorMsg};
use crate::ui::components::error_banner::ErrorBanner;
use crate::ui::steps::{input_value, select_value, use_store};
use yew::prelude::*;

/// Properties of [`MappingFormView`].
#[derive(Properties, PartialEq)]
pub struct MappingFormProps {
    /// The mapping to edit; `None` creates one.
    #[prop_or_default]
    pub mapping: Option<Mapping>,
    /// Closes the form (also after saving).
    pub onclose: Callback<()>,
}

/// The create / edit form. The object's fields and the save are flow calls
/// (`MonitorMsg::SchemaRequested`, `OpKind::SaveMapping`): the form keeps only what is typed.
#[function_component(MappingFormView)]
pub fn mapping_form(props: &MappingFormProps) -> Html {
    let store = use_store();
    let state = store.state();
    let plan = state.plan();
    let original = props.mapping.as_ref().map(MappingForm::from_mapping);
    let form = use_state(|| match &original {
        Some(Ok(f)) => Some(f.clone()),
        _ => None,
    });
    // The object whose fields this form asked for; an edit asks for its own at once.
    let asked = use_state(|| props.mapping.as_ref().map(|m| m.object_name.clone()));
    let schema = asked
        .as_ref()
        .and_then(|o| state.tab.schemas.of(o))
        .cloned();
    let issues = use_state(Vec::<Issue>::new);
    // Set once this form sent its save: only then is the kept operation this form's.
    let sent = use_state(|| false);
    let saving = state.operation.as_ref().filter(|op| {
        *sent
            && matches!(op.kind, OpKind::SaveMapping { .. })
            && state.connection_id.as_deref() == Some(op.connection_id.as_str())
    });
    let object_ref = use_node_ref();
    let (polling_ref, access_ref, upsert_ref) = (use_node_ref(), use_node_ref(), use_node_ref());

    let load_schema = {
        let (store, asked) = (store.clone(), asked.clone());
        Callback::from(move |object: String| {
            asked.set(Some(object.clone()));
            store.dispatch(Action::Monitor(MonitorMsg::SchemaRequested(object)));
        })
    };
    {
        let (load_schema, name) = (
            load_schema.clone(),
            props.mapping.as_ref().map(|m| m.object_name.clone()),
        );
        use_effect_with(name, move |name| {
            if let Some(name) = name {
                load_schema.emit(name.clone());
            }
        });
    }
    {
        // A new mapping starts from the schema's canonical spelling, not what was typed.
        let (form, creating) = (form.clone(), props.mapping.is_none());
        let found = match &schema {
            Some(Listing::Loaded(s)) if creating => Some(s.name.clone()),
            _ => None,
        };
        use_effect_with(found, move |found| {
            if let Some(name) = found {
                form.set(Some(MappingForm::new(name, plan)));
            }
        });
    }
    {
        // Heroku took the save: the mappings table follows it from here, and the form closes.
        let taken = saving.is_some_and(|op| !op.awaiting_answer() && op.error().is_none());
        let onclose = props.onclose.clone();
        use_effect_with(taken, move |taken| {
            if *taken {
                onclose.emit(());
            }
        });
    }
    if let Some(Err(e)) = &original {
        return html! { <section class="panel"><p role="alert">{ e.clone() }</p></section> };
    }
    let onpick = {
        let (load_schema, object_ref) = (load_schema.clone(), object_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = input_value(&object_ref).trim().to_owned();
            if !name.is_empty() {
                load_schema.emit(name);
            }
        })
    };
    let title = match &props.mapping {
        Some(m) => t_with("monitor_edit_title", &[&m.object_name]),
        None => t("monitor_create_title"),
    };
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    let picker = html! {
        <form class="object-picker" onsubmit={onpick}>
            <label for="monitor-object">{ t("monitor_object_name") }</label>
            <input id="monitor-object" type="text" list="monitor-objects" ref={object_ref} autocomplete="off" />
            <datalist id="monitor-objects">
                { for SUGGESTED_OBJECTS.iter().map(|o| html! { <option value={*o} /> }) }
            </datalist>
            <button type="submit" disabled={matches!(schema, Some(Listing::Loading))}>{ t("monitor_load_fields") }</button>
        </form>
    };
    let schema_state = match &schema {
        Some(Listing::Loading) => html! { <p role="status">{ t("monitor_working") }</p> },
        Some(Listing::Failed(e)) if e.kind() == ErrorKind::NotFound => {
            html! { <p role="alert">{ t("monitor_object_unknown") }</p> }
        }
        Some(Listing::Failed(e)) => html! { <p role="alert">{ error_text(e) }</p> },
        _ => Html::default(),
    };
    let (Some(current), Some(Listing::Loaded(found))) = ((*form).clone(), schema) else {
        return html! {
            <section class="panel mapping-form" aria-label={title.clone()}>
                <h3 tabindex="-1">{ title }</h3>
                if props.mapping.is_none() { { picker } }
                { schema_state }
                <button type="button" onclick={onclose}>{ t("monitor_close") }</button>
            </section>
        };
    };

    let field_box = |name: String| {
        let checked = current.fields.iter().any(|f| f.eq_ignore_ascii_case(&name));
        let locked = is_system_field(&name);
        let onchange = {
            let (form, name) = (form.clone(), name.clone());
            Callback::from(move |e: Event| {
                let on = e
                    .target_dyn_into::<web_sys::HtmlInputElement>()
                    .is_some_and(|i| i.checked());
                if let Some(mut f) = (*form).clone() {
                    f.set_field(&name, on);
                    form.set(Some(f));
                }
            })
        };
        html! {
            <label class="check">
                <input type="checkbox" {checked} disabled={locked} {onchange} />
                { name.clone() }
                if locked { <span class="hint">{ " " }{ t("monitor_field_required_by_connect") }</span> }
            </label>
        }
    };
    let mut names: Vec<String> = found.fields.iter().map(|f| f.name.clone()).collect();
    // Fields mapped today that the schema no longer lists stay visible, so they can be removed.
    for f in &current.fields {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(f)) {
            names.push(f.clone());
        }
    }
    let missing = if current.access == Access::ReadWrite {
        missing_required(&current, &found)
    } else {
        Vec::new()
    };
    let upserts = upsert_candidates(&found);

    let onsubmit = {
        let (store, form, issues, sent) =
            (store.clone(), form.clone(), issues.clone(), sent.clone());
        let (polling_ref, access_ref, upsert_ref, mapping) = (
            polling_ref.clone(),
            access_ref.clone(),
            upsert_ref.clone(),
            props.mapping.clone(),
        );
        let found = found.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(mut f) = (*form).clone() else { return };
            f.sf_polling_seconds = input_value(&polling_ref).trim().parse().unwrap_or(-1);
            f.access = if select_value(&access_ref) == "read_write" {
                Access::ReadWrite
            } else {
                Access::ReadOnly
            };
            let upsert = select_value(&upsert_ref);
            f.upsert_field = (!upsert.is_empty()).then_some(upsert);
            if let Some(u) = f.upsert_field.clone() {
                f.set_field(&u, true);
            }
            let found_issues = f.validate(plan, Some(Ok(&schema_for_validation(&found))));
            let blocked = has_errors(&found_issues);
            issues.set(found_issues);
            form.set(Some(f.clone()));
            if blocked {
                return;
            }
            sent.set(true);
            let kind = OpKind::SaveMapping {
                mapping_id: mapping.as_ref().map(|m| m.id.clone()),
                object_name: f.object_name.clone(),
                config: f.config_json(),
                revision: mapping.as_ref().and_then(|m| m.revision()),
            };
            store.dispatch(Action::Monitor(MonitorMsg::OperationRequested(kind)));
        })
    };
    // The inputs below are controlled: a re-render after a field toggle writes the form's values
    // back into them, so each edit must reach the form first.
    let onpolling = {
        let (form, r) = (form.clone(), polling_ref.clone());
        Callback::from(move |_: InputEvent| {
            if let (Some(mut f), Ok(v)) = ((*form).clone(), input_value(&r).trim().parse()) {
                f.sf_polling_seconds = v;
                form.set(Some(f));
            }
        })
    };
    let onaccess = {
        let (form, r) = (form.clone(), access_ref.clone());
        Callback::from(move |_: Event| {
            if let Some(mut f) = (*form).clone() {
                f.access = if select_value(&r) == "read_write" {
                    Access::ReadWrite
                } else {
                    Access::ReadOnly
                };
                form.set(Some(f));
            }
        })
    };
    let onupsert = {
        let (form, r) = (form.clone(), upsert_ref.clone());
        Callback::from(move |_: Event| {
            if let Some(mut f) = (*form).clone() {
                let v = select_value(&r);
                f.upsert_field = (!v.is_empty()).then_some(v);
                form.set(Some(f));
            }
        })
    };
    let onnotify = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            if let Some(mut f) = (*form).clone() {
                f.sf_notify_enabled = on;
                form.set(Some(f));
            }
        })
    };
    let ondismiss = {
        let store = store.clone();
        Callback::from(move |()| store.dispatch(Action::Monitor(MonitorMsg::OperationDismissed)))
    };
    html! {
        <section class="panel mapping-form" aria-label={title.clone()}>
            <h3 tabindex="-1">{ title }</h3>
            // Our validator reports every problem with its path; the browser's own check would only block.
            <form {onsubmit} novalidate={true}>
                <p>{ t_with("monitor_form_object", &[&current.object_name]) }</p>
                <label for="monitor-access">{ t("monitor_access") }</label>
                <select id="monitor-access" ref={access_ref} onchange={onaccess}>
                    <option value="read_only" selected={current.access == Access::ReadOnly}>{ t("monitor_access_read_only") }</option>
                    <option value="read_write" selected={current.access == Access::ReadWrite}>{ t("monitor_access_read_write") }</option>
                </select>
                <label for="monitor-polling">{ t_with("monitor_polling", &[&plan.min_polling_seconds().to_string()]) }</label>
                <input id="monitor-polling" type="number" ref={polling_ref} min={plan.min_polling_seconds().to_string()}
                    value={current.sf_polling_seconds.to_string()} oninput={onpolling} />
                <label class="check">
                    <input type="checkbox" checked={current.sf_notify_enabled} onchange={onnotify} />
                    { t("monitor_accelerated") }
                </label>
                <label for="monitor-upsert">{ t("monitor_upsert") }</label>
                <select id="monitor-upsert" ref={upsert_ref} onchange={onupsert}>
                    <option value="" selected={current.upsert_field.is_none()}>{ t("monitor_upsert_none") }</option>
                    { for upserts.iter().map(|u| html! {
                        <option value={u.clone()} selected={current.upsert_field.as_deref() == Some(u.as_str())}>{ u.clone() }</option>
                    }) }
                </select>
                <fieldset class="fields">
                    <legend>{ t_with("monitor_fields", &[&current.fields.len().to_string()]) }</legend>
                    { for names.into_iter().map(field_box) }
                </fieldset>
                if !missing.is_empty() {
                    <p class="reason">{ t_with("monitor_missing_required", &[&missing.join(", ")]) }</p>
                }
                if !issues.is_empty() {
                    // The alert wraps the list: a list keeps its own role, so screen readers count its items.
                    <div role="alert">
                        <ul class="issues">{ for issues.iter().map(|i| html! { <li>{ i.to_string_with(t_with) }</li> }) }</ul>
                    </div>
                }
                <button type="submit" class="primary" disabled={saving.is_some_and(|op| op.awaiting_answer())}>
                    { if props.mapping.is_some() { t("monitor_save_mapping") } else { t("monitor_create_mapping") } }
                </button>
                if let Some(error) = saving.and_then(|op| op.error()).cloned() {
                    // The values typed stay in the form: saving again sends them again.
                    <ErrorBanner {error} ondismiss={ondismiss} />
                }
            </form>
            <button type="button" onclick={onclose}>{ t("monitor_close") }</button>
        </section>
    }
}
