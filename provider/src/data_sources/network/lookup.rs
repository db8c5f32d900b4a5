//! Finding the VPC and the subnets of a tier.

use crate::aws::ec2::network::{NetworkFinder, Subnet, Vpc, VpcQuery};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;

/// What to look up.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkQuery {
    pub vpc: VpcQuery,
    pub tier: Option<String>,
    pub tier_tag_key: String,
}

/// What was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub vpc: Vpc,
    /// Sorted by availability zone, then id.
    pub subnets: Vec<Subnet>,
}

fn describe_query(q: &VpcQuery) -> String {
    let mut parts = Vec::new();
    if let Some(id) = &q.id {
        parts.push(format!("id = {id:?}"));
    }
    if !q.tags.is_empty() {
        let tags: Vec<String> = q.tags.iter().map(|(k, v)| format!("{k} = {v:?}")).collect();
        parts.push(format!("tags {{ {} }}", tags.join(", ")));
    }
    parts.join(" and ")
}

/// Finds exactly one VPC and the subnets of the requested tier.
pub async fn lookup(
    finder: &dyn NetworkFinder,
    query: &NetworkQuery,
) -> Result<Network, Diagnostics> {
    let vpcs = finder
        .find_vpcs(&query.vpc)
        .await
        .map_err(|e| Diagnostics::from(e.to_diagnostic("looking up the VPC")))?;
    let where_ = describe_query(&query.vpc);
    let vpc = match vpcs.len() {
        0 => {
            return Err(Diagnostic::error(
                "No VPC found",
                format!("No VPC matches {where_} in this account and region."),
            )
            .into());
        }
        1 => vpcs.into_iter().next().expect("one VPC"),
        n => {
            let ids: Vec<&str> = vpcs.iter().map(|v| v.id.as_str()).collect();
            return Err(Diagnostic::error(
                "More than one VPC found",
                format!(
                    "{n} VPCs match {where_}: {}. Add tags (or use id) so exactly one matches.",
                    ids.join(", ")
                ),
            )
            .into());
        }
    };
    let tier_filter = query
        .tier
        .as_deref()
        .map(|t| (query.tier_tag_key.as_str(), t));
    let mut subnets = finder
        .find_subnets(&vpc.id, tier_filter)
        .await
        .map_err(|e| {
            Diagnostics::from(e.to_diagnostic(&format!("listing the subnets of {}", vpc.id)))
        })?;
    if let Some(tier) = query.tier.as_ref().filter(|_| subnets.is_empty()) {
        return Err(Diagnostic::error(
            "No subnets in tier",
            format!(
                "VPC {} has no subnets tagged {} = {tier:?}. Tag the subnets of that tier, or choose another subnet_tier.",
                vpc.id, query.tier_tag_key
            ),
        )
        .at(AttributePath::attr("subnet_tier"))
        .into());
    }
    subnets.sort_by(|a, b| (&a.availability_zone, &a.id).cmp(&(&b.availability_zone, &b.id)));
    Ok(Network { vpc, subnets })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ec2::network::{Subnet, Vpc};
    use crate::aws::fake::FakeAws;
    use crate::data_sources::network::DEFAULT_TIER_TAG;

    fn vpc(id: &str, env: &str) -> Vpc {
        Vpc {
            id: id.into(),
            cidr_block: "10.0.0.0/16".into(),
            cidr_blocks: vec!["10.0.0.0/16".into()],
            tags: [("Env".to_string(), env.to_string())].into(),
        }
    }

    fn subnet(id: &str, vpc: &str, az: &str, tier: &str) -> Subnet {
        Subnet {
            id: id.into(),
            vpc_id: vpc.into(),
            availability_zone: az.into(),
            availability_zone_id: String::new(),
            cidr_block: "10.0.1.0/24".into(),
            tags: [("Tier".to_string(), tier.to_string())].into(),
        }
    }

    fn fake() -> FakeAws {
        let aws = FakeAws::new();
        aws.edit(|w| {
            w.vpcs = vec![
                vpc("vpc-11111111", "dev"),
                vpc("vpc-22222222", "prod"),
                vpc("vpc-33333333", "prod"),
            ];
            w.subnets = vec![
                subnet("subnet-b", "vpc-11111111", "us-east-1b", "private"),
                subnet("subnet-a", "vpc-11111111", "us-east-1a", "private"),
                subnet("subnet-p", "vpc-11111111", "us-east-1a", "public"),
            ];
        });
        aws
    }

    fn query(id: Option<&str>, tags: &[(&str, &str)], tier: Option<&str>) -> NetworkQuery {
        NetworkQuery {
            vpc: VpcQuery {
                id: id.map(str::to_string),
                tags: tags
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            },
            tier: tier.map(str::to_string),
            tier_tag_key: DEFAULT_TIER_TAG.into(),
        }
    }

    #[tokio::test]
    async fn finds_one_vpc_and_its_tier_in_zone_order() {
        let n = lookup(&fake(), &query(None, &[("Env", "dev")], Some("private")))
            .await
            .unwrap();
        assert_eq!(n.vpc.id, "vpc-11111111");
        let ids: Vec<&str> = n.subnets.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["subnet-a", "subnet-b"]);
    }

    #[tokio::test]
    async fn ambiguous_tags_list_the_candidates() {
        let e = lookup(&fake(), &query(None, &[("Env", "prod")], None))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.summary, "More than one VPC found");
        assert!(
            d.detail.contains("vpc-22222222") && d.detail.contains("vpc-33333333"),
            "{}",
            d.detail
        );
    }

    #[tokio::test]
    async fn nothing_found_says_what_was_asked() {
        let e = lookup(&fake(), &query(Some("vpc-99999999"), &[], None))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.summary, "No VPC found");
        assert!(d.detail.contains("vpc-99999999"));
    }

    #[tokio::test]
    async fn empty_tier_points_at_subnet_tier() {
        let e = lookup(&fake(), &query(Some("vpc-11111111"), &[], Some("isolated")))
            .await
            .unwrap_err();
        let d = e.iter().next().unwrap();
        assert_eq!(d.path.as_ref().unwrap().to_string(), "subnet_tier");
    }
}
