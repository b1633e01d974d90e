//! Step 2, the add-ons: Postgres and Heroku Connect on the app. Which of them are missing, which
//! plans the user may pick, how far provisioning has come, and the calls that add them.

use super::{ready, start};
use crate::api::model::{Addon, AddonCreate};
use crate::api::platform::{CreateAddon, ListAddons};
use crate::api::{ApiError, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::ok_or_fail;
use crate::flow::{FlowError, State, Step};

/// Plans offered for Postgres; the first is the default.
pub const POSTGRES_PLANS: [&str; 3] = [
    "heroku-postgresql:essential-0",
    "heroku-postgresql:essential-1",
    "heroku-postgresql:essential-2",
];
/// Plans offered for Heroku Connect.
pub const CONNECT_PLANS: [&str; 1] = ["herokuconnect:demo"];

/// The two add-ons a sync needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum AddonKind {
    /// `heroku-postgresql`.
    Postgres,
    /// `herokuconnect`.
    Connect,
}

impl AddonKind {
    /// Both kinds.
    pub const ALL: [AddonKind; 2] = [AddonKind::Postgres, AddonKind::Connect];

    /// The add-on service name.
    pub fn service(self) -> &'static str {
        match self {
            AddonKind::Postgres => "heroku-postgresql",
            AddonKind::Connect => "herokuconnect",
        }
    }

    /// Plans the user may choose.
    pub fn plans(self) -> &'static [&'static str] {
        match self {
            AddonKind::Postgres => &POSTGRES_PLANS,
            AddonKind::Connect => &CONNECT_PLANS,
        }
    }

    /// The default plan.
    pub fn default_plan(self) -> &'static str {
        self.plans()[0]
    }

    /// Which kind an add-on is, if either.
    pub fn of(addon: &Addon) -> Option<AddonKind> {
        AddonKind::ALL
            .into_iter()
            .find(|k| addon.service_name() == Some(k.service()))
    }
}

/// How far an add-on kind has come on the app.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AddonProgress {
    /// Not on the app.
    Missing,
    /// Created; Heroku is provisioning it.
    Provisioning,
    /// Ready.
    Provisioned,
    /// Some other state (e.g. `deprovisioned`), kept verbatim.
    Other(String),
}

/// The progress of `kind` among `addons`: the best state of any add-on of that kind.
pub fn progress(addons: &[Addon], kind: AddonKind) -> AddonProgress {
    let mine: Vec<&Addon> = addons
        .iter()
        .filter(|a| AddonKind::of(a) == Some(kind))
        .collect();
    if mine.is_empty() {
        AddonProgress::Missing
    } else if mine.iter().any(|a| a.is_provisioned()) {
        AddonProgress::Provisioned
    } else if mine
        .iter()
        .any(|a| matches!(a.state.as_deref(), Some("provisioning" | "creating") | None))
    {
        AddonProgress::Provisioning
    } else {
        AddonProgress::Other(mine[0].state.clone().unwrap_or_default())
    }
}

/// Kinds with no usable add-on (missing or in some other state).
pub fn missing(addons: &[Addon]) -> Vec<AddonKind> {
    AddonKind::ALL
        .into_iter()
        .filter(|k| {
            matches!(
                progress(addons, *k),
                AddonProgress::Missing | AddonProgress::Other(_)
            )
        })
        .collect()
}

/// Whether both add-ons are provisioned.
pub fn all_provisioned(addons: &[Addon]) -> bool {
    AddonKind::ALL
        .into_iter()
        .all(|k| progress(addons, k) == AddonProgress::Provisioned)
}

/// Whether the plan is one the user may pick for this kind.
pub fn plan_allowed(kind: AddonKind, plan: &str) -> bool {
    kind.plans().contains(&plan)
}

/// What happens on the add-ons step.
// As large as `Action` already is (a read connection); made once per answer and consumed at once.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum AddonsMsg {
    /// `GET /apps/<app>/addons` answered.
    Loaded(Result<Vec<Addon>, ApiError>),
    /// The user picked a plan.
    PlanChosen {
        /// Which add-on.
        kind: AddonKind,
        /// The plan.
        plan: String,
    },
    /// The user asked to add an add-on.
    CreateRequested(AddonKind),
    /// `POST /apps/<app>/addons` answered.
    Created(Result<Addon, ApiError>),
}

impl AddonsMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            AddonsMsg::Loaded(Err(e)) | AddonsMsg::Created(Err(e)) => Some(e),
            _ => None,
        }
    }
}

/// The plan chosen for `kind`: what the create call asks for, and what "Copy as curl" shows.
pub fn chosen_plan(state: &State, kind: AddonKind) -> String {
    match kind {
        AddonKind::Postgres => state.postgres_plan.clone(),
        AddonKind::Connect => state.connect_plan.clone(),
    }
}

pub(crate) fn reduce(s: &mut State, msg: AddonsMsg) {
    match msg {
        AddonsMsg::Loaded(r) => {
            if let Some(list) = ok_or_fail(s, r) {
                s.addons = list;
                if s.step == Step::Addons && all_provisioned(&s.addons) {
                    s.step = if s.linked {
                        Step::Connection
                    } else {
                        Step::Link
                    };
                }
            }
        }
        AddonsMsg::PlanChosen { kind, plan } => {
            if plan_allowed(kind, &plan) {
                match kind {
                    AddonKind::Postgres => s.postgres_plan = plan,
                    AddonKind::Connect => s.connect_plan = plan,
                }
            } else {
                s.last_error = Some(FlowError::PlanNotOffered(plan));
            }
        }
        AddonsMsg::CreateRequested(kind) => {
            if ready(s, s.app.is_some(), Step::App) {
                start(s);
                if !s.addons_requested.contains(&kind) {
                    s.addons_requested.push(kind);
                }
            }
        }
        AddonsMsg::Created(r) => {
            if let Some(addon) = ok_or_fail(s, r) {
                let same = |a: &Addon| a.id.is_some() && a.id == addon.id;
                match s.addons.iter_mut().find(|a| same(a)) {
                    Some(old) => *old = addon,
                    None => s.addons.push(addon),
                }
            }
        }
    }
}

pub(crate) fn effects(after: &State, msg: &AddonsMsg, out: &mut Vec<Effect>) {
    if let (AddonsMsg::CreateRequested(kind), Some(app)) = (msg, after.app_name()) {
        out.push(Effect::CreateAddon {
            app: app.to_owned(),
            plan: chosen_plan(after, *kind),
        });
    }
}

/// The app's add-ons; its region too unless the app list already said it, which spares a
/// `GET /apps/<app>`.
pub(crate) fn entry(after: &State, app: &str) -> Vec<Effect> {
    let mut v = Vec::new();
    if after.app_region.is_none() {
        v.push(Effect::LoadApp(app.to_owned()));
    }
    v.push(Effect::LoadAddons(app.to_owned()));
    v
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    v.extend(missing(&state.addons).into_iter().map(UserAction::AddAddon));
    v.push(UserAction::RefreshAddons);
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    let Some(app) = state.app_name() else {
        return Vec::new();
    };
    let mut v: Vec<RequestSpec> = missing(&state.addons)
        .into_iter()
        .map(|kind| {
            RequestSpec::of(&CreateAddon {
                app: app.to_owned(),
                addon: AddonCreate {
                    plan: chosen_plan(state, kind),
                    ..AddonCreate::default()
                },
            })
        })
        .collect();
    v.push(RequestSpec::of(&ListAddons {
        app: app.to_owned(),
    }));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn addons() {
        let s = with_app(Step::Addons);
        assert_eq!(
            run(
                &s,
                Action::Addons(AddonsMsg::CreateRequested(AddonKind::Connect))
            ),
            vec![Effect::CreateAddon {
                app: "acme-sync".into(),
                plan: "herokuconnect:demo".into()
            }]
        );
        // The chosen plan is the one created.
        let s = reduce(
            &s,
            Action::Addons(AddonsMsg::PlanChosen {
                kind: AddonKind::Postgres,
                plan: "heroku-postgresql:essential-1".into(),
            }),
        );
        assert_eq!(
            run(
                &s,
                Action::Addons(AddonsMsg::CreateRequested(AddonKind::Postgres))
            ),
            vec![Effect::CreateAddon {
                app: "acme-sync".into(),
                plan: "heroku-postgresql:essential-1".into()
            }]
        );
        // No app: nothing to create it on.
        let none = State {
            step: Step::Addons,
            ..State::default()
        };
        assert_eq!(
            run(
                &none,
                Action::Addons(AddonsMsg::CreateRequested(AddonKind::Postgres))
            ),
            vec![]
        );
        assert_eq!(
            run(&s, Action::Addons(AddonsMsg::Loaded(Ok(vec![])))),
            vec![]
        );
    }
    use crate::api::model::Named;

    fn addon(service: &str, state: &str) -> Addon {
        Addon {
            addon_service: Some(Named {
                id: None,
                name: Some(service.into()),
            }),
            state: Some(state.into()),
            ..Addon::default()
        }
    }

    #[test]
    fn progress_and_missing() {
        let list = vec![
            addon("heroku-postgresql", "provisioned"),
            addon("herokuconnect", "provisioning"),
        ];
        assert_eq!(
            progress(&list, AddonKind::Postgres),
            AddonProgress::Provisioned
        );
        assert_eq!(
            progress(&list, AddonKind::Connect),
            AddonProgress::Provisioning
        );
        assert!(missing(&list).is_empty());
        assert!(!all_provisioned(&list));
        assert_eq!(missing(&[]), vec![AddonKind::Postgres, AddonKind::Connect]);
        let gone = vec![addon("herokuconnect", "deprovisioned")];
        assert_eq!(
            progress(&gone, AddonKind::Connect),
            AddonProgress::Other("deprovisioned".into())
        );
        assert_eq!(
            missing(&gone),
            vec![AddonKind::Postgres, AddonKind::Connect]
        );
        assert!(plan_allowed(
            AddonKind::Postgres,
            "heroku-postgresql:essential-2"
        ));
        assert!(!plan_allowed(AddonKind::Connect, "herokuconnect:shield"));
    }
}
