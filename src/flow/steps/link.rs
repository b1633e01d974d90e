//! Step 3, link: the Heroku user joins the Connect add-on's access list (`POST /auth/<app>`, or
//! the legacy grant on the app's region). Discovery of the connections follows at once.

use serde::{Deserialize, Serialize};

use super::{ready, start};
use crate::api::central::GrantAccess;
use crate::api::discovery::legacy_region_url;
use crate::api::legacy::LegacyGrantAccess;
use crate::api::model::AuthAnswer;
use crate::api::{ApiError, ConnectFlow, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::{mark_linked, ok_or_fail};
use crate::flow::{State, Step};

/// What happens on the link step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LinkMsg {
    /// The user asked to link (join the access list).
    Requested,
    /// `POST /auth/<app>` (or the legacy grant) answered.
    Linked(Result<AuthAnswer, ApiError>),
}

impl LinkMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            LinkMsg::Linked(Err(e)) => Some(e),
            LinkMsg::Requested | LinkMsg::Linked(Ok(_)) => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: LinkMsg) {
    match msg {
        LinkMsg::Requested => {
            if ready(s, s.app.is_some(), Step::App) {
                start(s);
            }
        }
        LinkMsg::Linked(r) => {
            if ok_or_fail(s, r).is_some() {
                // Discovery of the app's connections follows the link at once; the Connection step
                // shows "searching" until it answers rather than "none found".
                s.busy = s.app.is_some();
                mark_linked(s);
                if s.step <= Step::Link {
                    s.step = Step::Connection;
                }
            }
        }
    }
}

pub(crate) fn effects(after: &State, msg: &LinkMsg, out: &mut Vec<Effect>) {
    let Some(app) = after.app_name() else {
        return;
    };
    match msg {
        LinkMsg::Requested => out.push(Effect::Link(app.to_owned())),
        LinkMsg::Linked(Ok(_)) => out.push(Effect::Discover(app.to_owned())),
        LinkMsg::Linked(Err(_)) => {}
    }
}

pub(crate) fn available(v: &mut Vec<UserAction>) {
    v.push(UserAction::Link);
}

/// The legacy flow's base URL, from the app's region.
pub(crate) fn legacy_base(state: &State) -> Option<String> {
    legacy_region_url(state.app_region.as_deref()?, None).ok()
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let Some(app) = state.app_name().map(str::to_owned) else {
        return Vec::new();
    };
    vec![match (state.flow, legacy_base(state)) {
        (Some(ConnectFlow::Legacy), Some(region_url)) => {
            RequestSpec::of(&LegacyGrantAccess { region_url, app })
        }
        _ => RequestSpec::of(&GrantAccess { app }),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn link_and_discovery() {
        let s = with_app(Step::Link);
        assert_eq!(
            run(&s, Action::Link(LinkMsg::Requested)),
            vec![Effect::Link("acme-sync".into())]
        );
        // Linking asks for discovery and enters the Connection step, which would ask again:
        // exactly one discovery.
        let linking = reduce(&s, Action::Link(LinkMsg::Requested));
        assert_eq!(
            run(
                &linking,
                Action::Link(LinkMsg::Linked(Ok(Default::default())))
            ),
            vec![Effect::Discover("acme-sync".into())]
        );
        // Busy until discovery answers, so the step says it is searching.
        let linked = reduce(
            &linking,
            Action::Link(LinkMsg::Linked(Ok(Default::default()))),
        );
        assert_eq!((linked.step, linked.busy), (Step::Connection, true));
        // Refused to a non-member: no second link, only the user's own apps for the picker.
        assert_eq!(
            run(&linking, Action::Link(LinkMsg::Linked(Err(err(403))))),
            vec![Effect::LoadApps]
        );
        assert_eq!(
            run(
                &with_app(Step::Connection),
                Action::Connection(ConnectionMsg::DiscoverRequested)
            ),
            vec![Effect::Discover("acme-sync".into())]
        );

        let found = |c: Connection| {
            Action::Connection(ConnectionMsg::Discovered(Ok(Discovered {
                connections: vec![c],
                flow: crate::api::ConnectFlow::Discovery,
                used_fallback: false,
            })))
        };
        // One NEW connection: chosen, Database entered, its choices loaded.
        assert_eq!(
            run(&linking, found(conn("NEW", false, false))),
            vec![Effect::LoadDbKeys("acme-sync".into())]
        );
        // An authorized one lands on Import, and the discovery read is fresh: no re-read.
        assert_eq!(run(&linking, found(conn("IDLE", true, true))), vec![]);
    }
}
