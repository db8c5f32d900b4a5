//! The internal network load balancer.

use crate::aws::elbv2::{Elbv2Tags, LoadBalancer, LoadBalancers};
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// Creates the load balancer (idempotent by name, so an interrupted create
/// is picked up again), or retags the existing one.
pub async fn ensure<A: LoadBalancers + Elbv2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<Option<LoadBalancer>, Diagnostic> {
    let name = names::load_balancer(&desired.name);
    match existing {
        None => api
            .create_nlb(&name, &desired.subnet_ids, &desired.tags_all)
            .await
            .map(Some)
            .map_err(|e| e.to_diagnostic(&format!("creating network load balancer {name}"))),
        Some(arn) => {
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_elbv2_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| e.to_diagnostic(&format!("tagging network load balancer {name}")))?;
            Ok(None)
        }
    }
}
