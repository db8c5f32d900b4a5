//! ECS: clusters, Fargate task definitions and services.

pub mod clusters;
pub mod services;
pub mod tags;
pub mod task_definitions;
pub mod waiters;

pub use clusters::{Cluster, Clusters, container_insights_log_group};
pub use services::{
    CircuitBreaker, DeploymentSettings, EcsService, EcsServiceSpec, EcsServiceUpdate, EcsServices,
    FailedRollout,
};
pub use tags::EcsTags;
pub use task_definitions::{ContainerDefinition, TaskDefinition, TaskDefinitions};
