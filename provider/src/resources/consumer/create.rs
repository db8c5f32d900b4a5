//! Create: converge from nothing. Whatever exists when an error or
//! interruption ends the create is returned as state (Terraform marks it
//! tainted), so the next apply or destroy deals with it.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ConsumerApis;
use super::converge::converge;
use super::model::{Desired, Made, PrivateState, tags_value};
use super::schema::DEFAULT_TIMEOUT;

pub async fn create(
    ctx: &Ctx,
    api: &dyn ConsumerApis,
    config: &Value,
    planned: &Value,
) -> StateResult {
    let desired = match Desired::from_value(planned, api.default_tags()) {
        Ok(d) => d,
        Err(d) => return StateResult::error(d),
    };
    let ctx = ctx.with_timeout(timeout(planned, "create", DEFAULT_TIMEOUT));
    let mut made = Made::default();
    let diagnostics = converge(&ctx, api, &desired, None, &mut made).await;
    if made.is_empty() {
        return StateResult::with_diagnostics(Value::Null, Vec::new(), diagnostics);
    }
    StateResult::with_diagnostics(
        state_after(planned, &desired, &made),
        private_state(config, &made).encode(),
        diagnostics,
    )
}

/// The planned state with what exists written in; anything still unknown
/// (not made) is null.
pub fn state_after(planned: &Value, desired: &Desired, made: &Made) -> Value {
    let mut state = planned.clone();
    made.write_into(&mut state);
    state.set("tags_all", tags_value(&desired.tags_all));
    state.set("service_id", desired.service_id.as_str().into());
    if let Value::Map(attrs) = &mut state {
        for v in attrs.values_mut().filter(|v| v.is_unknown()) {
            *v = Value::Null;
        }
    }
    state
}

/// Remembers the default admitted blocks when the configuration left
/// `allowed_cidr_blocks` unset.
pub fn private_state(config: &Value, made: &Made) -> PrivateState {
    PrivateState {
        default_cidr_blocks: if config.get("allowed_cidr_blocks").is_null() {
            made.allowed_cidr_blocks.clone()
        } else {
            None
        },
        replaced_endpoint_id: None,
    }
}
