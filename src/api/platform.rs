//! Heroku Platform API endpoints used during setup (contract §4.5): account, rate limits,
//! apps and add-ons. Lists may come in pages (206 + `Next-Range`); the client follows them.

use super::connections::endpoint_basics;
use super::curl::shell_quote;
use super::endpoint::{seg, Base, Body, Endpoint, Service};
use super::model::{Account, Addon, AddonCreate, App, AppCreate, RateLimits};
use super::transport::Method;

/// `GET /account` ([Platform API: Account Info](https://devcenter.heroku.com/articles/platform-api-reference#account-info)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GetAccount;

impl Endpoint for GetAccount {
    type Response = Account;
    endpoint_basics!(Platform, Get);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        "/account".into()
    }
    fn heroku_cli(&self) -> Option<String> {
        Some("heroku auth:whoami".into())
    }
}

/// `GET /account/rate-limits` — uses up nothing
/// ([Platform API: Rate Limit](https://devcenter.heroku.com/articles/platform-api-reference#rate-limit-info)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GetRateLimits;

impl Endpoint for GetRateLimits {
    type Response = RateLimits;
    endpoint_basics!(Platform, Get);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        "/account/rate-limits".into()
    }
}

/// `GET /apps` ([Platform API: App List](https://devcenter.heroku.com/articles/platform-api-reference#app-list)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListApps;

impl Endpoint for ListApps {
    type Response = Vec<App>;
    endpoint_basics!(Platform, Get);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        "/apps".into()
    }
    fn heroku_cli(&self) -> Option<String> {
        Some("heroku apps".into())
    }
}

/// `GET /apps/<app>` ([Platform API: App Info](https://devcenter.heroku.com/articles/platform-api-reference#app-info)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetApp {
    /// App name or id.
    pub app: String,
}

impl Endpoint for GetApp {
    type Response = App;
    endpoint_basics!(Platform, Get);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        format!("/apps/{}", seg(&self.app))
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!("heroku apps:info --app {}", shell_quote(&self.app)))
    }
}

/// `POST /apps` — 201 ([Platform API: App Create](https://devcenter.heroku.com/articles/platform-api-reference#app-create)).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreateApp {
    /// Body.
    pub app: AppCreate,
}

impl Endpoint for CreateApp {
    type Response = App;
    endpoint_basics!(Platform, Post);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        "/apps".into()
    }
    fn body(&self) -> Option<Body> {
        serde_json::to_value(&self.app).ok().map(Body::Json)
    }
    fn heroku_cli(&self) -> Option<String> {
        let mut s = "heroku apps:create".to_string();
        if let Some(n) = &self.app.name {
            s.push_str(&format!(" {}", shell_quote(n)));
        }
        if let Some(r) = &self.app.region {
            s.push_str(&format!(" --region {}", shell_quote(r)));
        }
        if let Some(st) = &self.app.stack {
            s.push_str(&format!(" --stack {}", shell_quote(st)));
        }
        Some(s)
    }
}

/// `GET /apps/<app>/addons` ([Platform API: Add-on List By App](https://devcenter.heroku.com/articles/platform-api-reference#add-on-list-by-app)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAddons {
    /// App name or id.
    pub app: String,
}

impl Endpoint for ListAddons {
    type Response = Vec<Addon>;
    endpoint_basics!(Platform, Get);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        format!("/apps/{}/addons", seg(&self.app))
    }
    fn heroku_cli(&self) -> Option<String> {
        Some(format!("heroku addons --app {}", shell_quote(&self.app)))
    }
}

/// `POST /apps/<app>/addons` — 201, provisioning continues asynchronously
/// ([Platform API: Add-on Create](https://devcenter.heroku.com/articles/platform-api-reference#add-on-create)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateAddon {
    /// App name or id.
    pub app: String,
    /// Body.
    pub addon: AddonCreate,
}

impl Endpoint for CreateAddon {
    type Response = Addon;
    endpoint_basics!(Platform, Post);
    fn base(&self) -> Base {
        Base::Platform
    }
    fn path(&self) -> String {
        format!("/apps/{}/addons", seg(&self.app))
    }
    fn body(&self) -> Option<Body> {
        serde_json::to_value(&self.addon).ok().map(Body::Json)
    }
    fn heroku_cli(&self) -> Option<String> {
        let mut s = format!("heroku addons:create {}", shell_quote(&self.addon.plan));
        if let Some(n) = &self.addon.name {
            s.push_str(&format!(" --name {}", shell_quote(n)));
        }
        if let Some(a) = &self.addon.attachment {
            s.push_str(&format!(" --as {}", shell_quote(&a.name)));
        }
        s.push_str(&format!(" --app {}", shell_quote(&self.app)));
        Some(s)
    }
}
