//! What a refused call says about the user and the app, as opposed to the call itself.
//!
//! Heroku answers 403 to two different people. A member of the app (owner or collaborator) who has not
//! joined the Connect add-on's access list yet gets 403 from every connection call; linking fixes that.
//! A user who is not a member of the app gets 403 from the Platform API's app calls and from the link
//! itself; only the app's owner can fix that, so offering "Link" again would only repeat a call that
//! must fail. A 404 from those same app calls means there is no such app for this account. Which call
//! failed is known only from the action that reports it, so this module reads the action.

use crate::flow::{AddonsMsg, AppMsg, DatabaseMsg, LinkMsg};
use serde::{Deserialize, Serialize};

use super::action::Action;
use crate::api::{ApiError, ErrorKind};

/// Why the chosen app cannot be set up by this user, whatever they click next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Denial {
    /// The user is neither owner nor collaborator of the app (403 from an app call or the link).
    NoAppAccess,
    /// The account sees no app of that name (404 from an app call or the link).
    NoSuchApp,
}

impl Denial {
    /// i18n key of what the alert says.
    pub fn key(self) -> &'static str {
        match self {
            Denial::NoAppAccess => "error_no_app_access",
            Denial::NoSuchApp => "error_no_such_app",
        }
    }
}

/// Whether `action` reports a failed call about the app itself (the Platform API's app and add-on
/// calls, and the link), as opposed to a call on a connection.
fn app_call_error(action: &Action) -> Option<&ApiError> {
    match action {
        Action::App(AppMsg::Loaded(Err(e)))
        | Action::Addons(AddonsMsg::Loaded(Err(e)))
        | Action::Addons(AddonsMsg::Created(Err(e)))
        | Action::Link(LinkMsg::Linked(Err(e))) => Some(e),
        _ => None,
    }
}

/// The denial `action` reports, if it reports one.
///
/// ```
/// use connect_pilot::api::ApiError;
/// use connect_pilot::flow::access::{denial, Denial};
/// use connect_pilot::flow::{Action, DatabaseMsg, LinkMsg};
/// let refused = |status| ApiError::Http(Box::new(connect_pilot::api::error::HttpError {
///     status, id: None, message: None, body_excerpt: None, request_id: None,
///     retry_after: None, errors: vec![], syncing_mappings: vec![],
/// }));
/// let linked = Action::Link(LinkMsg::Linked(Err(refused(403))));
/// assert_eq!(denial(&linked), Some(Denial::NoAppAccess));
/// // The same status from a connection call means "link first", which linking fixes.
/// let keys = Action::Database(DatabaseMsg::KeysLoaded(Err(refused(403))));
/// assert_eq!(denial(&keys), None);
/// ```
pub fn denial(action: &Action) -> Option<Denial> {
    // The database choices are read by app name on the Connect host: its 403 is the access list
    // (link first), but its 404 is an app Heroku Connect does not know.
    if let Action::Database(DatabaseMsg::KeysLoaded(Err(e))) = action {
        return (e.kind() == ErrorKind::NotFound).then_some(Denial::NoSuchApp);
    }
    match app_call_error(action)?.kind() {
        ErrorKind::Forbidden => Some(Denial::NoAppAccess),
        ErrorKind::NotFound => Some(Denial::NoSuchApp),
        _ => None,
    }
}
