//! Delete, in the only order AWS allows without errors or leftovers, in
//! three phases; the steps of a phase are independent and run together:
//!
//! 1. reject remaining endpoint connections and delete the endpoint
//!    service | scale the ECS service to zero, delete it, wait until it is
//!    inactive;
//! 2. listener, target group, load balancer (waiting until its network
//!    interfaces are gone) | security group | task definition;
//! 3. the cluster if the service owns it | the log group unless kept;
//!    then, unless kept, the cluster's Container Insights log group.
//!
//! A failure stops before the next phase (its objects depend on the
//! earlier ones being gone); every failure of the phase is reported, and
//! the next destroy continues from there.

use crate::aws::AwsError;
use crate::aws::ec2::waiters::endpoint_service_gone;
use crate::aws::ecs::waiters::service_inactive;
use crate::aws::ecs::{EcsServiceUpdate, container_insights_log_group};
use crate::aws::elbv2::waiters::load_balancer_gone;
use crate::aws::waiter::{WaitError, retry_while};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::model::{Parts, PrivateState};
use super::read::owns_cluster;
use super::schema::DEFAULT_TIMEOUT;

type Step = Result<(), Diagnostic>;

fn failed(what: &str, e: WaitError) -> Diagnostic {
    match e {
        WaitError::Aws(e) => e.to_diagnostic(what),
        other => other.to_diagnostic(what),
    }
}

fn aws_failed(what: String) -> impl FnOnce(AwsError) -> Diagnostic {
    move |e| e.to_diagnostic(&what)
}

pub async fn delete(
    ctx: &Ctx,
    aws: &dyn ServiceApis,
    prior: &Value,
    private: &[u8],
) -> Diagnostics {
    let ctx = ctx.with_timeout(timeout(prior, "delete", DEFAULT_TIMEOUT));
    let ctx = &ctx;
    let parts = Parts::from_value(prior);
    let keep_logs = prior.get("keep_log_group_on_destroy").as_bool() != Some(false);

    // Phase 1: what consumers and tasks use; independent of each other.
    let (eps, ecs) = tokio::join!(
        async {
            match &parts.endpoint_service_id {
                Some(id) => endpoint_service(ctx, aws, id).await,
                None => Ok(()),
            }
        },
        async {
            match (&parts.cluster_arn, &parts.ecs_service_arn) {
                (Some(cluster), Some(service)) => ecs_service(ctx, aws, cluster, service).await,
                _ => Ok(()),
            }
        },
    );
    let diags = failures([eps, ecs]);
    if diags.has_errors() {
        return diags;
    }

    // Phase 2: the traffic path in order; the task security group and the
    // task definition beside it (nothing uses them once the tasks are gone).
    let (path, sg, task_definition) = tokio::join!(
        traffic_path(ctx, aws, &parts),
        async {
            match &parts.security_group_id {
                Some(id) => retry_while(
                    ctx,
                    |e| e.is_code(&["DependencyViolation"]),
                    || aws.delete_security_group(id),
                )
                .await
                .map_err(|e| failed(&format!("deleting security group {id}"), e)),
                None => Ok(()),
            }
        },
        async {
            // The revision in use, and every other one this resource
            // registered and kept.
            let mut revisions = PrivateState::decode(private)
                .map(|p| p.task_definitions)
                .unwrap_or_default();
            if let Some(arn) = &parts.task_definition_arn
                && !revisions.contains(arn)
            {
                revisions.push(arn.clone());
            }
            for arn in &revisions {
                aws.delete_task_definition(arn)
                    .await
                    .map_err(aws_failed(format!("deleting task definition {arn}")))?;
            }
            Ok(())
        },
    );
    let diags = failures([path, sg, task_definition]);
    if diags.has_errors() {
        return diags;
    }

    // Phase 3: the cluster if the service made it; the logs last (they
    // explain any failure above), unless kept.
    let (cluster, logs) = tokio::join!(
        async {
            match parts
                .cluster_arn
                .as_ref()
                .filter(|_| owns_cluster(private, prior))
            {
                Some(arn) => retry_while(
                    ctx,
                    |e| {
                        e.is_code(&[
                            "ClusterContainsServicesException",
                            "ClusterContainsTasksException",
                        ])
                    },
                    || aws.delete_cluster(arn),
                )
                .await
                .map_err(|e| failed(&format!("deleting ECS cluster {arn}"), e))
                .map(|()| Some(arn)),
                None => Ok(None),
            }
        },
        async {
            match parts.log_group_name.as_ref().filter(|_| !keep_logs) {
                Some(name) => aws
                    .delete_log_group(name)
                    .await
                    .map_err(aws_failed(format!("deleting log group {name}"))),
                None => Ok(()),
            }
        },
    );
    // Container Insights' log group goes with the cluster, unless kept.
    let insights = match &cluster {
        Ok(Some(arn)) if !keep_logs => {
            let name = container_insights_log_group(arn.rsplit('/').next().unwrap_or(arn));
            aws.delete_log_group(&name)
                .await
                .map_err(aws_failed(format!("deleting log group {name}")))
        }
        _ => Ok(()),
    };
    failures([cluster.map(drop), logs, insights])
}

/// Every error of one phase, each in its own diagnostic.
fn failures<const N: usize>(steps: [Step; N]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for step in steps {
        if let Err(d) = step {
            diags.push(d);
        }
    }
    diags
}

/// Listener, then target group, then load balancer: each is in use by the
/// one before it until that one is gone.
async fn traffic_path(ctx: &Ctx, aws: &dyn ServiceApis, parts: &Parts) -> Step {
    if let Some(arn) = &parts.listener_arn {
        aws.delete_listener(arn)
            .await
            .map_err(aws_failed(format!("deleting listener {arn}")))?;
    }
    if let Some(arn) = &parts.target_group_arn {
        retry_while(
            ctx,
            |e| e.is_code(&["ResourceInUse"]),
            || aws.delete_target_group(arn),
        )
        .await
        .map_err(|e| failed(&format!("deleting target group {arn}"), e))?;
    }
    if let Some(arn) = &parts.nlb_arn {
        load_balancer(ctx, aws, arn).await?;
    }
    Ok(())
}

/// Rejects live connections, deletes the service, waits until it is gone.
async fn endpoint_service(ctx: &Ctx, aws: &dyn ServiceApis, id: &str) -> Step {
    let live: Vec<String> = aws
        .endpoint_connections(id)
        .await
        .map_err(aws_failed(format!(
            "listing the endpoint connections of {id}"
        )))?
        .into_iter()
        .filter(|c| c.is_live())
        .map(|c| c.endpoint_id)
        .collect();
    aws.reject_endpoint_connections(id, &live)
        .await
        .map_err(aws_failed(format!(
            "rejecting the endpoint connections of {id}"
        )))?;
    retry_while(
        ctx,
        |e| e.is_code(&["ExistingVpcEndpointConnections"]),
        || aws.delete_endpoint_service(id),
    )
    .await
    .map_err(|e| failed(&format!("deleting VPC endpoint service {id}"), e))?;
    endpoint_service_gone(ctx, aws, id)
        .await
        .map_err(|e| e.to_diagnostic(&format!("VPC endpoint service {id} to be deleted")))
}

/// Scales to zero, deletes, waits until drained.
async fn ecs_service(ctx: &Ctx, aws: &dyn ServiceApis, cluster: &str, service: &str) -> Step {
    let found = aws
        .find_service(cluster, service)
        .await
        .map_err(aws_failed(format!("reading ECS service {service}")))?;
    let Some(found) = found else { return Ok(()) };
    if found.status == "ACTIVE" {
        if found.desired_count > 0 {
            let scale_down = EcsServiceUpdate {
                desired_count: Some(0),
                ..Default::default()
            };
            aws.update_service(cluster, service, &scale_down)
                .await
                .map_err(aws_failed(format!("scaling ECS service {service} to zero")))?;
        }
        let busy = |e: &AwsError| {
            let text = e.to_string().to_ascii_lowercase();
            e.is_code(&["InvalidParameterException"])
                && (text.contains("deployments are active") || text.contains("scaled above 0"))
        };
        retry_while(ctx, busy, || aws.delete_service(cluster, service))
            .await
            .map_err(|e| failed(&format!("deleting ECS service {service}"), e))?;
    }
    service_inactive(ctx, aws, cluster, service)
        .await
        .map_err(|e| e.to_diagnostic(&format!("ECS service {service} to drain")))
}

/// Deletes the load balancer and waits for it and its interfaces to go.
async fn load_balancer(ctx: &Ctx, aws: &dyn ServiceApis, arn: &str) -> Step {
    let resource_id = arn
        .split_once(":loadbalancer/")
        .map(|(_, r)| r.to_string())
        .unwrap_or_default();
    retry_while(
        ctx,
        |e| e.is_code(&["ResourceInUse"]),
        || aws.delete_load_balancer(arn),
    )
    .await
    .map_err(|e| failed(&format!("deleting network load balancer {arn}"), e))?;
    load_balancer_gone(ctx, aws, arn, &resource_id)
        .await
        .map_err(|e| {
            e.to_diagnostic(&format!(
                "network load balancer {arn} and its network interfaces to be deleted"
            ))
        })
}
