//! Property: the token gate never admits a URL whose host is not heroku.com, a subdomain of it,
//! or the enabled emulator origin; and it always admits well-formed Heroku URLs.

use connect_pilot::api::gate::TokenGate;
use connect_pilot::api::url::Url;
use proptest::prelude::*;

fn host_part() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,12}",
        Just("heroku".to_string()),
        Just("com".to_string()),
        Just("heroku.com".to_string()),
        Just("salesforce".to_string()),
        Just("127.0.0.1".to_string()),
    ]
}

proptest! {
    #[test]
    fn gate_admits_only_heroku_or_the_origin(
        scheme in prop_oneof![Just("https"), Just("http"), Just("HTTPS"), Just("ftp")],
        user in prop::option::of("[a-z:@.]{1,8}"),
        labels in prop::collection::vec(host_part(), 1..4),
        dot in any::<bool>(),
        port in prop::option::of(prop_oneof![Just(443u16), Just(8787u16), any::<u16>()]),
        rest in "[/?#a-zA-Z0-9@.:%\\\\]{0,20}",
    ) {
        let mut host = labels.join(".");
        if dot { host.push('.'); }
        let mut url = format!("{scheme}://");
        if let Some(u) = &user { url.push_str(u); url.push('@'); }
        url.push_str(&host);
        if let Some(p) = port { url.push_str(&format!(":{p}")); }
        url.push_str(&rest);

        let gate = TokenGate::new(Some("http://127.0.0.1:8787"));
        if gate.admits(&url) {
            let parsed = Url::parse(&url).expect("admitted URLs parse");
            let h = parsed.host.as_str();
            let heroku = parsed.scheme == "https" && (h == "heroku.com" || h.ends_with(".heroku.com"));
            let origin = parsed.origin() == "http://127.0.0.1:8787";
            prop_assert!(heroku || origin, "admitted {url}");
            prop_assert!(parsed.userinfo.is_none(), "admitted userinfo {url}");
        }
    }

    #[test]
    fn gate_admits_heroku_subdomains(sub in "[a-z][a-z0-9-]{0,20}", path in "(/[a-z0-9]{0,8}){0,3}") {
        let gate = TokenGate::new(None);
        let url = format!("https://{sub}.heroku.com{path}");
        prop_assert!(gate.admits(&url), "{}", url);
    }
}
