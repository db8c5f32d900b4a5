//! The resource's data in typed form: what the user wants (`Desired`, from
//! the plan), the AWS objects it is made of (`Parts`, computed attributes),
//! and the private state Terraform keeps for us.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::aws::elbv2::HealthCheck;
use crate::aws::tags::Tags;
use crate::values::{string_map, string_map_value};
use tfplugin::value::Value;

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
    pub deployment_maximum_percent: i32,
    pub deployment_minimum_healthy_percent: i32,
    pub health_check_grace_period_seconds: i32,
    /// None: default to the VPC's CIDR block.
    pub ingress_cidr_blocks: Option<Vec<String>>,
    pub ingress_security_group_ids: Vec<String>,
    pub log_retention_days: i32,
    pub keep_log_group_on_destroy: bool,
    pub acceptance_required: bool,
    pub allowed_principals: BTreeSet<String>,
    pub private_dns_name: Option<String>,
    pub wait_for_steady_state: bool,
    /// Resource tags merged over the provider's default tags.
    pub tags_all: Tags,
}

/// The AWS objects of one service (computed attributes); None = missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_list()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn int(v: &Value, default: i64) -> i64 {
    v.as_i64().unwrap_or(default)
}

impl Desired {
    /// Reads the settings from a planned (or configured) value; defaults
    /// fill what is null. `default_tags` come from the provider.
    pub fn from_value(v: &Value, default_tags: &Tags) -> Desired {
        let c = v.get("container");
        let port = int(c.get("port"), 8080) as i32;
        let hc = v.get("health_check");
        Desired {
            name: string(v.get("name")).unwrap_or_default(),
            vpc_id: string(v.get("vpc_id")).unwrap_or_default(),
            subnet_ids: strings(v.get("subnet_ids")),
            cluster_arn: string(v.get("cluster_arn")),
            execution_role_arn: string(v.get("execution_role_arn")).unwrap_or_default(),
            task_role_arn: string(v.get("task_role_arn")),
            container: Container {
                name: string(c.get("name")).unwrap_or_else(|| "app".into()),
                image: string(c.get("image")).unwrap_or_default(),
                port,
                cpu: int(c.get("cpu"), 256),
                memory: int(c.get("memory"), 512),
                environment: string_map(c.get("environment")),
                secrets: string_map(c.get("secrets")),
            },
            desired_count: int(v.get("desired_count"), 1) as i32,
            listener_port: int(v.get("listener_port"), port as i64) as i32,
            health_check: HealthCheck {
                path: string(hc.get("path")).unwrap_or_else(|| "/health".into()),
                port: string(hc.get("port")).unwrap_or_else(|| "traffic-port".into()),
                matcher: string(hc.get("matcher")).unwrap_or_else(|| "200".into()),
                interval_seconds: int(hc.get("interval_seconds"), 30) as i32,
                timeout_seconds: int(hc.get("timeout_seconds"), 6) as i32,
                healthy_threshold: int(hc.get("healthy_threshold"), 5) as i32,
                unhealthy_threshold: int(hc.get("unhealthy_threshold"), 2) as i32,
            },
            deregistration_delay: int(v.get("deregistration_delay"), 300) as i32,
            deployment_maximum_percent: int(v.get("deployment_maximum_percent"), 200) as i32,
            deployment_minimum_healthy_percent: int(v.get("deployment_minimum_healthy_percent"), 50)
                as i32,
            health_check_grace_period_seconds: int(v.get("health_check_grace_period_seconds"), 60)
                as i32,
            ingress_cidr_blocks: v
                .get("ingress_cidr_blocks")
                .as_list()
                .map(|_| strings(v.get("ingress_cidr_blocks"))),
            ingress_security_group_ids: strings(v.get("ingress_security_group_ids")),
            log_retention_days: int(v.get("log_retention_days"), 30) as i32,
            keep_log_group_on_destroy: v.get("keep_log_group_on_destroy").as_bool().unwrap_or(true),
            acceptance_required: v.get("acceptance_required").as_bool().unwrap_or(true),
            allowed_principals: strings(v.get("allowed_principals")).into_iter().collect(),
            private_dns_name: string(v.get("private_dns_name")),
            wait_for_steady_state: v.get("wait_for_steady_state").as_bool().unwrap_or(false),
            tags_all: crate::aws::tags::merged(default_tags, &string_map(v.get("tags"))),
        }
    }

    pub fn log_group_name(&self) -> String {
        names::log_group(&self.name)
    }
}

impl Parts {
    /// The object ids recorded in a state value.
    pub fn from_value(v: &Value) -> Parts {
        Parts {
            endpoint_service_id: string(v.get("endpoint_service_id")),
            service_name: string(v.get("service_name")),
            state: string(v.get("state")),
            nlb_arn: string(v.get("nlb_arn")),
            nlb_dns_name: string(v.get("nlb_dns_name")),
            target_group_arn: string(v.get("target_group_arn")),
            listener_arn: string(v.get("listener_arn")),
            cluster_arn: string(v.get("cluster_arn")),
            ecs_service_arn: string(v.get("ecs_service_arn")),
            task_definition_arn: string(v.get("task_definition_arn")),
            security_group_id: string(v.get("security_group_id")),
            log_group_name: string(v.get("log_group_name")),
            ingress_cidr_blocks: v
                .get("ingress_cidr_blocks")
                .as_list()
                .map(|_| strings(v.get("ingress_cidr_blocks"))),
        }
    }

    /// Writes the ids into a state value (null where missing).
    pub fn write_into(&self, v: &mut Value) {
        v.set("id", self.endpoint_service_id.clone().into());
        for (attr, value) in self.object_ids() {
            v.set(attr, value.clone().into());
        }
        v.set("state", self.state.clone().into());
        v.set("log_group_name", self.log_group_name.clone().into());
        v.set(
            "ingress_cidr_blocks",
            self.ingress_cidr_blocks
                .as_ref()
                .map(|l| l.iter().map(|s| Value::from(s.as_str())).collect())
                .unwrap_or(Value::Null),
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
        let d = Desired::from_value(&v, &defaults);
        assert_eq!(d.listener_port, 9000);
        assert_eq!(d.container.cpu, 256);
        assert_eq!(d.health_check.path, "/health");
        assert_eq!(d.ingress_cidr_blocks, None);
        assert_eq!(d.tags_all.len(), 2);
        assert_eq!(d.log_group_name(), "/ecs/api");
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
        let p = PrivateState { owns_cluster: true };
        assert_eq!(PrivateState::decode(&p.encode()), Some(p));
    }
}
