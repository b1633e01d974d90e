//! The options page as a small state machine: how connections are found, the local emulator, the
//! stored token and the background badge. [`Options::update`] takes what the user did or what the
//! browser answered and says which browser call comes next; the page performs it and feeds the
//! answer back. An emulator origin is used only once the browser granted it, and the badge is on
//! only once the `alarms` permission was granted and the choice stored.

use crate::api::{ApiConfig, ConnectFlow};

/// What the page says after the last thing the user did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The settings (or the badge) were saved.
    Saved,
    /// The browser did not grant the emulator origin; nothing changed.
    EmulatorDenied,
    /// The stored token was removed.
    TokenForgotten,
    /// The browser did not grant `alarms`, so the badge stays off.
    BadgeDenied,
    /// The badge could not be switched (the browser's words).
    BadgeFailed(String),
    /// The browser refused something else (its words).
    Failed(String),
}

/// What happens on the options page.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionsMsg {
    /// The stored settings, badge choice and whether a token is remembered.
    Loaded {
        /// The settings.
        config: ApiConfig,
        /// The badge is on.
        badge_on: bool,
        /// A token is remembered on this device (the badge needs one).
        token_remembered: bool,
    },
    /// The user picked how connections are found (saved with the next Save).
    FlowChosen(ConnectFlow),
    /// The user saved, with the emulator origin typed (`None`: Heroku itself).
    SaveRequested {
        /// The origin, trimmed.
        emulator_origin: Option<String>,
    },
    /// The browser answered the request for the emulator origin.
    OriginAllowed(Result<bool, String>),
    /// The settings were stored, or not.
    SettingsSaved(Result<(), String>),
    /// The user asked to forget the stored token.
    ForgetRequested,
    /// The token was removed, or not.
    TokenForgotten(Result<(), String>),
    /// The user switched the badge on or off.
    BadgeRequested(bool),
    /// The browser answered the request for `alarms`.
    AlarmsAllowed(Result<bool, String>),
    /// The badge choice was stored, or not.
    BadgeStored(Result<(), String>),
}

/// A browser call the page makes for the options.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionsEffect {
    /// Read the settings, the badge choice and the token → [`OptionsMsg::Loaded`].
    Load,
    /// Ask for host access to the origin → [`OptionsMsg::OriginAllowed`].
    RequestOrigin(String),
    /// Store the settings → [`OptionsMsg::SettingsSaved`].
    SaveSettings(ApiConfig),
    /// Remove the token from every storage area → [`OptionsMsg::TokenForgotten`].
    ForgetToken,
    /// Ask for the `alarms` permission → [`OptionsMsg::AlarmsAllowed`].
    EnsureAlarms,
    /// Store the badge choice, which the worker watches → [`OptionsMsg::BadgeStored`].
    StoreBadge(bool),
}

/// The page's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The settings in force, once read.
    pub config: Option<ApiConfig>,
    /// The badge is on.
    pub badge_on: bool,
    /// A token is remembered on this device.
    pub token_remembered: bool,
    /// What the page says.
    pub notice: Option<Notice>,
    /// Settings waiting for the browser: for the emulator origin, or to be stored.
    settings: Option<Waiting<ApiConfig>>,
    /// A badge choice waiting for the browser: for `alarms`, or to be stored.
    badge: Option<Waiting<bool>>,
}

/// What a change waits for. One change of each kind at a time: the page offers no second one
/// while the browser has not answered the first, so every answer is the one awaited.
#[derive(Debug, Clone, PartialEq)]
enum Waiting<T> {
    /// The browser's grant (the emulator origin, or `alarms`).
    Grant(T),
    /// The browser storing it.
    Store(T),
}

impl<T: Clone> Waiting<T> {
    /// The grant `slot` waited for was answered. Yes: it now waits for the store, and this is what
    /// to store. No, or a failure (`Some`, the browser's words): the wait ends. `None`: nothing in
    /// `slot` waited for a grant.
    fn granted(
        slot: &mut Option<Self>,
        answer: Result<bool, String>,
    ) -> Option<Result<T, Option<String>>> {
        let Some(Waiting::Grant(value)) = slot.clone() else {
            return None;
        };
        *slot = None;
        Some(match answer {
            Ok(true) => {
                *slot = Some(Waiting::Store(value.clone()));
                Ok(value)
            }
            Ok(false) => Err(None),
            Err(e) => Err(Some(e)),
        })
    }

    /// The store `slot` waited for was answered: the value now stored, or the browser's words.
    /// `None`: nothing in `slot` waited for a store.
    fn stored(slot: &mut Option<Self>, answer: Result<(), String>) -> Option<Result<T, String>> {
        let Some(Waiting::Store(value)) = slot.clone() else {
            return None;
        };
        *slot = None;
        Some(answer.map(|()| value))
    }
}

impl Options {
    /// Whether the badge box shows on: the choice waiting for the browser, else what is stored.
    pub fn badge_shown(&self) -> bool {
        match self.badge {
            Some(Waiting::Grant(on) | Waiting::Store(on)) => on,
            None => self.badge_on,
        }
    }

    /// Whether a badge change waits for the browser (the box takes no second click meanwhile).
    pub fn badge_busy(&self) -> bool {
        self.badge.is_some()
    }

    /// Whether saved settings wait for the browser (Save takes no second click meanwhile).
    pub fn saving(&self) -> bool {
        self.settings.is_some()
    }

    /// Whether the badge is on without a remembered token, which it needs to check anything.
    pub fn badge_without_token(&self) -> bool {
        self.badge_on && !self.token_remembered
    }

    /// Applies `msg` and returns the browser call to make next, if any. An answer nobody waits
    /// for changes nothing.
    pub fn update(&mut self, msg: OptionsMsg) -> Option<OptionsEffect> {
        match msg {
            OptionsMsg::Loaded {
                config,
                badge_on,
                token_remembered,
            } => {
                self.config = Some(config);
                self.badge_on = badge_on;
                self.token_remembered = token_remembered;
                None
            }
            OptionsMsg::FlowChosen(flow) => {
                if let Some(config) = &mut self.config {
                    config.flow = flow;
                }
                None
            }
            OptionsMsg::SaveRequested { .. } if self.saving() => None,
            OptionsMsg::SaveRequested { emulator_origin } => {
                let flow = self.config.as_ref()?.flow;
                let origin = emulator_origin.filter(|o| !o.is_empty());
                let next = ApiConfig {
                    flow,
                    ..origin
                        .as_deref()
                        .map_or_else(ApiConfig::default, ApiConfig::emulator)
                };
                // The token may go to an emulator only once the browser let the extension reach it.
                Some(match origin {
                    Some(origin) => {
                        self.settings = Some(Waiting::Grant(next));
                        OptionsEffect::RequestOrigin(origin)
                    }
                    None => {
                        self.settings = Some(Waiting::Store(next.clone()));
                        OptionsEffect::SaveSettings(next)
                    }
                })
            }
            OptionsMsg::OriginAllowed(answer) => {
                match Waiting::granted(&mut self.settings, answer)? {
                    Ok(next) => Some(OptionsEffect::SaveSettings(next)),
                    Err(None) => self.say(Notice::EmulatorDenied),
                    Err(Some(e)) => self.say(Notice::Failed(e)),
                }
            }
            OptionsMsg::SettingsSaved(answer) => match Waiting::stored(&mut self.settings, answer)?
            {
                Ok(next) => {
                    self.config = Some(next);
                    self.say(Notice::Saved)
                }
                Err(e) => self.say(Notice::Failed(e)),
            },
            OptionsMsg::ForgetRequested => Some(OptionsEffect::ForgetToken),
            OptionsMsg::TokenForgotten(Ok(())) => {
                self.token_remembered = false;
                self.say(Notice::TokenForgotten)
            }
            OptionsMsg::TokenForgotten(Err(e)) => self.say(Notice::Failed(e)),
            OptionsMsg::BadgeRequested(_) if self.badge_busy() => None,
            OptionsMsg::BadgeRequested(true) => {
                self.badge = Some(Waiting::Grant(true));
                Some(OptionsEffect::EnsureAlarms)
            }
            // Off needs no permission.
            OptionsMsg::BadgeRequested(false) => {
                self.badge = Some(Waiting::Store(false));
                Some(OptionsEffect::StoreBadge(false))
            }
            OptionsMsg::AlarmsAllowed(answer) => match Waiting::granted(&mut self.badge, answer)? {
                Ok(on) => Some(OptionsEffect::StoreBadge(on)),
                Err(None) => self.say(Notice::BadgeDenied),
                Err(Some(e)) => self.say(Notice::BadgeFailed(e)),
            },
            OptionsMsg::BadgeStored(answer) => match Waiting::stored(&mut self.badge, answer)? {
                Ok(on) => {
                    self.badge_on = on;
                    self.say(Notice::Saved)
                }
                Err(e) => self.say(Notice::BadgeFailed(e)),
            },
        }
    }

    fn say(&mut self, notice: Notice) -> Option<OptionsEffect> {
        self.notice = Some(notice);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> Options {
        let mut o = Options::default();
        o.update(OptionsMsg::Loaded {
            config: ApiConfig::default(),
            badge_on: false,
            token_remembered: true,
        });
        o
    }

    #[test]
    fn an_emulator_is_used_only_once_the_browser_granted_it() {
        let mut o = loaded();
        o.update(OptionsMsg::FlowChosen(ConnectFlow::Legacy));
        let origin = "http://127.0.0.1:8787".to_owned();
        let asked = o.update(OptionsMsg::SaveRequested {
            emulator_origin: Some(origin.clone()),
        });
        assert_eq!(asked, Some(OptionsEffect::RequestOrigin(origin.clone())));
        let want = ApiConfig {
            flow: ConnectFlow::Legacy,
            ..ApiConfig::emulator(&origin)
        };
        let save = o.update(OptionsMsg::OriginAllowed(Ok(true)));
        assert_eq!(save, Some(OptionsEffect::SaveSettings(want.clone())));
        assert_ne!(o.config.as_ref(), Some(&want), "not before it is stored");
        assert_eq!(o.update(OptionsMsg::SettingsSaved(Ok(()))), None);
        assert_eq!(o.config, Some(want));
        assert_eq!(o.notice, Some(Notice::Saved));

        // Refused: nothing is saved and the settings stay as they were.
        let mut o = loaded();
        o.update(OptionsMsg::SaveRequested {
            emulator_origin: Some(origin),
        });
        assert_eq!(o.update(OptionsMsg::OriginAllowed(Ok(false))), None);
        assert_eq!(o.notice, Some(Notice::EmulatorDenied));
        assert_eq!(o.config, Some(ApiConfig::default()));
        assert_eq!(o.update(OptionsMsg::SettingsSaved(Ok(()))), None);
        assert_eq!(o.config, Some(ApiConfig::default()));
    }

    #[test]
    fn an_empty_origin_saves_heroku_itself_with_the_flow_chosen() {
        let mut o = loaded();
        o.update(OptionsMsg::FlowChosen(ConnectFlow::Legacy));
        let save = o.update(OptionsMsg::SaveRequested {
            emulator_origin: Some(String::new()),
        });
        let want = ApiConfig {
            flow: ConnectFlow::Legacy,
            ..ApiConfig::default()
        };
        assert_eq!(save, Some(OptionsEffect::SaveSettings(want)));
        o.update(OptionsMsg::SettingsSaved(Err("quota".into())));
        assert_eq!(o.notice, Some(Notice::Failed("quota".into())));
    }

    #[test]
    fn the_badge_is_on_only_once_alarms_were_granted_and_the_choice_stored() {
        let mut o = loaded();
        assert_eq!(
            o.update(OptionsMsg::BadgeRequested(true)),
            Some(OptionsEffect::EnsureAlarms)
        );
        assert!(!o.badge_on);
        assert!(
            o.badge_shown(),
            "the box shows the click while the browser answers"
        );
        assert_eq!(
            o.update(OptionsMsg::AlarmsAllowed(Ok(true))),
            Some(OptionsEffect::StoreBadge(true))
        );
        o.update(OptionsMsg::BadgeStored(Ok(())));
        assert!(o.badge_on);
        assert!(!o.badge_busy());
        // Off needs no permission.
        assert_eq!(
            o.update(OptionsMsg::BadgeRequested(false)),
            Some(OptionsEffect::StoreBadge(false))
        );
        o.update(OptionsMsg::BadgeStored(Err("gone".into())));
        assert!(o.badge_on, "the box shows what is stored");
        assert_eq!(o.notice, Some(Notice::BadgeFailed("gone".into())));
        // Refused: it stays off.
        let mut o = loaded();
        o.update(OptionsMsg::BadgeRequested(true));
        o.update(OptionsMsg::AlarmsAllowed(Ok(false)));
        assert!(!o.badge_on);
        assert!(!o.badge_shown(), "and the box goes back");
        assert_eq!(o.notice, Some(Notice::BadgeDenied));
    }

    /// Found by `tests/options_props.rs`: a store answer that arrived while the permission was
    /// still being asked for switched the badge on without it.
    #[test]
    fn one_change_at_a_time_and_an_answer_nobody_waits_for_changes_nothing() {
        let mut o = loaded();
        o.update(OptionsMsg::BadgeRequested(true));
        assert_eq!(o.update(OptionsMsg::BadgeStored(Ok(()))), None);
        assert!(!o.badge_on, "no store was asked for yet");
        assert_eq!(
            o.update(OptionsMsg::BadgeRequested(false)),
            None,
            "one change at a time"
        );
        assert!(o.badge_busy());
        let mut o = loaded();
        o.update(OptionsMsg::SaveRequested {
            emulator_origin: Some("http://127.0.0.1:8787".into()),
        });
        assert_eq!(o.update(OptionsMsg::SettingsSaved(Ok(()))), None);
        assert_eq!(
            o.config,
            Some(ApiConfig::default()),
            "the origin was not granted yet"
        );
        let again = OptionsMsg::SaveRequested {
            emulator_origin: None,
        };
        assert_eq!(o.update(again), None, "one save at a time");
    }

    #[test]
    fn forgetting_the_token_says_the_badge_has_none() {
        let mut o = loaded();
        o.badge_on = true;
        assert!(!o.badge_without_token());
        assert_eq!(
            o.update(OptionsMsg::ForgetRequested),
            Some(OptionsEffect::ForgetToken)
        );
        o.update(OptionsMsg::TokenForgotten(Ok(())));
        assert!(o.badge_without_token());
        assert_eq!(o.notice, Some(Notice::TokenForgotten));
    }
}
