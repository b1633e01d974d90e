//! Connection and mapping states (contract §6.1–6.3) and the groups the UI shows them in.
//! Unknown strings are kept verbatim in `Other` and never mapped onto a known state.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How the UI presents a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StateGroup {
    /// Healthy.
    Ok,
    /// Working on something; expect a change soon.
    InProgress,
    /// Needs attention.
    Error,
    /// Setup not finished (neutral).
    Setup,
    /// Paused (neutral).
    Paused,
    /// A state string the client does not know.
    Unknown,
}

macro_rules! state_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal => $group:ident,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
            /// A state the client does not know, kept exactly as received.
            Other(String),
        }

        impl $name {
            /// Every state string the client knows, in the contract's order.
            pub const KNOWN: &'static [&'static str] = &[$($text,)*];

            /// Reads a state string; unknown strings become `Other`.
            pub fn parse(s: &str) -> $name {
                match s {
                    $($text => $name::$variant,)*
                    other => $name::Other(other.to_string()),
                }
            }

            /// The state as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(s) => s,
                }
            }

            /// The display group.
            pub fn group(&self) -> StateGroup {
                match self {
                    $($name::$variant => StateGroup::$group,)*
                    $name::Other(_) => StateGroup::Unknown,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok($name::parse(&String::deserialize(d)?))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

state_enum! {
    /// State of a connection (contract §6.1).
    ConnectionState {
        /// Add-on provisioned, database not configured.
        New = "NEW" => Setup,
        /// Database set, Salesforce not authorized.
        NeedAuthentication = "NEED_AUTHENTICATION" => Setup,
        /// Healthy, at rest; the only state pause accepts.
        Idle = "IDLE" => Ok,
        /// Working, healthy.
        Busy = "BUSY" => Ok,
        /// Reading the trigger log to write to Salesforce.
        PollingDbChanges = "POLLING_DB_CHANGES" => InProgress,
        /// Applying an imported configuration.
        ImportConfiguration = "IMPORT_CONFIGURATION" => InProgress,
        /// Recovering after a restart or a fault.
        Recovery = "RECOVERY" => InProgress,
        /// Paused by the user or for inactivity.
        Paused = "PAUSED" => Paused,
        /// Long inactivity.
        SystemOnIce = "SYSTEM_ON_ICE" => Paused,
        /// Long inactivity; needs a support ticket.
        Iced = "ICED" => Paused,
        /// System error.
        SystemError = "SYSTEM_ERROR" => Error,
        /// Database unavailable.
        DbUnavailable = "DB_UNAVAILABLE" => Error,
        /// Row limit exceeded.
        TooManyRows = "TOO_MANY_ROWS" => Error,
        /// Salesforce authorization lost.
        Unauthorized = "UNAUTHORIZED" => Error,
        /// Heroku authorization lost.
        HerokuUnauth = "HEROKU_UNAUTH" => Error,
        /// The Salesforce org is inactive.
        InactiveOrg = "INACTIVE_ORG" => Error,
    }
}

state_enum! {
    /// State of a mapping (contract §6.2). `SYNCED` and `INITIAL_DATA_LOAD` are deliberately
    /// unknown: they appear only in mocks.
    MappingState {
        /// Everything synced.
        DataSynced = "DATA_SYNCED" => Ok,
        /// Polling Salesforce over SOAP.
        PollingSfChanges = "POLLING_SF_CHANGES" => Ok,
        /// Bulk poll.
        PollingSfBulk = "POLLING_SF_BULK" => Ok,
        /// Polling for deletes.
        PollingSfForDeletes = "POLLING_SF_FOR_DELETES" => Ok,
        /// Relationship work.
        PollExternalIds = "POLL_EXTERNAL_IDS" => Ok,
        /// Relationship work.
        ResolveExternalIds = "RESOLVE_EXTERNAL_IDS" => Ok,
        /// Bulk update pending.
        WaitBulkUpdate = "WAIT_BULK_UPDATE" => Ok,
        /// Applying a bulk update.
        ApplyingBulkUpdate = "APPLYING_BULK_UPDATE" => Ok,
        /// Counted as OK by other clients; meaning undocumented.
        Aborted = "ABORTED" => Ok,
        /// Creating the table.
        Initial = "INITIAL" => InProgress,
        /// Loading new columns.
        Resync = "RESYNC" => InProgress,
        /// Reloading.
        ReloadTable = "RELOAD_TABLE" => InProgress,
        /// Altering the DB schema.
        SchemaChanged = "SCHEMA_CHANGED" => InProgress,
        /// Waiting for a bulk job.
        WaitBulkLoad = "WAIT_BULK_LOAD" => InProgress,
        /// Loading a bulk job.
        LoadingBulkJob = "LOADING_BULK_JOB" => InProgress,
        /// Recovering.
        Recovery = "RECOVERY" => InProgress,
        /// Bulk load failed.
        BulkLoadError = "BULK_LOAD_ERROR" => Error,
        /// System error.
        SystemError = "SYSTEM_ERROR" => Error,
        /// Database unavailable.
        DbUnavailable = "DB_UNAVAILABLE" => Error,
        /// Invalid configuration.
        BadConfig = "BAD_CONFIG" => Error,
        /// Sync removed.
        SyncRemoved = "SYNC_REMOVED" => Error,
        /// Org inactive.
        InactiveOrg = "INACTIVE_ORG" => Error,
        /// Salesforce authorization lost.
        Unauthorized = "UNAUTHORIZED" => Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_states_stay_verbatim() {
        let s: ConnectionState = serde_json::from_str(r#""WARP_SPEED""#).unwrap();
        assert_eq!(s, ConnectionState::Other("WARP_SPEED".into()));
        assert_eq!(s.group(), StateGroup::Unknown);
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""WARP_SPEED""#);
        assert_eq!(MappingState::parse("SYNCED").group(), StateGroup::Unknown);
        assert_eq!(
            MappingState::parse("INITIAL_DATA_LOAD").group(),
            StateGroup::Unknown
        );
        assert_eq!(ConnectionState::parse("idle").group(), StateGroup::Unknown);
    }

    #[test]
    fn groups() {
        assert_eq!(ConnectionState::New.group(), StateGroup::Setup);
        assert_eq!(ConnectionState::Iced.group(), StateGroup::Paused);
        assert_eq!(ConnectionState::Recovery.group(), StateGroup::InProgress);
        assert_eq!(ConnectionState::InactiveOrg.group(), StateGroup::Error);
        assert_eq!(MappingState::Aborted.group(), StateGroup::Ok);
        assert_eq!(MappingState::BadConfig.group(), StateGroup::Error);
        for s in ["NEW", "IDLE", "PAUSED", "SYSTEM_ERROR", "HEROKU_UNAUTH"] {
            assert_eq!(ConnectionState::parse(s).as_str(), s);
        }
    }
}
