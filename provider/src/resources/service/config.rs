//! The service's settings in typed form, read from a planned or prior
//! state value with the schema's defaults in place: what `Desired` is
//! built from. Required attributes are optional here because a state
//! imported from a partial service may lack them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use tfplugin::diagnostics::Diagnostic;
use tfplugin::value::{Value, to_typed_unknown_as_null};

use super::schema::schema;

/// The settings of a planned or prior `privatelink_service`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ServiceConfig {
    pub name: Option<String>,
    pub vpc_id: Option<String>,
    pub subnet_ids: Option<Vec<String>>,
    /// Unknown (to be created) reads as None.
    pub cluster_arn: Option<String>,
    pub execution_role_arn: Option<String>,
    pub task_role_arn: Option<String>,
    pub container: ContainerConfig,
    pub desired_count: i32,
    /// None: the container port.
    pub listener_port: Option<i32>,
    pub health_check: HealthCheckConfig,
    pub deregistration_delay: i32,
    pub cross_zone_load_balancing: bool,
    pub deployment_maximum_percent: i32,
    pub deployment_minimum_healthy_percent: i32,
    pub deployment_circuit_breaker: CircuitBreakerConfig,
    pub health_check_grace_period_seconds: i32,
    /// Unknown (resolved on apply) reads as None.
    pub ingress_cidr_blocks: Option<Vec<String>>,
    pub ingress_security_group_ids: Option<Vec<String>>,
    pub log_retention_days: i32,
    pub keep_log_group_on_destroy: bool,
    pub task_definition_revisions_kept: i64,
    pub container_insights: bool,
    pub acceptance_required: bool,
    pub allowed_principals: Option<BTreeSet<String>>,
    pub private_dns_name: Option<String>,
    pub wait_for_steady_state: bool,
    pub tags: Option<BTreeMap<String, String>>,
}

/// The `container` settings.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ContainerConfig {
    pub name: String,
    pub image: Option<String>,
    pub port: i32,
    pub cpu: i64,
    pub memory: i64,
    pub environment: Option<BTreeMap<String, String>>,
    pub secrets: Option<BTreeMap<String, String>>,
}

/// The `deployment_circuit_breaker` settings.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
pub struct CircuitBreakerConfig {
    pub enable: bool,
    pub rollback: bool,
}

/// The `health_check` settings.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct HealthCheckConfig {
    pub path: String,
    pub port: String,
    pub matcher: String,
    pub interval_seconds: i32,
    pub timeout_seconds: i32,
    pub healthy_threshold: i32,
    pub unhealthy_threshold: i32,
}

impl ServiceConfig {
    /// Reads the settings of a planned or prior state value. Nulls take
    /// the schema's defaults (a plan already carries them; a state written
    /// without a plan, such as an import, may not), a missing container
    /// included; unknowns read as None.
    pub fn read(value: &Value) -> Result<ServiceConfig, Diagnostic> {
        let mut value = value.clone();
        if value.get("container").is_null() {
            value.set("container", Value::Map(Default::default()));
        }
        schema().block.fill_defaults(&mut value);
        to_typed_unknown_as_null(&value).map_err(|e| {
            Diagnostic::error(
                "Unreadable privatelink_service settings",
                format!("The planned or prior settings do not have the expected shape: {e}. This is a bug in the provider."),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_computed_settings_read_as_none() {
        let mut v = Value::null_object(&schema().value_type());
        v.set("name", "api".into());
        v.set("cluster_arn", Value::Unknown);
        v.set("ingress_cidr_blocks", Value::Unknown);
        v.set("listener_port", Value::Unknown);
        let c = ServiceConfig::read(&v).unwrap();
        assert_eq!(c.cluster_arn, None);
        assert_eq!(c.ingress_cidr_blocks, None);
        assert_eq!(c.listener_port, None);
        assert_eq!(c.name.as_deref(), Some("api"));
    }

    #[test]
    fn an_unknown_setting_that_must_be_known_is_reported() {
        let mut v = Value::null_object(&schema().value_type());
        v.set("desired_count", Value::Unknown);
        let e = ServiceConfig::read(&v).unwrap_err();
        assert_eq!(e.summary, "Unreadable privatelink_service settings");
        v.set("desired_count", Value::Null);
        assert!(ServiceConfig::read(&v).is_ok());
    }
}
