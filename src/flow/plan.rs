//! For each state: what the user can do, and which API calls the next action makes. The UI
//! shows the first as buttons and the second as "Copy as curl" / "Copy as Heroku CLI command".
//!
//! The import call is not listed: its body is the document the user drops, which the state
//! does not hold (it can be large and belongs to `crate::config`).

use super::addons::{self, AddonKind};
use super::state::State;
use super::Step;
use crate::api::central::{GrantAccess, SearchConnections};
use crate::api::connections::{
    ConnRef, ConnectionDetail, CreateAuthorizeUrl, GetDbKeys, UpdateConnection,
};
use crate::api::discovery::legacy_region_url;
use crate::api::legacy::{LegacyConnections, LegacyGrantAccess};
use crate::api::model::AddonCreate;
use crate::api::platform::{CreateAddon, GetAccount, GetApp, ListAddons, ListApps};
use crate::api::{ConnectFlow, RequestSpec};

/// Something the user can do now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum UserAction {
    /// Enter a token.
    EnterToken,
    /// Forget the stored token.
    ForgetToken,
    /// Pick an app from the list.
    PickApp,
    /// Create a new app.
    CreateApp,
    /// Add a missing add-on.
    AddAddon(AddonKind),
    /// List the add-ons again (provisioning progress).
    RefreshAddons,
    /// Join the access list.
    Link,
    /// Find the connections.
    Discover,
    /// Choose among several connections.
    ChooseConnection,
    /// Save db_key and schema.
    SaveDatabase,
    /// Pick production, sandbox or My Domain.
    ChooseSalesforceEnvironment,
    /// Open Salesforce consent.
    Authorize,
    /// Check the connection again after the wait expired.
    CheckAgain,
    /// Import a configuration.
    Import,
    /// Go on without importing.
    SkipImport,
    /// Go to the monitor.
    OpenMonitor,
    /// One step back.
    Back,
    /// Hide the error.
    DismissError,
}

/// What the user can do in `state`.
pub fn available_actions(state: &State) -> Vec<UserAction> {
    use UserAction as U;
    let mut v = Vec::new();
    if state.busy {
        return v;
    }
    match state.step {
        Step::Token => {
            v.push(U::EnterToken);
            if state.token_remembered {
                v.push(U::ForgetToken);
            }
        }
        Step::App => {
            v.extend([U::PickApp, U::CreateApp]);
            // Someone the app's owner lets in, or another account, is the way past a denial.
            if state.app_denied.is_some() {
                v.push(U::EnterToken);
            }
        }
        Step::Addons => {
            v.extend(addons::missing(&state.addons).into_iter().map(U::AddAddon));
            v.push(U::RefreshAddons);
        }
        Step::Link => v.push(U::Link),
        Step::Connection => {
            v.push(U::Discover);
            if state.connections.len() > 1 {
                v.push(U::ChooseConnection);
            }
        }
        Step::Database => v.push(U::SaveDatabase),
        Step::Salesforce => {
            if state.sf_wait_expired {
                v.push(U::CheckAgain);
            }
            if !state.waiting_for_salesforce() {
                v.extend([U::ChooseSalesforceEnvironment, U::Authorize]);
            }
        }
        Step::Import => {
            if !state.import_pending {
                v.extend([U::Import, U::SkipImport]);
            }
        }
        Step::Monitor => {}
    }
    if state.step != Step::Monitor
        && state.can_enter(Step::Monitor)
        && !matches!(state.step, Step::Import)
    {
        v.push(U::OpenMonitor);
    }
    if state.step.previous().is_some() {
        v.push(U::Back);
    }
    if state.last_error.is_some() {
        v.push(U::DismissError);
    }
    v
}

/// The calls the next action in `state` makes, in order, as data.
pub fn next_calls(state: &State) -> Vec<RequestSpec> {
    let app = state.app_name().map(str::to_string);
    let conn = state.connection();
    let conn_ref = conn.and_then(|c| ConnRef::of(c).ok());
    let detail = || {
        conn.and_then(|c| ConnectionDetail::of(c).ok())
            .map(|d| RequestSpec::of(&d))
    };
    let legacy_base = || legacy_region_url(state.app_region.as_deref()?, None).ok();
    let mut v = Vec::new();
    match state.step {
        Step::Token => v.push(RequestSpec::of(&GetAccount)),
        Step::App => {
            v.push(RequestSpec::of(&ListApps));
            // A refused app's read is a call that must fail again: not one to copy.
            if let Some(a) = app.as_ref().filter(|_| state.app_denied.is_none()) {
                v.push(RequestSpec::of(&GetApp { app: a.clone() }));
            }
        }
        Step::Addons => {
            if let Some(a) = &app {
                for kind in addons::missing(&state.addons) {
                    let plan = match kind {
                        AddonKind::Postgres => state.postgres_plan.clone(),
                        AddonKind::Connect => state.connect_plan.clone(),
                    };
                    let addon = AddonCreate {
                        plan,
                        ..AddonCreate::default()
                    };
                    v.push(RequestSpec::of(&CreateAddon {
                        app: a.clone(),
                        addon,
                    }));
                }
                v.push(RequestSpec::of(&ListAddons { app: a.clone() }));
            }
        }
        Step::Link => {
            if let Some(a) = &app {
                match (state.flow, legacy_base()) {
                    (Some(ConnectFlow::Legacy), Some(base)) => {
                        v.push(RequestSpec::of(&LegacyGrantAccess {
                            region_url: base,
                            app: a.clone(),
                        }))
                    }
                    _ => v.push(RequestSpec::of(&GrantAccess { app: a.clone() })),
                }
            }
        }
        Step::Connection => {
            if let Some(a) = &app {
                match (state.flow, legacy_base()) {
                    (Some(ConnectFlow::Legacy), Some(base)) => {
                        v.push(RequestSpec::of(&LegacyConnections {
                            region_url: base,
                            app: a.clone(),
                        }))
                    }
                    _ => v.push(RequestSpec::of(&SearchConnections {
                        app: a.clone(),
                        resource_name: None,
                    })),
                }
            }
        }
        Step::Database => {
            if let (Some(c), Some(a)) = (&conn_ref, &app) {
                v.push(RequestSpec::of(&GetDbKeys {
                    region_url: c.region_url.clone(),
                    app: a.clone(),
                }));
                v.push(RequestSpec::of(&UpdateConnection {
                    conn: c.clone(),
                    db_key: state.db_key.clone(),
                    schema_name: Some(state.schema_name.clone()),
                    name: None,
                }));
                v.extend(detail());
            }
        }
        Step::Salesforce => {
            if let Some(c) = &conn_ref {
                if !state.waiting_for_salesforce() {
                    v.push(RequestSpec::of(&CreateAuthorizeUrl {
                        conn: c.clone(),
                        environment: state.sf_environment.as_str().into(),
                        domain: state.sf_domain.clone(),
                        next: state
                            .sf_next
                            .clone()
                            .unwrap_or_else(|| super::salesforce::DEFAULT_NEXT.into()),
                        api_version: None,
                    }));
                }
                v.extend(detail());
            }
        }
        Step::Import | Step::Monitor => v.extend(detail()),
    }
    v
}
