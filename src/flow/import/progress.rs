//! Per-mapping progress while an import applies, read from the connection's detail.

use crate::api::model::{Connection, StateGroup};

/// One imported mapping's progress.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MappingProgress {
    /// Object name as the file spells it.
    pub object_name: String,
    /// Its state as last seen (`None` while the import has not created it yet).
    pub state: Option<String>,
    /// The state's group.
    pub group: Option<StateGroup>,
    /// The server's description of an error state.
    pub description: Option<String>,
}

impl MappingProgress {
    pub(super) fn pending(object_name: &str) -> MappingProgress {
        MappingProgress {
            object_name: object_name.to_owned(),
            state: None,
            group: None,
            description: None,
        }
    }

    /// The progress of `object_name` on `conn` (names compared without regard to case).
    pub fn of(conn: &Connection, object_name: &str) -> MappingProgress {
        let found = conn
            .mappings
            .iter()
            .find(|m| m.object_name.eq_ignore_ascii_case(object_name));
        MappingProgress {
            object_name: object_name.to_owned(),
            state: found
                .and_then(|m| m.state.as_ref())
                .map(|s| s.as_str().to_owned()),
            group: found.and_then(|m| m.state.as_ref()).map(|s| s.group()),
            description: found.and_then(|m| m.state_description.clone()),
        }
    }
}
