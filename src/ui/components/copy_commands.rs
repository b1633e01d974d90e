//! "Copy as curl" and "Copy as Heroku CLI command" for what the current step does next. The token is
//! always written as `$(heroku auth:token)`, never the real one.

use crate::api::curl::{to_curl, to_heroku_cli};
use crate::api::{ApiConfig, RequestSpec};
use crate::browser::i18n::t;
use crate::ui::steps::use_store;
use crate::ui::store::Store;
use yew::prelude::*;

/// Properties of [`CopyCommands`].
#[derive(Properties, PartialEq)]
pub struct CopyCommandsProps {
    /// The calls, in order.
    pub calls: Vec<RequestSpec>,
    /// Settings, for the base URLs.
    pub config: ApiConfig,
}

fn copy(store: &Store, text: String, done: UseStateHandle<bool>) -> Callback<MouseEvent> {
    let store = store.clone();
    Callback::from(move |_| {
        let done = done.clone();
        store.copy_text(text.clone(), Callback::from(move |ok| done.set(ok)));
    })
}

/// A disclosure with the equivalent commands and two copy buttons.
#[function_component(CopyCommands)]
pub fn copy_commands(props: &CopyCommandsProps) -> Html {
    let store = use_store();
    let copied = use_state(|| false);
    if props.calls.is_empty() {
        return super::nothing();
    }
    let curl: Vec<String> = props
        .calls
        .iter()
        .filter_map(|c| to_curl(c, &props.config).ok())
        .collect();
    let cli: Vec<&str> = props.calls.iter().filter_map(to_heroku_cli).collect();
    let curl_text = curl.join("\n\n");
    let cli_text = cli.join("\n");
    html! {
        <details class="commands">
            <summary>{ t("commands_title") }</summary>
            <pre><code>{ curl_text.clone() }</code></pre>
            <button type="button" onclick={copy(&store, curl_text, copied.clone())}>{ t("copy_curl") }</button>
            if !cli.is_empty() {
                <pre><code>{ cli_text.clone() }</code></pre>
                <button type="button" onclick={copy(&store, cli_text, copied.clone())}>{ t("copy_cli") }</button>
            }
            <span role="status" aria-live="polite">{ if *copied { t("copied") } else { String::new() } }</span>
        </details>
    }
}
