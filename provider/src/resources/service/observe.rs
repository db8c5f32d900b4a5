//! Reading a service back from AWS: every object it is made of, fetched
//! concurrently, then written over the state so drift in any managed
//! setting shows in the next plan and missing objects show as missing.

use std::collections::BTreeSet;

use crate::aws::AwsError;
use crate::aws::ec2::{EndpointService, IngressSource, SecurityGroup};
use crate::aws::ecs::{Cluster, EcsService, TaskDefinition};
use crate::aws::elbv2::{Listener, LoadBalancer, TargetGroup};
use crate::aws::logs::LogGroup;
use crate::aws::tags::{Tags, without_aws_managed};
use crate::values::string_map_value;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::model::{Parts, tags_value};
use super::schema::default_of;

/// What exists in AWS for one service.
#[derive(Default)]
pub struct Observed {
    pub endpoint_service: Option<EndpointService>,
    pub principals: BTreeSet<String>,
    pub load_balancer: Option<LoadBalancer>,
    pub cross_zone_load_balancing: Option<bool>,
    pub target_group: Option<TargetGroup>,
    pub deregistration_delay: Option<i32>,
    pub listener: Option<Listener>,
    pub cluster: Option<Cluster>,
    pub ecs_service: Option<EcsService>,
    pub task_definition: Option<TaskDefinition>,
    pub security_group: Option<SecurityGroup>,
    pub log_group: Option<LogGroup>,
}

async fn maybe<T, F>(
    id: &Option<String>,
    f: impl FnOnce(String) -> F,
) -> Result<Option<T>, AwsError>
where
    F: std::future::Future<Output = Result<Option<T>, AwsError>>,
{
    match id {
        Some(id) => f(id.clone()).await,
        None => Ok(None),
    }
}

/// An object and one of its settings, read by two calls at once: the
/// setting's answer counts only when the object exists (of a missing
/// object, the setting's call fails with "not found").
async fn with_setting<T, S>(
    object: impl std::future::Future<Output = Result<Option<T>, AwsError>>,
    setting: impl std::future::Future<Output = Result<S, AwsError>>,
) -> Result<Option<(T, S)>, AwsError> {
    let (object, setting) = tokio::join!(object, setting);
    match object? {
        Some(object) => Ok(Some((object, setting?))),
        None => Ok(None),
    }
}

/// Fetches every object named in `parts`, every call at once: a refresh
/// takes one round trip, and the reads of many services refreshed together
/// overlap for their whole length, so the coalesced ones share calls.
pub async fn observe(
    aws: &dyn ServiceApis,
    parts: &Parts,
    service_name: &str,
) -> Result<Observed, AwsError> {
    let cluster = parts.cluster_arn.clone();
    let (eps, lb, tg, listener, cl, svc, recorded_td, sg, log) = tokio::join!(
        maybe(&parts.endpoint_service_id, |id| async move {
            with_setting(aws.find_endpoint_service(&id), aws.allowed_principals(&id)).await
        }),
        maybe(&parts.nlb_arn, |arn| async move {
            with_setting(aws.find_load_balancer(&arn), aws.cross_zone_enabled(&arn)).await
        }),
        maybe(&parts.target_group_arn, |arn| async move {
            with_setting(aws.find_target_group(&arn), aws.deregistration_delay(&arn)).await
        }),
        maybe(&parts.listener_arn, |arn| async move {
            aws.find_listener(&arn).await
        }),
        maybe(&cluster, |arn| async move { aws.find_cluster(&arn).await }),
        maybe(&cluster, |arn| async move {
            match &parts.ecs_service_arn {
                Some(service) => aws.find_service(&arn, service).await,
                // No ARN recorded (an interrupted create): the service of
                // this name, only if it is registered in this resource's
                // target group.
                None => Ok(aws.find_service(&arn, service_name).await?.filter(|s| {
                    parts
                        .target_group_arn
                        .as_deref()
                        .is_some_and(|tg| super::parts::ecs_service::is_ours(s, tg))
                })),
            }
        }),
        // The revision recorded, read beside the service that (almost
        // always) runs it.
        maybe(&parts.task_definition_arn, |arn| async move {
            aws.find_task_definition(&arn).await
        }),
        maybe(&parts.security_group_id, |id| async move {
            aws.find_security_group(&id).await
        }),
        maybe(&parts.log_group_name, |name| async move {
            aws.find_log_group(&name).await
        }),
    );
    let svc = svc?;
    // The revision the service runs is what counts; before the service
    // exists, the one recorded. Another revision than the recorded one
    // (changed outside Terraform) is read now.
    let task_definition = match svc.as_ref().map(|s| &s.task_definition_arn) {
        Some(running) if Some(running) != parts.task_definition_arn.as_ref() => {
            aws.find_task_definition(running).await?
        }
        _ => recorded_td?,
    };
    let (endpoint_service, principals) = match eps? {
        Some((s, p)) => (Some(s), p),
        None => (None, BTreeSet::new()),
    };
    let (load_balancer, cross_zone_load_balancing) = match lb? {
        Some((l, c)) => (Some(l), Some(c)),
        None => (None, None),
    };
    let (target_group, deregistration_delay) = match tg? {
        Some((t, d)) => (Some(t), Some(d)),
        None => (None, None),
    };
    Ok(Observed {
        endpoint_service,
        principals,
        load_balancer,
        cross_zone_load_balancing,
        target_group,
        deregistration_delay,
        listener: listener?,
        cluster: cl?,
        // Found by the ARN in state, or by the service's name in its cluster
        // when no ARN was recorded (an interrupted create).
        ecs_service: svc,
        task_definition,
        security_group: sg?,
        log_group: log?,
    })
}

fn strings(items: impl IntoIterator<Item = String>) -> Value {
    Value::List(items.into_iter().map(Value::String).collect())
}

/// A map or set that is empty in AWS stays null when the state had null.
fn optional_collection(prior: &Value, value: Value, empty: bool) -> Value {
    if empty && prior.is_null() {
        Value::Null
    } else {
        value
    }
}

/// True when the objects whose tags come with the answers read anyway
/// (endpoint service, security group, task definition, ECS service) carry
/// the same tags. When not (a tag change that failed half-way, or drift on
/// one of them), the next plan re-applies the tags everywhere.
pub fn tags_in_sync(seen: &Observed) -> bool {
    let observed: Vec<Tags> = [
        seen.endpoint_service.as_ref().map(|s| &s.tags),
        seen.security_group.as_ref().map(|g| &g.tags),
        seen.task_definition.as_ref().map(|t| &t.tags),
        seen.ecs_service.as_ref().map(|s| &s.tags),
    ]
    .into_iter()
    .flatten()
    .map(|t| without_aws_managed(t.clone()))
    .collect();
    observed.windows(2).all(|w| w[0] == w[1])
}

/// Writes what was observed over `state`, and the surviving objects into
/// `parts`.
pub fn write_observed(state: &mut Value, parts: &mut Parts, seen: &Observed, owns_cluster: bool) {
    match &seen.endpoint_service {
        None => {
            parts.endpoint_service_id = None;
            parts.service_name = None;
            parts.state = None;
        }
        Some(s) => {
            parts.service_name = Some(s.service_name.clone());
            parts.state = Some(s.state.clone());
            state.set("acceptance_required", s.acceptance_required.into());
            state.set("private_dns_name", s.private_dns_name.clone().into());
            let principals = optional_collection(
                state.get("allowed_principals"),
                strings(seen.principals.iter().cloned()),
                seen.principals.is_empty(),
            );
            state.set("allowed_principals", principals);
        }
    }
    match &seen.load_balancer {
        None => {
            parts.nlb_arn = None;
            parts.nlb_dns_name = None;
        }
        Some(lb) => {
            parts.nlb_dns_name = Some(lb.dns_name.clone());
            if let Some(on) = seen.cross_zone_load_balancing {
                state.set("cross_zone_load_balancing", on.into());
            }
        }
    }
    match &seen.target_group {
        None => parts.target_group_arn = None,
        Some(tg) => {
            let hc = &tg.health_check;
            let mut health = Value::Map(Default::default());
            health.set("path", hc.path.clone().into());
            health.set("port", hc.port.clone().into());
            health.set("matcher", hc.matcher.clone().into());
            health.set("interval_seconds", (hc.interval_seconds as i64).into());
            health.set("timeout_seconds", (hc.timeout_seconds as i64).into());
            health.set("healthy_threshold", (hc.healthy_threshold as i64).into());
            health.set(
                "unhealthy_threshold",
                (hc.unhealthy_threshold as i64).into(),
            );
            state.set("health_check", health);
            if let Some(d) = seen.deregistration_delay {
                state.set("deregistration_delay", (d as i64).into());
            }
        }
    }
    match &seen.listener {
        None => parts.listener_arn = None,
        Some(l) => state.set("listener_port", (l.port as i64).into()),
    }
    if owns_cluster && seen.cluster.is_none() {
        parts.cluster_arn = None;
    }
    if owns_cluster && let Some(on) = seen.cluster.as_ref().and_then(|c| c.container_insights) {
        state.set("container_insights", on.into());
    }
    match &seen.ecs_service {
        None => parts.ecs_service_arn = None,
        Some(s) => {
            parts.ecs_service_arn = Some(s.arn.clone());
            if state.get("ignore_desired_count_drift").as_bool() != Some(true) {
                state.set("desired_count", (s.desired_count as i64).into());
            }
            if let Some(max) = s.maximum_percent {
                state.set("deployment_maximum_percent", (max as i64).into());
            }
            if let Some(min) = s.minimum_healthy_percent {
                state.set("deployment_minimum_healthy_percent", (min as i64).into());
            }
            let breaker = s.circuit_breaker.unwrap_or_default();
            let mut value = Value::Map(Default::default());
            value.set("enable", breaker.enable.into());
            value.set("rollback", breaker.rollback.into());
            state.set("deployment_circuit_breaker", value);
            if let Some(grace) = s.health_check_grace_period_seconds {
                state.set("health_check_grace_period_seconds", (grace as i64).into());
            }
        }
    }
    match &seen.task_definition {
        None => parts.task_definition_arn = None,
        Some(td) => {
            parts.task_definition_arn = Some(td.arn.clone());
            let c = &td.container;
            let mut container = state.get("container").clone();
            if !matches!(container, Value::Map(_)) {
                container = Value::Map(Default::default());
            }
            let env = optional_collection(
                container.get("environment"),
                string_map_value(&c.environment),
                c.environment.is_empty(),
            );
            let secrets = optional_collection(
                container.get("secrets"),
                string_map_value(&c.secrets),
                c.secrets.is_empty(),
            );
            container.set("name", c.name.clone().into());
            container.set("image", c.image.clone().into());
            container.set("port", (c.port as i64).into());
            container.set("cpu", td.cpu.parse::<i64>().ok().into());
            container.set("memory", td.memory.parse::<i64>().ok().into());
            container.set("environment", env);
            container.set("secrets", secrets);
            state.set("container", container);
            state.set("execution_role_arn", td.execution_role_arn.clone().into());
            state.set("task_role_arn", td.task_role_arn.clone().into());
        }
    }
    match &seen.security_group {
        None => parts.security_group_id = None,
        Some(g) => {
            // A state imported without a task definition has no container:
            // its port is the schema's default.
            let port = state
                .get("container")
                .get("port")
                .as_i64()
                .or_else(|| default_of(&["container", "port"]).as_i64());
            let mut cidrs = Vec::new();
            let mut groups = Vec::new();
            for (p, source) in &g.ingress {
                if Some(*p as i64) != port {
                    continue;
                }
                match source {
                    IngressSource::Cidr(c) => cidrs.push(c.clone()),
                    IngressSource::SecurityGroup(id) => groups.push(id.clone()),
                }
            }
            // The load balancer's blocks, on the traffic port and on the
            // health-check port: a missing rule makes them unknown, so the
            // next apply restores it. They are not ingress the user gave,
            // unless the user listed them too.
            let prior: Vec<String> = parts.ingress_cidr_blocks.clone().unwrap_or_default();
            if let Some(load_balancer) = parts.load_balancer_cidr_blocks.clone() {
                let health_check_port = state
                    .get("health_check")
                    .get("port")
                    .as_str()
                    .and_then(|p| p.parse::<i64>().ok());
                let admitted = |port: Option<i64>, cidr: &String| {
                    g.ingress.iter().any(|(p, s)| {
                        Some(*p as i64) == port && *s == IngressSource::Cidr(cidr.clone())
                    })
                };
                let complete = load_balancer.iter().all(|c| {
                    admitted(port, c)
                        && (health_check_port.is_none() || admitted(health_check_port, c))
                });
                if !complete {
                    parts.load_balancer_cidr_blocks = None;
                }
                cidrs.retain(|c| !load_balancer.contains(c) || prior.contains(c));
            }
            // Keep the configured order when the set of blocks is the same.
            let same = {
                let (mut a, mut b) = (prior.clone(), cidrs.clone());
                a.sort();
                b.sort();
                a == b
            };
            parts.ingress_cidr_blocks = Some(if same { prior } else { cidrs });
            let groups_value = optional_collection(
                state.get("ingress_security_group_ids"),
                strings(groups.clone()),
                groups.is_empty(),
            );
            state.set("ingress_security_group_ids", groups_value);
        }
    }
    match &seen.log_group {
        None => parts.log_group_name = None,
        Some(l) => state.set(
            "log_retention_days",
            l.retention_days.map(|d| d as i64).into(),
        ),
    }
    if let Some(eps) = &seen.endpoint_service {
        state.set("tags_all", tags_value(&eps.tags));
    }
    parts.write_into(state);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::service::schema::schema;

    #[test]
    fn a_state_without_container_reads_ingress_on_the_default_port() {
        let default_port = default_of(&["container", "port"]).as_i64().unwrap() as i32;
        let seen = Observed {
            security_group: Some(SecurityGroup {
                id: "sg-1".into(),
                name: "tasks".into(),
                vpc_id: "vpc-1".into(),
                description: String::new(),
                ingress: [
                    (default_port, IngressSource::Cidr("10.0.0.0/16".into())),
                    (default_port + 1, IngressSource::Cidr("10.9.0.0/16".into())),
                ]
                .into(),
                tags: Default::default(),
            }),
            ..Default::default()
        };
        let mut state = schema().block.defaults_value();
        let mut parts = Parts {
            security_group_id: Some("sg-1".into()),
            ..Default::default()
        };
        write_observed(&mut state, &mut parts, &seen, false);
        assert_eq!(
            parts.ingress_cidr_blocks,
            Some(vec!["10.0.0.0/16".to_string()])
        );
        assert_eq!(
            state.get("ingress_cidr_blocks"),
            &Value::List(vec!["10.0.0.0/16".into()])
        );
    }
}
