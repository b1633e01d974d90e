//! Reads the app name out of a Heroku dashboard URL, so the setup can follow the app of the tab
//! the user is looking at, and builds the dashboard link the App step offers. Pure string work;
//! anything unexpected gives `None`.

use crate::api::url::Url;

/// Whether `name` looks like a Heroku app name: lower-case letters, digits and dashes, starting
/// with a letter, at most 30 characters.
pub fn valid_app_name(name: &str) -> bool {
    let b = name.as_bytes();
    (2..=30).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && !name.ends_with('-')
}

/// The app of `https://dashboard.heroku.com/apps/<app>[/…]`, or, when `emulator_origin` is
/// given, of the emulator's `<origin>/dashboard/apps/<app>[/…]`.
///
/// ```
/// use connect_pilot::flow::app_from_dashboard_url;
/// let url = "https://dashboard.heroku.com/apps/acme-sync/resources";
/// assert_eq!(app_from_dashboard_url(url, None).as_deref(), Some("acme-sync"));
/// assert_eq!(app_from_dashboard_url("https://evil.example/apps/acme-sync", None), None);
/// ```
pub fn app_from_dashboard_url(url: &str, emulator_origin: Option<&str>) -> Option<String> {
    let parsed = Url::parse(url)?;
    if parsed.userinfo.is_some() {
        return None;
    }
    let rest = if parsed.scheme == "https"
        && parsed.host == "dashboard.heroku.com"
        && parsed.effective_port() == 443
    {
        parsed.path.strip_prefix("/apps/")?
    } else {
        let origin = Url::parse(emulator_origin?)?.origin();
        if parsed.origin() != origin {
            return None;
        }
        parsed.path.strip_prefix("/dashboard/apps/")?
    };
    let name = rest.split('/').next()?;
    valid_app_name(name).then(|| name.to_string())
}

/// The Access page of `app` on the Heroku dashboard, where its owner adds collaborators.
///
/// ```
/// use connect_pilot::flow::app_url::dashboard_access_url;
/// assert_eq!(dashboard_access_url("acme-sync"), "https://dashboard.heroku.com/apps/acme-sync/access");
/// ```
pub fn dashboard_access_url(app: &str) -> String {
    format!("https://dashboard.heroku.com/apps/{app}/access")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboard_urls() {
        let p = |u| app_from_dashboard_url(u, None);
        assert_eq!(
            p("https://dashboard.heroku.com/apps/acme-sync").as_deref(),
            Some("acme-sync")
        );
        assert_eq!(
            p("https://dashboard.heroku.com/apps/acme-sync/").as_deref(),
            Some("acme-sync")
        );
        assert_eq!(
            p("https://dashboard.heroku.com/apps/acme-sync/settings?x=1#y").as_deref(),
            Some("acme-sync")
        );
        assert_eq!(
            p("https://DASHBOARD.heroku.com/apps/acme-sync").as_deref(),
            Some("acme-sync")
        );
        for junk in [
            "",
            "not a url",
            "https://dashboard.heroku.com/",
            "https://dashboard.heroku.com/apps",
            "https://dashboard.heroku.com/apps/",
            "https://dashboard.heroku.com/pipelines/acme-sync",
            "https://dashboard.heroku.com/apps/Acme-Sync",
            "https://dashboard.heroku.com/apps/acme_sync",
            "https://dashboard.heroku.com/apps/acme-sync-",
            "https://dashboard.heroku.com/apps/a",
            "https://dashboard.heroku.com/apps/%2e%2e",
            "https://dashboard.heroku.com.evil.example/apps/acme-sync",
            "https://x@dashboard.heroku.com/apps/acme-sync",
            "http://dashboard.heroku.com/apps/acme-sync",
            "https://dashboard.heroku.com:8443/apps/acme-sync",
            "https://dashboard.heroku.com/apps/this-name-is-far-too-long-for-heroku-apps",
            "chrome://extensions",
        ] {
            assert_eq!(p(junk), None, "{junk}");
        }
    }

    #[test]
    fn emulator_dashboard() {
        let o = Some("http://127.0.0.1:8787");
        assert_eq!(
            app_from_dashboard_url("http://127.0.0.1:8787/dashboard/apps/acme-eu/resources", o)
                .as_deref(),
            Some("acme-eu")
        );
        assert_eq!(
            app_from_dashboard_url("http://127.0.0.1:8787/apps/acme-eu", o),
            None
        );
        assert_eq!(
            app_from_dashboard_url("http://127.0.0.1:9999/dashboard/apps/acme-eu", o),
            None
        );
    }
}
