//! Properties of the setup state machine: `reduce` never panics on any action sequence, and
//! every state it produces survives a serde round trip unchanged. The same sequences drive
//! `effects` and `due_poll`: no connection-scoped call without a chosen connection, no poll
//! while busy or without a token, no spinner without a call behind it, and a refused token is
//! always forgotten. What the user typed on the database step outlives every later answer.

use connect_pilot::api::error::HttpError;
use connect_pilot::api::model::{
    Account, AppDbKeys, AuthorizeUrl, Connection, ConnectionState, DbKey, Mapping, MappingState,
    ValidationJob, ValidationPoll,
};
use connect_pilot::api::{ApiError, ConnectFlow, ConnectionActionKind, Discovered, ErrorKind};
use connect_pilot::flow::effect::{due_poll, effects, Effect};
use connect_pilot::flow::import::{SavedImport, Stage};
use connect_pilot::flow::operation::{OpKind, OpStage};
use connect_pilot::flow::{
    available_actions, next_calls, reduce, Action, AddonKind, AppSource, BrowserTask,
    SfEnvironment, State, Step,
};
use connect_pilot::flow::{
    AddonsMsg, AppMsg, ConnectionMsg, DatabaseMsg, ImportMsg, LinkMsg, MonitorMsg, SalesforceMsg,
    TokenMsg,
};
use proptest::prelude::*;

fn error() -> impl Strategy<Value = ApiError> {
    prop_oneof![
        prop::sample::select(vec![400u16, 401, 403, 404, 409, 422, 429, 500, 503]).prop_map(
            |status| ApiError::Http(Box::new(HttpError {
                status,
                id: Some("x".into()),
                message: None,
                body_excerpt: None,
                request_id: None,
                retry_after: Some(3),
                errors: vec![],
                syncing_mappings: vec![],
            }))
        ),
        Just(ApiError::Timeout),
        Just(ApiError::NoConnection {
            app: "acme-sync".into()
        }),
    ]
}

fn connection() -> impl Strategy<Value = Connection> {
    (
        prop::sample::select(vec!["c1", "c2"]),
        prop::sample::select(vec![
            "NEW",
            "NEED_AUTHENTICATION",
            "IDLE",
            "PAUSED",
            "IMPORT_CONFIGURATION",
            "SYSTEM_ERROR",
            "WARP",
        ]),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec!["DATA_SYNCED", "INITIAL", "BAD_CONFIG", "SYNCED"]),
    )
        .prop_map(|(id, state, db, org, mstate)| Connection {
            id: id.into(),
            app_name: Some("acme-sync".into()),
            region_url: Some("https://connect-virginia.heroku.com".into()),
            state: Some(ConnectionState::parse(state)),
            db_key: db.then(|| "DATABASE_URL".into()),
            schema_name: db.then(|| "salesforce".into()),
            organization_id: org.then(|| "00D".into()),
            mappings: vec![Mapping {
                id: "m1".into(),
                object_name: "Contact".into(),
                state: Some(MappingState::parse(mstate)),
                ..Default::default()
            }],
            ..Default::default()
        })
}

fn result<T: std::fmt::Debug + Clone>(
    ok: impl Strategy<Value = T>,
) -> impl Strategy<Value = Result<T, ApiError>> {
    prop_oneof![3 => ok.prop_map(Ok), 1 => error().prop_map(Err)]
}

/// Discovery answering with up to two connections, or failing.
fn discovery() -> impl Strategy<Value = Action> {
    result(
        prop::collection::vec(connection(), 0..3).prop_map(|connections| Discovered {
            connections,
            flow: ConnectFlow::Discovery,
            used_fallback: false,
        }),
    )
    .prop_map(|r| Action::Connection(ConnectionMsg::Discovered(r)))
}

fn action() -> impl Strategy<Value = Action> {
    let step = prop::sample::select(Step::ALL.to_vec());
    let now = 0u64..3_000_000;
    prop_oneof![
        any::<bool>().prop_map(|remember| Action::Token(TokenMsg::Entered { remember })),
        Just(Action::Token(TokenMsg::Forgotten)),
        result(Just(Account {
            email: "demo@example.com".into(),
            ..Default::default()
        }))
        .prop_map(|r| Action::Token(TokenMsg::AccountLoaded(r))),
        prop::sample::select(vec![
            "https://dashboard.heroku.com/apps/acme-sync",
            "junk",
            ""
        ])
        .prop_map(|u| Action::App(AppMsg::DashboardUrlSeen {
            url: u.into(),
            emulator_origin: None
        })),
        prop::sample::select(vec!["acme-sync", "acme-eu", "Bad Name"]).prop_map(|n| {
            Action::App(AppMsg::Chosen {
                name: n.into(),
                source: AppSource::Picked,
            })
        }),
        Just(Action::App(AppMsg::CreateRequested {
            name: None,
            region: "us".into()
        })),
        result(Just(vec![])).prop_map(|r| Action::Addons(AddonsMsg::Loaded(r))),
        prop::sample::select(vec![AddonKind::Postgres, AddonKind::Connect])
            .prop_map(|r| Action::Addons(AddonsMsg::CreateRequested(r))),
        Just(Action::Link(LinkMsg::Requested)),
        result(Just(Default::default())).prop_map(|r| Action::Link(LinkMsg::Linked(r))),
        Just(Action::Connection(ConnectionMsg::DiscoverRequested)),
        discovery(),
        prop::sample::select(vec!["c1", "c2", "zz"])
            .prop_map(|id| Action::Connection(ConnectionMsg::Chosen(id.into()))),
        result(Just(AppDbKeys {
            db_keys: vec![DbKey {
                name: "DATABASE_URL".into(),
                addon: None
            }]
        }))
        .prop_map(|r| Action::Database(DatabaseMsg::KeysLoaded(r))),
        (
            prop::sample::select(vec!["DATABASE_URL", ""]),
            prop::sample::select(vec!["salesforce", "Bad", ""])
        )
            .prop_map(|(k, sc)| Action::Database(DatabaseMsg::Chosen {
                db_key: k.into(),
                schema_name: sc.into()
            })),
        result(connection()).prop_map(|r| Action::Database(DatabaseMsg::Saved(r))),
        result(connection()).prop_map(|r| Action::Database(DatabaseMsg::ReRead(r))),
        prop::sample::select(vec![SfEnvironment::Production, SfEnvironment::Custom]).prop_map(
            |environment| Action::Salesforce(SalesforceMsg::EnvironmentChosen {
                environment,
                domain: None
            })
        ),
        Just(Action::Salesforce(SalesforceMsg::AuthorizeRequested {
            next: "chrome-extension://x/".into()
        })),
        result(Just(AuthorizeUrl {
            redirect: "https://login.salesforce.com/x".into()
        }))
        .prop_map(|r| Action::Salesforce(SalesforceMsg::UrlReceived(r))),
        now.clone()
            .prop_map(|now_ms| Action::Salesforce(SalesforceMsg::WaitStarted { now_ms })),
        (result(connection()), now.clone())
            .prop_map(|(result, now_ms)| Action::ConnectionPolled { result, now_ms }),
        now.clone().prop_map(|now_ms| Action::Tick { now_ms }),
        now.prop_map(|now_ms| Action::Salesforce(SalesforceMsg::CheckAgain { now_ms })),
        Just(Action::Import(ImportMsg::Requested)),
        result(Just(())).prop_map(|r| Action::Import(ImportMsg::Accepted(r))),
        Just(Action::Import(ImportMsg::Skipped)),
        prop::option::of(saved_import()).prop_map(|r| Action::Import(ImportMsg::Saved(r))),
        Just(Action::Monitor(MonitorMsg::ActionRequested(
            ConnectionActionKind::Pause
        ))),
        result(Just(())).prop_map(|r| Action::Monitor(MonitorMsg::ActionDone(r))),
        prop_oneof![
            Just(OpKind::Reload {
                mapping_id: "m1".into(),
                object_name: "Contact".into()
            }),
            Just(OpKind::ApiVersion {
                target: "62.0".into()
            }),
            prop::option::of(Just("m1".to_owned())).prop_map(|mapping_id| OpKind::SaveMapping {
                revision: mapping_id.as_ref().map(|_| 3),
                mapping_id,
                object_name: "Lead".into(),
                config: serde_json::json!({"fields": {"Id": {}}}),
            }),
        ]
        .prop_map(|r| Action::Monitor(MonitorMsg::OperationRequested(r))),
        result(Just(())).prop_map(|r| Action::Monitor(MonitorMsg::OperationAnswered(r))),
        Just(Action::Monitor(MonitorMsg::OperationDismissed)),
        prop::option::of(Just("m1".to_owned()))
            .prop_map(|r| Action::Monitor(MonitorMsg::WriteErrorsRequested(r))),
        (
            prop::option::of(Just("m1".to_owned())),
            result(Just(Vec::new()))
        )
            .prop_map(
                |(scope, result)| Action::Monitor(MonitorMsg::WriteErrorsLoaded { scope, result })
            ),
        Just(Action::Monitor(MonitorMsg::MappingDiagnoseRequested(
            "m1".into()
        ))),
        result(Just(Default::default())).prop_map(|result| Action::Monitor(
            MonitorMsg::MappingDiagnosed {
                mapping_id: "m1".into(),
                result
            }
        )),
        Just(Action::Monitor(MonitorMsg::ApiVersionPreviewRequested(
            "63.0".into()
        ))),
        result(Just(Default::default())).prop_map(|result| Action::Monitor(
            MonitorMsg::ApiVersionPreviewed {
                target: "63.0".into(),
                result
            }
        )),
        Just(Action::Monitor(MonitorMsg::SchemaRequested("Lead".into()))),
        result(Just(Default::default())).prop_map(|result| Action::Monitor(
            MonitorMsg::SchemaLoaded {
                object: "Lead".into(),
                result
            }
        )),
        Just(Action::Monitor(MonitorMsg::ExportRequested)),
        result(Just(serde_json::json!({"version": 1, "mappings": []})))
            .prop_map(|r| Action::Monitor(MonitorMsg::Exported(r))),
        prop::option::of(Just("disk".to_owned()))
            .prop_map(|e| Action::Monitor(MonitorMsg::ExportSaved(e.map_or(Ok(()), Err)))),
        Just(Action::Monitor(MonitorMsg::NotificationsRequested)),
        result(Just(Vec::new())).prop_map(|r| Action::Monitor(MonitorMsg::NotificationsLoaded(r))),
        Just(Action::Monitor(MonitorMsg::AcknowledgeRequested)),
        result(Just(())).prop_map(|r| Action::Monitor(MonitorMsg::Acknowledged(r))),
        Just(Action::Back),
        Just(Action::Resumed),
        Just(Action::Monitor(MonitorMsg::DiagnoseRequested)),
        result(Just(ValidationJob {
            result_url: "https://connect-virginia.heroku.com/validations/1".into(),
        }))
        .prop_map(|r| Action::Monitor(MonitorMsg::DiagnoseStarted(r))),
        result(prop_oneof![
            Just(ValidationPoll::Pending),
            Just(ValidationPoll::Done(Default::default()))
        ])
        .prop_map(|r| Action::Monitor(MonitorMsg::DiagnosePolled(r))),
        step.prop_map(Action::GoTo),
        Just(Action::ErrorDismissed),
        error().prop_map(Action::ApiFailed),
        prop_oneof![
            Just(BrowserTask::SaveToken),
            Just(BrowserTask::ForgetToken),
            Just(BrowserTask::OpenSalesforce),
        ]
        .prop_map(|task| Action::BrowserFailed {
            task,
            detail: "refused".into()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn reduce_never_panics_and_states_round_trip(actions in prop::collection::vec(action(), 0..40)) {
        let mut s = State::default();
        for a in actions {
            s = reduce(&s, a);
            // The helpers the UI calls on every render must hold for any state too.
            let _ = available_actions(&s);
            let _ = next_calls(&s);
            prop_assert!(s.progress().0 >= 1 && s.progress().0 <= 8);
            // Saved as the full tab saves it: the state, and its own part under another key.
            let text = serde_json::to_string(&s).unwrap();
            let part = serde_json::to_string(&s.tab_part()).unwrap();
            let back: State = serde_json::from_str(&text).unwrap();
            let back = back.with_tab_part(serde_json::from_str(&part).unwrap());
            prop_assert_eq!(&back, &s);
        }
    }
}

/// The effects that act on the chosen connection.
fn connection_scoped(e: &Effect) -> bool {
    e.needs_connection()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn effects_never_panic_and_never_call_without_a_connection(
        actions in prop::collection::vec(action(), 0..40)
    ) {
        let mut s = State::default();
        for a in actions {
            let after = reduce(&s, a.clone());
            let out = effects(&s, &after, &a);
            if after.connection().is_none() {
                // The driver would drop these, leaving whatever waits for their answer waiting.
                for e in &out {
                    prop_assert!(!connection_scoped(e), "{:?} after {:?}", e, a);
                }
            }
            if after.busy && !s.busy && !matches!(a, Action::Import(ImportMsg::Requested)) {
                // A spinner needs a call that will end it (the import is sent by the UI itself).
                prop_assert!(!out.is_empty(), "busy with nothing to wait for after {:?}", a);
            }
            if after.tab.diagnosis.running() && !s.tab.diagnosis.running() {
                // A diagnosis shown as running has its start under way.
                prop_assert_eq!(&out, &vec![Effect::StartValidation], "after {:?}", a);
            }
            if after.tab.diagnosis.result_url().is_some() && !after.busy && after.token_present {
                prop_assert!(due_poll(&after).is_some(), "a followed job is read again");
            }
            if after.busy || !after.token_present {
                prop_assert_eq!(due_poll(&after), None);
            }
            // A reload or version change shown under way has its request out, or a read coming.
            if let Some(op) = after.operation.as_ref().filter(|_| after.operation != s.operation) {
                if op.stage == OpStage::Sent {
                    prop_assert_eq!(&out, &vec![Effect::Operate(op.kind.clone())], "after {:?}", a);
                }
                let chosen = after.connection_id.as_deref() == Some(op.connection_id.as_str());
                if op.watching() && chosen && !after.busy && after.token_present {
                    prop_assert!(due_poll(&after).is_some(), "{:?} is followed", op);
                }
            }
            if let Action::Monitor(MonitorMsg::WriteErrorsRequested(scope)) = &a {
                // A list shown as loading has its read under way, and only one.
                let reads = out.iter().filter(|e| matches!(e, Effect::LoadWriteErrors(_))).count();
                let started = after.tab.write_errors.loading(scope) && !s.tab.write_errors.loading(scope);
                prop_assert_eq!(reads, usize::from(started));
            }
            if let Action::Monitor(MonitorMsg::MappingDiagnoseRequested(id)) = &a {
                let started = after.tab.mapping_diagnoses.loading(id) && !s.tab.mapping_diagnoses.loading(id);
                prop_assert_eq!(out.contains(&Effect::DiagnoseMapping(id.clone())), started);
            }
            if let Action::Monitor(MonitorMsg::ApiVersionPreviewRequested(target)) = &a {
                let started = after.tab.schema_diffs.loading(target) && !s.tab.schema_diffs.loading(target);
                prop_assert_eq!(out.contains(&Effect::PreviewApiVersion(target.clone())), started);
            }
            if let Action::Monitor(MonitorMsg::SchemaRequested(object)) = &a {
                let started = after.tab.schemas.loading(object) && !s.tab.schemas.loading(object);
                prop_assert_eq!(out.contains(&Effect::LoadSchema(object.clone())), started);
            }
            // An export shown under way has its read or its file under way, and only one.
            if after.tab.export.busy() && after.tab.export != s.tab.export {
                prop_assert_eq!(out.len(), 1, "after {:?}", a);
                prop_assert!(matches!(out[0], Effect::Export | Effect::SaveExport(_)));
            }
            if after.tab.notifications.busy() && after.tab.notifications != s.tab.notifications {
                // A list shown as loading has its call under way.
                prop_assert_eq!(out.len(), 1, "after {:?}", a);
                prop_assert!(matches!(out[0], Effect::LoadNotifications | Effect::AcknowledgeNotifications));
            }
            if matches!(a, Action::Monitor(MonitorMsg::OperationRequested(_))) && s.operation.as_ref().is_some_and(|op| op.awaiting_answer()) {
                prop_assert!(!out.iter().any(|e| matches!(e, Effect::Operate(_))), "never a second change while one runs");
            }
            // A token Heroku refused is never kept.
            let refused = a.api_error().is_some_and(|e| e.kind() == ErrorKind::Unauthorized);
            prop_assert_eq!(out.contains(&Effect::ForgetToken), refused, "after {:?}", a);
            s = after;
        }
    }
}

/// An import a closed page left behind, at any stage it is kept in.
fn saved_import() -> impl Strategy<Value = SavedImport> {
    let stage = prop_oneof![
        Just(Stage::Importing),
        Just(Stage::Watching),
        Just(Stage::Done)
    ];
    (stage, prop::option::of("[a-z]{1,8}\\.json")).prop_map(|(stage, file_name)| SavedImport {
        connection_id: "c1".into(),
        file_name,
        text: r#"{"version": 1, "mappings": [{"object_name": "Lead", "config": {}}]}"#.into(),
        stage,
        created: vec!["Lead".into()],
        backup: Some(r#"{"version": 1, "mappings": []}"#.into()),
        progress: Vec::new(),
    })
}

/// What arrives without the user doing anything: the answers to calls, good or bad.
fn answer() -> impl Strategy<Value = Action> {
    prop_oneof![
        result(Just(AppDbKeys {
            db_keys: vec![
                DbKey {
                    name: "DATABASE_URL".into(),
                    addon: None
                },
                DbKey {
                    name: "HEROKU_POSTGRESQL_RED_URL".into(),
                    addon: None
                },
            ]
        }))
        .prop_map(|r| Action::Database(DatabaseMsg::KeysLoaded(r))),
        discovery(),
        (result(connection()), 0u64..3_000_000)
            .prop_map(|(result, now_ms)| Action::ConnectionPolled { result, now_ms }),
        result(connection()).prop_map(|r| Action::Database(DatabaseMsg::Saved(r))),
        result(connection()).prop_map(|r| Action::Database(DatabaseMsg::ReRead(r))),
        result(Just(vec![])).prop_map(|r| Action::Addons(AddonsMsg::Loaded(r))),
        result(Just(Default::default())).prop_map(|r| Action::Link(LinkMsg::Linked(r))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn what_the_user_typed_outlives_every_later_answer(
        before in prop::collection::vec(action(), 0..30),
        db_key in prop::sample::select(vec!["DATABASE_URL", "HEROKU_POSTGRESQL_RED_URL"]),
        schema_name in "[a-z_][a-z0-9_]{0,20}",
        answers in prop::collection::vec(answer(), 0..20),
    ) {
        let mut s = before.into_iter().fold(State::default(), |s, a| reduce(&s, a));
        s = reduce(&s, Action::Database(DatabaseMsg::Edited {
            db_key: db_key.into(),
            schema_name: schema_name.clone(),
        }));
        for a in answers {
            s = reduce(&s, a.clone());
            prop_assert_eq!(&s.schema_name, &schema_name, "after {:?}", a);
            prop_assert_eq!(s.db_key.as_deref(), Some(db_key), "after {:?}", a);
        }
    }
}
