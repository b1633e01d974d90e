//! `connect:diagnose`: starts a validation job, follows it until done (`flow::diagnose::Diagnosis`),
//! and shows errors, warnings, passes and skips for the connection and each mapping, each with its
//! documentation link. The grouping and the link filter are `flow::diagnose`'s.

use super::store_ext::error_text;
use crate::browser::i18n::{t, t_with};
use crate::flow::diagnose::{report, safe_doc_url, totals, Diagnosis, Section};
use crate::flow::Action;
use crate::flow::MonitorMsg;
use crate::ui::steps::use_store;
use yew::prelude::*;

/// The report's sections as nested lists; shared with a single mapping's diagnosis.
pub fn check_list(sections: &[Section]) -> Html {
    let section = |s: &Section| {
        let title = match &s.object_name {
            Some(name) => t_with("monitor_diag_mapping", &[name]),
            None => t("monitor_diag_connection"),
        };
        html! {
            <section class="diag-section">
                <h4>{ title }</h4>
                if s.groups.is_empty() {
                    <p>{ t("monitor_diag_nothing") }</p>
                }
                { for s.groups.iter().map(|(kind, checks)| html! {
                    <div class="diag-group">
                        <h5><span aria-hidden="true">{ kind.symbol() }{ " " }</span>{ t(kind.key()) }</h5>
                        <ul>{ for checks.iter().map(|c| html! {
                            <li>
                                <strong>{ c.display_name.clone().or(c.rule_id.clone()).unwrap_or_default() }</strong>
                                { " " }{ c.message.clone().unwrap_or_default() }
                                if let Some(url) = safe_doc_url(c) {
                                    { " " }<a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ t("monitor_diag_doc") }</a>
                                }
                            </li>
                        }) }</ul>
                    </div>
                }) }
            </section>
        }
    };
    html! { <div class="diag-report">{ for sections.iter().map(section) }</div> }
}

/// The diagnose button and its report; the diagnosis itself is the setup state's, so a page
/// reopened while it runs shows it running, then its result.
#[function_component(Diagnose)]
pub fn diagnose() -> Html {
    let store = use_store();
    let state = store.state();
    let onrun = Callback::from(move |_: MouseEvent| {
        store.dispatch(Action::Monitor(MonitorMsg::DiagnoseRequested))
    });
    html! {
        <section class="diagnose" aria-labelledby="monitor-diagnose-title">
            <h3 id="monitor-diagnose-title">{ t("monitor_diagnose") }</h3>
            <button type="button" onclick={onrun} disabled={state.tab.diagnosis.running()}>{ t("monitor_diagnose_run") }</button>
            { match &state.tab.diagnosis {
                Diagnosis::Idle => Html::default(),
                Diagnosis::Running { .. } => html! { <p role="status" aria-busy="true" data-testid="diag-running">{ t("monitor_diag_running") }</p> },
                Diagnosis::Failed(Some(e)) => html! { <p role="alert">{ error_text(e) }</p> },
                Diagnosis::Failed(None) => html! { <p role="alert">{ t("monitor_diag_timed_out") }</p> },
                Diagnosis::Lost => html! { <p role="status" data-testid="diag-lost">{ t("monitor_diag_lost") }</p> },
                Diagnosis::Done(r) => {
                    let summary = totals(r).iter().map(|(k, n)| format!("{} {}: {n}", k.symbol(), t(k.key())))
                        .collect::<Vec<_>>().join(" · ");
                    html! {
                        <>
                            <p role="status" data-testid="diag-summary">{ summary }</p>
                            { check_list(&report(r)) }
                        </>
                    }
                }
            } }
        </section>
    }
}
