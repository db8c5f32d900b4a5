//! The tasks' security group. It always admits the load balancer's
//! subnets on the container port and the health-check port (health checks
//! and all PrivateLink traffic come from the load balancer's own
//! addresses), and on the container port the CIDR blocks and security
//! groups the configuration allows to reach the tasks directly. Ports the
//! service used before and no longer uses are closed.

use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::aws::ec2::{Ec2Tags, SecurityGroups};
use crate::resources::shared::security_group::{self, PortIngress, SecurityGroupSpec};

/// Where the tasks are reached from, resolved, and the run's
/// [`security_group::ownership_token`].
pub struct Ingress<'a> {
    pub ownership_token: &'a str,
    /// `ingress_cidr_blocks` (given or defaulted).
    pub cidrs: &'a [String],
    /// The CIDR blocks of the load balancer's subnets.
    pub load_balancer_cidrs: &'a [String],
}

/// The health check's port when it is not the traffic port.
pub fn health_check_port(desired: &Desired) -> Option<i32> {
    desired
        .health_check
        .port
        .parse::<i32>()
        .ok()
        .filter(|p| *p != desired.container.port)
}

/// The group `desired` describes.
pub fn spec(desired: &Desired, ingress: &Ingress, before: Option<&Before>) -> SecurityGroupSpec {
    let mut direct: Vec<String> = ingress.cidrs.to_vec();
    for c in ingress.load_balancer_cidrs {
        if !direct.contains(c) {
            direct.push(c.clone());
        }
    }
    let mut rules = vec![PortIngress::new(
        desired.container.port,
        &direct,
        &desired.ingress_security_group_ids,
    )];
    if let Some(port) = health_check_port(desired) {
        rules.push(PortIngress::new(port, ingress.load_balancer_cidrs, &[]));
    }
    if let Some(b) = before {
        let used_before = [
            Some(b.desired.container.port),
            health_check_port(&b.desired),
        ];
        for port in used_before.into_iter().flatten() {
            if !rules.iter().any(|r| r.port == port) {
                rules.push(PortIngress::closed(port));
            }
        }
    }
    SecurityGroupSpec {
        name: names::security_group(&desired.name),
        description: format!(
            "Tasks of the PrivateLink service {} ({})",
            desired.name, ingress.ownership_token
        ),
        vpc_id: desired.vpc_id.clone(),
        ingress: rules,
        tags: desired.tags_all.clone(),
    }
}

/// Creates (or adopts, after an interrupted create) the group with its
/// rules, or changes the rules and tags of the existing one. `made` holds
/// the group's id as soon as it exists, so a later failure still records it.
pub async fn ensure<A: SecurityGroups + Ec2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    ingress: &Ingress<'_>,
    before: Option<&Before>,
    existing: Option<&str>,
    made: &mut Option<String>,
) -> Result<String, Diagnostic> {
    let spec = spec(desired, ingress, before);
    security_group::ensure(api, &spec, prior_tags(before, true), existing, made).await
}
