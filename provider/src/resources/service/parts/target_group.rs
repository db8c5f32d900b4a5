//! The target group the tasks register in: TCP, target type ip, HTTP
//! health check.

use crate::aws::elbv2::{Elbv2Tags, TargetGroupSpec, TargetGroups};
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

pub async fn ensure<A: TargetGroups + Elbv2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<String, Diagnostic> {
    let name = names::target_group(&desired.name);
    let fail = |what: &str, e: crate::aws::AwsError| {
        e.to_diagnostic(&format!("{what} target group {name}"))
    };
    match existing {
        None => {
            let spec = TargetGroupSpec {
                name: name.clone(),
                vpc_id: desired.vpc_id.clone(),
                port: desired.container.port,
                health_check: desired.health_check.clone(),
                deregistration_delay: desired.deregistration_delay,
                tags: desired.tags_all.clone(),
            };
            Ok(api
                .create_target_group(&spec)
                .await
                .map_err(|e| fail("creating", e))?
                .arn)
        }
        Some(arn) => {
            let b = before.map(|b| &b.desired);
            if b.map(|b| &b.health_check) != Some(&desired.health_check) {
                api.set_health_check(arn, &desired.health_check)
                    .await
                    .map_err(|e| fail("changing the health check of", e))?;
            }
            if b.map(|b| b.deregistration_delay) != Some(desired.deregistration_delay) {
                api.set_deregistration_delay(arn, desired.deregistration_delay)
                    .await
                    .map_err(|e| fail("changing the deregistration delay of", e))?;
            }
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_elbv2_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| fail("tagging", e))?;
            Ok(arn.to_string())
        }
    }
}
