//! Database step rules: the schema name check done before the PATCH, and the re-read check
//! after it (users of the official CLI have seen a 2xx that left the connection unchanged).

use crate::api::model::Connection;

/// Default schema, as the CLI offers.
pub const DEFAULT_SCHEMA: &str = "salesforce";

/// `^[a-z_][a-z0-9_]{0,62}$`, written out so the app carries no regex engine.
///
/// ```
/// use connect_pilot::flow::valid_schema_name;
/// assert!(valid_schema_name("salesforce"));
/// assert!(!valid_schema_name("Salesforce"));
/// ```
pub fn valid_schema_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && (b[0].is_ascii_lowercase() || b[0] == b'_')
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

/// Whether a re-read connection shows the db_key and schema that were sent.
pub fn database_stuck(conn: &Connection, db_key: &str, schema_name: &str) -> bool {
    conn.db_key.as_deref() == Some(db_key) && conn.schema_name.as_deref() == Some(schema_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names() {
        for ok in ["salesforce", "_x", "a", "sf_2025", &"a".repeat(63)] {
            assert!(valid_schema_name(ok), "{ok}");
        }
        for bad in [
            "",
            "1abc",
            "Salesforce",
            "sales-force",
            "sales force",
            "ünï",
            &"a".repeat(64),
            "public;drop",
        ] {
            assert!(!valid_schema_name(bad), "{bad}");
        }
    }

    #[test]
    fn stuck_check() {
        let mut c = Connection::default();
        assert!(!database_stuck(&c, "DATABASE_URL", "salesforce"));
        c.db_key = Some("DATABASE_URL".into());
        c.schema_name = Some("salesforce".into());
        assert!(database_stuck(&c, "DATABASE_URL", "salesforce"));
        assert!(!database_stuck(&c, "DATABASE_URL", "other"));
    }
}
