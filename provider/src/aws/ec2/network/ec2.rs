//! [`NetworkFinder`] over the EC2 API.

use async_trait::async_trait;
use aws_sdk_ec2::types::{Filter, Tag};

use super::{NetworkFinder, Subnet, Vpc, VpcQuery};
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::from_pairs;

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
                vpcs.push(Vpc {
                    id: v.vpc_id().unwrap_or_default().to_string(),
                    cidr_block: v.cidr_block().unwrap_or_default().to_string(),
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
            for s in page.subnets() {
                subnets.push(Subnet {
                    id: s.subnet_id().unwrap_or_default().to_string(),
                    vpc_id: s.vpc_id().unwrap_or_default().to_string(),
                    availability_zone: s.availability_zone().unwrap_or_default().to_string(),
                    cidr_block: s.cidr_block().unwrap_or_default().to_string(),
                    tags: tags_of(s.tags()),
                });
            }
        }
        Ok(subnets)
    }
}
