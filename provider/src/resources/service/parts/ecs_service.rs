//! The ECS Fargate service, in the private subnets without public IPs,
//! registered in the target group.

use crate::aws::AwsError;
use crate::aws::ecs::{EcsServiceSpec, EcsServiceUpdate, EcsServices, EcsTags};
use crate::aws::outcome::{Adoption, adopt_leftover};
use crate::aws::waiter::{WaitError, retry_while};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// The objects the service runs on.
pub struct Placement<'a> {
    pub cluster_arn: &'a str,
    pub task_definition_arn: &'a str,
    pub security_group_id: &'a str,
    pub target_group_arn: &'a str,
}

/// Errors AWS returns while what the service needs is still settling
/// (eventual consistency): retried within the timeout.
pub fn settling(e: &AwsError) -> bool {
    if e.is_code(&["ClusterNotFoundException"]) {
        return true;
    }
    if !e.is_code(&["InvalidParameterException", "AccessDeniedException"]) {
        return false;
    }
    let text = e.to_string().to_ascii_lowercase();
    [
        "does not have an associated load balancer",
        "unable to assume the service linked role",
        "verify that the ecs service role",
        "unable to assume role",
        "is not valid for this service",
    ]
    .iter()
    .any(|m| text.contains(m))
}

fn idempotency_token(desired: &Desired, target_group_arn: &str) -> String {
    let tg = target_group_arn
        .rsplit('/')
        .next()
        .unwrap_or(target_group_arn);
    format!("{}-{tg}", desired.name).chars().take(36).collect()
}

/// Creates the service (adopting one an interrupted create left behind),
/// or updates task definition, count, deployment settings and tags.
pub async fn ensure<A: EcsServices + EcsTags + ?Sized>(
    ctx: &Ctx,
    api: &A,
    desired: &Desired,
    placement: &Placement<'_>,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<String, Diagnostic> {
    let name = names::ecs_service(&desired.name);
    let fail = |what: &str, e: AwsError| e.to_diagnostic(&format!("{what} ECS service {name}"));
    match existing {
        None => {
            let spec = EcsServiceSpec {
                cluster: placement.cluster_arn.to_string(),
                name: name.clone(),
                task_definition_arn: placement.task_definition_arn.to_string(),
                desired_count: desired.desired_count,
                subnet_ids: desired.subnet_ids.clone(),
                security_group_ids: vec![placement.security_group_id.to_string()],
                target_group_arn: placement.target_group_arn.to_string(),
                container_name: desired.container.name.clone(),
                container_port: desired.container.port,
                deployment: desired.deployment(),
                health_check_grace_period_seconds: desired.health_check_grace_period_seconds,
                tags: desired.tags_all.clone(),
                client_token: idempotency_token(desired, placement.target_group_arn),
            };
            let created = match retry_while(ctx, settling, || api.create_service(&spec)).await {
                Ok(service) => Ok(service),
                Err(WaitError::Aws(e)) => Err(e),
                Err(other) => {
                    return Err(other.to_diagnostic(&format!("ECS service {name} to be created")));
                }
            };
            // A service left by an earlier, interrupted create is adopted,
            // if it is this resource's: registered in this resource's own
            // target group. Another one of the same name (another team's,
            // in a shared cluster) is never taken over.
            let leftover = |e: &AwsError| e.to_string().contains("not idempotent");
            let find = || api.find_service(placement.cluster_arn, &name);
            match adopt_leftover(created, leftover, find).await {
                Ok(Adoption::Created(service)) => Ok(service.arn),
                Ok(Adoption::Adopted(service))
                    if !is_ours(&service, placement.target_group_arn) =>
                {
                    Err(Diagnostic::error(
                        "An ECS service of this name already exists",
                        format!(
                            "ECS service {name} already exists in cluster {} and is not this resource's: it is not registered in target group {}. Give this service another `name`, or delete the other ECS service.",
                            placement.cluster_arn, placement.target_group_arn
                        ),
                    )
                    .at(tfplugin::path::AttributePath::attr("name")))
                }
                Ok(Adoption::Adopted(service)) => {
                    let update = EcsServiceUpdate {
                        task_definition_arn: Some(spec.task_definition_arn.clone()),
                        desired_count: Some(spec.desired_count),
                        deployment: Some(spec.deployment),
                        health_check_grace_period_seconds: Some(
                            spec.health_check_grace_period_seconds,
                        ),
                    };
                    api.update_service(placement.cluster_arn, &service.arn, &update)
                        .await
                        .map_err(|e| fail("updating", e))?;
                    Ok(service.arn)
                }
                Err(e) => Err(e.to_diagnostic(&format!("ECS service {name}"))),
            }
        }
        Some(arn) => {
            let b = before.map(|b| &b.desired);
            let update = EcsServiceUpdate {
                task_definition_arn: (b.is_none()
                    || placement.task_definition_arn != arn_of_before_task(before))
                .then(|| placement.task_definition_arn.to_string()),
                desired_count: (b.map(|b| b.desired_count) != Some(desired.desired_count))
                    .then_some(desired.desired_count),
                deployment: (b.map(Desired::deployment) != Some(desired.deployment()))
                    .then(|| desired.deployment()),
                health_check_grace_period_seconds: (b.map(|b| b.health_check_grace_period_seconds)
                    != Some(desired.health_check_grace_period_seconds))
                .then_some(desired.health_check_grace_period_seconds),
            };
            api.update_service(placement.cluster_arn, arn, &update)
                .await
                .map_err(|e| fail("updating", e))?;
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_ecs_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| fail("tagging", e))?;
            Ok(arn.to_string())
        }
    }
}

/// True when `service` is this resource's: it is registered in the
/// resource's own target group.
pub fn is_ours(service: &crate::aws::ecs::EcsService, target_group_arn: &str) -> bool {
    service
        .target_group_arns
        .iter()
        .any(|arn| arn == target_group_arn)
}

fn arn_of_before_task(before: Option<&Before>) -> &str {
    before
        .map(|b| b.task_definition_arn.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::AwsApi;

    #[test]
    fn settling_errors_are_recognised() {
        let e = |code: &str, message: &str| AwsError::Api {
            service: AwsApi::Ecs,
            code: code.into(),
            message: message.into(),
        };
        assert!(settling(&e(
            "InvalidParameterException",
            "The target group with targetGroupArn arn:x does not have an associated load balancer."
        )));
        assert!(settling(&e(
            "ClusterNotFoundException",
            "Cluster not found."
        )));
        assert!(!settling(&e("InvalidParameterException", "Invalid image")));
        assert!(!settling(&e(
            "ServerException",
            "does not have an associated load balancer"
        )));
    }
}
