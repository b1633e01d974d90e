//! Discovery ("hc-central") endpoints: find the connections a user can see, and join an app's
//! Connect add-on access list (contract §4.1).

use super::curl::shell_quote;
use super::endpoint::{seg, Base, Endpoint, Service};
use super::model::{AuthAnswer, DiscoveryList};
use super::transport::Method;

/// `GET /connections?app=<app>` — connections the user can already see
/// ([contract §4.1.1](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchConnections {
    /// App name.
    pub app: String,
    /// Narrow to one add-on.
    pub resource_name: Option<String>,
}

impl Endpoint for SearchConnections {
    type Response = DiscoveryList;
    fn service(&self) -> Service {
        Service::Discovery
    }
    fn base(&self) -> Base {
        Base::Discovery
    }
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        "/connections".into()
    }
    fn query(&self) -> Vec<(String, String)> {
        let mut q = vec![("app".to_string(), self.app.clone())];
        if let Some(r) = &self.resource_name {
            q.push(("resource_name".into(), r.clone()));
        }
        q
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:info --app {}",
            shell_quote(&self.app)
        ))
    }
}

/// The `next` page of a discovery list: an absolute URL from the answer, sent only if the
/// token gate admits it (contract §2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryPage {
    /// The `next` URL as received.
    pub url: String,
}

impl Endpoint for DiscoveryPage {
    type Response = DiscoveryList;
    fn service(&self) -> Service {
        Service::Discovery
    }
    fn base(&self) -> Base {
        Base::Absolute
    }
    fn method(&self) -> Method {
        Method::Get
    }
    fn path(&self) -> String {
        self.url.clone()
    }
}

/// `POST /auth/<app>` — adds the caller to the access list of the app's Connect add-ons and
/// lists every connection now reachable ([contract §4.1.2](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantAccess {
    /// App name or id.
    pub app: String,
}

impl Endpoint for GrantAccess {
    type Response = AuthAnswer;
    fn service(&self) -> Service {
        Service::Discovery
    }
    fn base(&self) -> Base {
        Base::Discovery
    }
    fn method(&self) -> Method {
        Method::Post
    }
    fn path(&self) -> String {
        format!("/auth/{}", seg(&self.app))
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!(
            "heroku connect:info -c --app {}",
            shell_quote(&self.app)
        ))
    }
}
