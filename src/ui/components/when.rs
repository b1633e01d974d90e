//! A moment Heroku reported, shown in the reader's language and time zone. The exact instant stays in
//! `datetime`, and the text as Heroku sent it in the tooltip; text that is no timestamp is shown as sent.

use crate::api::model::{utc_text, Timestamp};
use crate::browser::time::local_date_time;
use yew::{html, Html};

/// `<time>` for `at`, or a dash for a moment Heroku did not send.
pub fn when(at: Option<&Timestamp>) -> Html {
    let Some(at) = at else {
        return html! { { "—" } };
    };
    // Read once: the status view shows two of these per mapping on every refresh.
    let secs = at.unix_seconds();
    let shown = secs
        .and_then(local_date_time)
        .unwrap_or_else(|| at.raw().to_owned());
    let datetime = secs.and_then(utc_text);
    html! { <time {datetime} title={at.raw().to_owned()}>{ shown }</time> }
}
