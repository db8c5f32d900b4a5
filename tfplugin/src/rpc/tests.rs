//! The RPC layer driven the way Terraform drives it, with a small in-memory
//! provider: every lifecycle RPC, state upgrades, unknown values, partial
//! failure and StopProvider.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::ProviderService;
use crate::context::Ctx;
use crate::data_source::DataSource;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::plan_modifiers::{RequiresReplace, UseStateForUnknown};
use crate::proto::tfplugin6 as pb;
use crate::provider::{ConfigureRequest, Provider};
use crate::resource::{
    CreateRequest, DeleteRequest, PlanContext, ReadRequest, Resource, StateResult, UpdateRequest,
};
use crate::schema::{Attribute, Block, Nesting, Schema};
use crate::validators::IntRange;
use crate::value::{Type, Value, decode_msgpack, encode_msgpack};

/// Objects "in the cloud", by id.
type Cloud = Arc<Mutex<BTreeMap<String, Value>>>;

struct TestProvider {
    cloud: Cloud,
}

struct Thing;

fn thing_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(
                Attribute::string("id")
                    .computed()
                    .plan_modifier(UseStateForUnknown),
            )
            .attribute(
                Attribute::string("name")
                    .required()
                    .plan_modifier(RequiresReplace),
            )
            .attribute(
                Attribute::number("size")
                    .default_value(1i64)
                    .validate(IntRange { min: 1, max: 10 }),
            )
            .attribute(Attribute::string("fail_after_create").optional())
            .attribute(
                Attribute::nested(
                    "spec",
                    Nesting::Single,
                    vec![
                        Attribute::number("port").default_value(8080i64),
                        Attribute::string("image").optional(),
                    ],
                )
                .optional(),
            ),
    )
    .with_version(1)
}

#[async_trait]
impl Resource<Cloud> for Thing {
    fn type_name(&self) -> &'static str {
        "test_thing"
    }

    fn schema(&self) -> Schema {
        thing_schema()
    }

    async fn modify_plan(&self, _ctx: &Ctx, _data: Option<&Cloud>, plan: &mut PlanContext) {
        if plan.config.get("name").as_str() == Some("forbidden") {
            plan.diagnostics.attribute_error(
                crate::path::AttributePath::attr("name"),
                "Forbidden name",
                "pick another",
            );
        }
    }

    async fn create(&self, _ctx: &Ctx, cloud: &Cloud, req: CreateRequest) -> StateResult {
        let mut state = req.planned.clone();
        let id = format!("thing-{}", cloud.lock().unwrap().len() + 1);
        state.set("id", Value::from(id.clone()));
        cloud.lock().unwrap().insert(id, state.clone());
        if let Some(reason) = req.config.get("fail_after_create").as_str() {
            return StateResult::with_diagnostics(
                state,
                b"partial".to_vec(),
                Diagnostic::error("Create failed", reason).into(),
            );
        }
        StateResult::ok(state, b"v1".to_vec())
    }

    async fn read(&self, _ctx: &Ctx, cloud: &Cloud, req: ReadRequest) -> StateResult {
        let id = req.state.get("id").as_str().unwrap_or_default().to_string();
        match cloud.lock().unwrap().get(&id) {
            Some(v) => StateResult::ok(v.clone(), req.private),
            None => StateResult::ok(Value::Null, Vec::new()),
        }
    }

    async fn update(&self, _ctx: &Ctx, cloud: &Cloud, req: UpdateRequest) -> StateResult {
        let id = req.prior.get("id").as_str().unwrap().to_string();
        cloud.lock().unwrap().insert(id, req.planned.clone());
        StateResult::ok(req.planned, b"v2".to_vec())
    }

    async fn delete(&self, _ctx: &Ctx, cloud: &Cloud, req: DeleteRequest) -> Diagnostics {
        let id = req.prior.get("id").as_str().unwrap().to_string();
        cloud.lock().unwrap().remove(&id);
        Diagnostics::new()
    }

    async fn import(&self, _ctx: &Ctx, cloud: &Cloud, id: &str) -> StateResult {
        match cloud.lock().unwrap().get(id) {
            Some(v) => StateResult::ok(v.clone(), Vec::new()),
            None => {
                StateResult::error(Diagnostic::error("Cannot import", format!("no thing {id}")))
            }
        }
    }

    fn upgrade_state(
        &self,
        from: i64,
        mut state: serde_json::Value,
    ) -> Result<serde_json::Value, Diagnostics> {
        assert_eq!(from, 0);
        // Version 0 called it "label".
        let label = state
            .as_object_mut()
            .unwrap()
            .remove("label")
            .unwrap_or_default();
        state["name"] = label;
        Ok(state)
    }
}

struct Slow;

#[async_trait]
impl DataSource<Cloud> for Slow {
    fn type_name(&self) -> &'static str {
        "test_slow"
    }

    fn schema(&self) -> Schema {
        Schema::new(Block::new().attribute(Attribute::string("id").computed()))
    }

    async fn read(&self, _ctx: &Ctx, _data: &Cloud, _config: Value) -> Result<Value, Diagnostics> {
        std::future::pending().await
    }
}

#[async_trait]
impl Provider for TestProvider {
    type Data = Cloud;

    fn type_name(&self) -> &'static str {
        "test"
    }

    fn schema(&self) -> Schema {
        Schema::new(Block::new().attribute(Attribute::string("zone").optional()))
    }

    async fn configure(&self, _ctx: &Ctx, _req: ConfigureRequest) -> Result<Cloud, Diagnostics> {
        Ok(self.cloud.clone())
    }

    fn resources(&self) -> Vec<Arc<dyn Resource<Cloud>>> {
        vec![Arc::new(Thing)]
    }

    fn data_sources(&self) -> Vec<Arc<dyn DataSource<Cloud>>> {
        vec![Arc::new(Slow)]
    }
}

fn ty() -> Type {
    thing_schema().value_type()
}

fn dv(v: &Value) -> Option<pb::DynamicValue> {
    Some(pb::DynamicValue {
        msgpack: encode_msgpack(v, &ty()).unwrap(),
        json: vec![],
    })
}

fn val(d: &Option<pb::DynamicValue>) -> Value {
    decode_msgpack(&d.as_ref().unwrap().msgpack, &ty()).unwrap()
}

fn config(name: &str, size: Option<i64>) -> Value {
    let mut c = Value::null_object(&ty());
    c.set("name", name.into());
    c.set("size", size.into());
    c
}

async fn configured() -> (ProviderService<TestProvider>, Cloud) {
    let cloud = Cloud::default();
    let svc = ProviderService::new(TestProvider {
        cloud: cloud.clone(),
    });
    let cfg = Value::null_object(&svc.provider_schema.value_type());
    let resp = svc
        .configure_provider(pb::configure_provider::Request {
            terraform_version: "1.0.3".into(),
            config: Some(pb::DynamicValue {
                msgpack: encode_msgpack(&cfg, &svc.provider_schema.value_type()).unwrap(),
                json: vec![],
            }),
            client_capabilities: None,
        })
        .await;
    assert!(resp.diagnostics.is_empty());
    (svc, cloud)
}

async fn plan(
    svc: &ProviderService<TestProvider>,
    prior: &Value,
    config: &Value,
    proposed: &Value,
) -> pb::plan_resource_change::Response {
    svc.plan_resource_change(pb::plan_resource_change::Request {
        type_name: "test_thing".into(),
        prior_state: dv(prior),
        proposed_new_state: dv(proposed),
        config: dv(config),
        prior_private: vec![],
        provider_meta: None,
        client_capabilities: None,
    })
    .await
}

async fn apply(
    svc: &ProviderService<TestProvider>,
    prior: &Value,
    planned: &Value,
    config: &Value,
) -> pb::apply_resource_change::Response {
    svc.apply_resource_change(pb::apply_resource_change::Request {
        type_name: "test_thing".into(),
        prior_state: dv(prior),
        planned_state: dv(planned),
        config: dv(config),
        planned_private: vec![],
        provider_meta: None,
    })
    .await
}

#[tokio::test]
async fn full_lifecycle() {
    let (svc, cloud) = configured().await;
    // Create: default applied, id unknown until apply.
    let cfg = config("a", None);
    let p = plan(&svc, &Value::Null, &cfg, &cfg).await;
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let planned = val(&p.planned_state);
    assert_eq!(planned.get("size").as_i64(), Some(1));
    assert!(planned.get("id").is_unknown());
    let a = apply(&svc, &Value::Null, &planned, &cfg).await;
    assert!(a.diagnostics.is_empty());
    let state = val(&a.new_state);
    assert_eq!(state.get("id"), &Value::from("thing-1"));
    assert_eq!(a.private, b"v1");

    // Read refreshes from the cloud.
    let r = svc
        .read_resource(pb::read_resource::Request {
            type_name: "test_thing".into(),
            current_state: dv(&state),
            private: a.private.clone(),
            provider_meta: None,
            client_capabilities: None,
        })
        .await;
    assert_eq!(val(&r.new_state), state);
    assert_eq!(r.private, b"v1");

    // Update in place keeps the id known.
    let cfg2 = config("a", Some(3));
    let mut proposed = state.clone();
    proposed.set("size", 3i64.into());
    let p = plan(&svc, &state, &cfg2, &proposed).await;
    assert!(p.requires_replace.is_empty());
    let planned = val(&p.planned_state);
    assert_eq!(planned.get("id"), &Value::from("thing-1"));
    let a = apply(&svc, &state, &planned, &cfg2).await;
    let state = val(&a.new_state);
    assert_eq!(state.get("size").as_i64(), Some(3));

    // Renaming replaces.
    let cfg3 = config("b", Some(3));
    let mut proposed = state.clone();
    proposed.set("name", "b".into());
    let p = plan(&svc, &state, &cfg3, &proposed).await;
    assert_eq!(p.requires_replace.len(), 1);

    // Destroy: plan null, apply removes it.
    let p = plan(&svc, &state, &Value::Null, &Value::Null).await;
    assert_eq!(val(&p.planned_state), Value::Null);
    let a = apply(&svc, &state, &Value::Null, &Value::Null).await;
    assert!(a.diagnostics.is_empty());
    assert_eq!(val(&a.new_state), Value::Null);
    assert!(cloud.lock().unwrap().is_empty());

    // Gone out of band: read returns null.
    let r = svc
        .read_resource(pb::read_resource::Request {
            type_name: "test_thing".into(),
            current_state: dv(&state),
            private: vec![],
            provider_meta: None,
            client_capabilities: None,
        })
        .await;
    assert_eq!(val(&r.new_state), Value::Null);
}

#[tokio::test]
async fn failed_create_keeps_what_exists_in_state() {
    let (svc, cloud) = configured().await;
    let mut cfg = config("a", None);
    cfg.set("fail_after_create", "quota exceeded".into());
    let planned = val(&plan(&svc, &Value::Null, &cfg, &cfg).await.planned_state);
    let a = apply(&svc, &Value::Null, &planned, &cfg).await;
    assert_eq!(a.diagnostics.len(), 1);
    assert_eq!(a.diagnostics[0].detail, "quota exceeded");
    let state = val(&a.new_state);
    assert_eq!(
        state.get("id"),
        &Value::from("thing-1"),
        "the created object stays in state"
    );
    assert!(state.is_wholly_known());
    assert_eq!(cloud.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn validation_reports_attribute_paths() {
    let (svc, _) = configured().await;
    let r = svc
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "test_thing".into(),
            config: dv(&config("a", Some(11))),
            client_capabilities: None,
        })
        .await;
    assert_eq!(r.diagnostics.len(), 1);
    let path = r.diagnostics[0].attribute.as_ref().unwrap();
    assert_eq!(
        path.steps[0].selector,
        Some(pb::attribute_path::step::Selector::AttributeName(
            "size".into()
        ))
    );
    // Unknown values are not validated yet.
    let mut unknown = config("a", None);
    unknown.set("size", Value::Unknown);
    let r = svc
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "test_thing".into(),
            config: dv(&unknown),
            client_capabilities: None,
        })
        .await;
    assert!(r.diagnostics.is_empty());
}

#[tokio::test]
async fn modify_plan_diagnostics_reach_terraform() {
    let (svc, _) = configured().await;
    let cfg = config("forbidden", None);
    let p = plan(&svc, &Value::Null, &cfg, &cfg).await;
    assert_eq!(p.diagnostics[0].summary, "Forbidden name");
}

#[tokio::test]
async fn upgrades_old_state_and_reads_current_json() {
    let (svc, _) = configured().await;
    let upgrade = |version: i64, json: serde_json::Value| {
        svc.upgrade_resource_state(pb::upgrade_resource_state::Request {
            type_name: "test_thing".into(),
            version,
            raw_state: Some(pb::RawState {
                json: serde_json::to_vec(&json).unwrap(),
                flatmap: Default::default(),
            }),
        })
    };
    let r = upgrade(
        0,
        serde_json::json!({"id": "thing-1", "label": "old", "size": 2}),
    )
    .await;
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let v = val(&r.upgraded_state);
    assert_eq!(v.get("name"), &Value::from("old"));
    assert_eq!(v.get("size").as_i64(), Some(2));

    let r = upgrade(1, serde_json::json!({"id": "thing-1", "name": "n", "size": 2, "spec": {"port": 80, "image": null}}))
        .await;
    assert_eq!(
        val(&r.upgraded_state).get("spec").get("port").as_i64(),
        Some(80)
    );

    let r = upgrade(7, serde_json::json!({})).await;
    assert_eq!(
        r.diagnostics[0].summary,
        "State written by a newer provider"
    );

    // Written before `size` existed and with an attribute since removed:
    // the new one starts at its default, the removed one is dropped.
    let r = upgrade(
        1,
        serde_json::json!({"id": "thing-1", "name": "n", "retired": true}),
    )
    .await;
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(val(&r.upgraded_state).get("size").as_i64(), Some(1));
}

#[tokio::test]
async fn import_returns_state_for_terraform_to_read() {
    let (svc, cloud) = configured().await;
    let mut existing = config("x", Some(2));
    existing.set("id", "thing-9".into());
    cloud
        .lock()
        .unwrap()
        .insert("thing-9".into(), existing.clone());
    let r = svc
        .import_resource_state(pb::import_resource_state::Request {
            type_name: "test_thing".into(),
            id: "thing-9".into(),
            client_capabilities: None,
        })
        .await;
    assert_eq!(r.imported_resources.len(), 1);
    assert_eq!(val(&r.imported_resources[0].state), existing);
    let r = svc
        .import_resource_state(pb::import_resource_state::Request {
            type_name: "test_thing".into(),
            id: "nope".into(),
            client_capabilities: None,
        })
        .await;
    assert!(r.imported_resources.is_empty());
    assert_eq!(r.diagnostics[0].summary, "Cannot import");
}

#[tokio::test]
async fn unknown_types_and_unsupported_features_answer_with_diagnostics() {
    let (svc, _) = configured().await;
    let r = svc
        .validate_resource_config(pb::validate_resource_config::Request {
            type_name: "test_nope".into(),
            config: None,
            client_capabilities: None,
        })
        .await;
    assert_eq!(r.diagnostics[0].summary, "Unknown resource type");
    let r = svc
        .move_resource_state(pb::move_resource_state::Request::default())
        .await;
    assert_eq!(r.diagnostics[0].summary, "Move not supported");
    let f = svc.get_functions(pb::get_functions::Request {}).await;
    assert!(f.functions.is_empty() && f.diagnostics.is_empty());
    let m = svc.get_metadata(pb::get_metadata::Request {}).await;
    assert_eq!(m.resources[0].type_name, "test_thing");
    assert_eq!(m.data_sources[0].type_name, "test_slow");
}

#[tokio::test]
async fn stop_provider_cancels_in_flight_reads() {
    let (svc, _) = configured().await;
    let svc = Arc::new(svc);
    let reader = svc.clone();
    let ds_ty =
        Schema::new(Block::new().attribute(Attribute::string("id").computed())).value_type();
    let read = tokio::spawn(async move {
        reader
            .read_data_source(pb::read_data_source::Request {
                type_name: "test_slow".into(),
                config: Some(pb::DynamicValue {
                    msgpack: encode_msgpack(&Value::null_object(&ds_ty), &ds_ty).unwrap(),
                    json: vec![],
                }),
                provider_meta: None,
                client_capabilities: None,
            })
            .await
    });
    tokio::task::yield_now().await;
    svc.stop_provider(pb::stop_provider::Request {}).await;
    let r = tokio::time::timeout(std::time::Duration::from_secs(2), read)
        .await
        .unwrap()
        .unwrap();
    assert!(
        r.diagnostics[0].summary.contains("cancelled"),
        "{:?}",
        r.diagnostics
    );
}

#[tokio::test]
async fn unknown_provider_config_defers_configuration() {
    let svc = ProviderService::new(TestProvider {
        cloud: Cloud::default(),
    });
    let ty = svc.provider_schema.value_type();
    let mut cfg = Value::null_object(&ty);
    cfg.set("zone", Value::Unknown);
    let r = svc
        .configure_provider(pb::configure_provider::Request {
            terraform_version: "1.11.4".into(),
            config: Some(pb::DynamicValue {
                msgpack: encode_msgpack(&cfg, &ty).unwrap(),
                json: vec![],
            }),
            client_capabilities: None,
        })
        .await;
    assert!(r.diagnostics.is_empty());
    // Planning still works; applying says why it cannot.
    let c = config("a", None);
    let p = plan(&svc, &Value::Null, &c, &c).await;
    assert!(p.diagnostics.is_empty());
    let a = apply(&svc, &Value::Null, &val(&p.planned_state), &c).await;
    assert_eq!(a.diagnostics[0].summary, "Provider not configured");
}
