//! The finders' coalesced lookups (see `coalesce`), one per kind of object,
//! shared by every clone of one set of clients: parallel resources reading
//! the same kind of object at once make one Describe call between them.

use std::sync::Arc;

use super::coalesce::Coalescer;
use super::ec2::{EndpointService, SecurityGroup};
use super::ecs::{Cluster, EcsService};
use super::elbv2::{Listener, LoadBalancer, TargetGroup};
use super::logs::LogGroup;

/// Ids per DescribeLoadBalancers call (the API's limit is 20).
const LOAD_BALANCERS_PER_CALL: usize = 20;
/// Ids per DescribeTargetGroups / DescribeListeners call.
const TARGET_GROUPS_PER_CALL: usize = 20;
const LISTENERS_PER_CALL: usize = 20;
/// Ids per DescribeSecurityGroups / DescribeVpcEndpointServiceConfigurations
/// call: all are answered on one page at this size.
const SECURITY_GROUPS_PER_CALL: usize = 50;
const ENDPOINT_SERVICES_PER_CALL: usize = 50;
/// Clusters per DescribeClusters call (the API's limit is 100).
const CLUSTERS_PER_CALL: usize = 100;
/// Names per DescribeLogGroups call (the API's limit for
/// `logGroupIdentifiers`).
const LOG_GROUPS_PER_CALL: usize = 50;
/// Services of one cluster per DescribeServices call (the API's limit).
const SERVICES_PER_CALL: usize = 10;

/// One coalescer per kind of object the finders look up by id.
pub struct Lookups {
    pub load_balancers: Arc<Coalescer<LoadBalancer>>,
    pub target_groups: Arc<Coalescer<TargetGroup>>,
    pub listeners: Arc<Coalescer<Listener>>,
    pub security_groups: Arc<Coalescer<SecurityGroup>>,
    pub endpoint_services: Arc<Coalescer<EndpointService>>,
    pub clusters: Arc<Coalescer<Cluster>>,
    /// Grouped by cluster.
    pub ecs_services: Arc<Coalescer<EcsService>>,
    pub log_groups: Arc<Coalescer<LogGroup>>,
}

impl Lookups {
    pub fn new() -> Self {
        Lookups {
            load_balancers: Coalescer::new(LOAD_BALANCERS_PER_CALL, super::elbv2::NOT_FOUND),
            target_groups: Coalescer::new(TARGET_GROUPS_PER_CALL, super::elbv2::NOT_FOUND),
            listeners: Coalescer::new(LISTENERS_PER_CALL, super::elbv2::NOT_FOUND),
            security_groups: Coalescer::new(
                SECURITY_GROUPS_PER_CALL,
                super::ec2::security_groups::NOT_FOUND,
            ),
            endpoint_services: Coalescer::new(
                ENDPOINT_SERVICES_PER_CALL,
                super::ec2::endpoint_services::NOT_FOUND,
            ),
            // DescribeClusters reports a missing cluster among its failures.
            clusters: Coalescer::new(CLUSTERS_PER_CALL, &[]),
            ecs_services: Coalescer::new(SERVICES_PER_CALL, &["ClusterNotFoundException"]),
            // A missing name is left out of the answer.
            log_groups: Coalescer::new(LOG_GROUPS_PER_CALL, &[]),
        }
    }
}

impl Default for Lookups {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Lookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookups")
    }
}
