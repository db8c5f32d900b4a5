//! Checks the network before creating anything: every subnet in the VPC,
//! at most one per availability zone (a network load balancer takes one
//! per zone); and learns the VPC's CIDR blocks (the default ingress) and
//! the subnets' (where the load balancer's own addresses are).

use crate::aws::ec2::{NetworkFinder, VpcQuery};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;

/// What the network check learned.
pub struct NetworkFacts {
    /// Every IPv4 block of the VPC, the primary one first.
    pub vpc_cidr_blocks: Vec<String>,
    /// The CIDR blocks of `subnet_ids`, in their order: the load balancer's
    /// nodes take their addresses there, and health checks and PrivateLink
    /// traffic reach the tasks from them.
    pub load_balancer_cidr_blocks: Vec<String>,
}

/// Checks that `subnet_ids` are subnets of `vpc_id`, at most one per
/// zone; errors at `vpc_id` or `subnet_ids`.
pub async fn check(
    api: &dyn NetworkFinder,
    vpc_id: &str,
    subnet_ids: &[String],
) -> Result<NetworkFacts, Diagnostics> {
    let vpcs = api
        .find_vpcs(&VpcQuery {
            id: Some(vpc_id.to_string()),
            tags: Default::default(),
        })
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic("looking up the VPC")))?;
    let Some(vpc) = vpcs.into_iter().next() else {
        return Err(Diagnostic::error(
            "VPC not found",
            format!("VPC {} does not exist in this account and region.", vpc_id),
        )
        .at(AttributePath::attr("vpc_id"))
        .into());
    };
    let subnets = api
        .find_subnets(&vpc.id, None)
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic("listing the VPC's subnets")))?;
    let mut diags = Diagnostics::new();
    let mut zones: Vec<(&str, &str)> = Vec::new();
    let mut load_balancer_cidr_blocks = Vec::new();
    for id in subnet_ids {
        match subnets.iter().find(|s| &s.id == id) {
            None => diags.attribute_error(
                AttributePath::attr("subnet_ids"),
                "Subnet not in VPC",
                format!(
                    "Subnet {id} is not a subnet of {} (or does not exist).",
                    vpc.id
                ),
            ),
            Some(s) => {
                if let Some((other, _)) = zones.iter().find(|(_, z)| *z == s.availability_zone) {
                    diags.attribute_error(
                        AttributePath::attr("subnet_ids"),
                        "Two subnets in one availability zone",
                        format!(
                            "Subnets {other} and {id} are both in {}; a network load balancer takes at most one subnet per availability zone.",
                            s.availability_zone
                        ),
                    );
                }
                zones.push((id, &s.availability_zone));
                if !load_balancer_cidr_blocks.contains(&s.cidr_block) {
                    load_balancer_cidr_blocks.push(s.cidr_block.clone());
                }
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(NetworkFacts {
        vpc_cidr_blocks: vpc.cidr_blocks,
        load_balancer_cidr_blocks,
    })
}
