//! Just enough URL handling for the client: split an absolute `http(s)` URL into its parts,
//! resolve a relative reference against a base, and add query parameters with proper encoding.
//!
//! It is deliberately strict rather than complete (no IDNA, no IPv6 literals, no backslashes,
//! no whitespace): anything it cannot read with certainty is refused, because the token gate
//! decides on the host it returns. A full WHATWG parser would cost more wasm than it saves.

/// An absolute `http` or `https` URL split into parts. Scheme and host are lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// The `user:pass@` part without the `@`, when present.
    pub userinfo: Option<String>,
    /// Host name, lower-case, as written (a trailing dot is kept).
    pub host: String,
    /// Explicit port, when written.
    pub port: Option<u16>,
    /// Path, starting with `/` (`/` when the URL has none).
    pub path: String,
    /// Query without the `?`, when present.
    pub query: Option<String>,
    /// Fragment without the `#`, when present.
    pub fragment: Option<String>,
}

impl Url {
    /// Parses an absolute `http(s)` URL; `None` for anything else or anything ambiguous.
    ///
    /// ```
    /// use connect_pilot::api::url::Url;
    /// let u = Url::parse("https://Connect-Virginia.heroku.com/api/v3?x=1").unwrap();
    /// assert_eq!(u.host, "connect-virginia.heroku.com");
    /// assert_eq!(u.path, "/api/v3");
    /// ```
    pub fn parse(input: &str) -> Option<Url> {
        // Browsers strip tabs and newlines and read `\` as `/`, so a URL holding them could
        // reach a different host than the one we checked: refuse them outright.
        if input.is_empty()
            || input
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '\\' || !c.is_ascii())
        {
            return None;
        }
        let (scheme, rest) = input.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u.to_string()), h),
            None => (None, authority),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (h, Some(p.parse::<u16>().ok()?))
            }
            None => (hostport, None),
        };
        if !valid_host(host) {
            return None;
        }
        let (before_fragment, fragment) = match tail.split_once('#') {
            Some((a, f)) => (a, Some(f.to_string())),
            None => (tail, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (before_fragment, None),
        };
        Some(Url {
            scheme,
            userinfo,
            host: host.to_ascii_lowercase(),
            port,
            path: if path.is_empty() {
                "/".into()
            } else {
                path.to_string()
            },
            query,
            fragment,
        })
    }

    /// The port in effect: the explicit one or the scheme's default.
    pub fn effective_port(&self) -> u16 {
        self.port
            .unwrap_or(if self.scheme == "https" { 443 } else { 80 })
    }

    /// `scheme://host[:port]`, with the port only when it is not the scheme's default.
    pub fn origin(&self) -> String {
        let default = if self.scheme == "https" { 443 } else { 80 };
        match self.effective_port() {
            p if p == default => format!("{}://{}", self.scheme, self.host),
            p => format!("{}://{}:{}", self.scheme, self.host, p),
        }
    }

    /// Adds `key=value` to the query, percent-encoding both; an existing parameter of the
    /// same name is replaced, so `deep=true` is never doubled.
    pub fn set_query_param(&mut self, key: &str, value: &str) {
        let encoded_key = encode_component(key);
        let mut parts: Vec<String> = self
            .query
            .as_deref()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| p.split('=').next() != Some(encoded_key.as_str()))
            .map(str::to_string)
            .collect();
        parts.push(format!("{encoded_key}={}", encode_component(value)));
        self.query = Some(parts.join("&"));
    }

    /// Resolves `reference` against this URL: absolute URLs are parsed as they are,
    /// `/path` replaces the path, anything else is appended to the base path's directory.
    pub fn join(&self, reference: &str) -> Option<Url> {
        if reference.contains("://") {
            return Url::parse(reference);
        }
        if reference.starts_with("//") {
            return Url::parse(&format!("{}:{}", self.scheme, reference));
        }
        let mut base = self.clone();
        base.query = None;
        base.fragment = None;
        let (path, query) = match reference.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (reference, None),
        };
        base.path = if path.starts_with('/') {
            path.to_string()
        } else {
            let dir = match self.path.rfind('/') {
                Some(i) => &self.path[..=i],
                None => "/",
            };
            format!("{dir}{path}")
        };
        base.query = query;
        Url::parse(&base.to_string())
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://", self.scheme)?;
        if let Some(u) = &self.userinfo {
            write!(f, "{u}@")?;
        }
        f.write_str(&self.host)?;
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        f.write_str(&self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        if let Some(fr) = &self.fragment {
            write!(f, "#{fr}")?;
        }
        Ok(())
    }
}

fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !host.starts_with('.')
        && !host.contains("..")
}

/// Percent-encodes a query key or value, or one path segment: everything but the unreserved
/// characters of RFC 3986.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Joins a base such as `https://connect-virginia.heroku.com/` and a path starting with `/`,
/// without doubling or losing the slash between them.
pub fn join_base(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parts() {
        let u = Url::parse("HTTPS://x:y@Api.Heroku.com:8443/a/b?c=d#e").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.userinfo.as_deref(), Some("x:y"));
        assert_eq!(u.host, "api.heroku.com");
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.path, "/a/b");
        assert_eq!(u.query.as_deref(), Some("c=d"));
        assert_eq!(u.fragment.as_deref(), Some("e"));
        assert_eq!(u.origin(), "https://api.heroku.com:8443");
    }

    #[test]
    fn refuses_ambiguous_input() {
        for bad in [
            "",
            "api.heroku.com/x",
            "ftp://heroku.com",
            "https://",
            "https://evil.com\\@api.heroku.com/",
            "https://api.heroku\n.com/",
            "https://api .heroku.com/",
            "https://[::1]/",
            "https://host:99999/",
            "https://host:/",
            "https://h%2eeroku.com/",
            "https://.heroku.com/",
            "https://a..heroku.com/",
            "https://héroku.com/",
        ] {
            assert_eq!(Url::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn joins_references() {
        let base = Url::parse("https://connect-virginia.heroku.com").unwrap();
        assert_eq!(
            base.join("/api/v3/connections/1").unwrap().to_string(),
            "https://connect-virginia.heroku.com/api/v3/connections/1"
        );
        assert_eq!(
            base.join("https://other.heroku.com/x").unwrap().host,
            "other.heroku.com"
        );
        let nested = Url::parse("https://h.heroku.com/api/v3/").unwrap();
        assert_eq!(
            nested.join("connections").unwrap().path,
            "/api/v3/connections"
        );
        assert_eq!(base.join("//evil.com/x").unwrap().host, "evil.com");
    }

    #[test]
    fn query_params_are_encoded_and_replaced() {
        let mut u = Url::parse("https://h.heroku.com/p?deep=false&a=1").unwrap();
        u.set_query_param("deep", "true");
        u.set_query_param("app", "my app&x");
        assert_eq!(u.query.as_deref(), Some("a=1&deep=true&app=my%20app%26x"));
        assert_eq!(join_base("https://h/", "/p"), "https://h/p");
    }
}
