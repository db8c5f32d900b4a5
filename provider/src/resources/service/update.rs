//! Update in place: converge from the refreshed prior state. Objects that
//! went missing are recreated; settings AWS can change are changed.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use crate::values::string_map;

use super::apis::ServiceApis;
use super::converge::converge;
use super::create::state_after;
use super::model::{Desired, Parts, PrivateState};
use super::parts::Before;
use super::read::owns_cluster;
use super::schema::DEFAULT_TIMEOUT;

pub async fn update(
    ctx: &Ctx,
    aws: &dyn ServiceApis,
    prior: &Value,
    planned: &Value,
    private: Vec<u8>,
) -> StateResult {
    let read = Desired::from_value(planned, aws.default_tags())
        .and_then(|d| Ok((d, Desired::from_value(prior, &Default::default())?)));
    let (mut desired, prior_desired) = match read {
        Ok(both) => both,
        Err(d) => return StateResult::with_diagnostics(prior.clone(), private, d.into()),
    };
    if owns_cluster(&private, prior) {
        // The cluster_arn in the plan is the one this resource made, not
        // one the configuration gives: keep managing (tagging) it.
        desired.cluster_arn = None;
    }
    let prior_private = PrivateState::decode(&private).unwrap_or_else(|| PrivateState {
        owns_cluster: owns_cluster(&private, prior),
        ..PrivateState::default()
    });
    let before = Before {
        desired: prior_desired,
        // Objects with different tags: every one is tagged again.
        tags_all: if prior_private.tags_out_of_sync {
            Default::default()
        } else {
            string_map(prior.get("tags_all"))
        },
        task_definition_arn: prior
            .get("task_definition_arn")
            .as_str()
            .unwrap_or_default()
            .to_string(),
        replaced_endpoint_service_id: prior_private.replaced_endpoint_service_id.clone(),
        task_definitions: prior_private.task_definitions.clone(),
    };
    let mut parts = Parts::from_value(prior);
    // Blocks the plan left unknown are resolved again.
    if planned.get("ingress_cidr_blocks").is_unknown() {
        parts.ingress_cidr_blocks = None;
    }
    if planned.get("load_balancer_cidr_blocks").is_unknown() {
        parts.load_balancer_cidr_blocks = None;
    }
    let ctx = ctx.with_timeout(timeout(planned, "update", DEFAULT_TIMEOUT));
    let (diagnostics, task_definitions) =
        converge(&ctx, aws, &desired, Some(&before), &mut parts).await;
    let private = PrivateState {
        task_definitions,
        tags_out_of_sync: false,
        ..prior_private
    };
    if !diagnostics.has_errors() {
        return StateResult::with_diagnostics(
            state_after(planned, &desired, &parts),
            private.encode(),
            diagnostics,
        );
    }
    // Failed: the state says what is known to be true, not what was
    // planned: the prior settings with the objects as they now are. The
    // next refresh reads the settings back, so the next plan proposes
    // again whatever did not happen. A revision registered on the way is
    // in the private list, so it is never left behind.
    let mut state = prior.clone();
    parts.write_into(&mut state);
    StateResult::with_diagnostics(state, private.encode(), diagnostics)
}
