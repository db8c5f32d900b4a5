//! The tasks' security group: ingress on the container port from the
//! allowed CIDR blocks and security groups (see the shared part).

use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::aws::ec2::{Ec2Tags, SecurityGroups};
use crate::resources::shared::security_group::{self, SecurityGroupSpec};

/// The group `desired` describes, with ingress from `ingress_cidrs`.
pub fn spec(desired: &Desired, ingress_cidrs: &[String]) -> SecurityGroupSpec {
    SecurityGroupSpec {
        name: names::security_group(&desired.name),
        description: format!("Tasks of the PrivateLink service {}", desired.name),
        vpc_id: desired.vpc_id.clone(),
        ports: vec![desired.container.port],
        ingress_cidrs: ingress_cidrs.to_vec(),
        ingress_security_group_ids: desired.ingress_security_group_ids.clone(),
        tags: desired.tags_all.clone(),
    }
}

/// Creates (or adopts, after an interrupted create) the group with its
/// rules, or changes the rules and tags of the existing one. `made` holds
/// the group's id as soon as it exists, so a later failure still records it.
pub async fn ensure<A: SecurityGroups + Ec2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    ingress_cidrs: &[String],
    before: Option<&Before>,
    existing: Option<&str>,
    made: &mut Option<String>,
) -> Result<String, Diagnostic> {
    let spec = spec(desired, ingress_cidrs);
    security_group::ensure(api, &spec, prior_tags(before, true), existing, made).await
}
