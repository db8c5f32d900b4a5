//! Lifecycle tests of `privatelink_consumer` against the in-memory AWS
//! ([`crate::aws::fake`]) on a paused clock: the fake plays both accounts
//! (its endpoint services are "the owner's"), so acceptance, rejection and
//! deletion show on both sides.

mod create;
mod drift;
mod failures;
mod update_delete_import;

use std::collections::BTreeSet;

use crate::aws::fake::{FakeAws, SUBNET_A, SUBNET_B, VPC_ID};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::plan::plan_block;
use tfplugin::resource::{PlanContext, StateResult};
use tfplugin::value::Value;

use super::schema::schema;
pub use crate::resources::shared::testing::{on_paused_clock, proposed};

/// The role of the `acceptance` block in [`config_accepting`].
pub const ROLE: &str = "arn:aws:iam::111111111111:role/accept-endpoints";

pub fn strings(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| Value::from(*s)).collect())
}

/// A consumer `orders` of `service_name` in the fake's VPC and two
/// subnets, on port 8080, with one tag; everything else left to defaults.
pub fn config(service_name: &str) -> Value {
    let mut c = Value::null_object(&schema().value_type());
    c.set("name", "orders".into());
    c.set("service_name", service_name.into());
    c.set("vpc_id", VPC_ID.into());
    c.set("subnet_ids", strings(&[SUBNET_A, SUBNET_B]));
    c.set("port", 8080i64.into());
    c.set(
        "tags",
        Value::Map([("Team".to_string(), Value::from("orders"))].into()),
    );
    c.set("acceptance", Value::List(Vec::new()));
    c
}

/// [`config`] with an `acceptance` block naming [`ROLE`].
pub fn config_accepting(service_name: &str) -> Value {
    let mut c = config(service_name);
    let mut block = Value::Map(Default::default());
    block.set("role_arn", ROLE.into());
    block.set("external_id", Value::Null);
    block.set("session_name", Value::Null);
    c.set("acceptance", Value::List(vec![block]));
    c
}

/// A fake account with an endpoint service; returns both.
pub fn account(acceptance_required: bool) -> (FakeAws, String) {
    let aws = FakeAws::new();
    let name = aws.edit(|w| w.add_endpoint_service(acceptance_required));
    (aws, name)
}

/// Plans `config` against `prior` (null: create) as the plugin server does.
pub async fn plan_with(aws: &FakeAws, prior: &StateResult, config: &Value) -> PlanContext {
    let block = schema().block;
    let change = plan_block(
        &block,
        &prior.state,
        &proposed(&block, &prior.state, config),
        config,
    );
    assert!(!change.diagnostics.has_errors(), "{:?}", change.diagnostics);
    let mut ctx = PlanContext {
        config: config.clone(),
        prior: prior.state.clone(),
        planned: change.planned,
        prior_private: prior.private.clone(),
        planned_private: prior.private.clone(),
        requires_replace: change.requires_replace,
        diagnostics: Diagnostics::new(),
    };
    super::plan::modify_plan(Some(aws), &mut ctx).await;
    ctx
}

/// Plans and creates `config`.
pub async fn create(aws: &FakeAws, config: &Value) -> StateResult {
    let plan = plan_with(aws, &StateResult::default(), config).await;
    assert!(!plan.diagnostics.has_errors(), "{:?}", plan.diagnostics);
    super::create::create(&Ctx::background(), aws, config, &plan.planned).await
}

/// Plans and applies `config` over `prior`.
pub async fn update(aws: &FakeAws, prior: &StateResult, config: &Value) -> StateResult {
    let plan = plan_with(aws, prior, config).await;
    assert!(!plan.diagnostics.has_errors(), "{:?}", plan.diagnostics);
    super::update::update(
        &Ctx::background(),
        aws,
        config,
        &prior.state,
        &plan.planned,
        plan.planned_private,
    )
    .await
}

/// Refreshes `prior`.
pub async fn read(aws: &FakeAws, prior: &StateResult) -> StateResult {
    super::read::read(aws, &prior.state, prior.private.clone()).await
}

/// Deletes what `prior` records.
pub async fn delete(aws: &FakeAws, prior: &StateResult) -> Diagnostics {
    super::delete::delete(&Ctx::background(), aws, &prior.state).await
}

/// Attributes whose planned value differs from the prior state's.
pub fn changed(plan: &PlanContext) -> Vec<String> {
    let (Value::Map(planned), Value::Map(prior)) = (&plan.planned, &plan.prior) else {
        return vec!["<create or delete>".into()];
    };
    planned
        .iter()
        .filter(|(k, v)| prior.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The consumer's objects that exist in the fake: its endpoint and
/// security groups named after a consumer.
pub fn live_objects(aws: &FakeAws) -> BTreeSet<String> {
    let world = aws.world();
    let live = world.live_ids();
    live.into_iter()
        .filter(|id| {
            id.starts_with("vpce-") && !id.starts_with("vpce-svc-")
                || world
                    .security_groups
                    .get(id)
                    .is_some_and(|g| g.name.starts_with(super::names::SECURITY_GROUP_PREFIX))
        })
        .collect()
}

/// The objects a state names.
pub fn named_objects(state: &Value) -> BTreeSet<String> {
    ["id", "security_group_id"]
        .iter()
        .filter_map(|a| state.get(a).as_str().map(str::to_string))
        .collect()
}

pub fn assert_ok(result: &StateResult) {
    assert!(!result.diagnostics.has_errors(), "{:?}", result.diagnostics);
}

/// Every error's summary and detail, for matching.
pub fn messages(diags: &Diagnostics) -> String {
    diags
        .iter()
        .map(|d| format!("{}: {}", d.summary, d.detail))
        .collect::<Vec<_>>()
        .join("\n")
}
