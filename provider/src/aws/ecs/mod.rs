//! ECS: clusters, Fargate task definitions and services.

mod clusters;
mod services;
mod tags;
mod task_definitions;
pub mod waiters;

pub use clusters::{Cluster, Clusters, container_insights_log_group};
pub use services::{
    CircuitBreaker, DeploymentSettings, EcsService, EcsServiceSpec, EcsServiceUpdate, EcsServices,
    FailedRollout,
};
pub use tags::EcsTags;
pub use task_definitions::{ContainerDefinition, TaskDefinition, TaskDefinitions};
