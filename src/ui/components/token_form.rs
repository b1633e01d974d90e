//! The token step: where the user pastes a Heroku API token and chooses whether to remember it.

use crate::browser::i18n::t;
use yew::prelude::*;

/// Properties of [`TokenForm`].
#[derive(Properties, PartialEq)]
pub struct TokenFormProps {
    /// Called with the token and the "remember on this device" choice.
    pub onsubmit: Callback<(String, bool)>,
    /// A check is running: the button waits.
    #[prop_or_default]
    pub busy: bool,
}

/// Token entry with the two ways to obtain a token from the Heroku CLI.
#[function_component(TokenForm)]
pub fn token_form(props: &TokenFormProps) -> Html {
    let token = use_node_ref();
    let remember = use_node_ref();
    let onsubmit = {
        let (token, remember, cb) = (token.clone(), remember.clone(), props.onsubmit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = token
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let keep = remember
                .cast::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            cb.emit((value.trim().to_owned(), keep));
        })
    };
    html! {
        <form class="token-form" {onsubmit}>
            <p>{ t("tokenIntro") }</p>
            <label for="token">{ t("tokenLabel") }</label>
            <input id="token" type="password" autocomplete="off" spellcheck="false" required=true ref={token} />
            <details>
                <summary>{ t("tokenHowTo") }</summary>
                <dl>
                    <dt><code>{ "heroku auth:token" }</code></dt>
                    <dd>{ t("tokenHowToSession") }</dd>
                    <dt><code>{ "heroku authorizations:create -d \"Connect Pilot\"" }</code></dt>
                    <dd>{ t("tokenHowToLongLived") }</dd>
                </dl>
            </details>
            <label class="check">
                <input type="checkbox" id="remember" ref={remember} />
                { t("tokenRemember") }
            </label>
            <p class="hint">{ t("tokenRememberHint") }</p>
            <button type="submit" class="primary" disabled={props.busy}>{ t("tokenContinue") }</button>
        </form>
    }
}
