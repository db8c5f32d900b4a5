//! The internal network load balancer.

use crate::aws::elbv2::{Elbv2Tags, LoadBalancer, LoadBalancers};
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// Turns cross-zone load balancing on or off when it differs from what the
/// load balancer has: after a create (AWS creates it off), or when the
/// setting changed (or drifted).
pub async fn ensure_cross_zone<A: LoadBalancers + ?Sized>(
    api: &A,
    desired: &Desired,
    before: Option<&Before>,
    arn: &str,
    created: bool,
) -> Result<(), Diagnostic> {
    let current = if created {
        false
    } else {
        match before {
            Some(b) => b.desired.cross_zone_load_balancing,
            None => !desired.cross_zone_load_balancing,
        }
    };
    if current == desired.cross_zone_load_balancing {
        return Ok(());
    }
    api.set_cross_zone(arn, desired.cross_zone_load_balancing)
        .await
        .map_err(|e| e.to_diagnostic(&format!("setting cross-zone load balancing on {arn}")))
}

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
