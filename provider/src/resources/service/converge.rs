//! Brings a service's AWS objects from what exists to what is desired, in
//! dependency order, doing independent work in parallel:
//!
//! 1. network check (creating only), then in parallel: log group, security
//!    group, task definition, load balancer, target group, cluster;
//! 2. the load balancer becomes active; the listener;
//! 3. in parallel: endpoint service (available, principals allowed) and
//!    ECS service (after the listener, so the target group is attached);
//! 4. optionally, the ECS deployment reaches steady state.
//!
//! Every object is recorded in `parts` as soon as it exists, so a failure
//! or interruption at any point leaves Terraform's state knowing everything
//! that was made. Calls that change AWS are never abandoned halfway; the
//! context is checked between steps and while waiting.

use crate::aws::ecs::waiters::service_steady;
use crate::aws::elbv2::waiters::load_balancer_active;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;

use super::apis::ServiceApis;
use super::model::{Desired, Parts};
use super::parts::{
    Before, cluster, ecs_service, endpoint_service, listener, load_balancer, log_group, network,
    security_group, target_group, task_definition,
};

/// What converging left to clean up afterwards.
#[derive(Default)]
pub struct Leftovers {
    /// A task definition revision replaced by a new one.
    pub old_task_definition: Option<String>,
}

/// Converges `parts` towards `desired`; returns the errors met (parts keeps
/// whatever exists) and the revisions this resource registered that still
/// exist, oldest first (see `PrivateState`).
pub async fn converge(
    ctx: &Ctx,
    aws: &dyn ServiceApis,
    desired: &Desired,
    before: Option<&Before>,
    parts: &mut Parts,
) -> (Diagnostics, Vec<String>) {
    let mut diags = Diagnostics::new();
    let mut leftovers = Leftovers::default();
    converge_steps(ctx, aws, desired, before, parts, &mut diags, &mut leftovers).await;
    let mut revisions = before
        .map(|b| b.task_definitions.clone())
        .unwrap_or_default();
    let in_use_before = before
        .map(|b| b.task_definition_arn.clone())
        .filter(|arn| !arn.is_empty());
    for arn in in_use_before.iter().chain(parts.task_definition_arn.iter()) {
        if !revisions.contains(arn) {
            revisions.push(arn.clone());
        }
    }
    if diags.has_errors() {
        return (diags, revisions);
    }
    // Retention: the newest revisions stay, with the one in use and the
    // one it replaced (where a rollback returns); older ones go.
    let protected = [
        parts.task_definition_arn.as_ref(),
        leftovers.old_task_definition.as_ref(),
    ];
    let excess = revisions
        .len()
        .saturating_sub(desired.task_definition_revisions_kept);
    let old: Vec<String> = revisions
        .iter()
        .filter(|arn| !protected.contains(&Some(*arn)))
        .take(excess)
        .cloned()
        .collect();
    for arn in old {
        match aws.delete_task_definition(&arn).await {
            Ok(()) => revisions.retain(|r| *r != arn),
            Err(e) => {
                diags.push(e.to_diagnostic(&format!("deleting the old task definition {arn}")))
            }
        }
    }
    (diags, revisions)
}

async fn converge_steps(
    ctx: &Ctx,
    aws: &dyn ServiceApis,
    desired: &Desired,
    before: Option<&Before>,
    parts: &mut Parts,
    diags: &mut Diagnostics,
    leftovers: &mut Leftovers,
) {
    // The network is checked before anything is created whenever the load
    // balancer is to be made (its subnets must be right first), and when
    // the default ingress or the load balancer's blocks must be learned.
    // Otherwise the prior state already knows them.
    let known_ingress = desired
        .ingress_cidr_blocks
        .clone()
        .or_else(|| parts.ingress_cidr_blocks.clone());
    let subnets_changed = before.is_some_and(|b| b.desired.subnet_ids != desired.subnet_ids);
    let known_load_balancer = parts
        .load_balancer_cidr_blocks
        .clone()
        .filter(|_| !subnets_changed);
    let facts =
        if parts.nlb_arn.is_none() || known_ingress.is_none() || known_load_balancer.is_none() {
            match network::check(aws, &desired.vpc_id, &desired.subnet_ids).await {
                Ok(f) => Some(f),
                Err(d) => return diags.extend(d),
            }
        } else {
            None
        };
    let ingress_cidrs = match (known_ingress, &facts) {
        (Some(c), _) => c,
        (None, Some(facts)) if desired.ingress_security_group_ids.is_empty() => {
            facts.vpc_cidr_blocks.clone()
        }
        (None, _) => Vec::new(),
    };
    let load_balancer_cidrs = match (known_load_balancer, facts) {
        (Some(c), _) => c,
        (None, Some(facts)) => facts.load_balancer_cidr_blocks,
        (None, None) => Vec::new(),
    };
    parts.load_balancer_cidr_blocks = Some(load_balancer_cidrs.clone());
    parts.ingress_cidr_blocks = Some(ingress_cidrs.clone());
    if let Err(i) = ctx.check() {
        return diags.push(i.to_diagnostic(operation(before)));
    }

    // Phase 1: independent objects, in parallel.
    let token = crate::resources::shared::security_group::ownership_token();
    let ingress = security_group::Ingress {
        ownership_token: &token,
        cidrs: &ingress_cidrs,
        load_balancer_cidrs: &load_balancer_cidrs,
    };
    let region = aws.region().to_string();
    // Objects made by a step that then fails are recorded all the same.
    let (mut log_made, mut sg_made) = (None, None);
    let (log, sg, td, nlb, tg, cl) = tokio::join!(
        log_group::ensure(
            aws,
            desired,
            before,
            parts.log_group_name.as_deref(),
            &mut log_made
        ),
        security_group::ensure(
            aws,
            desired,
            &ingress,
            before,
            parts.security_group_id.as_deref(),
            &mut sg_made
        ),
        task_definition::ensure(
            ctx,
            aws,
            &region,
            desired,
            before,
            parts.task_definition_arn.as_deref()
        ),
        load_balancer::ensure(aws, desired, before, parts.nlb_arn.as_deref()),
        target_group::ensure(aws, desired, before, parts.target_group_arn.as_deref()),
        cluster::ensure(aws, desired, before, parts.cluster_arn.as_deref()),
    );
    record(&mut parts.log_group_name, log, diags);
    record(&mut parts.security_group_id, sg, diags);
    parts.log_group_name = parts.log_group_name.take().or(log_made);
    parts.security_group_id = parts.security_group_id.take().or(sg_made);
    match td {
        Ok((arn, replaced)) => {
            parts.task_definition_arn = Some(arn);
            leftovers.old_task_definition = replaced;
        }
        Err(d) => diags.push(d),
    }
    let made_nlb = matches!(nlb, Ok(Some(_)));
    let created_nlb = match nlb {
        Ok(Some(lb)) => {
            parts.nlb_arn = Some(lb.arn.clone());
            parts.nlb_dns_name = Some(lb.dns_name.clone());
            lb.state != "active"
        }
        Ok(None) => false,
        Err(d) => {
            diags.push(d);
            false
        }
    };
    record(&mut parts.target_group_arn, tg, diags);
    record(&mut parts.cluster_arn, cl, diags);
    if diags.has_errors() {
        return;
    }
    if let Err(i) = ctx.check() {
        return diags.push(i.to_diagnostic(operation(before)));
    }

    // Phase 2: the load balancer active, then the listener.
    let (Some(nlb_arn), Some(tg_arn)) = (parts.nlb_arn.clone(), parts.target_group_arn.clone())
    else {
        return;
    };
    if created_nlb {
        match load_balancer_active(ctx, aws, &nlb_arn).await {
            Ok(lb) => parts.nlb_dns_name = Some(lb.dns_name),
            Err(e) => {
                return diags.push(
                    e.to_diagnostic(&format!("network load balancer {nlb_arn} to become active")),
                );
            }
        }
    }
    if let Err(d) = load_balancer::ensure_cross_zone(aws, desired, before, &nlb_arn, made_nlb).await
    {
        return diags.push(d);
    }
    match listener::ensure(
        aws,
        desired,
        &nlb_arn,
        &tg_arn,
        before,
        parts.listener_arn.as_deref(),
    )
    .await
    {
        Ok(arn) => parts.listener_arn = Some(arn),
        Err(d) => return diags.push(d),
    }
    if let Err(i) = ctx.check() {
        return diags.push(i.to_diagnostic(operation(before)));
    }

    // Phase 3: endpoint service and ECS service, in parallel.
    let (Some(cluster_arn), Some(td_arn), Some(sg_id)) = (
        parts.cluster_arn.clone(),
        parts.task_definition_arn.clone(),
        parts.security_group_id.clone(),
    ) else {
        return;
    };
    let placement = ecs_service::Placement {
        cluster_arn: &cluster_arn,
        task_definition_arn: &td_arn,
        security_group_id: &sg_id,
        target_group_arn: &tg_arn,
    };
    let mut eps_made = None;
    let (eps, svc) = tokio::join!(
        endpoint_service::ensure(
            ctx,
            aws,
            desired,
            &nlb_arn,
            before,
            parts.endpoint_service_id.as_deref(),
            &mut eps_made
        ),
        ecs_service::ensure(
            ctx,
            aws,
            desired,
            &placement,
            before,
            parts.ecs_service_arn.as_deref()
        ),
    );
    let created = match eps {
        Ok(created) => created,
        Err(d) => {
            diags.push(d);
            eps_made
        }
    };
    if let Some(created) = created {
        parts.endpoint_service_id = Some(created.id);
        parts.service_name = Some(created.service_name);
        parts.state = Some(created.state);
    }
    record(&mut parts.ecs_service_arn, svc, diags);
    if diags.has_errors() || !desired.wait_for_steady_state {
        return;
    }

    // Phase 4: the deployment finished.
    if let Some(service) = parts.ecs_service_arn.clone()
        && let Err(e) = service_steady(ctx, aws, &cluster_arn, &service, &td_arn).await
    {
        diags.push(e.to_diagnostic(&format!("ECS service {service} to reach a steady state")));
    }
}

/// What converging is doing, as diagnostics name it.
fn operation(before: Option<&Before>) -> &'static str {
    if before.is_none() {
        "Creating the service"
    } else {
        "Updating the service"
    }
}

fn record(
    slot: &mut Option<String>,
    result: Result<String, tfplugin::diagnostics::Diagnostic>,
    diags: &mut Diagnostics,
) {
    match result {
        Ok(v) => *slot = Some(v),
        Err(d) => diags.push(d),
    }
}
