//! `connect-emulator`: an independent, faithful emulator of the Heroku services Connect Pilot talks to,
//! written from `connect-api.md` §4–8 and sharing no code with the client.
//!
//! Routes (one-origin paths; in host mode the same paths answer on the real host names of §8.1):
//!
//! Discovery (`hc-central.heroku.com`)
//! - `GET  /connections?app=&resource_name=&addon_type=` — accessible connections
//! - `POST /auth/{app}` — join the access list of the app's Connect add-ons
//!
//! Regional Connect API v3 (`connect-virginia`, `connect-dublin`, legacy `connect-us`/`connect-eu`)
//! - `GET  /api/v3/connections?app=&deep=&resource_name=&resource_id=` — legacy list (Flow B)
//! - `POST /api/v3/users/me/apps/{app}/auth` — legacy access grant (Flow B)
//! - `GET|PATCH /api/v3/connections/{cid}` — detail (`?deep=true` adds mappings) / db_key, schema_name, name
//! - `GET  /api/v3/apps/{app}` — `db_keys`
//! - `POST /api/v3/connections/{cid}/authorize_url` — start Salesforce auth
//! - `POST /api/v3/connections/{cid}/actions/{pause|resume|restart}`
//! - `GET  /api/v3/connections/{cid}/actions/export`, `POST …/actions/import` (JSON or multipart `config`)
//! - `POST /api/v3/connections/{cid}/actions/change-sf-api-version`, `GET …/schema-diff?target_version=`
//! - `POST /api/v3/connections/{cid}/mappings` — create a mapping
//! - `GET|PATCH|PUT|DELETE /api/v3/mappings/{mid}`, `POST /api/v3/mappings/{mid}/actions/reload`
//! - `GET  /api/v3/connections/{cid}/errors`, `GET /api/v3/mappings/{mid}/errors` — write errors
//! - `POST /api/v3/connections/{cid}/validations`, `GET …/validations/{job}`, `GET /api/v3/mappings/{mid}/validations`
//! - `GET  /api/v3/connections/{cid}/notifications`, `POST …/notifications/acknowledge`
//! - `GET  /api/v3/connections/{cid}/schemas/{object}` — Salesforce object schema
//!
//! Platform API (`api.heroku.com`)
//! - `GET /account`, `GET /account/rate-limits`, `GET|POST /apps`, `GET /apps/{app}`, `GET|POST /apps/{app}/addons`
//!
//! Fake Salesforce (`login.salesforce.com`, `test.salesforce.com`, `*.my.salesforce.com`)
//! - `GET|POST /services/oauth2/authorize` — login-and-consent page, Allow/Deny form
//!
//! Fake dashboard (`dashboard.heroku.com/apps/{name}`) — `GET /dashboard/apps/{name}` in one-origin mode
//!
//! Control API (every host, no auth, not logged or counted)
//! - `POST /_emulator/reset`, `GET /_emulator/requests?since=`, `GET|POST|DELETE /_emulator/faults`,
//!   `POST /_emulator/advance`, `GET /_emulator/state`, `POST /_emulator/set-state`, `POST /_emulator/events`
//!
//! Every path answers `OPTIONS` with the CORS preflight of §8.1.

pub mod cli;
pub mod error;
pub mod layer;
pub mod query;
pub mod routes;
pub mod serve;
pub mod store;
pub mod tls;
pub mod wire;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;

pub use store::seed::Seed;
pub use store::{Limits, Store};

/// Shared handle on the one Store, plus where to save it.
#[derive(Clone)]
pub struct EmulatorState {
    inner: Arc<Shared>,
}

struct Shared {
    store: Mutex<Store>,
    state_file: Option<PathBuf>,
    save_lock: Mutex<()>,
}

impl EmulatorState {
    /// A fresh emulator from a seed world.
    pub fn new(seed: Seed, limits: Limits) -> Self {
        Self::from_store(Store::seeded(seed, limits), None)
    }

    /// The demo world with default limits, as most tests want it.
    pub fn demo() -> Self {
        Self::new(Seed::Demo, Limits::default())
    }

    fn from_store(store: Store, state_file: Option<PathBuf>) -> Self {
        Self {
            inner: Arc::new(Shared {
                store: Mutex::new(store),
                state_file,
                save_lock: Mutex::new(()),
            }),
        }
    }

    /// Loads `path` if it exists (a corrupt file is an error, never a silent reset), else seeds and saves.
    pub fn with_state_file(path: &Path, seed: Seed, limits: Limits) -> Result<Self, String> {
        let store = match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut store: Store = serde_json::from_str(&text).map_err(|e| {
                    format!(
                        "state file {} is not a valid emulator state: {e}",
                        path.display()
                    )
                })?;
                if store.users.is_empty() {
                    return Err(format!(
                        "state file {} holds no users; refusing to start from it",
                        path.display()
                    ));
                }
                store.limits = limits;
                store
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Store::seeded(seed, limits),
            Err(e) => return Err(format!("cannot read state file {}: {e}", path.display())),
        };
        let state = Self::from_store(store, Some(path.to_owned()));
        state
            .save()
            .map_err(|e| format!("cannot write state file {}: {e}", path.display()))?;
        Ok(state)
    }

    /// Locks the store. Never hold the guard across an `.await`.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.inner
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with the store locked.
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.lock())
    }

    /// Back to a seed (the current one when `None`), keeping the limits.
    pub fn reset(&self, seed: Option<Seed>) {
        let mut store = self.lock();
        let seed = seed
            .or_else(|| Seed::parse(&store.seed))
            .unwrap_or(Seed::Demo);
        *store = Store::seeded(seed, store.limits);
    }

    /// Moves the simulated clock.
    pub fn advance(&self, ticks: u64) {
        self.lock().advance(ticks);
    }

    /// Writes the whole store to the state file, if there is one (atomically, via a rename).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.inner.state_file else {
            return Ok(());
        };
        let _one_writer = self
            .inner
            .save_lock
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let text = serde_json::to_string(&*self.lock()).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)
    }

    /// Whether a state file is configured.
    pub fn persists(&self) -> bool {
        self.inner.state_file.is_some()
    }
}

/// The whole emulator as one Router, for `oneshot` tests and for the listeners in `main.rs`.
pub fn app(state: EmulatorState) -> Router {
    let inner = routes::router(state.clone());
    Router::new()
        .fallback_service(inner)
        .layer(axum::middleware::from_fn_with_state(state, layer::handle))
}
