//! Step 1, first half: the Heroku API token. Entering one reads the account (`GET /account`),
//! which opens the app list; a refused token is forgotten wherever it was stored.

use serde::{Deserialize, Serialize};

use super::start;
use crate::api::model::Account;
use crate::api::platform::GetAccount;
use crate::api::{ApiError, RequestSpec};
use crate::flow::effect::Effect;
use crate::flow::plan::UserAction;
use crate::flow::reduce::rules::ok_or_fail;
use crate::flow::{FlowError, State, Step};

/// What happens on the token step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TokenMsg {
    /// A token was typed (or loaded from storage); `GET /account` follows.
    Entered {
        /// "Remember on this device".
        remember: bool,
    },
    /// The token was forgotten.
    Forgotten,
    /// `GET /account` answered.
    AccountLoaded(Result<Account, ApiError>),
}

impl TokenMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            TokenMsg::AccountLoaded(Err(e)) => Some(e),
            TokenMsg::Entered { .. } | TokenMsg::Forgotten | TokenMsg::AccountLoaded(Ok(_)) => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: TokenMsg) {
    match msg {
        TokenMsg::Entered { remember } => {
            s.token_present = true;
            s.token_remembered = remember;
            start(s);
            // Another account may reach the app this one could not.
            s.app_denied = None;
        }
        TokenMsg::Forgotten => {
            s.token_present = false;
            s.token_remembered = false;
            s.account_email = None;
            s.step = Step::Token;
            s.busy = false;
            // "Sign in with another token" answers the refusal; the next token is asked afresh.
            if matches!(s.last_error, Some(FlowError::AppDenied { .. })) {
                s.last_error = None;
            }
        }
        TokenMsg::AccountLoaded(r) => {
            if let Some(account) = ok_or_fail(s, r) {
                s.account_email = Some(account.email);
                s.token_present = true;
                if s.step == Step::Token {
                    s.step = if s.app.is_some() {
                        s.furthest_step()
                    } else {
                        Step::App
                    };
                }
            }
        }
    }
}

pub(crate) fn effects(after: &State, msg: &TokenMsg, out: &mut Vec<Effect>) {
    match msg {
        TokenMsg::Entered { .. } => out.push(Effect::LoadAccount),
        // A token re-entered mid-setup keeps the list it already has.
        TokenMsg::AccountLoaded(Ok(_)) if after.apps.is_empty() => out.push(Effect::LoadApps),
        TokenMsg::AccountLoaded(_) | TokenMsg::Forgotten => {}
    }
}

pub(crate) fn available(state: &State, v: &mut Vec<UserAction>) {
    v.push(UserAction::EnterToken);
    if state.token_remembered {
        v.push(UserAction::ForgetToken);
    }
}

pub(crate) fn calls() -> Vec<RequestSpec> {
    vec![RequestSpec::of(&GetAccount)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::steps::testing::*;

    #[test]
    fn token_and_account() {
        let s = State::default();
        assert_eq!(
            run(&s, Action::Token(TokenMsg::Entered { remember: false })),
            vec![Effect::LoadAccount]
        );
        assert_eq!(run(&s, account()), vec![Effect::LoadApps]);
        // A refused token is removed from storage; nothing is sent with it.
        assert_eq!(
            run(&s, Action::Token(TokenMsg::AccountLoaded(Err(err(401))))),
            vec![Effect::ForgetToken]
        );

        // The app list is already there (a token re-entered mid-setup): no second GET /apps,
        // only what the step the user returns to needs.
        let loaded = State {
            apps: vec![App {
                name: "acme-sync".into(),
                ..App::default()
            }],
            token_present: false,
            ..with_app(Step::Token)
        };
        assert_eq!(
            run(&loaded, account()),
            vec![
                Effect::LoadApp("acme-sync".into()),
                Effect::LoadAddons("acme-sync".into())
            ]
        );
        let apps_only = State {
            app: None,
            ..loaded
        };
        assert_eq!(run(&apps_only, account()), vec![]);
    }
}
