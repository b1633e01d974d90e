//! Write errors of the last 24 hours (`connect:write-errors`, `connect:mapping:write-errors`): one
//! read for the connection and one per mapping asked about ([`super::reads`]).

use super::reads::Reads;
use crate::api::model::WriteError;

/// Whose write errors: the connection's (`None`) or one mapping's (its id).
pub type Scope = Option<String>;

/// Every write-error list asked about on the chosen connection.
pub type WriteErrorLists = Reads<Scope, Vec<WriteError>>;
