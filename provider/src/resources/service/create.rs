//! Create: converge from nothing. Whatever exists when an error or
//! interruption ends the create is returned as state (Terraform marks it
//! tainted), so the next apply or destroy deals with it.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::converge::converge;
use super::model::{Desired, Parts, PrivateState, tags_value};
use super::schema::DEFAULT_TIMEOUT;

pub async fn create(ctx: &Ctx, aws: &dyn ServiceApis, planned: &Value) -> StateResult {
    let desired = match Desired::from_value(planned, aws.default_tags()) {
        Ok(desired) => desired,
        Err(d) => return StateResult::error(d),
    };
    let ctx = ctx.with_timeout(timeout(planned, "create", DEFAULT_TIMEOUT));
    let mut parts = Parts::default();
    let (diagnostics, task_definitions) = converge(&ctx, aws, &desired, None, &mut parts).await;
    let private = PrivateState {
        owns_cluster: desired.cluster_arn.is_none(),
        task_definitions,
        ..PrivateState::default()
    };
    if diagnostics.has_errors() && parts.owns_nothing(private.owns_cluster) {
        return StateResult::with_diagnostics(Value::Null, Vec::new(), diagnostics);
    }
    StateResult::with_diagnostics(
        state_after(planned, &desired, &parts),
        private.encode(),
        diagnostics,
    )
}

/// The planned state with every computed value filled in.
pub fn state_after(planned: &Value, desired: &Desired, parts: &Parts) -> Value {
    let mut state = planned.clone();
    parts.write_into(&mut state);
    state.set("tags_all", tags_value(&desired.tags_all));
    state.set("listener_port", (desired.listener_port as i64).into());
    state
}
