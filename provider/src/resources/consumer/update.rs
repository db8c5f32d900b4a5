//! Update in place: converge from the refreshed prior state. A missing
//! endpoint or security group is recreated; subnets, security groups,
//! private DNS, admitted sources, port and tags are changed in place; a
//! rejected connection is accepted again when `acceptance` is set.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ConsumerApis;
use super::converge::{Before, converge};
use super::create::{private_state, state_after};
use super::model::{Desired, Made, PrivateState};
use super::schema::DEFAULT_TIMEOUT;

pub async fn update(
    ctx: &Ctx,
    api: &dyn ConsumerApis,
    config: &Value,
    prior: &Value,
    planned: &Value,
    private: Vec<u8>,
) -> StateResult {
    let read = Desired::from_value(planned, api.default_tags())
        .and_then(|d| Ok((d, Desired::from_value(prior, api.default_tags())?)));
    let (desired, prior_desired) = match read {
        Ok(both) => both,
        Err(d) => return StateResult::with_diagnostics(prior.clone(), private, d.into()),
    };
    let before = Before {
        port: prior_desired.port,
        subnet_ids: prior_desired.subnet_ids.clone(),
        object_tags: prior_desired.object_tags,
        endpoint_id: prior.get("id").as_str().map(str::to_string),
        replaced_endpoint_id: PrivateState::decode(&private).replaced_endpoint_id,
    };
    let mut made = Made::from_state(prior);
    let ctx = ctx.with_timeout(timeout(planned, "update", DEFAULT_TIMEOUT));
    let diagnostics = converge(&ctx, api, &desired, Some(&before), &mut made).await;
    let mut private = private_state(config, &made);
    if made.endpoint.is_none() {
        // Not replaced yet: the next apply's token must still be new.
        private.replaced_endpoint_id = before.endpoint_id.or(before.replaced_endpoint_id);
    }
    StateResult::with_diagnostics(
        state_after(planned, &desired, &made),
        private.encode(),
        diagnostics,
    )
}
