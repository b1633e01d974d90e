//! Properties of the options page's machine (`flow::options`), on any sequence of what the user
//! does and of what the browser answers, in any order: the settings in force change only to ones
//! the browser stored, an emulator is never among them unless the browser granted its origin, and
//! the badge is on only once its choice was stored.

use connect_pilot::api::{ApiConfig, ConnectFlow};
use connect_pilot::flow::options::{Options, OptionsEffect, OptionsMsg};
use proptest::prelude::*;

const ORIGIN: &str = "http://127.0.0.1:8787";

fn answer<T: Clone + std::fmt::Debug + 'static>(ok: T) -> impl Strategy<Value = Result<T, String>> {
    prop_oneof![Just(Ok(ok)), Just(Err("refused".to_owned()))]
}

fn msg() -> impl Strategy<Value = OptionsMsg> {
    prop_oneof![
        (any::<bool>(), any::<bool>()).prop_map(|(badge_on, token_remembered)| {
            OptionsMsg::Loaded {
                config: ApiConfig::default(),
                badge_on,
                token_remembered,
            }
        }),
        prop_oneof![Just(ConnectFlow::Discovery), Just(ConnectFlow::Legacy)]
            .prop_map(OptionsMsg::FlowChosen),
        prop::option::of(prop_oneof![Just(ORIGIN.to_owned()), Just(String::new())])
            .prop_map(|emulator_origin| OptionsMsg::SaveRequested { emulator_origin }),
        prop_oneof![answer(true), answer(false)].prop_map(OptionsMsg::OriginAllowed),
        answer(()).prop_map(OptionsMsg::SettingsSaved),
        Just(OptionsMsg::ForgetRequested),
        answer(()).prop_map(OptionsMsg::TokenForgotten),
        any::<bool>().prop_map(OptionsMsg::BadgeRequested),
        prop_oneof![answer(true), answer(false)].prop_map(OptionsMsg::AlarmsAllowed),
        answer(()).prop_map(OptionsMsg::BadgeStored),
    ]
}

proptest! {
    #[test]
    fn only_what_the_browser_granted_and_stored_is_in_force(
        msgs in prop::collection::vec(msg(), 1..40)
    ) {
        let mut o = Options::default();
        // What the page last asked the browser to store, and whether it granted the origin.
        let (mut storing, mut storing_badge, mut granted) = (None::<ApiConfig>, None::<bool>, false);
        for m in msgs {
            let before = o.clone();
            let effect = o.update(m.clone());
            match &m {
                OptionsMsg::Loaded { .. } => {}
                OptionsMsg::FlowChosen(flow) => {
                    prop_assert_eq!(o.config.as_ref().map(|c| c.flow), before.config.as_ref().map(|_| *flow));
                }
                OptionsMsg::SettingsSaved(Ok(())) if o.config != before.config => {
                    prop_assert_eq!(o.config.clone(), storing.clone(), "only the settings sent to be stored");
                }
                _ => prop_assert_eq!(&o.config, &before.config, "after {:?}", m),
            }
            if o.badge_on != before.badge_on && !matches!(m, OptionsMsg::Loaded { .. }) {
                prop_assert_eq!(&m, &OptionsMsg::BadgeStored(Ok(())));
                prop_assert_eq!(Some(o.badge_on), storing_badge, "only the choice sent to be stored");
            }
            match &m {
                OptionsMsg::OriginAllowed(Ok(true)) => granted = true,
                OptionsMsg::SaveRequested { .. } => granted = false,
                _ => {}
            }
            match effect {
                Some(OptionsEffect::SaveSettings(config)) => {
                    // An emulator is stored only after the browser granted it.
                    prop_assert!(config.emulator_origin.is_none() || granted, "{:?}", config);
                    storing = Some(config);
                }
                Some(OptionsEffect::StoreBadge(on)) => storing_badge = Some(on),
                _ => {}
            }
        }
    }
}
