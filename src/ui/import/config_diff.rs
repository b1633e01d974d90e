//! What the import would change, mapping by mapping: added, changed (with each difference),
//! unchanged, and on the server only, which import keeps (merge, never delete).

use super::delete_confirm::DeleteConfirm;
use crate::browser::i18n::{t, t_with};
use crate::config::{Change, ConfigDiff, MappingDiff, MappingStatus};
use yew::prelude::*;

/// Properties of [`ConfigDiffView`].
#[derive(Properties, PartialEq)]
pub struct ConfigDiffViewProps {
    /// The diff of the file against the server's export.
    pub diff: ConfigDiff,
    /// Whether server-only mappings may be deleted now.
    pub can_delete: bool,
    /// Deletes the named server-only mapping.
    pub ondelete: Callback<String>,
}

/// One difference as a line of text.
fn change_text(change: &Change) -> String {
    let on_off = |b: &bool| b.to_string();
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".into());
    match change {
        Change::ObjectName { server, file } => t_with("import_change_name", &[server, file]),
        Change::Access { server, file } => {
            t_with("import_change_access", &[server.as_str(), file.as_str()])
        }
        Change::SfNotifyEnabled { server, file } => {
            t_with("import_change_notify", &[&on_off(server), &on_off(file)])
        }
        Change::SfPollingSeconds { server, file } => t_with(
            "import_change_polling",
            &[&server.to_string(), &file.to_string()],
        ),
        Change::SfMaxDailyApiCalls { server, file } => t_with(
            "import_change_api_calls",
            &[&server.to_string(), &file.to_string()],
        ),
        Change::FieldsAdded(f) => t_with("import_change_fields_added", &[&f.join(", ")]),
        Change::FieldsRemoved(f) => t_with("import_change_fields_removed", &[&f.join(", ")]),
        Change::IndexAdded { field, unique } => {
            t_with("import_change_index_added", &[field, &on_off(unique)])
        }
        Change::IndexRemoved { field, .. } => t_with("import_change_index_removed", &[field]),
        Change::IndexChanged {
            field,
            server_unique,
            file_unique,
        } => t_with(
            "import_change_index_changed",
            &[field, &on_off(server_unique), &on_off(file_unique)],
        ),
        Change::UpsertField { server, file } => {
            t_with("import_change_upsert", &[&opt(server), &opt(file)])
        }
        Change::Other(o) => t_with("import_change_other", &[&o.path]),
    }
}

/// The diff as a list, one entry per mapping.
#[function_component(ConfigDiffView)]
pub fn config_diff_view(props: &ConfigDiffViewProps) -> Html {
    let row = |m: &MappingDiff| {
        let (status, key) = match &m.status {
            MappingStatus::Added => ("added", "import_status_added"),
            MappingStatus::Changed(_) => ("changed", "import_status_changed"),
            MappingStatus::Unchanged => ("unchanged", "import_status_unchanged"),
            MappingStatus::OnServerOnly => ("server-only", "import_status_server_only"),
        };
        html! {
            <li class={classes!("diff", status)} data-object={m.object_name.clone()} data-status={status}>
                <strong>{ &m.object_name }</strong>{ " — " }<span class="diff-status">{ t(key) }</span>
                if let MappingStatus::Changed(changes) = &m.status {
                    <ul>{ for changes.iter().map(|c| html! { <li>{ change_text(c) }</li> }) }</ul>
                }
                if m.status == MappingStatus::OnServerOnly {
                    <DeleteConfirm object_name={m.object_name.clone()} ondelete={props.ondelete.clone()}
                        enabled={props.can_delete} />
                }
            </li>
        }
    };
    let server_only = props
        .diff
        .mappings
        .iter()
        .any(|m| m.status == MappingStatus::OnServerOnly);
    html! {
        <section class="config-diff" aria-labelledby="diff-title">
            <h3 id="diff-title">{ t("import_diff_title") }</h3>
            if props.diff.is_empty() {
                <p class="diff-empty" data-testid="diff-empty">{ t("import_diff_empty") }</p>
            }
            if let Some((server, file)) = props.diff.version {
                <p>{ t_with("import_change_version", &[&fmt_version(server), &fmt_version(file)]) }</p>
            }
            <ul>{ for props.diff.mappings.iter().map(row) }</ul>
            <p class="hint merge-note">{ t("import_merge_note") }</p>
            if server_only { <p class="hint">{ t("import_server_only_note") }</p> }
        </section>
    }
}

fn fmt_version(v: Option<i64>) -> String {
    v.map_or_else(|| "—".into(), |v| v.to_string())
}
