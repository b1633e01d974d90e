//! The error of the current step: what happened, what to do, and the details a support request needs
//! (status, Heroku's error id, Request-Id). Nothing typed so far is lost; the step stays as it was.
//! The details are in the browser's language too; only what Heroku itself said stays verbatim.

use crate::api::ErrorKind;
use crate::browser::i18n::{t, t_with};
use crate::flow::FlowError;
use crate::ui::store::Store;
use yew::prelude::*;

/// Properties of [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// The error to show.
    pub error: FlowError,
    /// Called when the user dismisses it.
    pub ondismiss: Callback<()>,
    /// Sends the failed change again, when the error says that is safe ([`FlowError::retry`]).
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
}

/// An alert with the message, the hint and a details disclosure.
#[function_component(ErrorBanner)]
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    let (title, details) = match &props.error {
        // "Heroku did not accept this" would be wrong when Heroku never heard the request.
        FlowError::Api(e) if e.kind() == ErrorKind::Unreachable => {
            (t("error_title_unreachable"), e.details_with(t_with))
        }
        FlowError::Api(e) | FlowError::AppDenied { error: e, .. } => {
            (t("error_title_api"), e.details_with(t_with))
        }
        FlowError::Unanswered { error, .. } => {
            (t("error_title_unreachable"), error.details_with(t_with))
        }
        FlowError::InvalidSchemaName(name) => (t("error_title_input"), vec![name.clone()]),
        FlowError::DatabaseNotSaved {
            found_db_key,
            found_schema_name,
        } => (
            t("error_title_api"),
            vec![t_with(
                "error_database_found",
                &[
                    found_db_key.as_deref().unwrap_or("—"),
                    found_schema_name.as_deref().unwrap_or("—"),
                ],
            )],
        ),
        FlowError::PlanNotOffered(plan) => (t("error_title_input"), vec![plan.clone()]),
        FlowError::Browser { detail, .. } => (t("error_title_browser"), vec![detail.clone()]),
        _ => (t("error_title_input"), Vec::new()),
    };
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="banner error" role="alert">
            <p><strong>{ title }</strong>{ " " }{ t(props.error.key()) }</p>
            if !details.is_empty() {
                <details>
                    <summary>{ t("error_details") }</summary>
                    { for details.iter().map(|d| html! { <p class="detail"><code>{ d }</code></p> }) }
                </details>
            }
            if let Some(onretry) = &props.onretry {
                <button type="button" class="primary" onclick={onretry.reform(|_: MouseEvent| ())}>{ t("error_try_again") }</button>
                { " " }
            }
            <button type="button" onclick={ondismiss}>{ t("error_dismiss") }</button>
        </div>
    }
}

/// The retry [`ErrorBanner`] offers for `error`: the action [`FlowError::retry`] names, dispatched.
pub fn retry_of(store: &Store, error: &FlowError) -> Option<Callback<()>> {
    let action = error.retry()?;
    let store = store.clone();
    Some(Callback::from(move |()| store.dispatch(action.clone())))
}
