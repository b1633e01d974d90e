// Generated from the Rust (src/shared.rs) by `cargo run -p connect-pilot --bin shared-constants`;
// tests/shared_constants.rs and `cargo xtask build` refuse it when it differs. Do not edit.
globalThis.CP = {
  "errorStates": {
    "connection": [
      "SYSTEM_ERROR",
      "DB_UNAVAILABLE",
      "TOO_MANY_ROWS",
      "UNAUTHORIZED",
      "HEROKU_UNAUTH",
      "INACTIVE_ORG"
    ],
    "mapping": [
      "BULK_LOAD_ERROR",
      "SYSTEM_ERROR",
      "DB_UNAVAILABLE",
      "BAD_CONFIG",
      "SYNC_REMOVED",
      "INACTIVE_ORG",
      "UNAUTHORIZED"
    ]
  },
  "maxDropBytes": 5242880,
  "storage": {
    "badge": "monitor_badge",
    "pendingDrop": "dashboard_drop",
    "settings": "settings",
    "token": "heroku_token",
    "watched": "monitor_watched"
  },
  "token": {
    "domain": "heroku.com",
    "port": 443,
    "protocol": "https:",
    "refusedDomains": [
      "salesforce.com",
      "force.com",
      "salesforce-sites.com"
    ]
  }
};
