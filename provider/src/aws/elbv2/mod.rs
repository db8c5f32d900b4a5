//! Elastic Load Balancing v2: the network load balancer, its target group
//! and listener, each with finders, status functions and changes.

pub mod listeners;
pub mod load_balancers;
pub mod tags;
pub mod target_groups;
pub mod waiters;

pub use listeners::{Listener, Listeners};
pub use load_balancers::{LoadBalancer, LoadBalancers};
pub use tags::Elbv2Tags;
pub use target_groups::{HealthCheck, TargetGroup, TargetGroupSpec, TargetGroups};

/// Error codes meaning "no such object".
pub(crate) const NOT_FOUND: &[&str] = &[
    "LoadBalancerNotFound",
    "TargetGroupNotFound",
    "ListenerNotFound",
];
