//! The session's steps behind [`Session::apply`]: taking a dropped file, choosing what to check,
//! comparing with the server's export, following the import on the connection, and recording a
//! failure so the user can try again.

use super::{Call, MappingProgress, Session, Stage};
use crate::api::model::Connection;
use crate::config::{self, Issue, MappingConfig, MappingStatus, Plan};

impl Session {
    pub(super) fn file_read(&mut self, name: String, bytes: Vec<u8>, plan: Plan) -> Option<Call> {
        if !self.can_choose() {
            return None;
        }
        // A UTF-8 file becomes the text without a copy; only a broken one is read twice, to report
        // where it breaks and to keep a readable text.
        let (text, parsed) = match String::from_utf8(bytes) {
            Ok(text) => {
                let parsed = MappingConfig::parse(text.as_bytes());
                (text, parsed)
            }
            Err(e) => {
                let bytes = e.into_bytes();
                let parsed = MappingConfig::parse(&bytes);
                (String::from_utf8_lossy(&bytes).into_owned(), parsed)
            }
        };
        *self = Session {
            file_name: Some(name),
            text,
            plan: Some(plan),
            ..self.next_session()
        };
        match parsed {
            Err(e) => {
                self.parse_error = Some(e);
                self.stage = Some(Stage::Blocked);
                None
            }
            Ok(config) => {
                self.issues = sorted(config::validate(&config, plan, None));
                self.config = Some(config);
                if self.has_errors() {
                    // Shape errors block at once; no call is needed to say so.
                    self.stage = Some(Stage::Blocked);
                    return None;
                }
                self.stage = Some(Stage::Checking);
                Some(self.check_call())
            }
        }
    }

    pub(super) fn check_call(&mut self) -> Call {
        self.ticket = self.ticket.wrapping_add(1);
        Call::Check {
            objects: self
                .config
                .as_ref()
                .map(config::schema::objects_to_fetch)
                .unwrap_or_default(),
            export: self.server.is_none(),
            ticket: self.ticket,
        }
    }

    /// An empty session that keeps what outlives a file: the ticket count, and the held export when
    /// nothing has changed the server since it was fetched.
    pub(super) fn next_session(&mut self) -> Session {
        let unchanged = matches!(
            self.stage(),
            Stage::Empty | Stage::Checking | Stage::Blocked | Stage::Ready
        );
        Session {
            server: if unchanged { self.server.take() } else { None },
            ticket: self.ticket,
            ..Session::default()
        }
    }

    /// Diffs the file against the held export: what the import would create, and whether it may run.
    pub(super) fn compare(&mut self) {
        let (Some(config), Some(server)) = (&self.config, &self.server) else {
            // Not reached: a check without a held export asks for one. Never leave it spinning.
            self.stage = Some(Stage::Blocked);
            return;
        };
        let d = config::diff(config, server);
        self.created = d
            .mappings
            .iter()
            .filter(|m| m.status == MappingStatus::Added)
            .map(|m| m.object_name.clone())
            .collect();
        self.diff = Some(d);
        self.stage = Some(if self.has_errors() {
            Stage::Blocked
        } else {
            Stage::Ready
        });
    }

    /// The objects the import touches: every mapping of the file.
    pub(super) fn watched(&self) -> Vec<String> {
        self.config
            .as_ref()
            .map(|c| c.mappings.iter().map(|m| m.object_name.clone()).collect())
            .unwrap_or_default()
    }

    pub(super) fn connection_seen(&mut self, conn: &Connection) -> Option<Call> {
        match self.stage() {
            Stage::Watching => {
                self.progress = self
                    .watched()
                    .iter()
                    .map(|o| MappingProgress::of(conn, o))
                    .collect();
                let all_there = self.progress.iter().all(|p| p.state.is_some());
                if all_there && crate::flow::reduce::import_settled(conn) {
                    self.stage = Some(Stage::Done);
                }
                None
            }
            Stage::UndoWatching if crate::flow::reduce::import_settled(conn) => self.verify(),
            _ => None,
        }
    }

    pub(super) fn verify(&mut self) -> Option<Call> {
        self.stage = Some(Stage::Verifying);
        Some(Call::Verify(self.server.clone()?))
    }

    pub(super) fn fail(&mut self, back_to: Stage, error: String) -> Option<Call> {
        self.error = Some(error);
        self.stage = Some(back_to);
        None
    }
}

/// Errors before warnings; within a severity, document order.
pub(super) fn sorted(mut issues: Vec<Issue>) -> Vec<Issue> {
    config::order::sort_by(&mut issues, |a, b| a.severity.cmp(&b.severity));
    issues
}
