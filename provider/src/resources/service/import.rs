//! Import by endpoint service id (`vpce-svc-...`): follow the endpoint
//! service to its load balancer, listener and target group, find the ECS
//! service registered in that group, then its task definition, security
//! group and log group, and read everything back.

use crate::aws::formats;
use crate::aws::tags::Tags;
use crate::values::string_map_value;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::model::{Parts, PrivateState, tags_value};
use super::names;
use super::observe::{observe, write_observed};
use super::schema::schema;

fn problem(summary: &str, detail: String) -> StateResult {
    StateResult::error(Diagnostic::error(summary, detail))
}

pub async fn import(_ctx: &Ctx, aws: &dyn ServiceApis, id: &str) -> StateResult {
    if !formats::has_id_prefix(id, "vpce-svc") {
        return problem(
            "Invalid import id",
            format!(
                "Import privatelink_service by its VPC endpoint service id (vpce-svc-...), got {id:?}."
            ),
        );
    }
    match discover(aws, id).await {
        Ok(r) => r,
        Err(d) => StateResult::error(d),
    }
}

/// The state an import starts from: what the load balancer tells, and the
/// schema's defaults for settings only configuration knows (observing AWS
/// then overwrites what it can read back).
fn initial_state(name: &str, vpc_id: &str, subnet_ids: &[String]) -> Value {
    let mut state = schema().block.defaults_value();
    state.set("name", name.into());
    state.set("vpc_id", vpc_id.into());
    state.set(
        "subnet_ids",
        subnet_ids.iter().map(String::as_str).collect(),
    );
    // The ECS service's count, read back below; none without a service.
    state.set("desired_count", 0i64.into());
    state
}

async fn discover(aws: &dyn ServiceApis, id: &str) -> Result<StateResult, Diagnostic> {
    let read = |what: &str, e: crate::aws::AwsError| {
        e.to_diagnostic(&format!("reading {what} to import {id}"))
    };
    let Some(eps) = aws
        .find_endpoint_service(id)
        .await
        .map_err(|e| read("the endpoint service", e))?
    else {
        return Err(Diagnostic::error(
            "Cannot import",
            format!("VPC endpoint service {id} does not exist."),
        ));
    };
    let Some(nlb_arn) = eps.nlb_arns.first().cloned() else {
        return Err(Diagnostic::error(
            "Cannot import",
            format!("VPC endpoint service {id} has no network load balancer."),
        ));
    };
    let lb = aws
        .find_load_balancer(&nlb_arn)
        .await
        .map_err(|e| read("the load balancer", e))?
        .ok_or_else(|| {
            Diagnostic::error(
                "Cannot import",
                format!("The load balancer {nlb_arn} of {id} does not exist."),
            )
        })?;
    let name = lb.name.clone();
    let listener = aws
        .listeners_of(&nlb_arn)
        .await
        .map_err(|e| read("the listeners", e))?
        .into_iter()
        .next();
    let tg_arn = listener.as_ref().and_then(|l| l.target_group_arn.clone());

    // The ECS service registered in the target group: in the service's own
    // cluster first, else in any other cluster of the account (a service
    // made with `cluster_arn`). Only clusters that exist are asked.
    let mut service = None;
    if let Some(tg) = &tg_arn {
        let own = names::cluster(&name);
        let mut clusters = aws
            .list_clusters()
            .await
            .map_err(|e| read("the clusters", e))?;
        clusters.sort_by_key(|arn| arn.rsplit('/').next() != Some(own.as_str()));
        for cluster in clusters {
            let services = aws
                .services_of(&cluster)
                .await
                .map_err(|e| read("the ECS services", e))?;
            if let Some(s) = services
                .into_iter()
                .find(|s| s.target_group_arns.contains(tg))
            {
                service = Some(s);
                break;
            }
        }
    }
    let task_definition = match &service {
        Some(s) => aws
            .find_task_definition(&s.task_definition_arn)
            .await
            .map_err(|e| read("the task definition", e))?,
        None => None,
    };
    let cluster = match &service {
        Some(s) => aws
            .find_cluster(&s.cluster_arn)
            .await
            .map_err(|e| read("the cluster", e))?,
        None => None,
    };
    // The load balancer's subnets' blocks, always admitted by the tasks.
    let mut load_balancer_cidr_blocks = Vec::new();
    for s in aws
        .find_subnets_by_ids(&lb.subnet_ids)
        .await
        .map_err(|e| read("the load balancer's subnets", e))?
    {
        if !load_balancer_cidr_blocks.contains(&s.cidr_block) {
            load_balancer_cidr_blocks.push(s.cidr_block);
        }
    }
    let owns_cluster = cluster
        .as_ref()
        .is_some_and(|c| c.name == names::cluster(&name));

    let parts = Parts {
        endpoint_service_id: Some(eps.id.clone()),
        service_name: Some(eps.service_name.clone()),
        state: Some(eps.state.clone()),
        nlb_arn: Some(nlb_arn.clone()),
        nlb_dns_name: Some(lb.dns_name.clone()),
        target_group_arn: tg_arn,
        listener_arn: listener.map(|l| l.arn),
        cluster_arn: cluster.map(|c| c.arn),
        ecs_service_arn: service.as_ref().map(|s| s.arn.clone()),
        task_definition_arn: task_definition.as_ref().map(|t| t.arn.clone()),
        security_group_id: service
            .as_ref()
            .and_then(|s| s.security_group_ids.first().cloned()),
        log_group_name: task_definition
            .as_ref()
            .map(|t| t.container.log_group.clone())
            .filter(|g| !g.is_empty()),
        ingress_cidr_blocks: None,
        load_balancer_cidr_blocks: Some(load_balancer_cidr_blocks),
    };

    let mut state = initial_state(&name, &lb.vpc_id, &lb.subnet_ids);
    // Resource tags: what is on the objects beyond the provider's defaults.
    let defaults = aws.default_tags();
    let own: Tags = eps
        .tags
        .iter()
        .filter(|(k, v)| defaults.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    state.set(
        "tags",
        if own.is_empty() {
            Value::Null
        } else {
            string_map_value(&own)
        },
    );
    state.set("tags_all", tags_value(&eps.tags));

    let mut parts = parts;
    let seen = observe(aws, &parts, &names::ecs_service(&name))
        .await
        .map_err(|e| read("the service", e))?;
    write_observed(&mut state, &mut parts, &seen, owns_cluster);
    if !owns_cluster {
        state.set("cluster_arn", parts.cluster_arn.clone().into());
    }
    Ok(StateResult::ok(
        state,
        PrivateState {
            owns_cluster,
            ..PrivateState::default()
        }
        .encode(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::service::schema::default_of;

    #[test]
    fn initial_state_carries_the_schema_defaults() {
        let state = initial_state("api", "vpc-1", &["subnet-b".into(), "subnet-a".into()]);
        for attribute in [
            "health_check",
            "ignore_desired_count_drift",
            "keep_log_group_on_destroy",
            "wait_for_steady_state",
            "deployment_maximum_percent",
            "deployment_minimum_healthy_percent",
            "deployment_circuit_breaker",
            "health_check_grace_period_seconds",
            "deregistration_delay",
            "log_retention_days",
            "acceptance_required",
        ] {
            assert!(!default_of(&[attribute]).is_null(), "{attribute}");
            assert_eq!(
                state.get(attribute),
                &default_of(&[attribute]),
                "{attribute}"
            );
        }
        assert_eq!(
            state.get("health_check").get("path"),
            &Value::from("/health")
        );
        assert_eq!(
            state.get("health_check").get("interval_seconds").as_i64(),
            Some(30)
        );
        assert_eq!(state.get("desired_count").as_i64(), Some(0));
        assert_eq!(state.get("name"), &Value::from("api"));
        assert_eq!(
            state.get("subnet_ids"),
            &Value::List(vec!["subnet-b".into(), "subnet-a".into()])
        );
        assert_eq!(state.get("container"), &Value::Null);
        assert_eq!(state.get("tags"), &Value::Null);
    }
}
