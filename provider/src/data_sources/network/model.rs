//! The data source's configuration and state as structs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::lookup::NetworkQuery;
use super::schema::DEFAULT_TIER_TAG;
use crate::aws::ec2::network::VpcQuery;

/// What the user configured (read from a wholly known configuration).
#[derive(Debug, Deserialize)]
pub struct NetworkConfig {
    pub id: Option<String>,
    pub tags: Option<BTreeMap<String, String>>,
    pub subnet_tier: Option<String>,
    pub tier_tag_key: Option<String>,
}

impl NetworkConfig {
    /// The lookup the configuration asks for.
    pub fn query(&self) -> NetworkQuery {
        NetworkQuery {
            vpc: VpcQuery {
                id: self.id.clone(),
                tags: self.tags.clone().unwrap_or_default(),
            },
            tier: self.subnet_tier.clone(),
            tier_tag_key: self
                .tier_tag_key
                .clone()
                .unwrap_or_else(|| DEFAULT_TIER_TAG.to_string()),
        }
    }
}

/// The state Terraform receives.
#[derive(Debug, Serialize)]
pub struct NetworkState {
    pub id: String,
    pub tags: Option<BTreeMap<String, String>>,
    pub subnet_tier: Option<String>,
    pub tier_tag_key: String,
    pub vpc_id: String,
    pub cidr_block: String,
    pub availability_zones: Vec<String>,
    pub subnet_ids: Vec<String>,
    pub subnets: Vec<SubnetState>,
}

/// One selected subnet in the state.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct SubnetState {
    pub id: String,
    pub availability_zone: String,
    pub cidr_block: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tier_tag_key_defaults_and_tags_may_be_absent() {
        let config = NetworkConfig {
            id: Some("vpc-1".into()),
            tags: None,
            subnet_tier: Some("private".into()),
            tier_tag_key: None,
        };
        let q = config.query();
        assert_eq!(q.tier_tag_key, DEFAULT_TIER_TAG);
        assert!(q.vpc.tags.is_empty());
        assert_eq!(q.vpc.id.as_deref(), Some("vpc-1"));
        assert_eq!(q.tier.as_deref(), Some("private"));
    }
}
