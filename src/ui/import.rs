//! The import screen: drop or paste a mapping configuration, see what is wrong with it or what it
//! would change, import it with a backup taken first, watch it apply, undo it. Shared by the full tab's
//! Import step and its import screen at `app.html#/import` (the popup's Import step opens the latter).
//!
//! Every decision is `flow::import::Session`'s; the store holds the session for the page's life and
//! performs the calls it asks for. An import once sent is kept in the setup state, so a reopened tab
//! shows it as it stands.

pub mod backups;
pub mod config_diff;
pub mod delete_confirm;
pub mod drop_zone;
pub mod issues;
pub mod paste_box;
pub mod progress;
pub mod screen;

use crate::browser::i18n::{t, t_with};
use crate::flow::import::{Event, Stage};
use crate::flow::unanswered::Change;
use crate::ui::monitor::config_file::ExportButton;
use crate::ui::steps::use_store;
use std::rc::Rc;
use yew::prelude::*;

/// A file that reached the page another way than its drop zone (dropped on the Heroku dashboard).
#[derive(Clone, PartialEq)]
pub struct HandedFile {
    /// Tells one handed file from the next, so the same file handed twice is checked twice.
    pub seq: u32,
    /// The file's name.
    pub name: String,
    /// Its raw bytes.
    pub bytes: Rc<Vec<u8>>,
}

/// Properties of [`ImportPanel`].
#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// A file handed over from elsewhere, checked as if dropped here.
    #[prop_or_default]
    pub handed: Option<HandedFile>,
}

/// The import screen's body; reads the store from context.
#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportPanelProps) -> Html {
    let store = use_store();
    {
        let store = store.clone();
        let connection = store.state().connection_id.clone();
        use_effect_with(connection, move |_| store.import_opened());
    }
    {
        let store = store.clone();
        use_effect_with(props.handed.clone(), move |handed| {
            if let Some(file) = handed {
                store.import_file(file.name.clone(), file.bytes.to_vec());
            }
        });
    }
    if store.state().connection().is_none() {
        return html! { <p class="hint">{ t("import_no_connection") }</p> };
    }
    let session = store.import_session();
    let stage = session.stage();
    let event = |event_of: fn() -> Event| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.import_event(event_of()))
    };
    let onfile = {
        let store = store.clone();
        Callback::from(move |(name, bytes): (String, Vec<u8>)| store.import_file(name, bytes))
    };
    let onproblem = {
        let store = store.clone();
        Callback::from(move |p| store.import_event(Event::DropRejected(p)))
    };
    let ondelete = {
        let store = store.clone();
        Callback::from(move |o: String| store.import_event(Event::DeleteServerOnlyRequested(o)))
    };
    let onerror = {
        let store = store.clone();
        Callback::from(move |text: String| store.import_error(text))
    };
    let status =
        |key: &str| html! { <p role="status" aria-live="polite" class="busy">{ t(key) }</p> };
    let retry_or_run = match &session.unanswered {
        Some((checked, _)) if checked.may_retry() => "import_retry",
        _ => "import_run",
    };
    html! {
        <div class="import">
            <drop_zone::DropZone disabled={!session.can_choose()} onfile={onfile.clone()} onproblem={onproblem} />
            <paste_box::PasteBox disabled={!session.can_choose()} onfile={onfile} />
            if let Some(problem) = session.drop_problem.clone() {
                <p role="alert" class="error drop-problem">{ drop_problem_text(&problem) }</p>
            }
            if let Some(name) = session.file_name.clone() {
                <p class="file-name">{ t_with("import_file", &[&name]) }</p>
            }
            if stage == Stage::Checking { { status("import_checking") } }
            <issues::IssuesList parse_error={session.parse_error.clone()} issues={session.issues.clone()}
                schema_checked={session.schema_checked} checked={session.diff.is_some()} />
            if let Some(diff) = session.diff.clone() {
                <config_diff::ConfigDiffView {diff} can_delete={session.can_delete_server_only()} {ondelete} />
            }
            if session.server_changed {
                <p role="alert" class="error server-changed">{ t("import_server_changed") }</p>
            }
            if matches!(stage, Stage::Ready) && !session.would_change() && !session.has_errors() {
                <p class="hint no-changes">{ t("import_no_changes") }</p>
            }
            if let Some((checked, detail)) = session.unanswered.clone().filter(|_| stage != Stage::Confirming) {
                <div role="alert" class="banner error unanswered" data-checked={format!("{checked:?}")}>
                    <p><strong>{ t("error_title_unreachable") }</strong>{ " " }{ t(checked.key(&Change::Import)) }</p>
                    <details>
                        <summary>{ t("error_details") }</summary>
                        <p class="detail"><code>{ detail }</code></p>
                    </details>
                </div>
            }
            if matches!(stage, Stage::Ready | Stage::BackingUp | Stage::Importing) && session.would_change() {
                <p><button type="button" class="primary" onclick={event(|| Event::ImportConfirmed)}
                    disabled={!session.can_import()}>{ t(retry_or_run) }</button></p>
            }
            if stage == Stage::BackingUp { { status("import_backing_up") } }
            if stage == Stage::Importing { { status("import_sending") } }
            if stage == Stage::Confirming { { status("import_confirming") } }
            if stage == Stage::Watching { { status("import_watching") } }
            if !session.progress.is_empty() {
                <progress::ImportProgress rows={session.progress.clone()} />
            }
            if stage == Stage::Done {
                <p role="status" class="done">{ t("import_done") }</p>
                <p><button type="button" onclick={event(|| Event::UndoRequested)} disabled={!session.can_undo()}>{ t("import_undo") }</button></p>
            }
            if matches!(stage, Stage::Undoing | Stage::UndoWatching) { { status("import_undoing") } }
            if stage == Stage::Verifying { { status("import_verifying") } }
            if let Some(ok) = session.undo_verified {
                <p role="status" class={if ok { "done undo-result" } else { "error undo-result" }}>
                    { t(if ok { "import_undo_verified" } else { "import_undo_mismatch" }) }
                </p>
            }
            if let Some(error) = session.error.clone() {
                <p role="alert" class="error">{ t_with("import_failed", &[&error]) }</p>
            }
            <p><ExportButton /></p>
            <backups::BackupsList list={session.backups.clone()} {onerror} />
        </div>
    }
}

/// The message for a refused drop.
fn drop_problem_text(problem: &crate::flow::import::DropProblem) -> String {
    use crate::flow::import::DropProblem;
    match problem {
        DropProblem::SeveralFiles(n) => t_with(problem.key(), &[&n.to_string()]),
        DropProblem::Unreadable(why) => t_with(problem.key(), &[why]),
        DropProblem::Folder | DropProblem::NotAFile => t(problem.key()),
    }
}
