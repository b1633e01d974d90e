//! What is wrong with the file: a parse error with its line, column and snippet, or the validator's
//! issues with their JSON paths. The messages are `config`'s, read through the locale's templates
//! (`message_with`, which also decides the order of the arguments); the snippet is the user's own text
//! and stays as it is.

use crate::browser::i18n::{t, t_with};
use crate::config::{Issue, ParseError, Severity};
use crate::ui::components::nothing;
use yew::prelude::*;

/// Properties of [`IssuesList`].
#[derive(Properties, PartialEq)]
pub struct IssuesListProps {
    /// Why the file did not parse.
    pub parse_error: Option<ParseError>,
    /// Validation issues, errors first.
    pub issues: Vec<Issue>,
    /// Whether the org schema was part of the check.
    pub schema_checked: bool,
    /// Whether the check against the server has finished.
    pub checked: bool,
}

/// The parse error or the issues; nothing when the file is clean.
#[function_component(IssuesList)]
pub fn issues_list(props: &IssuesListProps) -> Html {
    if let Some(e) = &props.parse_error {
        return html! {
            <div role="alert" class="error parse-error" data-key={e.key()}>
                <p>{ t("import_parse_error") }</p>
                <p class="issue-message">{ e.message_with(t_with) }</p>
                if let Some(frame) = e.frame() { <pre class="snippet">{ frame }</pre> }
            </div>
        };
    }
    let row = |i: &Issue| {
        let (class, label) = match i.severity {
            Severity::Error => ("issue error", "import_issue_error"),
            Severity::Warning => ("issue warning", "import_issue_warning"),
        };
        html! {
            <li class={class} data-code={i.code.as_str()}>
                <strong>{ t(label) }{ ": " }</strong><span class="issue-message">{ i.to_string_with(t_with) }</span>
            </li>
        }
    };
    if props.issues.is_empty() && !props.checked {
        return nothing();
    }
    let has_errors = crate::config::has_errors(&props.issues);
    html! {
        <>
            if !props.issues.is_empty() {
                <div role={if has_errors { "alert" } else { "status" }} class="issues">
                    <p>{ t(if has_errors { "import_errors_title" } else { "import_warnings_title" }) }</p>
                    <ul>{ for props.issues.iter().map(row) }</ul>
                </div>
            }
            if props.checked {
                <p class="hint">{ t(if props.schema_checked { "import_schema_checked" } else { "import_schema_unchecked" }) }</p>
            }
        </>
    }
}
