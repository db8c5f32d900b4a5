//! Fargate task definitions with one essential container logging to
//! CloudWatch through the awslogs driver.

use std::collections::BTreeMap;

use async_trait::async_trait;
use aws_sdk_ecs::types::{
    Compatibility, ContainerDefinition as SdkContainer, KeyValuePair, LogConfiguration, LogDriver,
    NetworkMode, PortMapping, Secret, TransportProtocol,
};

use super::tags::{sdk_tags, tags_of};
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`TaskDefinitions`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ecs:DeleteTaskDefinitions",
    "ecs:DeregisterTaskDefinition",
    "ecs:DescribeTaskDefinition",
    "ecs:RegisterTaskDefinition",
];

/// The one container of the task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerDefinition {
    pub name: String,
    pub image: String,
    pub port: i32,
    pub environment: BTreeMap<String, String>,
    /// Variable name → Secrets Manager or SSM parameter ARN.
    pub secrets: BTreeMap<String, String>,
    pub log_group: String,
    pub log_region: String,
    pub log_stream_prefix: String,
}

/// A task definition revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskDefinition {
    /// Empty until registered.
    pub arn: String,
    pub family: String,
    pub cpu: String,
    pub memory: String,
    pub execution_role_arn: String,
    pub task_role_arn: Option<String>,
    pub container: ContainerDefinition,
    /// `ACTIVE`, `INACTIVE` or `DELETE_IN_PROGRESS`.
    pub status: String,
    pub tags: Tags,
}

#[async_trait]
pub trait TaskDefinitions: Send + Sync {
    /// Registers a new revision; returns it with its ARN.
    async fn register_task_definition(
        &self,
        definition: &TaskDefinition,
    ) -> Result<TaskDefinition, AwsError>;
    /// Finds a revision; deregistered or deleted revisions count as gone.
    async fn find_task_definition(&self, arn: &str) -> Result<Option<TaskDefinition>, AwsError>;
    /// Deregisters and deletes a revision.
    async fn delete_task_definition(&self, arn: &str) -> Result<(), AwsError>;
}

fn container(c: &ContainerDefinition) -> SdkContainer {
    SdkContainer::builder()
        .name(&c.name)
        .image(&c.image)
        .essential(true)
        .port_mappings(
            PortMapping::builder()
                .container_port(c.port)
                .protocol(TransportProtocol::Tcp)
                .build(),
        )
        .set_environment(Some(
            c.environment
                .iter()
                .map(|(k, v)| KeyValuePair::builder().name(k).value(v).build())
                .collect(),
        ))
        .set_secrets(Some(
            c.secrets
                .iter()
                .map(|(k, v)| {
                    Secret::builder()
                        .name(k)
                        .value_from(v)
                        .build()
                        .expect("name and value are set")
                })
                .collect(),
        ))
        .log_configuration(
            LogConfiguration::builder()
                .log_driver(LogDriver::Awslogs)
                .options("awslogs-group", &c.log_group)
                .options("awslogs-region", &c.log_region)
                .options("awslogs-stream-prefix", &c.log_stream_prefix)
                .build()
                .expect("log driver is set"),
        )
        .build()
}

fn convert(td: &aws_sdk_ecs::types::TaskDefinition, tags: Tags) -> Option<TaskDefinition> {
    let c = td.container_definitions().first()?;
    let log = c
        .log_configuration()
        .and_then(|l| l.options())
        .cloned()
        .unwrap_or_default();
    Some(TaskDefinition {
        arn: td.task_definition_arn().unwrap_or_default().to_string(),
        family: td.family().unwrap_or_default().to_string(),
        cpu: td.cpu().unwrap_or_default().to_string(),
        memory: td.memory().unwrap_or_default().to_string(),
        execution_role_arn: td.execution_role_arn().unwrap_or_default().to_string(),
        task_role_arn: td
            .task_role_arn()
            .filter(|r| !r.is_empty())
            .map(str::to_string),
        container: ContainerDefinition {
            name: c.name().unwrap_or_default().to_string(),
            image: c.image().unwrap_or_default().to_string(),
            port: c
                .port_mappings()
                .first()
                .and_then(|p| p.container_port())
                .unwrap_or_default(),
            environment: c
                .environment()
                .iter()
                .filter_map(|kv| {
                    Some((
                        kv.name()?.to_string(),
                        kv.value().unwrap_or_default().to_string(),
                    ))
                })
                .collect(),
            secrets: c
                .secrets()
                .iter()
                .map(|s| (s.name().to_string(), s.value_from().to_string()))
                .collect(),
            log_group: log.get("awslogs-group").cloned().unwrap_or_default(),
            log_region: log.get("awslogs-region").cloned().unwrap_or_default(),
            log_stream_prefix: log
                .get("awslogs-stream-prefix")
                .cloned()
                .unwrap_or_default(),
        },
        status: td
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        tags,
    })
}

#[async_trait]
impl TaskDefinitions for AwsClients {
    async fn register_task_definition(
        &self,
        d: &TaskDefinition,
    ) -> Result<TaskDefinition, AwsError> {
        let out = self
            .ecs
            .register_task_definition()
            .family(&d.family)
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(Compatibility::Fargate)
            .cpu(&d.cpu)
            .memory(&d.memory)
            .execution_role_arn(&d.execution_role_arn)
            .set_task_role_arn(d.task_role_arn.clone())
            .container_definitions(container(&d.container))
            .set_tags(sdk_tags(&d.tags))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        out.task_definition()
            .and_then(|td| convert(td, d.tags.clone()))
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Ecs,
                message: "RegisterTaskDefinition returned no task definition".into(),
            })
    }

    async fn find_task_definition(&self, arn: &str) -> Result<Option<TaskDefinition>, AwsError> {
        let out = self
            .ecs
            .describe_task_definition()
            .task_definition(arn)
            .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
            // ECS says ClientException for an unknown revision.
            .none_on(&["ClientException"])?;
        Ok(out.and_then(|out| {
            out.task_definition()
                .and_then(|td| convert(td, tags_of(out.tags())))
                .filter(|td| td.status == "ACTIVE")
        }))
    }

    async fn delete_task_definition(&self, arn: &str) -> Result<(), AwsError> {
        self.ecs
            .deregister_task_definition()
            .task_definition(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
            .ok_on(&["ClientException"])?;
        self.ecs
            .delete_task_definitions()
            .task_definitions(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
            .ok_on(&["ClientException"])
    }
}
