//! The full tab's address for one mapping's panel (`app.html#/status/<panel>/<mapping id>`): the
//! popup's mapping buttons open the tab there, since the panels (details, edit, delete) are only in
//! the tab's wasm.

use super::MappingControl;

/// The route's prefix; `#/status` alone is the status view with no panel open.
const PREFIX: &str = "#/status/";

/// The status view with no panel open.
pub const STATUS_HASH: &str = "#/status";

/// The status view, saving the configuration as a file at once: the popup's Export, since only the
/// tab's wasm carries the configuration engine that normalises it.
pub const EXPORT_HASH: &str = "#/status/export";

fn word(c: MappingControl) -> Option<&'static str> {
    match c {
        MappingControl::Details => Some("details"),
        MappingControl::Edit => Some("edit"),
        MappingControl::Delete => Some("delete"),
        // Runs in place, in the popup too.
        MappingControl::Reload => None,
    }
}

/// Whether `id` can stand in the address as it is (mapping ids are UUIDs; anything else is refused
/// rather than escaped).
fn plain(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The hash that opens `control`'s panel of mapping `id`; `#/status` when there is no such panel.
pub fn panel_hash(id: &str, control: MappingControl) -> String {
    match word(control) {
        Some(w) if plain(id) => format!("{PREFIX}{w}/{id}"),
        _ => STATUS_HASH.into(),
    }
}

/// The panel a hash asks for, if it is a well-formed [`panel_hash`].
pub fn panel_from_hash(hash: &str) -> Option<(String, MappingControl)> {
    let (w, id) = hash.strip_prefix(PREFIX)?.split_once('/')?;
    let control = [
        MappingControl::Details,
        MappingControl::Edit,
        MappingControl::Delete,
    ]
    .into_iter()
    .find(|c| word(*c) == Some(w))?;
    plain(id).then(|| (id.to_owned(), control))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panel_survives_the_round_trip() {
        let id = "a0000000-0000-4000-8000-000000000001";
        for c in [
            MappingControl::Details,
            MappingControl::Edit,
            MappingControl::Delete,
        ] {
            let hash = panel_hash(id, c);
            assert!(hash.starts_with("#/status/"), "{hash}");
            assert_eq!(panel_from_hash(&hash), Some((id.to_owned(), c)));
        }
    }

    #[test]
    fn reload_and_odd_ids_open_the_plain_status() {
        assert_eq!(panel_hash("m1", MappingControl::Reload), "#/status");
        assert_eq!(panel_hash("a/b", MappingControl::Edit), "#/status");
        assert_eq!(panel_hash("", MappingControl::Edit), "#/status");
    }

    #[test]
    fn other_hashes_ask_for_no_panel() {
        for hash in [
            "",
            "#/status",
            EXPORT_HASH,
            "#/import",
            "#/status/edit/",
            "#/status/reload/m1",
            "#/status/edit/a?b",
            "#/status/details/m1/x",
        ] {
            assert_eq!(panel_from_hash(hash), None, "{hash}");
        }
    }
}
