//! The request budget: how many Connect requests the token has left today when Heroku said so
//! (`RateLimit-Remaining`), how often this view polls now, and that nothing polls while the page is
//! hidden or closed. The cadence itself is `flow::effect::due_poll`; a 429's `Retry-After` is
//! waited out by the client and shown here.

use crate::api::ErrorKind;
use crate::browser::i18n::{t, t_with};
use crate::flow::effect::due_poll;
use crate::flow::monitor::DAILY_BUDGET;
use crate::flow::FlowError;
use crate::ui::steps::use_store;
use yew::prelude::*;

/// The budget line.
#[function_component(Budget)]
pub fn budget() -> Html {
    let store = use_store();
    let state = store.state();
    let remaining = store.client().and_then(|c| c.rate_limit_remaining());
    let cadence = match due_poll(&state) {
        Some(p) => t_with("monitor_poll_every", &[&(p.after_ms / 1000).to_string()]),
        None => t("monitor_poll_none"),
    };
    let limited = match &state.last_error {
        Some(FlowError::Api(e)) if e.kind() == ErrorKind::RateLimited => Some(
            e.retry_after()
                .map(|s| t_with("error_retry_after", &[&s.to_string()]))
                .unwrap_or_default(),
        ),
        _ => None,
    };
    html! {
        <section class="budget" aria-labelledby="monitor-budget-title">
            <h3 id="monitor-budget-title">{ t("monitor_budget") }</h3>
            <p data-testid="budget-remaining">{ match remaining {
                Some(n) => t_with("monitor_budget_remaining", &[&n.to_string(), &DAILY_BUDGET.to_string()]),
                None => t_with("monitor_budget_unknown", &[&DAILY_BUDGET.to_string()]),
            } }</p>
            <p>{ cadence }{ " " }{ t("monitor_poll_hidden") }</p>
            if let Some(wait) = limited {
                <p role="alert">{ t("monitor_rate_limited") }{ " " }{ wait }</p>
            }
        </section>
    }
}
