//! Interface endpoints in memory, the consumer's view of endpoint
//! services, connection acceptance and role assumption. The fake is one
//! account playing both sides: an endpoint's connection to a service of the
//! fake shows on the service's side too.

use std::sync::Arc;

use async_trait::async_trait;
use tokio::time::Instant;

use super::world::{REGION, VPC_ENDPOINT_SETTLING, World};
use super::{ACCOUNT, FakeAws, api_error};
use crate::aws::AssumeRole;
use crate::aws::ec2::{
    EndpointConnection, EndpointConnections, EndpointServiceDetail, EndpointServiceDetails,
    VpcEndpoint, VpcEndpointChange, VpcEndpointQuery, VpcEndpointSpec, VpcEndpoints,
};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::roles::ServiceOwnerRole;

const EC2: AwsApi = AwsApi::Ec2;

/// The service id of a service name (`com.amazonaws.vpce.<region>.<id>`).
fn service_id_of(service_name: &str) -> &str {
    service_name.rsplit('.').next().unwrap_or_default()
}

/// Zone names of `subnet_ids`, sorted.
fn zones_of(world: &World, subnet_ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let ids: Vec<String> = subnet_ids.into_iter().collect();
    let mut zones: Vec<String> = world
        .subnets
        .iter()
        .filter(|s| ids.contains(&s.id))
        .map(|s| s.availability_zone.clone())
        .collect();
    zones.sort();
    zones
}

/// Refuses subnets the service's zones do not include, as AWS does.
fn check_zones(world: &World, service_name: &str, subnets: &[String]) -> Result<(), AwsError> {
    let Some(service) = world.endpoint_services.get(service_id_of(service_name)) else {
        return Ok(());
    };
    for id in subnets {
        let zone = world.subnets.iter().find(|s| &s.id == id);
        if zone.is_none_or(|s| !service.zone_ids.contains(&s.availability_zone_id)) {
            return Err(api_error(
                EC2,
                "InvalidParameter",
                &format!(
                    "The VPC endpoint service {service_name} does not support the availability zone of the subnet: {id}."
                ),
            ));
        }
    }
    Ok(())
}

#[async_trait]
impl VpcEndpoints for FakeAws {
    async fn create_vpc_endpoint(&self, spec: &VpcEndpointSpec) -> Result<VpcEndpoint, AwsError> {
        let mut inner = self.call(EC2, "create_vpc_endpoint", &spec.service_name)?;
        let world = &mut inner.world;
        if let Some(existing) = world
            .vpc_endpoints
            .values()
            .find(|e| e.client_token == spec.client_token)
        {
            let id = existing.endpoint.id.clone();
            return world
                .vpc_endpoint_view(&id)
                .ok_or_else(|| api_error(EC2, "IdempotentParameterMismatch", "token reused"));
        }
        let service_id = service_id_of(&spec.service_name).to_string();
        let Some(service) = world.endpoint_services.get(&service_id) else {
            return Err(api_error(
                EC2,
                "InvalidServiceName",
                &format!(
                    "The Vpc Endpoint Service '{}' does not exist",
                    spec.service_name
                ),
            ));
        };
        let acceptance_required = service.service.acceptance_required;
        let subnets: Vec<String> = spec.subnet_ids.iter().cloned().collect();
        check_zones(world, &spec.service_name, &subnets)?;
        if let Some(missing) = spec
            .security_group_ids
            .iter()
            .find(|g| !world.security_groups.contains_key(*g))
        {
            return Err(api_error(
                EC2,
                "InvalidGroup.NotFound",
                &format!("The security group '{missing}' does not exist"),
            ));
        }
        let id = format!("vpce-{}", world.hex(17));
        let zones = zones_of(world, subnets.iter().cloned());
        let state = if acceptance_required {
            "pendingacceptance"
        } else {
            "pending"
        };
        let endpoint = VpcEndpoint {
            id: id.clone(),
            service_name: spec.service_name.clone(),
            vpc_id: spec.vpc_id.clone(),
            subnet_ids: spec.subnet_ids.clone(),
            security_group_ids: spec.security_group_ids.clone(),
            state: state.into(),
            private_dns_enabled: spec.private_dns_enabled,
            dns_entries: World::endpoint_dns_entries(&id, &service_id, &zones),
            network_interface_ids: subnets
                .iter()
                .map(|s| format!("eni-{}", s.trim_start_matches("subnet-")))
                .collect(),
            owner: ACCOUNT.into(),
            tags: spec.tags.clone(),
        };
        world.vpc_endpoints.insert(
            id.clone(),
            super::VpcEndpointRecord {
                endpoint: endpoint.clone(),
                client_token: spec.client_token.clone(),
                settles_at: Instant::now() + VPC_ENDPOINT_SETTLING,
            },
        );
        if let Some(record) = world.endpoint_services.get_mut(&service_id) {
            record.connections.push(EndpointConnection {
                endpoint_id: id,
                owner: ACCOUNT.into(),
                state: state.into(),
            });
        }
        Ok(endpoint)
    }

    async fn find_vpc_endpoint(&self, id: &str) -> Result<Option<VpcEndpoint>, AwsError> {
        let inner = self.call(EC2, "find_vpc_endpoint", id)?;
        Ok(inner.world.vpc_endpoint_view(id))
    }

    async fn find_vpc_endpoints(
        &self,
        query: &VpcEndpointQuery,
    ) -> Result<Vec<VpcEndpoint>, AwsError> {
        let inner = self.call(EC2, "find_vpc_endpoints", "")?;
        let world = &inner.world;
        Ok(world
            .vpc_endpoints
            .keys()
            .filter_map(|id| world.vpc_endpoint_view(id))
            .filter(|e| query.vpc_id.as_ref().is_none_or(|v| *v == e.vpc_id))
            .filter(|e| {
                query
                    .service_name
                    .as_ref()
                    .is_none_or(|n| *n == e.service_name)
            })
            .filter(|e| query.tags.iter().all(|(k, v)| e.tags.get(k) == Some(v)))
            .collect())
    }

    async fn modify_vpc_endpoint(
        &self,
        id: &str,
        change: &VpcEndpointChange,
    ) -> Result<(), AwsError> {
        if change.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "modify_vpc_endpoint", id)?;
        let world = &mut inner.world;
        let Some(current) = world.vpc_endpoint_view(id) else {
            return Err(api_error(
                EC2,
                "InvalidVpcEndpointId.NotFound",
                &format!("The Vpc Endpoint Id '{id}' does not exist"),
            ));
        };
        let added: Vec<String> = change.add_subnet_ids.iter().cloned().collect();
        check_zones(world, &current.service_name, &added)?;
        let mut e = current;
        e.subnet_ids.extend(change.add_subnet_ids.iter().cloned());
        e.subnet_ids
            .retain(|s| !change.remove_subnet_ids.contains(s));
        e.security_group_ids
            .extend(change.add_security_group_ids.iter().cloned());
        e.security_group_ids
            .retain(|g| !change.remove_security_group_ids.contains(g));
        if let Some(enabled) = change.private_dns_enabled {
            e.private_dns_enabled = enabled;
        }
        let zones = zones_of(world, e.subnet_ids.iter().cloned());
        e.dns_entries = World::endpoint_dns_entries(id, service_id_of(&e.service_name), &zones);
        e.network_interface_ids = e
            .subnet_ids
            .iter()
            .map(|s| format!("eni-{}", s.trim_start_matches("subnet-")))
            .collect();
        if let Some(record) = world.vpc_endpoints.get_mut(id) {
            record.endpoint = e;
        }
        Ok(())
    }

    async fn delete_vpc_endpoint(&self, id: &str) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "delete_vpc_endpoint", id)?;
        let world = &mut inner.world;
        let Some(e) = world.vpc_endpoint_view(id) else {
            return Ok(());
        };
        if e.state != "deleting" {
            let service_id = service_id_of(&e.service_name).to_string();
            if let Some(record) = world.endpoint_services.get_mut(&service_id) {
                record.connections.retain(|c| c.endpoint_id != id);
            }
            if let Some(record) = world.vpc_endpoints.get_mut(id) {
                record.endpoint.state = "deleting".into();
                record.settles_at = Instant::now() + VPC_ENDPOINT_SETTLING;
            }
        }
        Ok(())
    }
}

#[async_trait]
impl EndpointConnections for FakeAws {
    async fn find_endpoint_connection(
        &self,
        service_id: &str,
        endpoint_id: &str,
    ) -> Result<Option<EndpointConnection>, AwsError> {
        let inner = self.call(EC2, "find_endpoint_connection", endpoint_id)?;
        let world = &inner.world;
        let Some(record) = world.endpoint_services.get(service_id) else {
            return Ok(None);
        };
        Ok(record
            .connections
            .iter()
            .find(|c| c.endpoint_id == endpoint_id)
            .map(|c| {
                // The consumer's side settles `pending` into `available`.
                let state = world
                    .vpc_endpoint_view(endpoint_id)
                    .map_or(c.state.clone(), |e| e.state);
                EndpointConnection { state, ..c.clone() }
            }))
    }

    async fn accept_endpoint_connections(
        &self,
        service_id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError> {
        if endpoint_ids.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "accept_endpoint_connections", service_id)?;
        let world = &mut inner.world;
        let Some(record) = world.endpoint_services.get(service_id) else {
            return Err(api_error(
                EC2,
                "InvalidVpcEndpointServiceId.NotFound",
                &format!("The VpcEndpointService Id '{service_id}' does not exist"),
            ));
        };
        let states: Vec<(String, Option<String>)> = endpoint_ids
            .iter()
            .map(|id| {
                let c = record.connections.iter().find(|c| &c.endpoint_id == id);
                (id.clone(), c.map(|c| c.state.clone()))
            })
            .collect();
        for (id, state) in states {
            match state.as_deref() {
                Some("pendingacceptance" | "rejected") => {
                    world.set_connection_state(service_id, &id, "pending")
                }
                Some(other) => {
                    return Err(api_error(
                        EC2,
                        "InvalidState",
                        &format!("Endpoint {id} is in state {other}"),
                    ));
                }
                None => {
                    return Err(api_error(
                        EC2,
                        "InvalidVpcEndpointId.NotFound",
                        &format!("The Vpc Endpoint Id '{id}' does not exist"),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[async_trait]
impl EndpointServiceDetails for FakeAws {
    async fn find_endpoint_service_by_name(
        &self,
        service_name: &str,
    ) -> Result<Option<EndpointServiceDetail>, AwsError> {
        let inner = self.call(EC2, "find_endpoint_service_by_name", service_name)?;
        let world = &inner.world;
        Ok(world
            .endpoint_services
            .get(service_id_of(service_name))
            .filter(|r| r.service.service_name == service_name)
            .map(|r| {
                let zones = world
                    .subnets
                    .iter()
                    .filter(|s| r.zone_ids.contains(&s.availability_zone_id))
                    .map(|s| s.availability_zone.clone())
                    .collect();
                EndpointServiceDetail {
                    service_name: service_name.into(),
                    service_id: r.service.id.clone(),
                    owner: ACCOUNT.into(),
                    availability_zones: zones,
                    availability_zone_ids: r.zone_ids.clone(),
                    acceptance_required: r.service.acceptance_required,
                    private_dns_name: r.service.private_dns_name.clone(),
                    base_endpoint_dns_names: vec![format!(
                        "{}.{REGION}.vpce.amazonaws.com",
                        r.service.id
                    )],
                }
            }))
    }
}

#[async_trait]
impl ServiceOwnerRole for FakeAws {
    async fn as_service_owner(
        &self,
        role: &AssumeRole,
    ) -> Result<Arc<dyn EndpointConnections>, AwsError> {
        drop(self.call(AwsApi::Sts, "as_service_owner", &role.role_arn)?);
        Ok(Arc::new(self.clone()))
    }
}
