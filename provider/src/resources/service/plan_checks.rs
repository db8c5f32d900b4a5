//! Checks at plan time, before a service is created, with read-only calls
//! and only once the values are known: the subnets belong to the VPC, one
//! per zone, and a given `cluster_arn` exists. The same network check runs
//! again on apply; here the user learns it before approving anything.

use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::parts::network;

/// The problems found in `planned` (a service to create).
pub async fn before_create(aws: &dyn ServiceApis, planned: &Value) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let subnets: Option<Vec<String>> = planned
        .get("subnet_ids")
        .as_list()
        .and_then(|l| l.iter().map(|s| s.as_str().map(str::to_string)).collect());
    if let (Some(vpc_id), Some(subnets)) = (planned.get("vpc_id").as_str(), subnets)
        && let Err(d) = network::check(aws, vpc_id, &subnets).await
    {
        diags.extend(d);
    }
    if let Some(cluster) = planned.get("cluster_arn").as_str() {
        match aws.find_cluster(cluster).await {
            Ok(Some(c)) if c.status.eq_ignore_ascii_case("active") => {}
            Ok(_) => diags.push(
                Diagnostic::error(
                    "Cluster not found",
                    format!("ECS cluster {cluster} does not exist (or is not active) in this account and region."),
                )
                .at(AttributePath::attr("cluster_arn")),
            ),
            Err(e) => diags.push(e.to_diagnostic(&format!("looking up ECS cluster {cluster}"))),
        }
    }
    diags
}
