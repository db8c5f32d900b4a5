//! The resource's data in typed form: what the user wants (`Desired`, from
//! the plan), the AWS objects it is made of (`Parts`, computed attributes),
//! and the private state Terraform keeps for us.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::aws::ecs::{CircuitBreaker, DeploymentSettings};
use crate::aws::elbv2::HealthCheck;
use crate::aws::tags::Tags;
use crate::values::string_map_value;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::value::{Value, to_typed_unknown_as_null};

use super::config::ServiceConfig;
use super::names;

/// The container settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub port: i32,
    pub cpu: i64,
    pub memory: i64,
    pub environment: BTreeMap<String, String>,
    pub secrets: BTreeMap<String, String>,
}

/// Everything the user asks for, with defaults applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Desired {
    pub name: String,
    pub vpc_id: String,
    pub subnet_ids: Vec<String>,
    /// A cluster to run in; None means the service owns its cluster.
    pub cluster_arn: Option<String>,
    pub execution_role_arn: String,
    pub task_role_arn: Option<String>,
    pub container: Container,
    pub desired_count: i32,
    pub listener_port: i32,
    pub health_check: HealthCheck,
    pub deregistration_delay: i32,
    /// The load balancer sends each zone's traffic to the targets of every
    /// zone.
    pub cross_zone_load_balancing: bool,
    pub deployment_maximum_percent: i32,
    pub deployment_minimum_healthy_percent: i32,
    pub deployment_circuit_breaker: CircuitBreaker,
    pub health_check_grace_period_seconds: i32,
    /// None: default to the VPC's CIDR blocks (none with security groups).
    pub ingress_cidr_blocks: Option<Vec<String>>,
    pub ingress_security_group_ids: Vec<String>,
    pub log_retention_days: i32,
    pub keep_log_group_on_destroy: bool,
    /// How many of the newest revisions to keep (the one in use and the
    /// ones ECS can roll back to).
    pub task_definition_revisions_kept: usize,
    /// Container Insights on the service's own cluster.
    pub container_insights: bool,
    pub acceptance_required: bool,
    pub allowed_principals: BTreeSet<String>,
    pub private_dns_name: Option<String>,
    pub wait_for_steady_state: bool,
    /// Resource tags merged over the provider's default tags.
    pub tags_all: Tags,
}

/// The AWS objects of one service (computed attributes, named as in the
/// state); None = missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Parts {
    pub endpoint_service_id: Option<String>,
    pub service_name: Option<String>,
    pub state: Option<String>,
    pub nlb_arn: Option<String>,
    pub nlb_dns_name: Option<String>,
    pub target_group_arn: Option<String>,
    pub listener_arn: Option<String>,
    pub cluster_arn: Option<String>,
    pub ecs_service_arn: Option<String>,
    pub task_definition_arn: Option<String>,
    pub security_group_id: Option<String>,
    pub log_group_name: Option<String>,
    /// The resolved ingress CIDR blocks.
    pub ingress_cidr_blocks: Option<Vec<String>>,
    /// The load balancer's subnets' CIDR blocks, always admitted by the
    /// tasks' security group; None when unknown or a rule went missing.
    pub load_balancer_cidr_blocks: Option<Vec<String>>,
}

impl Parts {
    /// True when no object the service owns exists (a cluster named by
    /// `cluster_arn` is not the service's).
    pub fn owns_nothing(&self, owns_cluster: bool) -> bool {
        (!owns_cluster || self.cluster_arn.is_none())
            && self.endpoint_service_id.is_none()
            && self.nlb_arn.is_none()
            && self.target_group_arn.is_none()
            && self.listener_arn.is_none()
            && self.ecs_service_arn.is_none()
            && self.task_definition_arn.is_none()
            && self.security_group_id.is_none()
            && self.log_group_name.is_none()
    }

    /// The computed attributes that name an AWS object, with their values.
    pub fn object_ids(&self) -> [(&'static str, &Option<String>); 10] {
        [
            ("endpoint_service_id", &self.endpoint_service_id),
            ("service_name", &self.service_name),
            ("nlb_arn", &self.nlb_arn),
            ("nlb_dns_name", &self.nlb_dns_name),
            ("target_group_arn", &self.target_group_arn),
            ("listener_arn", &self.listener_arn),
            ("cluster_arn", &self.cluster_arn),
            ("ecs_service_arn", &self.ecs_service_arn),
            ("task_definition_arn", &self.task_definition_arn),
            ("security_group_id", &self.security_group_id),
        ]
    }
}

/// What Terraform keeps for us outside the visible state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateState {
    /// The service created its cluster (and deletes it on destroy).
    #[serde(default)]
    pub owns_cluster: bool,
    /// The endpoint service that disappeared outside Terraform, if any: the
    /// next one is created with another client token (AWS answers a
    /// spent token with the configuration it once made, deleted or not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_endpoint_service_id: Option<String>,
    /// The task definition revisions this resource registered that still
    /// exist, oldest first: the newest `task_definition_revisions_kept`
    /// stay (so ECS can roll back), older ones are deleted after a
    /// successful apply, and destroy deletes them all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task_definitions: Vec<String>,
    /// The last refresh found objects with different tags: the next plan
    /// re-applies the tags to every object.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tags_out_of_sync: bool,
}

impl PrivateState {
    pub fn decode(bytes: &[u8]) -> Option<PrivateState> {
        (!bytes.is_empty())
            .then(|| serde_json::from_slice(bytes).ok())
            .flatten()
    }

    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("private state serializes")
    }
}

impl Desired {
    /// Reads the settings from a planned (or prior state) value: nulls take
    /// the schema's defaults. `default_tags` come from the provider.
    pub fn from_value(v: &Value, default_tags: &Tags) -> Result<Desired, Diagnostic> {
        let c = ServiceConfig::read(v)?;
        let container = c.container;
        let hc = c.health_check;
        Ok(Desired {
            name: c.name.unwrap_or_default(),
            vpc_id: c.vpc_id.unwrap_or_default(),
            subnet_ids: c.subnet_ids.unwrap_or_default(),
            cluster_arn: c.cluster_arn,
            execution_role_arn: c.execution_role_arn.unwrap_or_default(),
            task_role_arn: c.task_role_arn,
            listener_port: c.listener_port.unwrap_or(container.port),
            container: Container {
                name: container.name,
                image: container.image.unwrap_or_default(),
                port: container.port,
                cpu: container.cpu,
                memory: container.memory,
                environment: container.environment.unwrap_or_default(),
                secrets: container.secrets.unwrap_or_default(),
            },
            desired_count: c.desired_count,
            health_check: HealthCheck {
                path: hc.path,
                port: hc.port,
                matcher: hc.matcher,
                interval_seconds: hc.interval_seconds,
                timeout_seconds: hc.timeout_seconds,
                healthy_threshold: hc.healthy_threshold,
                unhealthy_threshold: hc.unhealthy_threshold,
            },
            deregistration_delay: c.deregistration_delay,
            cross_zone_load_balancing: c.cross_zone_load_balancing,
            deployment_maximum_percent: c.deployment_maximum_percent,
            deployment_minimum_healthy_percent: c.deployment_minimum_healthy_percent,
            deployment_circuit_breaker: CircuitBreaker {
                enable: c.deployment_circuit_breaker.enable,
                rollback: c.deployment_circuit_breaker.rollback,
            },
            health_check_grace_period_seconds: c.health_check_grace_period_seconds,
            ingress_cidr_blocks: c.ingress_cidr_blocks,
            ingress_security_group_ids: c.ingress_security_group_ids.unwrap_or_default(),
            log_retention_days: c.log_retention_days,
            keep_log_group_on_destroy: c.keep_log_group_on_destroy,
            task_definition_revisions_kept: c.task_definition_revisions_kept.max(2) as usize,
            container_insights: c.container_insights,
            acceptance_required: c.acceptance_required,
            allowed_principals: c.allowed_principals.unwrap_or_default(),
            private_dns_name: c.private_dns_name,
            wait_for_steady_state: c.wait_for_steady_state,
            tags_all: crate::aws::tags::merged(default_tags, &c.tags.unwrap_or_default()),
        })
    }

    /// How the ECS service rolls out deployments.
    pub fn deployment(&self) -> DeploymentSettings {
        DeploymentSettings {
            maximum_percent: self.deployment_maximum_percent,
            minimum_healthy_percent: self.deployment_minimum_healthy_percent,
            circuit_breaker: self.deployment_circuit_breaker,
        }
    }

    pub fn log_group_name(&self) -> String {
        names::log_group(&self.name)
    }
}

impl Parts {
    /// The object ids recorded in a state value (unknowns read as missing;
    /// a value that is not a state has none).
    pub fn from_value(v: &Value) -> Parts {
        to_typed_unknown_as_null(v).unwrap_or_default()
    }

    /// Writes the ids into a state value (null where missing).
    pub fn write_into(&self, v: &mut Value) {
        v.set("id", self.endpoint_service_id.clone().into());
        for (attr, value) in self.object_ids() {
            v.set(attr, value.clone().into());
        }
        v.set("state", self.state.clone().into());
        v.set("log_group_name", self.log_group_name.clone().into());
        let list = |l: &Option<Vec<String>>| {
            l.as_ref()
                .map(|l| l.iter().map(|s| Value::from(s.as_str())).collect())
                .unwrap_or(Value::Null)
        };
        v.set("ingress_cidr_blocks", list(&self.ingress_cidr_blocks));
        v.set(
            "load_balancer_cidr_blocks",
            list(&self.load_balancer_cidr_blocks),
        );
    }
}

/// The `tags_all` value for a state.
pub fn tags_value(tags: &Tags) -> Value {
    string_map_value(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::service::schema::schema;

    #[test]
    fn desired_reads_defaults_for_nulls() {
        let mut v = Value::null_object(&schema().value_type());
        v.set("name", "api".into());
        let mut container = Value::Map(Default::default());
        container.set("image", "nginx".into());
        container.set("port", 9000i64.into());
        v.set("container", container);
        v.set(
            "tags",
            Value::Map([("Team".to_string(), Value::from("x"))].into()),
        );
        let defaults: Tags = [("Env".to_string(), "dev".to_string())].into();
        let d = Desired::from_value(&v, &defaults).unwrap();
        assert_eq!(d.listener_port, 9000);
        assert_eq!(d.container.cpu, 256);
        assert_eq!(d.health_check.path, "/health");
        assert_eq!(d.ingress_cidr_blocks, None);
        assert_eq!(d.tags_all.len(), 2);
        assert_eq!(d.log_group_name(), "/ecs/api");
    }

    #[test]
    fn desired_from_a_plan_carries_the_schema_defaults() {
        let block = schema().block;
        let mut config = Value::null_object(&schema().value_type());
        config.set("name", "api".into());
        config.set("vpc_id", "vpc-1".into());
        config.set("subnet_ids", ["subnet-1"].into_iter().collect());
        config.set("execution_role_arn", "arn:aws:iam::1:role/x".into());
        let mut container =
            Value::null_object(&block.attribute_at(&["container"]).unwrap().value_type());
        container.set("image", "nginx".into());
        config.set("container", container);
        let plan = tfplugin::plan::plan_block(&block, &Value::Null, &config, &config);
        assert_eq!(plan.planned.get("cluster_arn"), &Value::Unknown);
        let d = Desired::from_value(&plan.planned, &Tags::new()).unwrap();
        let expected = Desired {
            name: "api".into(),
            vpc_id: "vpc-1".into(),
            subnet_ids: vec!["subnet-1".into()],
            cluster_arn: None,
            execution_role_arn: "arn:aws:iam::1:role/x".into(),
            task_role_arn: None,
            container: Container {
                name: "app".into(),
                image: "nginx".into(),
                port: 8080,
                cpu: 256,
                memory: 512,
                environment: BTreeMap::new(),
                secrets: BTreeMap::new(),
            },
            desired_count: 1,
            listener_port: 8080,
            health_check: HealthCheck {
                path: "/health".into(),
                port: "traffic-port".into(),
                matcher: "200".into(),
                interval_seconds: 30,
                timeout_seconds: 6,
                healthy_threshold: 5,
                unhealthy_threshold: 2,
            },
            deregistration_delay: 300,
            cross_zone_load_balancing: true,
            deployment_maximum_percent: 200,
            deployment_minimum_healthy_percent: 50,
            deployment_circuit_breaker: CircuitBreaker {
                enable: true,
                rollback: true,
            },
            health_check_grace_period_seconds: 60,
            ingress_cidr_blocks: None,
            ingress_security_group_ids: vec![],
            log_retention_days: 30,
            keep_log_group_on_destroy: true,
            task_definition_revisions_kept: 3,
            container_insights: true,
            acceptance_required: true,
            allowed_principals: BTreeSet::new(),
            private_dns_name: None,
            wait_for_steady_state: false,
            tags_all: Tags::new(),
        };
        assert_eq!(d, expected);
        // A prior state lacking what the plan filled in reads the same.
        let mut prior = plan.planned.clone();
        for attribute in [
            "desired_count",
            "health_check",
            "log_retention_days",
            "listener_port",
        ] {
            prior.set(attribute, Value::Null);
        }
        assert_eq!(Desired::from_value(&prior, &Tags::new()).unwrap(), expected);
    }

    #[test]
    fn parts_round_trip_through_state() {
        let mut v = Value::null_object(&schema().value_type());
        let parts = Parts {
            endpoint_service_id: Some("vpce-svc-1".into()),
            nlb_arn: Some("arn:nlb".into()),
            ingress_cidr_blocks: Some(vec!["10.0.0.0/16".into()]),
            ..Default::default()
        };
        parts.write_into(&mut v);
        assert_eq!(v.get("id"), &Value::from("vpce-svc-1"));
        assert_eq!(Parts::from_value(&v), parts);
    }

    #[test]
    fn private_state_is_tolerant() {
        assert_eq!(PrivateState::decode(b""), None);
        assert_eq!(PrivateState::decode(b"garbage"), None);
        let p = PrivateState {
            owns_cluster: true,
            replaced_endpoint_service_id: Some("vpce-svc-1".into()),
            task_definitions: vec!["arn:aws:ecs:us-east-1:1:task-definition/api:2".into()],
            tags_out_of_sync: true,
        };
        assert_eq!(PrivateState::decode(&p.encode()), Some(p));
    }
}
