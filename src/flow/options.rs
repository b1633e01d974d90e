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
    /// The settings or badge choice waiting for the browser.
    pending: Option<Pending>,
}

#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Settings(ApiConfig),
    Badge(bool),
}

impl Options {
    /// Whether the badge box shows on: the choice waiting for the browser, else what is stored.
    pub fn badge_shown(&self) -> bool {
        match self.pending {
            Some(Pending::Badge(on)) => on,
            _ => self.badge_on,
        }
    }

    /// Whether the badge is on without a remembered token, which it needs to check anything.
    pub fn badge_without_token(&self) -> bool {
        self.badge_on && !self.token_remembered
    }

    /// Applies `msg` and returns the browser call to make next, if any.
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
            OptionsMsg::SaveRequested { emulator_origin } => {
                let flow = self.config.as_ref()?.flow;
                let origin = emulator_origin.filter(|o| !o.is_empty());
                let next = ApiConfig {
                    flow,
                    ..origin
                        .as_deref()
                        .map_or_else(ApiConfig::default, ApiConfig::emulator)
                };
                self.pending = Some(Pending::Settings(next.clone()));
                // The token may go to an emulator only once the browser let the extension reach it.
                Some(match origin {
                    Some(origin) => OptionsEffect::RequestOrigin(origin),
                    None => OptionsEffect::SaveSettings(next),
                })
            }
            OptionsMsg::OriginAllowed(answer) => match (answer, self.pending.take()) {
                (Ok(true), Some(Pending::Settings(next))) => {
                    self.pending = Some(Pending::Settings(next.clone()));
                    Some(OptionsEffect::SaveSettings(next))
                }
                (Ok(_), _) => self.say(Notice::EmulatorDenied),
                (Err(e), _) => self.say(Notice::Failed(e)),
            },
            OptionsMsg::SettingsSaved(answer) => match (answer, self.pending.take()) {
                (Ok(()), Some(Pending::Settings(next))) => {
                    self.config = Some(next);
                    self.say(Notice::Saved)
                }
                (Ok(()), _) => None,
                (Err(e), _) => self.say(Notice::Failed(e)),
            },
            OptionsMsg::ForgetRequested => Some(OptionsEffect::ForgetToken),
            OptionsMsg::TokenForgotten(Ok(())) => {
                self.token_remembered = false;
                self.say(Notice::TokenForgotten)
            }
            OptionsMsg::TokenForgotten(Err(e)) => self.say(Notice::Failed(e)),
            OptionsMsg::BadgeRequested(on) => {
                self.pending = Some(Pending::Badge(on));
                Some(if on {
                    OptionsEffect::EnsureAlarms
                } else {
                    OptionsEffect::StoreBadge(false)
                })
            }
            OptionsMsg::AlarmsAllowed(answer) => match (answer, self.pending.take()) {
                (Ok(true), Some(Pending::Badge(on))) => {
                    self.pending = Some(Pending::Badge(on));
                    Some(OptionsEffect::StoreBadge(on))
                }
                (Ok(_), _) => self.say(Notice::BadgeDenied),
                (Err(e), _) => self.say(Notice::BadgeFailed(e)),
            },
            OptionsMsg::BadgeStored(answer) => match (answer, self.pending.take()) {
                (Ok(()), Some(Pending::Badge(on))) => {
                    self.badge_on = on;
                    self.say(Notice::Saved)
                }
                (Ok(()), _) => None,
                (Err(e), _) => self.say(Notice::BadgeFailed(e)),
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
