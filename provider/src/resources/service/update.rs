//! Update in place: converge from the refreshed prior state. Objects that
//! went missing are recreated; settings AWS can change are changed.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::converge::converge;
use super::create::state_after;
use super::model::{Desired, Parts};
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
    let mut desired = Desired::from_value(planned, aws.default_tags());
    if owns_cluster(&private, prior) {
        // The cluster_arn in the plan is the one this resource made, not
        // one the configuration gives: keep managing (tagging) it.
        desired.cluster_arn = None;
    }
    let before = Before {
        desired: Desired::from_value(prior, &Default::default()),
        tags_all: prior
            .get("tags_all")
            .as_map()
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default(),
        task_definition_arn: prior
            .get("task_definition_arn")
            .as_str()
            .unwrap_or_default()
            .to_string(),
    };
    let mut parts = Parts::from_value(prior);
    let ctx = ctx.with_timeout(timeout(planned, "update", DEFAULT_TIMEOUT));
    let diagnostics = converge(&ctx, aws, &desired, Some(&before), &mut parts).await;
    StateResult::failed(state_after(planned, &desired, &parts), private, diagnostics)
}
