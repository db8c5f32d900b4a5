//! Lifecycle tests of `privatelink_service` against the in-memory AWS
//! ([`crate::aws::fake`]), on tokio's paused clock so AWS's waiting takes
//! no real time. They drive the lifecycle functions with Values planned
//! from the schema and look at the resulting state, the fake's objects and
//! its call log.

mod adoption;
mod create;
mod delete;
mod deployments;
mod drift;
mod failures;
mod ingress;
mod interruption;
mod plan_import;
mod state_upgrade;
mod update;

use std::collections::BTreeSet;

use crate::aws::fake::{FakeAws, SUBNET_A, SUBNET_B, VPC_ID};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::plan::plan_block;
use tfplugin::resource::{PlanContext, StateResult};
use tfplugin::value::Value;

use super::schema::schema;
pub use crate::resources::shared::testing::{on_paused_clock, proposed};

/// A principal allowed to connect in [`config`].
pub const PRINCIPAL: &str = "arn:aws:iam::333333333333:root";

/// The attributes naming the AWS objects a service is made of.
pub const OBJECT_ATTRIBUTES: &[&str] = &[
    "id",
    "nlb_arn",
    "target_group_arn",
    "listener_arn",
    "cluster_arn",
    "ecs_service_arn",
    "task_definition_arn",
    "security_group_id",
    "log_group_name",
];

fn strings(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| Value::from(*s)).collect())
}

/// A small configuration: name `api`, the fake's VPC and subnets, an image,
/// one allowed principal and one tag; everything else left to defaults.
pub fn config() -> Value {
    let mut c = Value::null_object(&schema().value_type());
    c.set("name", "api".into());
    c.set("vpc_id", VPC_ID.into());
    c.set("subnet_ids", strings(&[SUBNET_A, SUBNET_B]));
    c.set(
        "execution_role_arn",
        "arn:aws:iam::123456789012:role/exec".into(),
    );
    let mut container = Value::Map(Default::default());
    for attr in ["name", "port", "cpu", "memory", "environment", "secrets"] {
        container.set(attr, Value::Null);
    }
    container.set("image", "nginx:1.27".into());
    c.set("container", container);
    c.set("allowed_principals", strings(&[PRINCIPAL]));
    c.set(
        "tags",
        Value::Map([("Team".to_string(), Value::from("platform"))].into()),
    );
    c
}

/// Adds an ECS cluster named `shared` that the service does not own (for
/// `cluster_arn`); returns its ARN.
pub fn shared_cluster(aws: &FakeAws) -> String {
    aws.edit(|w| {
        let arn = format!(
            "arn:aws:ecs:us-east-1:{}:cluster/shared",
            crate::aws::fake::ACCOUNT
        );
        w.clusters.insert(
            arn.clone(),
            crate::aws::fake::Tagged {
                object: crate::aws::ecs::Cluster {
                    arn: arn.clone(),
                    name: "shared".into(),
                    status: "ACTIVE".into(),
                    container_insights: Some(false),
                },
                tags: Default::default(),
            },
        );
        arn
    })
}

/// Plans `config` against `prior` (null: create) as the plugin server
/// does: the framework's generic steps, then the resource's `modify_plan`.
pub async fn plan(aws: &FakeAws, prior: &Value, config: &Value) -> PlanContext {
    plan_with_private(aws, prior, &[], config).await
}

/// Like [`plan`], with the prior private state Terraform passes along.
pub async fn plan_with_private(
    aws: &FakeAws,
    prior: &Value,
    prior_private: &[u8],
    config: &Value,
) -> PlanContext {
    let block = schema().block;
    let change = plan_block(&block, prior, &proposed(&block, prior, config), config);
    assert!(!change.diagnostics.has_errors(), "{:?}", change.diagnostics);
    let mut ctx = PlanContext {
        config: config.clone(),
        prior: prior.clone(),
        planned: change.planned,
        prior_private: prior_private.to_vec(),
        planned_private: prior_private.to_vec(),
        requires_replace: change.requires_replace,
        diagnostics: Diagnostics::new(),
    };
    super::plan::modify_plan(Some(aws), &mut ctx).await;
    ctx
}

/// Plans and creates `config`.
pub async fn create(aws: &FakeAws, config: &Value) -> StateResult {
    create_with(&Ctx::background(), aws, config).await
}

/// Plans and creates `config` under `ctx`; a plan with errors stops there,
/// as it stops Terraform.
pub async fn create_with(ctx: &Ctx, aws: &FakeAws, config: &Value) -> StateResult {
    let planned = plan(aws, &Value::Null, config).await;
    if planned.diagnostics.has_errors() {
        return StateResult::with_diagnostics(Value::Null, Vec::new(), planned.diagnostics);
    }
    super::create::create(ctx, aws, &planned.planned).await
}

/// Plans and applies `config` over the state `prior`.
pub async fn update(aws: &FakeAws, prior: &StateResult, config: &Value) -> StateResult {
    let planned = plan_with_private(aws, &prior.state, &prior.private, config)
        .await
        .planned;
    super::update::update(
        &Ctx::background(),
        aws,
        &prior.state,
        &planned,
        prior.private.clone(),
    )
    .await
}

/// Refreshes the state `prior`.
pub async fn read(aws: &FakeAws, prior: &StateResult) -> StateResult {
    super::read::read(&Ctx::background(), aws, &prior.state, prior.private.clone()).await
}

/// Deletes the service recorded in `prior`.
pub async fn delete(aws: &FakeAws, prior: &StateResult) -> Diagnostics {
    super::delete::delete(&Ctx::background(), aws, &prior.state, &prior.private).await
}

/// The ids of the AWS objects a state names.
pub fn object_ids(state: &Value) -> BTreeSet<String> {
    OBJECT_ATTRIBUTES
        .iter()
        .filter_map(|a| state.get(a).as_str().map(str::to_string))
        .collect()
}

/// Fails unless the state names exactly the objects that exist, but for
/// task definition revisions its private state keeps (which may also list
/// revisions deleted outside Terraform: deleting them again is harmless).
pub fn assert_state_names_what_exists(aws: &FakeAws, result: &StateResult) {
    let named = object_ids(&result.state);
    let kept: BTreeSet<String> = super::model::PrivateState::decode(&result.private)
        .map(|p| p.task_definitions.into_iter().collect())
        .unwrap_or_default();
    let live = aws.world().live_ids();
    let unnamed: BTreeSet<&String> = live
        .iter()
        .filter(|id| !named.contains(*id) && !kept.contains(*id))
        .collect();
    assert!(
        named.is_subset(&live) && unnamed.is_empty(),
        "state {named:?} (keeping {kept:?}) vs. objects in AWS {live:?}; diagnostics: {:?}",
        result.diagnostics
    );
}

/// Fails if `result` has errors.
pub fn assert_ok(result: &StateResult) {
    assert!(!result.diagnostics.has_errors(), "{:?}", result.diagnostics);
}

/// Fails unless every object attribute of the state is known.
pub fn assert_complete(result: &StateResult) {
    for a in OBJECT_ATTRIBUTES {
        assert!(
            result.state.get(a).as_str().is_some(),
            "{a} missing from {:?}",
            result.state
        );
    }
}
