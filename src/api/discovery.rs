//! Finding an app's connections: Flow A (hc-central discovery, contract §1.2) by default,
//! Flow B (the legacy regional flow, §1.3) when selected, and Flow B once as a fallback when
//! discovery cannot be reached. One connection is only ever handled by one flow.

use super::central::{DiscoveryPage, GrantAccess, SearchConnections};
use super::connections::ConnectionDetail;
use super::error::{ApiError, ErrorKind};
use super::legacy::{LegacyConnections, LegacyGrantAccess};
use super::model::{Connection, DiscoveryRecord};
use super::platform::GetApp;
use super::transport::{Clock, Transport};
use super::{ConnectClient, ConnectFlow, MAX_PAGES};

/// How many times discovery is asked again after `POST /auth` (the grant can take a moment).
pub const GRANT_REQUERY_ATTEMPTS: u32 = 5;
/// Wait between those re-queries.
pub const GRANT_REQUERY_DELAY_MS: u64 = 2_000;

/// The outcome of discovery.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Discovered {
    /// The app's connections, each with a `region_url`; deep detail merged over the record.
    pub connections: Vec<Connection>,
    /// The flow that found them (use the same flow for everything after).
    pub flow: ConnectFlow,
    /// Discovery could not be reached, so the legacy flow was used instead.
    pub used_fallback: bool,
}

/// Whether an error means "discovery is unreachable" (network, timeout, refused, 5xx, 404),
/// which allows the one-time fallback to Flow B.
pub fn discovery_unreachable(e: &ApiError) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Unreachable | ErrorKind::Server | ErrorKind::NotFound
    )
}

/// Flow B's regional base for an app's `region.name`: `us` and `eu` map to the legacy Common
/// Runtime hosts, and the 2017–2019 region names map mechanically. In one-origin emulator mode
/// the emulator origin serves every region.
pub fn legacy_region_url(region: &str, emulator_origin: Option<&str>) -> Result<String, ApiError> {
    if let Some(origin) = emulator_origin {
        return Ok(origin.trim_end_matches('/').to_string());
    }
    match region {
        "us" | "eu" | "virginia" | "oregon" | "dublin" | "frankfurt" | "tokyo" | "sydney" => {
            Ok(format!("https://connect-{region}.heroku.com"))
        }
        other => Err(ApiError::UnknownRegion {
            region: other.to_string(),
        }),
    }
}

fn for_app(app: &str) -> impl Fn(&DiscoveryRecord) -> bool + '_ {
    move |r| match (&r.app_name, &r.app_id) {
        (None, None) => true,
        (name, id) => name.as_deref() == Some(app) || id.as_deref() == Some(app),
    }
}

impl<T: Transport + Clock> ConnectClient<T> {
    /// Finds the app's connections with the configured flow (see the module docs).
    pub async fn discover(&self, app: &str) -> Result<Discovered, ApiError> {
        if self.config.flow == ConnectFlow::Legacy {
            let connections = self.discover_legacy(app).await?;
            return Ok(Discovered {
                connections,
                flow: ConnectFlow::Legacy,
                used_fallback: false,
            });
        }
        let records = match self.discover_records(app).await {
            Ok(r) => r,
            Err(e) if discovery_unreachable(&e) => {
                let connections = self.discover_legacy(app).await?;
                return Ok(Discovered {
                    connections,
                    flow: ConnectFlow::Legacy,
                    used_fallback: true,
                });
            }
            Err(e) => return Err(e),
        };
        let mut connections = Vec::with_capacity(records.len());
        for record in &records {
            connections.push(
                self.connection_detail(&Connection::from_discovery(record))
                    .await?,
            );
        }
        Ok(Discovered {
            connections,
            flow: ConnectFlow::Discovery,
            used_fallback: false,
        })
    }

    /// Flow A steps 1–2: search, and when nothing is visible, join the access list and search
    /// again (up to [`GRANT_REQUERY_ATTEMPTS`] times, [`GRANT_REQUERY_DELAY_MS`] apart).
    pub async fn discover_records(&self, app: &str) -> Result<Vec<DiscoveryRecord>, ApiError> {
        let found = self.search_connections(app).await?;
        if !found.is_empty() {
            return Ok(found);
        }
        let granted = self.grant_access(app).await?;
        let listed: Vec<DiscoveryRecord> = granted
            .connections
            .into_iter()
            .filter(for_app(app))
            .collect();
        if !listed.is_empty() {
            return Ok(listed);
        }
        for _ in 0..GRANT_REQUERY_ATTEMPTS {
            self.transport.sleep(GRANT_REQUERY_DELAY_MS).await;
            let found = self.search_connections(app).await?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Err(ApiError::NoConnection {
            app: app.to_string(),
        })
    }

    /// `GET /connections?app=` on discovery, following `next` pages through the token gate.
    pub async fn search_connections(&self, app: &str) -> Result<Vec<DiscoveryRecord>, ApiError> {
        let mut page = self
            .send(&SearchConnections {
                app: app.to_string(),
                resource_name: None,
            })
            .await?;
        let mut all = std::mem::take(&mut page.results);
        for _ in 1..MAX_PAGES {
            let Some(next) = page.next.take().filter(|n| !n.is_empty()) else {
                break;
            };
            page = self.send(&DiscoveryPage { url: next }).await?;
            all.append(&mut page.results);
        }
        Ok(all)
    }

    /// `POST /auth/<app>` on discovery.
    pub async fn grant_access(&self, app: &str) -> Result<super::model::AuthAnswer, ApiError> {
        self.send(&GrantAccess {
            app: app.to_string(),
        })
        .await
    }

    /// The deep detail of `known`, laid over it so that detail fields win.
    pub async fn connection_detail(&self, known: &Connection) -> Result<Connection, ApiError> {
        let detail = self.send(&ConnectionDetail::of(known)?).await?;
        Ok(detail.merged_over(known))
    }

    /// Flow B: region from the Platform API, legacy grant, legacy deep list.
    pub async fn discover_legacy(&self, app: &str) -> Result<Vec<Connection>, ApiError> {
        let heroku_app = self
            .send(&GetApp {
                app: app.to_string(),
            })
            .await?;
        let region = heroku_app.region_name().unwrap_or_default().to_string();
        let region_url = legacy_region_url(&region, self.gate.emulator_origin())?;
        self.send(&LegacyGrantAccess {
            region_url: region_url.clone(),
            app: app.to_string(),
        })
        .await?;
        let list = self
            .send(&LegacyConnections {
                region_url: region_url.clone(),
                app: app.to_string(),
            })
            .await?;
        if list.results.is_empty() {
            return Err(ApiError::NoConnection {
                app: app.to_string(),
            });
        }
        Ok(list
            .results
            .into_iter()
            .map(|mut c| {
                // Everything after stays on the Flow B host.
                c.region_url = Some(region_url.clone());
                if c.app_name.is_none() {
                    c.app_name = Some(app.to_string());
                }
                c
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_regions() {
        assert_eq!(
            legacy_region_url("us", None).unwrap(),
            "https://connect-us.heroku.com"
        );
        assert_eq!(
            legacy_region_url("eu", None).unwrap(),
            "https://connect-eu.heroku.com"
        );
        assert_eq!(
            legacy_region_url("tokyo", None).unwrap(),
            "https://connect-tokyo.heroku.com"
        );
        assert_eq!(
            legacy_region_url("mumbai", None),
            Err(ApiError::UnknownRegion {
                region: "mumbai".into()
            })
        );
        assert!(legacy_region_url("evil.com/x", None).is_err());
        assert_eq!(
            legacy_region_url("us", Some("http://127.0.0.1:8787/")).unwrap(),
            "http://127.0.0.1:8787"
        );
    }

    #[test]
    fn fallback_conditions() {
        let http = |s| {
            ApiError::from_response(&crate::api::HttpResponse {
                status: s,
                ..Default::default()
            })
        };
        assert!(discovery_unreachable(&ApiError::Timeout));
        assert!(discovery_unreachable(&http(503)));
        assert!(discovery_unreachable(&http(404)));
        assert!(!discovery_unreachable(&http(401)));
        assert!(!discovery_unreachable(&http(403)));
        assert!(!discovery_unreachable(&http(429)));
    }
}
