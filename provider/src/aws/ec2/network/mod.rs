//! VPC and subnet lookups behind a trait, so the lookup rules (not found,
//! ambiguous, tier filtering) are tested without AWS.

pub mod ec2;

use std::collections::BTreeMap;

use async_trait::async_trait;

use crate::aws::errors::AwsError;

/// A VPC as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vpc {
    pub id: String,
    pub cidr_block: String,
    /// Every IPv4 block associated with the VPC, the primary one first.
    pub cidr_blocks: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

/// A subnet as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subnet {
    pub id: String,
    pub vpc_id: String,
    pub availability_zone: String,
    /// The zone's id (`use1-az1`): the same physical zone in every
    /// account, unlike the name. Empty when AWS does not report it.
    pub availability_zone_id: String,
    pub cidr_block: String,
    pub tags: BTreeMap<String, String>,
}

/// Which VPCs to find: by id, by tags, or both (all must match).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VpcQuery {
    pub id: Option<String>,
    pub tags: BTreeMap<String, String>,
}

/// Finds VPCs and subnets.
#[async_trait]
pub trait NetworkFinder: Send + Sync {
    /// Every VPC matching the query (an unknown id yields none).
    async fn find_vpcs(&self, query: &VpcQuery) -> Result<Vec<Vpc>, AwsError>;

    /// Every subnet of `vpc_id`, optionally only those tagged `key=value`.
    async fn find_subnets(
        &self,
        vpc_id: &str,
        tag: Option<(&str, &str)>,
    ) -> Result<Vec<Subnet>, AwsError>;

    /// The subnets with these ids that exist, in any VPC (an unknown id is
    /// left out, not an error).
    async fn find_subnets_by_ids(&self, ids: &[String]) -> Result<Vec<Subnet>, AwsError>;
}
