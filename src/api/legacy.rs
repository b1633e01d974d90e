//! Flow B's two regional endpoints (contract §1.3, §4.2.1, §4.2.9): the legacy access grant and
//! the legacy deep list. Only `discovery` uses them, and only for Flow B.

use super::connections::endpoint_basics;
use super::endpoint::{ignore_body, seg, Base, Endpoint, Service};
use super::error::ApiError;
use super::model::{Connection, List};
use super::transport::{HttpResponse, Method};

/// `GET <base>/api/v3/connections?app=<app>&deep=true` — Flow B's list
/// ([contract §4.2.1](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyConnections {
    /// Regional base of Flow B.
    pub region_url: String,
    /// App name.
    pub app: String,
}

impl Endpoint for LegacyConnections {
    type Response = List<Connection>;
    endpoint_basics!(Connect, Get);
    fn base(&self) -> Base {
        Base::Region(self.region_url.clone())
    }
    fn path(&self) -> String {
        "/api/v3/connections".into()
    }
    fn query(&self) -> Vec<(String, String)> {
        vec![
            ("app".into(), self.app.clone()),
            ("deep".into(), "true".into()),
        ]
    }
}

/// `POST <base>/api/v3/users/me/apps/<app>/auth` — Flow B's access grant; the body is ignored
/// ([contract §4.2.9](https://devcenter.heroku.com/articles/heroku-connect-api)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyGrantAccess {
    /// Regional base of Flow B.
    pub region_url: String,
    /// App name.
    pub app: String,
}

impl Endpoint for LegacyGrantAccess {
    type Response = ();
    endpoint_basics!(Connect, Post);
    fn base(&self) -> Base {
        Base::Region(self.region_url.clone())
    }
    fn path(&self) -> String {
        format!("/api/v3/users/me/apps/{}/auth", seg(&self.app))
    }
    fn decode(&self, r: &HttpResponse) -> Result<(), ApiError> {
        ignore_body(r)
    }
}
