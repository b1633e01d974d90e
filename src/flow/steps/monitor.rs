//! Step 8, status (the monitor): the running sync and what the user does to it. Pause, resume and
//! restart of the connection; a mapping's creation, edit, reload and deletion and the API version
//! change
//! ([`crate::flow::operation`]); the reads of write errors, diagnoses, notifications, an object's
//! fields and the API version preview ([`crate::flow::reads`], [`crate::flow::notifications`],
//! [`crate::flow::diagnose`]). Each is a message here, answered by a call the driver makes, and
//! saved with the state so that a page opened again shows it as it is. Poll intervals and the
//! status view's rules are in [`crate::flow::monitor`].

use serde::{Deserialize, Serialize};

use crate::api::model::{
    Connection, Notification, ObjectSchema, SchemaDiff, ValidationJob, ValidationPoll,
    ValidationResult, WriteError,
};
use crate::api::{ApiError, ConnectionActionKind, RequestSpec};
use crate::flow::diagnose::Diagnosis;
use crate::flow::effect::Effect;
use crate::flow::export::Export;
use crate::flow::notifications::Notifications;
use crate::flow::operation::{OpKind, OpStage, Operation};
use crate::flow::reduce::rules::{ok_or_fail, store_connection};
use crate::flow::unanswered::{action_checked, outcome_unknown, Change};
use crate::flow::write_errors::Scope;
use crate::flow::{FlowError, State, Step};

/// What happens on the status step.
// As large as `Action` already is (a read connection); made once per answer and consumed at once.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MonitorMsg {
    /// A pause, resume or restart was sent.
    ActionRequested(ConnectionActionKind),
    /// It answered.
    ActionDone(Result<(), ApiError>),
    /// The read of the connection after an action got no answer.
    ActionChecked {
        /// The action sent.
        kind: ConnectionActionKind,
        /// The connection as read afterwards.
        result: Result<Connection, ApiError>,
    },
    /// The user asked to reload or delete a mapping, or to change the API version.
    OperationRequested(OpKind),
    /// That request answered.
    OperationAnswered(Result<(), ApiError>),
    /// The user put away the operation's result.
    OperationDismissed,
    /// The user asked for the write errors of the chosen connection (`None`) or of one mapping.
    WriteErrorsRequested(Scope),
    /// That read answered.
    WriteErrorsLoaded {
        /// Whose errors.
        scope: Scope,
        /// The list.
        result: Result<Vec<WriteError>, ApiError>,
    },
    /// The user asked for one mapping's own diagnosis (by its id).
    MappingDiagnoseRequested(String),
    /// `GET …/mappings/<id>/validations` answered.
    MappingDiagnosed {
        /// The mapping's id.
        mapping_id: String,
        /// Its checks.
        result: Result<ValidationResult, ApiError>,
    },
    /// The user asked what changing to a target API version (`NN.0`) would do.
    ApiVersionPreviewRequested(String),
    /// `GET …/schema-diff` answered.
    ApiVersionPreviewed {
        /// The version asked about.
        target: String,
        /// The diff.
        result: Result<SchemaDiff, ApiError>,
    },
    /// The mapping editor asked for an object's fields (by its API name).
    SchemaRequested(String),
    /// `GET …/schemas/<object>` answered (a 404: the org has no such object).
    SchemaLoaded {
        /// The object asked about.
        object: String,
        /// Its fields.
        result: Result<ObjectSchema, ApiError>,
    },
    /// The user asked for the configuration as a file.
    ExportRequested,
    /// `GET …/export` answered.
    Exported(Result<serde_json::Value, ApiError>),
    /// The file was written, or not (the words to show).
    ExportSaved(Result<(), String>),
    /// The user asked for the chosen connection's notifications.
    NotificationsRequested,
    /// `GET …/notifications` answered.
    NotificationsLoaded(Result<Vec<Notification>, ApiError>),
    /// The user acknowledged the listed notifications.
    AcknowledgeRequested,
    /// `POST …/notifications/acknowledge` answered.
    Acknowledged(Result<(), ApiError>),
    /// The user asked for diagnostics of the chosen connection.
    DiagnoseRequested,
    /// `POST …/validations` answered.
    DiagnoseStarted(Result<ValidationJob, ApiError>),
    /// A read of the job's `result_url` answered.
    DiagnosePolled(Result<ValidationPoll, ApiError>),
}

impl MonitorMsg {
    /// The failed call this message reports.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            MonitorMsg::ActionDone(Err(e))
            | MonitorMsg::OperationAnswered(Err(e))
            | MonitorMsg::NotificationsLoaded(Err(e))
            | MonitorMsg::WriteErrorsLoaded { result: Err(e), .. }
            | MonitorMsg::MappingDiagnosed { result: Err(e), .. }
            | MonitorMsg::ApiVersionPreviewed { result: Err(e), .. }
            | MonitorMsg::SchemaLoaded { result: Err(e), .. }
            | MonitorMsg::Exported(Err(e))
            | MonitorMsg::Acknowledged(Err(e)) => Some(e),
            _ => None,
        }
    }
}

pub(crate) fn reduce(s: &mut State, msg: MonitorMsg) {
    // Every request here is about the chosen connection; without one nothing is asked.
    let connected = s.connection().is_some();
    match msg {
        MonitorMsg::ActionRequested(kind) => {
            if super::ready(s, connected, Step::Monitor) {
                s.busy = true;
                s.action_pending = Some(kind);
            }
        }
        // No answer: Heroku may have applied it. The action stays pending (and busy) until a
        // read of the connection says which (`ActionChecked`).
        MonitorMsg::ActionDone(Err(e))
            if outcome_unknown(&e) && s.action_pending.is_some() && connected =>
        {
            s.unanswered = Some(e);
        }
        MonitorMsg::ActionDone(r) => {
            if ok_or_fail(s, r).is_none() {
                s.action_pending = None;
            }
        }
        MonitorMsg::ActionChecked { kind, result } => {
            let before = s.connection().and_then(|c| c.state.clone());
            let checked = action_checked(kind, before.as_ref(), result.as_ref().ok());
            s.busy = false;
            s.action_pending = None;
            if let Ok(conn) = result {
                store_connection(s, conn);
            }
            if let Some(error) = s.unanswered.take() {
                s.last_error = Some(FlowError::Unanswered {
                    change: Change::Action(kind),
                    checked,
                    error,
                });
            }
        }
        MonitorMsg::OperationRequested(kind) => match (s.connection_id.clone(), &s.operation) {
            (_, Some(op)) if op.awaiting_answer() => {}
            (Some(id), _) if connected => s.operation = Some(Operation::sent(&id, kind)),
            _ => s.last_error = Some(FlowError::StepNotReady(Step::Monitor)),
        },
        MonitorMsg::OperationAnswered(answer) => {
            if let Some(op) = &mut s.operation {
                op.answered(answer);
            }
        }
        MonitorMsg::OperationDismissed => {
            if s.operation.as_ref().is_some_and(|op| !op.in_flight()) {
                s.operation = None;
            }
        }
        MonitorMsg::WriteErrorsRequested(scope) if connected => {
            s.tab.write_errors.requested(scope);
        }
        MonitorMsg::WriteErrorsLoaded { scope, result } => {
            s.tab.write_errors.loaded(&scope, result)
        }
        MonitorMsg::MappingDiagnoseRequested(id) if connected => {
            s.tab.mapping_diagnoses.requested(id);
        }
        MonitorMsg::MappingDiagnosed { mapping_id, result } => {
            s.tab.mapping_diagnoses.loaded(&mapping_id, result)
        }
        // Only the latest preview is shown; one already under way is not asked again.
        MonitorMsg::ApiVersionPreviewRequested(target)
            if connected && !s.tab.schema_diffs.loading(&target) =>
        {
            s.tab.schema_diffs = Default::default();
            s.tab.schema_diffs.requested(target);
        }
        MonitorMsg::ApiVersionPreviewed { target, result } => {
            s.tab.schema_diffs.loaded(&target, result)
        }
        MonitorMsg::SchemaRequested(object) if connected => {
            s.tab.schemas.requested(object);
        }
        // A 404 is an answer too: the org has no such object, which the editor says.
        MonitorMsg::SchemaLoaded { object, result } => s.tab.schemas.loaded(&object, result),
        MonitorMsg::ExportRequested if connected => s.tab.export.requested(),
        MonitorMsg::Exported(answer) => s.tab.export.read(answer.map(|_| ())),
        MonitorMsg::ExportSaved(answer) => s.tab.export.saved(answer),
        MonitorMsg::NotificationsRequested if connected => {
            s.tab.notifications.requested();
        }
        MonitorMsg::NotificationsLoaded(answer) => s.tab.notifications.loaded(answer),
        MonitorMsg::AcknowledgeRequested if connected => {
            s.tab.notifications.acknowledge();
        }
        MonitorMsg::Acknowledged(answer) => {
            s.tab.notifications.acknowledged(answer);
        }
        MonitorMsg::DiagnoseRequested => {
            s.tab.diagnosis = if connected {
                Diagnosis::Running {
                    result_url: None,
                    polls: 0,
                }
            } else {
                Diagnosis::Idle
            }
        }
        MonitorMsg::DiagnoseStarted(answer) => s.tab.diagnosis.started(answer),
        MonitorMsg::DiagnosePolled(answer) => s.tab.diagnosis.polled(answer),
        // A read asked for without a chosen connection, or a preview already under way.
        MonitorMsg::WriteErrorsRequested(_)
        | MonitorMsg::MappingDiagnoseRequested(_)
        | MonitorMsg::ApiVersionPreviewRequested(_)
        | MonitorMsg::SchemaRequested(_)
        | MonitorMsg::ExportRequested
        | MonitorMsg::NotificationsRequested
        | MonitorMsg::AcknowledgeRequested => {}
    }
}

pub(crate) fn effects(before: &State, after: &State, msg: &MonitorMsg, out: &mut Vec<Effect>) {
    match msg {
        MonitorMsg::ActionRequested(kind) => out.push(Effect::ConnectionAction(*kind)),
        MonitorMsg::ActionDone(Ok(_)) => out.push(Effect::PollConnection),
        MonitorMsg::ActionDone(Err(_)) if after.unanswered.is_some() => {
            out.extend(after.action_pending.map(Effect::CheckAction))
        }
        MonitorMsg::OperationRequested(_) => {
            // Only a request the reducer took: never a second one while one is under way.
            let taken = before.operation != after.operation;
            if let Some(op) = after
                .operation
                .as_ref()
                .filter(|op| taken && op.stage == OpStage::Sent)
            {
                out.push(Effect::Operate(op.kind.clone()));
            }
        }
        // Heroku accepted it, or its answer was lost: a read of the connection follows it.
        MonitorMsg::OperationAnswered(_)
            if after.operation.as_ref().is_some_and(|op| op.watching()) =>
        {
            out.push(Effect::PollConnection)
        }
        MonitorMsg::DiagnoseRequested if after.tab.diagnosis.running() => {
            out.push(Effect::StartValidation)
        }
        // Each read only when the reducer took the request (never a second one in flight).
        MonitorMsg::WriteErrorsRequested(scope)
            if after.tab.write_errors.loading(scope) && !before.tab.write_errors.loading(scope) =>
        {
            out.push(Effect::LoadWriteErrors(scope.clone()))
        }
        MonitorMsg::MappingDiagnoseRequested(id)
            if after.tab.mapping_diagnoses.loading(id)
                && !before.tab.mapping_diagnoses.loading(id) =>
        {
            out.push(Effect::DiagnoseMapping(id.clone()))
        }
        MonitorMsg::ApiVersionPreviewRequested(target)
            if after.tab.schema_diffs.loading(target)
                && !before.tab.schema_diffs.loading(target) =>
        {
            out.push(Effect::PreviewApiVersion(target.clone()))
        }
        MonitorMsg::SchemaRequested(object)
            if after.tab.schemas.loading(object) && !before.tab.schemas.loading(object) =>
        {
            out.push(Effect::LoadSchema(object.clone()))
        }
        MonitorMsg::ExportRequested if after.tab.export.busy() && !before.tab.export.busy() => {
            out.push(Effect::Export)
        }
        // Only an answer that was awaited is saved.
        MonitorMsg::Exported(Ok(document))
            if after.tab.export == Export::Saving && before.tab.export == Export::Reading =>
        {
            out.push(Effect::SaveExport(document.clone()))
        }
        MonitorMsg::NotificationsRequested | MonitorMsg::Acknowledged(_)
            if after.tab.notifications == Notifications::Loading
                && before.tab.notifications != Notifications::Loading =>
        {
            out.push(Effect::LoadNotifications)
        }
        MonitorMsg::AcknowledgeRequested
            if after.tab.notifications == Notifications::Acknowledging
                && before.tab.notifications != Notifications::Acknowledging =>
        {
            out.push(Effect::AcknowledgeNotifications)
        }
        _ => {}
    }
}

pub(crate) fn calls(state: &State) -> Vec<RequestSpec> {
    super::detail_call(state).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::reduce;
    use crate::flow::steps::testing::*;

    #[test]
    fn monitor_actions() {
        let s = with_conn(Step::Monitor, conn("IDLE", true, true));
        assert_eq!(
            run(
                &s,
                Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
            ),
            vec![Effect::ConnectionAction(ConnectionActionKind::Pause)]
        );
        let sent = reduce(
            &s,
            Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause)),
        );
        assert_eq!(
            run(&sent, Action::Monitor(MonitorMsg::ActionDone(Ok(())))),
            vec![Effect::PollConnection]
        );
        assert_eq!(
            run(
                &sent,
                Action::Monitor(MonitorMsg::ActionDone(Err(err(409))))
            ),
            vec![]
        );
        let none = with_app(Step::Monitor);
        assert_eq!(
            run(
                &none,
                Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
            ),
            vec![]
        );
        assert!(
            !reduce(
                &none,
                Action::Monitor(MonitorMsg::ActionRequested(ConnectionActionKind::Pause))
            )
            .busy
        );
    }
}
