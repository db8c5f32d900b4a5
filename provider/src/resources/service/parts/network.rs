//! Checks the network before creating anything: every subnet in the VPC,
//! at most one per availability zone (a network load balancer takes one
//! per zone), and the VPC's CIDR block for the default ingress rule.

use crate::aws::ec2::{NetworkFinder, VpcQuery};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;

use super::super::model::Desired;

/// What the network check learned.
pub struct NetworkFacts {
    pub vpc_cidr: String,
}

pub async fn check(
    api: &dyn NetworkFinder,
    desired: &Desired,
) -> Result<NetworkFacts, Diagnostics> {
    let vpcs = api
        .find_vpcs(&VpcQuery {
            id: Some(desired.vpc_id.clone()),
            tags: Default::default(),
        })
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic("looking up the VPC")))?;
    let Some(vpc) = vpcs.into_iter().next() else {
        return Err(Diagnostic::error(
            "VPC not found",
            format!(
                "VPC {} does not exist in this account and region.",
                desired.vpc_id
            ),
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
    for id in &desired.subnet_ids {
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
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(NetworkFacts {
        vpc_cidr: vpc.cidr_block,
    })
}
