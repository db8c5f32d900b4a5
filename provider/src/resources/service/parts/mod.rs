//! One module per AWS object of a service: how to bring it from what
//! exists (maybe nothing) to what is desired. `converge` runs them in
//! dependency order.

pub mod cluster;
pub mod ecs_service;
pub mod endpoint_service;
pub mod listener;
pub mod load_balancer;
pub mod log_group;
pub mod network;
pub mod security_group;
pub mod target_group;
pub mod task_definition;

use crate::aws::tags::Tags;

use super::model::Desired;

/// The settings in force before an update (from the refreshed prior
/// state): what a step compares against to decide what to change.
#[derive(Clone, Debug)]
pub struct Before {
    pub desired: Desired,
    pub tags_all: Tags,
    /// The task definition revision the service ran.
    pub task_definition_arn: String,
    /// The endpoint service deleted outside Terraform that a new one
    /// replaces (see `PrivateState`).
    pub replaced_endpoint_service_id: Option<String>,
    /// The revisions this resource registered (see `PrivateState`).
    pub task_definitions: Vec<String>,
}

/// The tags a step should compare against: the prior ones when the object
/// existed before, none when it is new.
pub fn prior_tags(before: Option<&Before>, existed: bool) -> Option<&Tags> {
    before.filter(|_| existed).map(|b| &b.tags_all)
}
