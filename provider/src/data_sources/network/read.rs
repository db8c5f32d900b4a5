//! Reading the data source: the lookup, written as state.

use std::collections::BTreeSet;

use super::lookup::lookup;
use super::model::{NetworkConfig, NetworkState, SubnetState};
use super::schema::schema;
use crate::aws::ec2::network::NetworkFinder;
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::value::{Value, from_typed, to_typed};

/// Looks up what `config` asks for and returns the full state.
pub async fn read(finder: &dyn NetworkFinder, config: Value) -> Result<Value, Diagnostics> {
    let config: NetworkConfig = to_typed(&config).map_err(|e| internal(&e))?;
    let query = config.query();
    let network = lookup(finder, &query).await?;
    let zones: BTreeSet<String> = network
        .subnets
        .iter()
        .map(|s| s.availability_zone.clone())
        .collect();
    let state = NetworkState {
        id: network.vpc.id.clone(),
        // Echo the configuration exactly: null stays null.
        tags: config.tags.clone(),
        subnet_tier: query.tier.clone(),
        tier_tag_key: query.tier_tag_key.clone(),
        vpc_id: network.vpc.id.clone(),
        cidr_block: network.vpc.cidr_block.clone(),
        availability_zones: zones.into_iter().collect(),
        subnet_ids: network.subnets.iter().map(|s| s.id.clone()).collect(),
        subnets: network
            .subnets
            .iter()
            .map(|s| SubnetState {
                id: s.id.clone(),
                availability_zone: s.availability_zone.clone(),
                cidr_block: s.cidr_block.clone(),
            })
            .collect(),
    };
    from_typed(&state, &schema().value_type()).map_err(|e| internal(&e))
}

fn internal(e: &dyn std::fmt::Display) -> Diagnostics {
    Diagnostic::error("Internal error", format!("privatelink_network state: {e}")).into()
}
