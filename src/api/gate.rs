//! The token gate: the one place that decides whether a URL may receive the Heroku token.
//!
//! The token goes only to `https` URLs on `heroku.com` or a `*.heroku.com` host (default port,
//! no user info), or to the exact emulator origin the user enabled. Everything else is refused
//! before a request is built, including URLs that arrive in API answers (`region_url`,
//! `detail_url`, `result_url`, `next`). It never admits a Salesforce host, whatever the settings.

use super::url::Url;

/// Why the gate refused a URL.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum GateRefusal {
    /// Not an absolute http(s) URL the client can read with certainty.
    Unparseable,
    /// Holds `user@` or `user:pass@` before the host.
    UserInfo,
    /// A Heroku host over plain http.
    NotHttps,
    /// A Heroku host on a port other than 443.
    UnexpectedPort,
    /// The host is neither Heroku's nor the enabled emulator origin.
    ForeignHost,
}

/// Decides which URLs may carry the token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TokenGate {
    emulator_origin: Option<String>,
}

impl TokenGate {
    /// A gate for Heroku's hosts plus, when given, one emulator origin such as
    /// `http://127.0.0.1:8787`. An origin that cannot be read, or that names a Salesforce host,
    /// is ignored: the gate then admits Heroku only.
    pub fn new(emulator_origin: Option<&str>) -> TokenGate {
        let emulator_origin = emulator_origin
            .and_then(Url::parse)
            .filter(|u| u.userinfo.is_none() && !is_salesforce(&u.host))
            .map(|u| u.origin());
        TokenGate { emulator_origin }
    }

    /// The normalised emulator origin this gate admits, if any.
    pub fn emulator_origin(&self) -> Option<&str> {
        self.emulator_origin.as_deref()
    }

    /// Admits or refuses `url`.
    ///
    /// ```
    /// use connect_pilot::api::gate::TokenGate;
    /// let gate = TokenGate::new(None);
    /// assert!(gate.check("https://hc-central.heroku.com/connections").is_ok());
    /// assert!(gate.check("https://heroku.com.evil.com/").is_err());
    /// ```
    pub fn check(&self, url: &str) -> Result<(), GateRefusal> {
        let parsed = Url::parse(url).ok_or(GateRefusal::Unparseable)?;
        if parsed.userinfo.is_some() {
            return Err(GateRefusal::UserInfo);
        }
        if is_salesforce(&parsed.host) {
            return Err(GateRefusal::ForeignHost);
        }
        if self.emulator_origin.as_deref() == Some(parsed.origin().as_str()) {
            return Ok(());
        }
        if !is_heroku_host(&parsed.host) {
            return Err(GateRefusal::ForeignHost);
        }
        if parsed.scheme != "https" {
            return Err(GateRefusal::NotHttps);
        }
        if parsed.effective_port() != 443 {
            return Err(GateRefusal::UnexpectedPort);
        }
        Ok(())
    }

    /// Whether `url` may carry the token.
    pub fn admits(&self, url: &str) -> bool {
        self.check(url).is_ok()
    }
}

/// The domain whose hosts (it and its subdomains) may receive the token.
pub const HEROKU_DOMAIN: &str = "heroku.com";

/// Salesforce's domains: never given the token, not even as the emulator origin.
pub const SALESFORCE_DOMAINS: [&str; 3] = ["salesforce.com", "force.com", "salesforce-sites.com"];

/// `heroku.com` or a subdomain of it. A trailing dot is refused: it names the same host in DNS
/// but is not what Heroku ever sends, so it can only come from someone probing the gate.
pub fn is_heroku_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == HEROKU_DOMAIN || host.ends_with(&format!(".{HEROKU_DOMAIN}"))
}

fn is_salesforce(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    SALESFORCE_DOMAINS
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admits_heroku_hosts() {
        let g = TokenGate::new(None);
        for ok in [
            "https://heroku.com/",
            "https://api.heroku.com/account",
            "https://hc-central.heroku.com/connections?app=x",
            "https://CONNECT-VIRGINIA.HEROKU.COM/api/v3",
            "HTTPS://api.heroku.com",
            "https://api.heroku.com:443/apps",
        ] {
            assert_eq!(g.check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_tricky_hosts() {
        let g = TokenGate::new(None);
        let cases = [
            ("https://heroku.com.evil.com/", GateRefusal::ForeignHost),
            ("https://evilheroku.com/", GateRefusal::ForeignHost),
            ("https://x@evil.com/", GateRefusal::UserInfo),
            ("https://api.heroku.com@evil.com/", GateRefusal::UserInfo),
            ("https://x@api.heroku.com/", GateRefusal::UserInfo),
            ("https://api.heroku.com./", GateRefusal::ForeignHost),
            ("https://api.heroku.com:8443/", GateRefusal::UnexpectedPort),
            ("http://api.heroku.com/", GateRefusal::NotHttps),
            ("https://login.salesforce.com/", GateRefusal::ForeignHost),
            ("https://acme.my.salesforce.com/", GateRefusal::ForeignHost),
            ("https://127.0.0.1:8787/", GateRefusal::ForeignHost),
            (
                "https://evil.com\\@api.heroku.com/",
                GateRefusal::Unparseable,
            ),
            ("/api/v3/connections", GateRefusal::Unparseable),
            ("javascript:alert(1)", GateRefusal::Unparseable),
        ];
        for (url, why) in cases {
            assert_eq!(g.check(url), Err(why), "{url}");
        }
    }

    #[test]
    fn emulator_origin_is_exact() {
        let g = TokenGate::new(Some("http://127.0.0.1:8787/"));
        assert_eq!(g.emulator_origin(), Some("http://127.0.0.1:8787"));
        assert!(g.admits("http://127.0.0.1:8787/api/v3/connections"));
        assert!(g.admits("https://api.heroku.com/"));
        assert!(!g.admits("http://127.0.0.1:8788/"));
        assert!(!g.admits("https://127.0.0.1:8787/"));
        assert!(!g.admits("http://localhost:8787/"));
        assert!(!g.admits("http://u@127.0.0.1:8787/"));
        let default_port = TokenGate::new(Some("http://emulator.test"));
        assert!(default_port.admits("http://emulator.test:80/x"));
        assert!(!TokenGate::new(Some("https://login.salesforce.com"))
            .admits("https://login.salesforce.com/"));
        assert!(!TokenGate::new(Some("not a url")).admits("http://not/"));
    }
}
