//! Add-ons step rules: which of Postgres and Heroku Connect are missing, which plans the user
//! may pick, and how far provisioning has come.

use crate::api::model::Addon;

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

#[cfg(test)]
mod tests {
    use super::*;
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
