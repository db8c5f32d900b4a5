//! ECS Fargate services behind a target group.

use async_trait::async_trait;
use aws_sdk_ecs::types::{
    AssignPublicIp, AwsVpcConfiguration, DeploymentCircuitBreaker, DeploymentConfiguration,
    DeploymentRolloutState, LaunchType, LoadBalancer, NetworkConfiguration,
};

use super::tags::{sdk_tags, tags_of};
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::{answered_as_asked, describe};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`EcsServices`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ecs:CreateService",
    "ecs:DeleteService",
    "ecs:DescribeServices",
    "ecs:ListServices",
    "ecs:UpdateService",
];

/// ECS's deployment circuit breaker: a deployment whose tasks keep failing
/// to start or to pass health checks is stopped (`enable`), and the
/// service goes back to the last deployment that completed (`rollback`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CircuitBreaker {
    pub enable: bool,
    pub rollback: bool,
}

/// How deployments roll out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeploymentSettings {
    pub maximum_percent: i32,
    pub minimum_healthy_percent: i32,
    pub circuit_breaker: CircuitBreaker,
}

impl DeploymentSettings {
    fn to_sdk(self) -> DeploymentConfiguration {
        DeploymentConfiguration::builder()
            .maximum_percent(self.maximum_percent)
            .minimum_healthy_percent(self.minimum_healthy_percent)
            .deployment_circuit_breaker(
                DeploymentCircuitBreaker::builder()
                    .enable(self.circuit_breaker.enable)
                    .rollback(self.circuit_breaker.rollback)
                    .build(),
            )
            .build()
    }
}

/// A deployment the circuit breaker (or ECS) stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedRollout {
    /// The revision the deployment was rolling out.
    pub task_definition_arn: String,
    /// ECS's reason (`rolloutStateReason`).
    pub reason: String,
}

/// What to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcsServiceSpec {
    pub cluster: String,
    pub name: String,
    pub task_definition_arn: String,
    pub desired_count: i32,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    pub target_group_arn: String,
    pub container_name: String,
    pub container_port: i32,
    pub deployment: DeploymentSettings,
    pub health_check_grace_period_seconds: i32,
    pub tags: Tags,
    /// Idempotency token.
    pub client_token: String,
}

/// What to change; `None` leaves a setting alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EcsServiceUpdate {
    pub task_definition_arn: Option<String>,
    pub desired_count: Option<i32>,
    pub deployment: Option<DeploymentSettings>,
    pub health_check_grace_period_seconds: Option<i32>,
}

impl EcsServiceUpdate {
    pub fn is_empty(&self) -> bool {
        *self == EcsServiceUpdate::default()
    }
}

/// A service as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcsService {
    pub arn: String,
    pub name: String,
    pub cluster_arn: String,
    /// `ACTIVE`, `DRAINING` or `INACTIVE`.
    pub status: String,
    pub desired_count: i32,
    pub running_count: i32,
    pub task_definition_arn: String,
    pub maximum_percent: Option<i32>,
    pub minimum_healthy_percent: Option<i32>,
    /// None when AWS reports none (ECS shows it disabled then).
    pub circuit_breaker: Option<CircuitBreaker>,
    pub health_check_grace_period_seconds: Option<i32>,
    pub deployments: usize,
    /// Deployments ECS reports as failed (rollout state `FAILED`).
    pub failed_rollouts: Vec<FailedRollout>,
    pub subnet_ids: Vec<String>,
    pub security_group_ids: Vec<String>,
    pub target_group_arns: Vec<String>,
    /// The service's tags (read with it).
    pub tags: Tags,
}

impl EcsService {
    /// One deployment with every desired task running.
    pub fn is_steady(&self) -> bool {
        self.deployments == 1 && self.running_count == self.desired_count
    }
}

#[async_trait]
pub trait EcsServices: Send + Sync {
    async fn create_service(&self, spec: &EcsServiceSpec) -> Result<EcsService, AwsError>;
    /// Finds a service (INACTIVE ones count as gone).
    async fn find_service(
        &self,
        cluster: &str,
        service: &str,
    ) -> Result<Option<EcsService>, AwsError>;
    /// Every service of a cluster (used by import).
    async fn services_of(&self, cluster: &str) -> Result<Vec<EcsService>, AwsError>;
    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        update: &EcsServiceUpdate,
    ) -> Result<(), AwsError>;
    async fn delete_service(&self, cluster: &str, service: &str) -> Result<(), AwsError>;
}

fn convert(s: &aws_sdk_ecs::types::Service) -> EcsService {
    let dc = s.deployment_configuration();
    let vpc = s
        .network_configuration()
        .and_then(|n| n.awsvpc_configuration());
    EcsService {
        arn: s.service_arn().unwrap_or_default().to_string(),
        name: s.service_name().unwrap_or_default().to_string(),
        cluster_arn: s.cluster_arn().unwrap_or_default().to_string(),
        status: s.status().unwrap_or_default().to_string(),
        desired_count: s.desired_count(),
        running_count: s.running_count(),
        task_definition_arn: s.task_definition().unwrap_or_default().to_string(),
        maximum_percent: dc.and_then(|d| d.maximum_percent()),
        minimum_healthy_percent: dc.and_then(|d| d.minimum_healthy_percent()),
        circuit_breaker: dc
            .and_then(|d| d.deployment_circuit_breaker())
            .map(|c| CircuitBreaker {
                enable: c.enable(),
                rollback: c.rollback(),
            }),
        health_check_grace_period_seconds: s.health_check_grace_period_seconds(),
        deployments: s.deployments().len(),
        failed_rollouts: s
            .deployments()
            .iter()
            .filter(|d| d.rollout_state() == Some(&DeploymentRolloutState::Failed))
            .map(|d| FailedRollout {
                task_definition_arn: d.task_definition().unwrap_or_default().to_string(),
                reason: d.rollout_state_reason().unwrap_or_default().to_string(),
            })
            .collect(),
        subnet_ids: vpc.map(|v| v.subnets().to_vec()).unwrap_or_default(),
        security_group_ids: vpc
            .map(|v| v.security_groups().to_vec())
            .unwrap_or_default(),
        target_group_arns: s
            .load_balancers()
            .iter()
            .filter_map(|l| l.target_group_arn().map(str::to_string))
            .collect(),
        tags: tags_of(s.tags()),
    }
}

#[async_trait]
impl EcsServices for AwsClients {
    async fn create_service(&self, spec: &EcsServiceSpec) -> Result<EcsService, AwsError> {
        let network = NetworkConfiguration::builder()
            .awsvpc_configuration(
                AwsVpcConfiguration::builder()
                    .set_subnets(Some(spec.subnet_ids.clone()))
                    .set_security_groups(Some(spec.security_group_ids.clone()))
                    .assign_public_ip(AssignPublicIp::Disabled)
                    .build()
                    .expect("subnets are set"),
            )
            .build();
        let out = self
            .ecs
            .create_service()
            .cluster(&spec.cluster)
            .service_name(&spec.name)
            .task_definition(&spec.task_definition_arn)
            .desired_count(spec.desired_count)
            .launch_type(LaunchType::Fargate)
            .network_configuration(network)
            .load_balancers(
                LoadBalancer::builder()
                    .target_group_arn(&spec.target_group_arn)
                    .container_name(&spec.container_name)
                    .container_port(spec.container_port)
                    .build(),
            )
            .deployment_configuration(spec.deployment.to_sdk())
            .health_check_grace_period_seconds(spec.health_check_grace_period_seconds)
            .propagate_tags(aws_sdk_ecs::types::PropagateTags::Service)
            .set_tags(sdk_tags(&spec.tags))
            .client_token(&spec.client_token)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        out.service().map(convert).ok_or_else(|| AwsError::Other {
            service: AwsApi::Ecs,
            message: "CreateService returned no service".into(),
        })
    }

    async fn find_service(
        &self,
        cluster: &str,
        service: &str,
    ) -> Result<Option<EcsService>, AwsError> {
        let (client, endpoint) = (self.ecs.clone(), self.endpoint(AwsApi::Ecs).clone());
        let describe = describe(move |cluster, wanted: Vec<String>| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_services()
                    .cluster(cluster)
                    .set_services(Some(wanted.clone()))
                    .include(aws_sdk_ecs::types::ServiceField::Tags)
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Ecs, &endpoint, e))?;
                Ok(answered_as_asked(
                    wanted,
                    out.services(),
                    |s| [s.service_arn(), s.service_name()],
                    convert,
                ))
            }
        });
        let found = self
            .lookups
            .ecs_services
            .find(cluster, service, describe)
            .await?;
        Ok(found.filter(|s| s.status != "INACTIVE"))
    }

    async fn services_of(&self, cluster: &str) -> Result<Vec<EcsService>, AwsError> {
        let arns: Vec<String> = self
            .ecs
            .list_services()
            .cluster(cluster)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<String>, _>>()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        let mut services = Vec::new();
        for chunk in arns.chunks(10) {
            let out = self
                .ecs
                .describe_services()
                .cluster(cluster)
                .set_services(Some(chunk.to_vec()))
                .include(aws_sdk_ecs::types::ServiceField::Tags)
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Ecs, e))?;
            services.extend(
                out.services()
                    .iter()
                    .map(convert)
                    .filter(|s| s.status != "INACTIVE"),
            );
        }
        Ok(services)
    }

    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        update: &EcsServiceUpdate,
    ) -> Result<(), AwsError> {
        if update.is_empty() {
            return Ok(());
        }
        let mut request = self
            .ecs
            .update_service()
            .cluster(cluster)
            .service(service)
            .set_task_definition(update.task_definition_arn.clone())
            .set_desired_count(update.desired_count)
            .set_health_check_grace_period_seconds(update.health_check_grace_period_seconds);
        if let Some(deployment) = update.deployment {
            request = request.deployment_configuration(deployment.to_sdk());
        }
        request
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        Ok(())
    }

    async fn delete_service(&self, cluster: &str, service: &str) -> Result<(), AwsError> {
        self.ecs
            .delete_service()
            .cluster(cluster)
            .service(service)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
            .ok_on(&["ServiceNotFoundException", "ClusterNotFoundException"])
    }
}
