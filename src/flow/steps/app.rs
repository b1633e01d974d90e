//! Step 1, second half: the app. It comes from the dashboard tab the popup was opened over, the
//! last one used, the user's list, or a new app (`POST /apps`). Heroku's refusal of an app keeps
//! the user here (see [`crate::flow::access`]), where the way out is another app or token.

use serde::{Deserialize, Serialize};

use super::start;
use crate::api::model::App;
use crate::api::platform::{GetApp, ListApps};
use crate::api::{ApiError, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::{choose_app, follow_tab, ok_or_fail};
use crate::flow::state::AppSource;
use crate::flow::State;

/// What happens on the app step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AppMsg {
    /// The active tab's URL, to detect a dashboard app.
    DashboardUrlSeen {
        /// The tab URL.
        url: String,
        /// Enabled emulator origin, for the emulator's dashboard.
        emulator_origin: Option<String>,
    },
    /// `GET /apps` answered.
    ListLoaded(Result<Vec<App>, ApiError>),
    /// The user chose an app.
    Chosen {
        /// App name.
        name: String,
        /// Where it came from.
        source: AppSource,
    },
    /// `GET /apps/<app>` answered (region).
    Loaded(Result<App, ApiError>),
    /// The user asked to create an app; `POST /apps` follows.
    CreateRequested {
        /// Requested name; Heroku invents one when absent.
        name: Option<String>,
        /// `us` or `eu`.
        region: String,
    },
    /// `POST /apps` answered.
    Created(Result<App, ApiError>),
}

impl AppMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            AppMsg::ListLoaded(Err(e)) | AppMsg::Loaded(Err(e)) | AppMsg::Created(Err(e)) => {
                Some(e)
            }
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: AppMsg) {
    match msg {
        AppMsg::DashboardUrlSeen {
            url,
            emulator_origin,
        } => {
            if let Some(name) =
                crate::flow::app_from_dashboard_url(&url, emulator_origin.as_deref())
            {
                follow_tab(s, name);
            }
        }
        AppMsg::ListLoaded(r) => {
            if let Some(apps) = ok_or_fail(s, r) {
                s.apps = apps;
                s.apps_loaded = true;
            }
        }
        AppMsg::Chosen { name, source } => {
            if crate::flow::app_url::valid_app_name(&name) {
                choose_app(s, name, source);
            }
        }
        AppMsg::Loaded(r) => {
            if let Some(app) = ok_or_fail(s, r) {
                if s.app_name() == Some(app.name.as_str()) {
                    s.app_region = app.region_name().map(str::to_string);
                }
            }
        }
        AppMsg::CreateRequested { .. } => start(s),
        AppMsg::Created(r) => {
            if let Some(app) = ok_or_fail(s, r) {
                let region = app.region_name().map(str::to_string);
                choose_app(s, app.name.clone(), AppSource::Created);
                s.app_region = region;
                s.apps.push(app);
            }
        }
    }
}

pub(crate) fn effects(msg: &AppMsg, out: &mut Vec<Effect>) {
    if let AppMsg::CreateRequested { name, region } = msg {
        out.push(Effect::CreateApp {
            name: name.clone(),
            region: region.clone(),
        });
    }
}

/// The picker needs the list, even when the page closed before the first answer came.
pub(crate) fn entry(after: &State) -> Vec<Effect> {
    if after.apps.is_empty() {
        vec![Effect::LoadApps]
    } else {
        Vec::new()
    }
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    v.extend([UserAction::PickApp, UserAction::CreateApp]);
    // Someone the app's owner lets in, or another account, is the way past a denial.
    if state.app_denied.is_some() {
        v.push(UserAction::EnterToken);
    }
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let mut v = vec![RequestSpec::of(&ListApps)];
    // A refused app's read is a call that must fail again: not one to copy.
    if let Some(app) = state.app_name().filter(|_| state.app_denied.is_none()) {
        v.push(RequestSpec::of(&GetApp {
            app: app.to_owned(),
        }));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn app_steps() {
        let s = State {
            step: Step::App,
            token_present: true,
            ..State::default()
        };
        let chosen = Action::App(AppMsg::Chosen {
            name: "acme-blank".into(),
            source: AppSource::Picked,
        });
        assert_eq!(
            run(&s, chosen.clone()),
            vec![
                Effect::LoadApp("acme-blank".into()),
                Effect::LoadAddons("acme-blank".into())
            ]
        );
        // Choosing the app already shown changes nothing to load.
        let again = reduce(&s, chosen.clone());
        assert_eq!(run(&again, chosen), vec![]);
        // An invalid name is ignored, so nothing is loaded.
        let bad = Action::App(AppMsg::Chosen {
            name: "Bad Name".into(),
            source: AppSource::Picked,
        });
        assert_eq!(run(&s, bad), vec![]);
        assert_eq!(
            run(
                &s,
                Action::App(AppMsg::CreateRequested {
                    name: Some("acme-new".into()),
                    region: "eu".into()
                })
            ),
            vec![Effect::CreateApp {
                name: Some("acme-new".into()),
                region: "eu".into()
            }]
        );
    }
}
