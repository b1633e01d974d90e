//! Salesforce step timing: the wait for the user to finish consent in another tab survives the
//! popup closing (it is part of the serialised state); pages poll every 5 s while it runs and
//! stop after 15 minutes, offering "check again".

use crate::api::model::{Connection, ConnectionState};

/// Poll the connection this often while waiting for Salesforce.
pub const POLL_MS: u64 = 5_000;
/// Stop waiting after this long.
pub const WAIT_LIMIT_MS: u64 = 15 * 60 * 1_000;
/// `next` when the UI has not said where the browser should land (the CLI's choice).
pub const DEFAULT_NEXT: &str = "http://localhost:18000";

/// Whether a wait that started at `since_ms` is still within the limit at `now_ms`.
pub fn still_waiting(since_ms: u64, now_ms: u64) -> bool {
    now_ms.saturating_sub(since_ms) < WAIT_LIMIT_MS
}

/// Whether the connection shows that Salesforce authorization finished: it has left `NEW` and
/// `NEED_AUTHENTICATION` and names an org.
pub fn authorized(conn: &Connection) -> bool {
    !matches!(
        conn.state,
        Some(ConnectionState::New) | Some(ConnectionState::NeedAuthentication) | None
    ) && conn.is_authorized()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_limit() {
        assert!(still_waiting(1_000, 1_000));
        assert!(still_waiting(1_000, 1_000 + WAIT_LIMIT_MS - 1));
        assert!(!still_waiting(1_000, 1_000 + WAIT_LIMIT_MS));
        assert!(
            still_waiting(5_000, 1_000),
            "a clock going backwards never ends the wait early"
        );
    }

    #[test]
    fn authorization_seen() {
        let mut c = Connection {
            state: Some(ConnectionState::NeedAuthentication),
            ..Connection::default()
        };
        assert!(!authorized(&c));
        c.state = Some(ConnectionState::Idle);
        assert!(!authorized(&c), "no org yet");
        c.organization_id = Some("00D".into());
        assert!(authorized(&c));
    }
}
