//! `reduce`: the one place where the setup state changes. It never panics and never loses what
//! is known: a failed call leaves everything in place and records the error. A 401 sends the
//! user back to the Token step; a 403 from a connection call to the Link step, but a 403 or 404
//! about the app itself (see [`super::access`]) to the App step, where no button repeats the
//! refused call; other errors stay on the step.

use super::access;
use super::action::{Action, BrowserTask, FlowError};
use super::addons::{self, AddonKind};
use super::database::{database_stuck, valid_schema_name, DEFAULT_SCHEMA};
use super::diagnose::Diagnosis;
use super::operation::Operation;
use super::state::{step_for_connection, AppSource, SfEnvironment, State};
use super::unanswered::{action_checked, outcome_unknown, Change, Checked};
use super::Step;

mod rules;
pub use rules::{action_visible, import_settled};
use rules::{
    choose_app, choose_connection, deny_app, expire_wait, fail, follow_tab, is_chosen, mark_linked,
    ok_or_fail, on_connection_seen, store_connection,
};

/// Applies `action` to `state`.
pub fn reduce(state: &State, action: Action) -> State {
    let denied = access::denial(&action);
    let mut s = state.clone();
    apply(&mut s, action);
    if let Some(denial) = denied {
        deny_app(&mut s, denial);
    }
    s
}

fn apply(s: &mut State, action: Action) {
    match action {
        Action::TokenEntered { remember } => {
            s.token_present = true;
            s.token_remembered = remember;
            s.busy = true;
            s.last_error = None;
            // Another account may reach the app this one could not.
            s.app_denied = None;
        }
        Action::TokenForgotten => {
            s.token_present = false;
            s.token_remembered = false;
            s.account_email = None;
            s.step = Step::Token;
            s.busy = false;
            // "Sign in with another token" answers the refusal; the next token is asked afresh.
            if matches!(s.last_error, Some(FlowError::AppDenied { .. })) {
                s.last_error = None;
            }
        }
        Action::AccountLoaded(r) => {
            if let Some(account) = ok_or_fail(s, r) {
                s.account_email = Some(account.email);
                s.token_present = true;
                if s.step == Step::Token {
                    s.step = if s.app.is_some() {
                        s.furthest_step()
                    } else {
                        Step::App
                    };
                }
            }
        }
        Action::DashboardUrlSeen {
            url,
            emulator_origin,
        } => {
            if let Some(name) = super::app_from_dashboard_url(&url, emulator_origin.as_deref()) {
                follow_tab(s, name);
            }
        }
        Action::AppsLoaded(r) => {
            if let Some(apps) = ok_or_fail(s, r) {
                s.apps = apps;
                s.apps_loaded = true;
            }
        }
        Action::AppChosen { name, source } => {
            if super::app_url::valid_app_name(&name) {
                choose_app(s, name, source);
            }
        }
        Action::AppLoaded(r) => {
            if let Some(app) = ok_or_fail(s, r) {
                if s.app_name() == Some(app.name.as_str()) {
                    s.app_region = app.region_name().map(str::to_string);
                }
            }
        }
        Action::AppCreateRequested { .. } => s.busy = true,
        Action::AppCreated(r) => {
            if let Some(app) = ok_or_fail(s, r) {
                let region = app.region_name().map(str::to_string);
                choose_app(s, app.name.clone(), AppSource::Created);
                s.app_region = region;
                s.apps.push(app);
            }
        }
        Action::AddonsLoaded(r) => {
            if let Some(list) = ok_or_fail(s, r) {
                s.addons = list;
                if s.step == Step::Addons && addons::all_provisioned(&s.addons) {
                    s.step = if s.linked {
                        Step::Connection
                    } else {
                        Step::Link
                    };
                }
            }
        }
        Action::PlanChosen { kind, plan } => {
            if addons::plan_allowed(kind, &plan) {
                match kind {
                    AddonKind::Postgres => s.postgres_plan = plan,
                    AddonKind::Connect => s.connect_plan = plan,
                }
            } else {
                s.last_error = Some(FlowError::PlanNotOffered(plan));
            }
        }
        Action::AddonCreateRequested(_) | Action::LinkRequested | Action::DiscoverRequested
            if s.app.is_none() =>
        {
            // Every call these start is about the app: without one, none follows to clear `busy`.
            s.last_error = Some(FlowError::StepNotReady(Step::App));
        }
        Action::AddonCreateRequested(kind) => {
            s.busy = true;
            if !s.addons_requested.contains(&kind) {
                s.addons_requested.push(kind);
            }
        }
        Action::AddonCreated(r) => {
            if let Some(addon) = ok_or_fail(s, r) {
                let same = |a: &crate::api::model::Addon| a.id.is_some() && a.id == addon.id;
                match s.addons.iter_mut().find(|a| same(a)) {
                    Some(old) => *old = addon,
                    None => s.addons.push(addon),
                }
            }
        }
        Action::LinkRequested | Action::DiscoverRequested | Action::ImportRequested => {
            s.busy = true;
            s.last_error = None;
        }
        Action::Linked(r) => {
            if ok_or_fail(s, r).is_some() {
                // Discovery of the app's connections follows the link at once; the Connection step
                // shows "searching" until it answers rather than "none found".
                s.busy = s.app.is_some();
                mark_linked(s);
                if s.step <= Step::Link {
                    s.step = Step::Connection;
                }
            }
        }
        Action::ConnectionsDiscovered(r) => {
            if let Some(found) = ok_or_fail(s, r) {
                s.flow = Some(found.flow);
                s.used_fallback = found.used_fallback;
                mark_linked(s);
                s.connections = found.connections;
                if s.step < Step::Connection {
                    s.step = Step::Connection;
                }
                let keep = s
                    .connection_id
                    .clone()
                    .filter(|id| s.connections.iter().any(|c| &c.id == id));
                s.connection_id = None;
                if keep.is_none() {
                    // The connection the database values were sent for is gone: no answer about
                    // it can move the step any more.
                    s.database_pending = None;
                }
                match (keep, s.connections.len()) {
                    (Some(id), _) => choose_connection(s, id),
                    (None, 1) => {
                        let id = s.connections[0].id.clone();
                        choose_connection(s, id);
                    }
                    _ => {}
                }
            }
        }
        Action::ConnectionChosen(id) => {
            s.db_key = None;
            if s.connection_id.as_deref() != Some(id.as_str()) {
                // What was typed belonged to the other connection.
                s.schema_name = DEFAULT_SCHEMA.into();
                s.database_edited = false;
            }
            choose_connection(s, id);
        }
        Action::DbKeysLoaded(r) => {
            if let Some(keys) = ok_or_fail(s, r) {
                s.db_keys = keys.db_keys;
                if s.db_key.is_none() && s.db_keys.len() == 1 {
                    s.db_key = Some(s.db_keys[0].name.clone());
                }
            }
        }
        Action::DatabaseEdited {
            db_key,
            schema_name,
        } => {
            let db_key = db_key.trim();
            if !db_key.is_empty() {
                s.db_key = Some(db_key.to_string());
            }
            s.schema_name = schema_name;
            s.database_edited = true;
        }
        Action::DatabaseChosen {
            db_key,
            schema_name,
        } => {
            let db_key = db_key.trim().to_string();
            s.schema_name = schema_name.clone();
            if db_key.is_empty() {
                s.last_error = Some(FlowError::NoDbKey);
            } else if !valid_schema_name(&schema_name) {
                s.last_error = Some(FlowError::InvalidSchemaName(schema_name));
            } else if s.connection().is_none() {
                // No PATCH can follow, so nothing would ever clear `busy`.
                s.last_error = Some(FlowError::StepNotReady(Step::Database));
            } else {
                s.db_key = Some(db_key.clone());
                s.database_pending = Some((db_key, schema_name));
                s.busy = true;
                s.last_error = None;
            }
        }
        // No answer: the PATCH may have been applied. The re-read that follows says which (it needs
        // the chosen connection; without one this is an ordinary failure).
        Action::DatabaseSaved(Err(e))
            if outcome_unknown(&e) && s.database_pending.is_some() && s.connection().is_some() =>
        {
            s.unanswered = Some(e);
        }
        Action::DatabaseSaved(r) => {
            let pending = s.database_pending.take();
            if let Some(conn) = ok_or_fail(s, r) {
                if is_chosen(s, &conn) {
                    store_connection(s, conn);
                    // Still waiting for the re-read: the PATCH answer alone proves nothing.
                    s.database_pending = pending;
                    s.busy = s.database_pending.is_some();
                } else if s.connections.iter().any(|c| c.id == conn.id) {
                    // A late answer about a connection no longer chosen: no re-read follows it
                    // (the driver reads only the chosen one), so nothing may wait for one.
                    store_connection(s, conn);
                }
            }
        }
        Action::DatabaseReRead(r) => {
            let pending = s.database_pending.take();
            let unanswered = s.unanswered.take();
            let said = unanswered
                .zip(pending.clone())
                .map(|(error, (db_key, schema_name))| {
                    let checked = match &r {
                        Ok(conn) if database_stuck(conn, &db_key, &schema_name) => Checked::Applied,
                        Ok(_) => Checked::NotApplied,
                        Err(_) => Checked::Unknown,
                    };
                    let change = Change::Database {
                        db_key,
                        schema_name,
                    };
                    FlowError::Unanswered {
                        change,
                        checked,
                        error,
                    }
                });
            if let Some(conn) = ok_or_fail(s, r).filter(|c| is_chosen(s, c)) {
                match pending {
                    // Nothing was awaited (an answer that outlived its save): it only refreshes
                    // the copy and proves nothing about the step.
                    None => {}
                    Some((k, sc)) if database_stuck(&conn, &k, &sc) => {
                        // Saved: the form shows the connection's values from now on.
                        s.database_edited = false;
                        if s.step == Step::Database {
                            s.step = step_for_connection(&conn).max(Step::Salesforce);
                        }
                    }
                    Some(_) => {
                        s.last_error = Some(FlowError::DatabaseNotSaved {
                            found_db_key: conn.db_key.clone(),
                            found_schema_name: conn.schema_name.clone(),
                        });
                    }
                }
                store_connection(s, conn);
            }
            // After a PATCH without an answer, what the re-read showed is the news.
            if let Some(said) = said {
                s.last_error = Some(said);
            }
        }
        Action::SalesforceEnvironmentChosen {
            environment,
            domain,
        } => {
            s.sf_environment = environment;
            s.sf_domain = domain
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty());
        }
        Action::AuthorizeRequested { next } => {
            if s.connection().is_none() {
                // As for the database: no call can follow without a connection.
                s.last_error = Some(FlowError::StepNotReady(Step::Salesforce));
            } else if s.sf_environment == SfEnvironment::Custom && s.sf_domain.is_none() {
                s.last_error = Some(FlowError::MissingSalesforceDomain);
            } else {
                s.sf_next = Some(next);
                s.busy = true;
                s.last_error = None;
            }
        }
        Action::AuthorizeUrlReceived(r) => {
            if let Some(a) = ok_or_fail(s, r) {
                s.authorize_redirect = Some(a.redirect);
            }
        }
        Action::SalesforceWaitStarted { now_ms } | Action::CheckAgain { now_ms } => {
            s.sf_waiting_since_ms = Some(now_ms);
            s.sf_wait_expired = false;
            if matches!(s.last_error, Some(FlowError::SalesforceWaitExpired)) {
                s.last_error = None;
            }
        }
        Action::ConnectionPolled { result, now_ms } => {
            if let Some(conn) = ok_or_fail(s, result) {
                on_connection_seen(s, conn);
            }
            expire_wait(s, now_ms);
        }
        Action::Tick { now_ms } => expire_wait(s, now_ms),
        Action::ImportAccepted(r) => {
            if ok_or_fail(s, r).is_some() {
                s.import_pending = true;
            }
        }
        Action::ImportSaved(saved) => s.import = saved,
        Action::ImportSkipped => {
            if s.can_enter(Step::Monitor) {
                s.step = Step::Monitor;
            }
        }
        Action::ConnectionActionRequested(kind) => {
            if s.connection().is_some() {
                s.busy = true;
                s.action_pending = Some(kind);
            } else {
                s.last_error = Some(FlowError::StepNotReady(Step::Monitor));
            }
        }
        // No answer: Heroku may have applied it. The action stays pending (and busy) until a read
        // of the connection says which (`ActionChecked`).
        Action::ConnectionActionDone(Err(e))
            if outcome_unknown(&e) && s.action_pending.is_some() && s.connection().is_some() =>
        {
            s.unanswered = Some(e);
        }
        Action::ConnectionActionDone(r) => {
            if ok_or_fail(s, r).is_none() {
                s.action_pending = None;
            }
        }
        Action::OperationRequested(kind) => match (s.connection_id.clone(), &s.operation) {
            (_, Some(op)) if op.awaiting_answer() => {}
            (Some(id), _) if s.connection().is_some() => {
                s.operation = Some(Operation::sent(&id, kind));
            }
            _ => s.last_error = Some(FlowError::StepNotReady(Step::Monitor)),
        },
        Action::OperationAnswered(answer) => {
            if let Some(op) = &mut s.operation {
                op.answered(answer);
            }
        }
        Action::OperationDismissed => {
            if s.operation.as_ref().is_some_and(|op| !op.in_flight()) {
                s.operation = None;
            }
        }
        Action::WriteErrorsRequested(scope) => {
            if s.connection().is_some() {
                s.write_errors.requested(scope);
            }
        }
        Action::WriteErrorsLoaded { scope, result } => s.write_errors.loaded(&scope, result),
        Action::MappingDiagnoseRequested(id) => {
            if s.connection().is_some() {
                s.mapping_diagnoses.requested(id);
            }
        }
        Action::MappingDiagnosed { mapping_id, result } => {
            s.mapping_diagnoses.loaded(&mapping_id, result)
        }
        Action::ApiVersionPreviewRequested(target) => {
            // Only the latest preview is shown; one already under way is not asked again.
            if s.connection().is_some() && !s.schema_diffs.loading(&target) {
                s.schema_diffs = Default::default();
                s.schema_diffs.requested(target);
            }
        }
        Action::ApiVersionPreviewed { target, result } => s.schema_diffs.loaded(&target, result),
        Action::NotificationsRequested => {
            if s.connection().is_some() {
                s.notifications.requested();
            }
        }
        Action::NotificationsLoaded(answer) => s.notifications.loaded(answer),
        Action::AcknowledgeRequested => {
            if s.connection().is_some() {
                s.notifications.acknowledge();
            }
        }
        Action::Acknowledged(answer) => {
            s.notifications.acknowledged(answer);
        }
        Action::DiagnoseRequested => {
            s.diagnosis = match s.connection() {
                Some(_) => Diagnosis::Running {
                    result_url: None,
                    polls: 0,
                },
                None => Diagnosis::Idle,
            }
        }
        Action::DiagnoseStarted(answer) => s.diagnosis.started(answer),
        Action::DiagnosePolled(answer) => s.diagnosis.polled(answer),
        Action::Resumed => {
            s.action_unconfirmed |= s.busy && s.action_pending.is_some();
            s.busy = false;
            s.diagnosis.resumed();
            s.notifications.resumed();
            s.write_errors.resumed();
            s.mapping_diagnoses.resumed();
            s.schema_diffs.resumed();
            if let Some(op) = &mut s.operation {
                op.resumed();
            }
        }
        Action::ActionChecked { kind, result } => {
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
        Action::Back => {
            if let Some(prev) = s.step.previous() {
                s.step = prev;
            }
            s.busy = false;
        }
        Action::GoTo(step) => {
            if s.can_enter(step) {
                s.step = step;
                s.busy = false;
            } else {
                s.last_error = Some(FlowError::StepNotReady(step));
            }
        }
        Action::ErrorDismissed => s.last_error = None,
        Action::ApiFailed(e) => fail(s, e),
        Action::BrowserFailed { task, detail } => {
            s.busy = false;
            if task == BrowserTask::OpenSalesforce {
                // No login tab opened, so there is nothing to wait for.
                s.sf_waiting_since_ms = None;
            }
            s.last_error = Some(FlowError::Browser { task, detail });
        }
    }
}
