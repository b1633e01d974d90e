//! Step 6, Salesforce: the authorize URL, the consent tab, and the wait for the user to finish
//! consent there. The wait survives the popup closing (it is part of the serialised state); pages poll every 5 s while it runs and
//! stop after 15 minutes, offering "check again".

use serde::{Deserialize, Serialize};

use super::{ready, start};
use crate::api::connections::{ConnRef, CreateAuthorizeUrl};
use crate::api::model::{AuthorizeUrl, Connection, ConnectionState};
use crate::api::{ApiError, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::ok_or_fail;
use crate::flow::state::SfEnvironment;
use crate::flow::{FlowError, State, Step};

/// Poll the connection this often while waiting for Salesforce.
pub const POLL_MS: u64 = 5_000;
/// Stop waiting after this long.
pub const WAIT_LIMIT_MS: u64 = 15 * 60 * 1_000;
/// `next` when the UI has not said where the browser should land (the CLI's choice).
pub const DEFAULT_NEXT: &str = "http://localhost:18000";

/// Whether a wait that started at `since_ms` is still within the limit at `now_ms`.
pub fn still_waiting(since_ms: u64, now_ms: u64) -> bool {
    now_ms.saturating_sub(since_ms) < WAIT_LIMIT_MS
}

/// Whether the connection shows that Salesforce authorization finished: it has left `NEW` and
/// `NEED_AUTHENTICATION` and names an org.
pub fn authorized(conn: &Connection) -> bool {
    !matches!(
        conn.state,
        Some(ConnectionState::New) | Some(ConnectionState::NeedAuthentication) | None
    ) && conn.is_authorized()
}

/// What happens on the Salesforce step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SalesforceMsg {
    /// The user chose the Salesforce environment.
    EnvironmentChosen {
        /// Environment.
        environment: SfEnvironment,
        /// My Domain for `Custom`.
        domain: Option<String>,
    },
    /// The user asked to authorize; `next` is where the browser should land.
    AuthorizeRequested {
        /// An extension page URL.
        next: String,
    },
    /// `POST …/authorize_url` answered.
    UrlReceived(Result<AuthorizeUrl, ApiError>),
    /// The consent tab was opened at `now_ms`.
    WaitStarted {
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
    /// "Check again" after the wait expired.
    CheckAgain {
        /// Milliseconds since the epoch.
        now_ms: u64,
    },
}

impl SalesforceMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            SalesforceMsg::UrlReceived(Err(e)) => Some(e),
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: SalesforceMsg) {
    match msg {
        SalesforceMsg::EnvironmentChosen {
            environment,
            domain,
        } => {
            s.sf_environment = environment;
            s.sf_domain = domain
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty());
        }
        SalesforceMsg::AuthorizeRequested { next } => {
            let connected = s.connection().is_some();
            if connected && s.sf_environment == SfEnvironment::Custom && s.sf_domain.is_none() {
                s.last_error = Some(FlowError::MissingSalesforceDomain);
            } else if ready(s, connected, Step::Salesforce) {
                s.sf_next = Some(next);
                start(s);
            }
        }
        SalesforceMsg::UrlReceived(r) => {
            if let Some(a) = ok_or_fail(s, r) {
                s.authorize_redirect = Some(a.redirect);
            }
        }
        SalesforceMsg::WaitStarted { now_ms } | SalesforceMsg::CheckAgain { now_ms } => {
            s.sf_waiting_since_ms = Some(now_ms);
            s.sf_wait_expired = false;
            if matches!(s.last_error, Some(FlowError::SalesforceWaitExpired)) {
                s.last_error = None;
            }
        }
    }
}

pub(crate) fn effects(after: &State, msg: &SalesforceMsg, out: &mut Vec<Effect>) {
    match msg {
        SalesforceMsg::AuthorizeRequested { .. } => {
            if let (true, Some(next)) = (after.busy, after.sf_next.clone()) {
                out.push(Effect::AuthorizeUrl {
                    environment: after.sf_environment.as_str().to_owned(),
                    domain: after.sf_domain.clone(),
                    next,
                });
            }
        }
        SalesforceMsg::UrlReceived(Ok(answer)) => {
            out.push(Effect::OpenSalesforce(answer.redirect.clone()))
        }
        SalesforceMsg::CheckAgain { .. } => out.push(Effect::PollConnection),
        _ => {}
    }
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    if state.sf_wait_expired {
        v.push(UserAction::CheckAgain);
    }
    if !state.waiting_for_salesforce() {
        v.extend([
            UserAction::ChooseSalesforceEnvironment,
            UserAction::Authorize,
        ]);
    }
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let Some(conn) = state.connection().and_then(|c| ConnRef::of(c).ok()) else {
        return Vec::new();
    };
    let mut v = Vec::new();
    if !state.waiting_for_salesforce() {
        v.push(RequestSpec::of(&CreateAuthorizeUrl {
            conn,
            environment: state.sf_environment.as_str().into(),
            domain: state.sf_domain.clone(),
            next: state.sf_next.clone().unwrap_or_else(|| DEFAULT_NEXT.into()),
            api_version: None,
        }));
    }
    v.extend(super::detail_call(state));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn salesforce() {
        let s = with_conn(Step::Salesforce, conn("NEED_AUTHENTICATION", true, false));
        let authorize = Action::Salesforce(SalesforceMsg::AuthorizeRequested { next: NEXT.into() });
        assert_eq!(
            run(&s, authorize.clone()),
            vec![Effect::AuthorizeUrl {
                environment: "production".into(),
                domain: None,
                next: NEXT.into()
            }]
        );
        let env = |environment, domain: Option<&str>| {
            Action::Salesforce(SalesforceMsg::EnvironmentChosen {
                environment,
                domain: domain.map(str::to_owned),
            })
        };
        assert_eq!(run(&s, env(SfEnvironment::Sandbox, None)), vec![]);
        // My Domain without a domain is refused before the call.
        let custom = reduce(&s, env(SfEnvironment::Custom, Some("  ")));
        assert_eq!(run(&custom, authorize.clone()), vec![]);
        let custom = reduce(
            &s,
            env(SfEnvironment::Custom, Some("acme.my.salesforce.com")),
        );
        assert_eq!(
            run(&custom, authorize.clone()),
            vec![Effect::AuthorizeUrl {
                environment: "custom".into(),
                domain: Some("acme.my.salesforce.com".into()),
                next: NEXT.into()
            }]
        );
        let asking = reduce(&s, authorize);
        let url = "https://login.salesforce.com/services/oauth2/authorize?state=x";
        assert_eq!(
            run(
                &asking,
                Action::Salesforce(SalesforceMsg::UrlReceived(Ok(AuthorizeUrl {
                    redirect: url.into()
                })))
            ),
            vec![Effect::OpenSalesforce(url.into())]
        );
        assert_eq!(
            run(
                &asking,
                Action::Salesforce(SalesforceMsg::UrlReceived(Err(err(409))))
            ),
            vec![]
        );
        let waiting = reduce(
            &asking,
            Action::Salesforce(SalesforceMsg::WaitStarted { now_ms: 1 }),
        );
        assert_eq!(run(&waiting, Action::Tick { now_ms: 2 }), vec![]);
        assert_eq!(
            run(
                &waiting,
                Action::Salesforce(SalesforceMsg::CheckAgain { now_ms: 3 })
            ),
            vec![Effect::PollConnection]
        );
        // The poll that sees consent moves to Import and needs no second read.
        let polled = Action::ConnectionPolled {
            result: Ok(conn("IDLE", true, true)),
            now_ms: 4,
        };
        assert_eq!(reduce(&waiting, polled.clone()).step, Step::Import);
        assert_eq!(run(&waiting, polled), vec![]);
    }

    #[test]
    fn wait_limit() {
        assert!(still_waiting(1_000, 1_000));
        assert!(still_waiting(1_000, 1_000 + WAIT_LIMIT_MS - 1));
        assert!(!still_waiting(1_000, 1_000 + WAIT_LIMIT_MS));
        assert!(
            still_waiting(5_000, 1_000),
            "a clock going backwards never ends the wait early"
        );
    }

    #[test]
    fn authorization_seen() {
        let mut c = Connection {
            state: Some(ConnectionState::NeedAuthentication),
            ..Connection::default()
        };
        assert!(!authorized(&c));
        c.state = Some(ConnectionState::Idle);
        assert!(!authorized(&c), "no org yet");
        c.organization_id = Some("00D".into());
        assert!(authorized(&c));
    }
}
