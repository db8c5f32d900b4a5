//! [`NetworkFinder`] over the EC2 API.

use async_trait::async_trait;
use aws_sdk_ec2::types::{Filter, Tag};

use super::{NetworkFinder, Subnet, Vpc, VpcQuery};
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::from_pairs;

/// The IAM actions [`NetworkFinder`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &["ec2:DescribeSubnets", "ec2:DescribeVpcs"];

/// All tags of a VPC or subnet, AWS's own included.
fn tags_of(tags: &[Tag]) -> std::collections::BTreeMap<String, String> {
    from_pairs(tags.iter().map(|t| (t.key(), t.value())))
}

#[async_trait]
impl NetworkFinder for AwsClients {
    async fn find_vpcs(&self, query: &VpcQuery) -> Result<Vec<Vpc>, AwsError> {
        let mut request = self.ec2.describe_vpcs();
        if let Some(id) = &query.id {
            request = request.vpc_ids(id);
        }
        for (k, v) in &query.tags {
            request = request.filters(Filter::builder().name(format!("tag:{k}")).values(v).build());
        }
        let mut pages = request.into_paginator().send();
        let mut vpcs = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page
                .map_err(|e| self.error(AwsApi::Ec2, e))
                .none_on(&["InvalidVpcID.NotFound"])?;
            let Some(page) = page else {
                return Ok(Vec::new());
            };
            for v in page.vpcs() {
                let primary = v.cidr_block().unwrap_or_default().to_string();
                let secondary = v
                    .cidr_block_association_set()
                    .iter()
                    .filter(|a| {
                        a.cidr_block_state()
                            .and_then(|s| s.state())
                            .is_some_and(|s| s.as_str().eq_ignore_ascii_case("associated"))
                    })
                    .filter_map(|a| a.cidr_block())
                    .filter(|c| *c != primary)
                    .map(str::to_string);
                vpcs.push(Vpc {
                    id: v.vpc_id().unwrap_or_default().to_string(),
                    cidr_blocks: std::iter::once(primary.clone()).chain(secondary).collect(),
                    cidr_block: primary,
                    tags: tags_of(v.tags()),
                });
            }
        }
        Ok(vpcs)
    }

    async fn find_subnets(
        &self,
        vpc_id: &str,
        tag: Option<(&str, &str)>,
    ) -> Result<Vec<Subnet>, AwsError> {
        let mut request = self
            .ec2
            .describe_subnets()
            .filters(Filter::builder().name("vpc-id").values(vpc_id).build());
        if let Some((k, v)) = tag {
            request = request.filters(Filter::builder().name(format!("tag:{k}")).values(v).build());
        }
        let mut pages = request.into_paginator().send();
        let mut subnets = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            subnets.extend(page.subnets().iter().map(convert_subnet));
        }
        Ok(subnets)
    }

    async fn find_subnets_by_ids(&self, ids: &[String]) -> Result<Vec<Subnet>, AwsError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // A filter, not SubnetIds: an unknown id must not fail the lookup.
        let mut pages = self
            .ec2
            .describe_subnets()
            .filters(
                Filter::builder()
                    .name("subnet-id")
                    .set_values(Some(ids.to_vec()))
                    .build(),
            )
            .into_paginator()
            .send();
        let mut subnets = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            subnets.extend(page.subnets().iter().map(convert_subnet));
        }
        subnets.retain(|s| ids.contains(&s.id));
        Ok(subnets)
    }
}

fn convert_subnet(s: &aws_sdk_ec2::types::Subnet) -> Subnet {
    Subnet {
        id: s.subnet_id().unwrap_or_default().to_string(),
        vpc_id: s.vpc_id().unwrap_or_default().to_string(),
        availability_zone: s.availability_zone().unwrap_or_default().to_string(),
        availability_zone_id: s.availability_zone_id().unwrap_or_default().to_string(),
        cidr_block: s.cidr_block().unwrap_or_default().to_string(),
        tags: tags_of(s.tags()),
    }
}
