//! EC2 in memory: VPCs and subnets, security groups, endpoint services,
//! tags and load balancer network interfaces.

use std::collections::BTreeSet;

use async_trait::async_trait;
use tokio::time::Instant;

use super::world::{ENDPOINT_SERVICE_PENDING, REGION};
use super::{FakeAws, api_error};
use crate::aws::ec2::{
    Ec2Tags, EndpointConnection, EndpointService, EndpointServiceSpec, EndpointServices,
    IngressSource, NetworkFinder, NetworkInterfaces, SecurityGroup, SecurityGroups, Subnet, Vpc,
    VpcQuery,
};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, without_aws_managed};

const EC2: AwsApi = AwsApi::Ec2;

#[async_trait]
impl NetworkFinder for FakeAws {
    async fn find_vpcs(&self, query: &VpcQuery) -> Result<Vec<Vpc>, AwsError> {
        let inner = self.call(EC2, "find_vpcs", query.id.as_deref().unwrap_or_default())?;
        Ok(inner
            .world
            .vpcs
            .iter()
            .filter(|v| query.id.as_ref().is_none_or(|id| *id == v.id))
            .filter(|v| query.tags.iter().all(|(k, val)| v.tags.get(k) == Some(val)))
            .cloned()
            .collect())
    }

    async fn find_subnets(
        &self,
        vpc_id: &str,
        tag: Option<(&str, &str)>,
    ) -> Result<Vec<Subnet>, AwsError> {
        let inner = self.call(EC2, "find_subnets", vpc_id)?;
        Ok(inner
            .world
            .subnets
            .iter()
            .filter(|s| s.vpc_id == vpc_id)
            .filter(|s| tag.is_none_or(|(k, v)| s.tags.get(k).map(String::as_str) == Some(v)))
            .cloned()
            .collect())
    }

    async fn find_subnets_by_ids(&self, ids: &[String]) -> Result<Vec<Subnet>, AwsError> {
        let inner = self.call(EC2, "find_subnets_by_ids", &ids.join(","))?;
        Ok(inner
            .world
            .subnets
            .iter()
            .filter(|s| ids.contains(&s.id))
            .cloned()
            .collect())
    }
}

#[async_trait]
impl SecurityGroups for FakeAws {
    async fn create_security_group(
        &self,
        vpc_id: &str,
        name: &str,
        description: &str,
        tags: &Tags,
    ) -> Result<String, AwsError> {
        let mut inner = self.call(EC2, "create_security_group", name)?;
        let world = &mut inner.world;
        if world
            .security_groups
            .values()
            .any(|g| g.vpc_id == vpc_id && g.name == name)
        {
            return Err(api_error(
                EC2,
                "InvalidGroup.Duplicate",
                &format!("The security group '{name}' already exists for VPC '{vpc_id}'"),
            ));
        }
        let id = format!("sg-{}", world.hex(17));
        world.security_groups.insert(
            id.clone(),
            SecurityGroup {
                id: id.clone(),
                name: name.into(),
                description: description.into(),
                vpc_id: vpc_id.into(),
                ingress: BTreeSet::new(),
                tags: tags.clone(),
            },
        );
        if let Some(lost) = inner.answer_lost(EC2, "create_security_group") {
            return Err(lost);
        }
        Ok(id)
    }

    async fn find_security_group(&self, id: &str) -> Result<Option<SecurityGroup>, AwsError> {
        let inner = self.call(EC2, "find_security_group", id)?;
        Ok(inner.world.security_groups.get(id).cloned())
    }

    async fn find_security_group_by_name(
        &self,
        vpc_id: &str,
        name: &str,
    ) -> Result<Option<SecurityGroup>, AwsError> {
        let inner = self.call(EC2, "find_security_group_by_name", name)?;
        Ok(inner
            .world
            .security_groups
            .values()
            .find(|g| g.vpc_id == vpc_id && g.name == name)
            .cloned())
    }

    async fn authorize_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError> {
        if sources.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "authorize_ingress", id)?;
        let group = group_mut(&mut inner.world.security_groups, id)?;
        group
            .ingress
            .extend(sources.iter().map(|s| (port, s.clone())));
        Ok(())
    }

    async fn revoke_ingress(
        &self,
        id: &str,
        port: i32,
        sources: &[IngressSource],
    ) -> Result<(), AwsError> {
        if sources.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "revoke_ingress", id)?;
        let group = group_mut(&mut inner.world.security_groups, id)?;
        for s in sources {
            group.ingress.remove(&(port, s.clone()));
        }
        Ok(())
    }

    async fn delete_security_group(&self, id: &str) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "delete_security_group", id)?;
        let now = Instant::now();
        let endpoint_uses = |w: &super::World| {
            w.vpc_endpoints
                .keys()
                .filter_map(|k| w.vpc_endpoint_view(k))
                .any(|e| e.security_group_ids.contains(id))
        };
        let in_use = inner.world.services.values().any(|s| {
            s.inactive_at.is_none_or(|t| t > now)
                && s.service.security_group_ids.iter().any(|g| g == id)
        }) || endpoint_uses(&inner.world);
        if in_use {
            return Err(api_error(
                EC2,
                "DependencyViolation",
                &format!("resource {id} has a dependent object"),
            ));
        }
        inner.world.security_groups.remove(id);
        Ok(())
    }
}

fn group_mut<'a>(
    groups: &'a mut std::collections::BTreeMap<String, SecurityGroup>,
    id: &str,
) -> Result<&'a mut SecurityGroup, AwsError> {
    groups.get_mut(id).ok_or_else(|| {
        api_error(
            EC2,
            "InvalidGroup.NotFound",
            &format!("The security group '{id}' does not exist"),
        )
    })
}

#[async_trait]
impl Ec2Tags for FakeAws {
    async fn set_ec2_tags(
        &self,
        resource_id: &str,
        old: &Tags,
        tags: &Tags,
    ) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "set_ec2_tags", resource_id)?;
        let world = &mut inner.world;
        let target = if let Some(g) = world.security_groups.get_mut(resource_id) {
            &mut g.tags
        } else if let Some(s) = world.endpoint_services.get_mut(resource_id) {
            &mut s.service.tags
        } else if let Some(e) = world.vpc_endpoints.get_mut(resource_id) {
            &mut e.endpoint.tags
        } else {
            return Err(api_error(
                EC2,
                "InvalidID",
                &format!("The ID '{resource_id}' is not valid"),
            ));
        };
        // Keys the caller did not know stay: set_ec2_tags changes by diff.
        let (upsert, remove) = crate::aws::tags::diff(old, tags);
        for k in remove {
            target.remove(&k);
        }
        target.extend(upsert);
        Ok(())
    }
}

fn endpoint_service_view(record: &super::EndpointServiceRecord) -> EndpointService {
    let mut s = record.service.clone();
    if s.state == "pending" && Instant::now() >= record.available_at {
        s.state = "available".into();
    }
    s.tags = without_aws_managed(s.tags);
    s
}

fn service_not_found(id: &str) -> AwsError {
    api_error(
        EC2,
        "InvalidVpcEndpointServiceId.NotFound",
        &format!("The VpcEndpointService Id '{id}' does not exist"),
    )
}

#[async_trait]
impl EndpointServices for FakeAws {
    async fn create_endpoint_service(
        &self,
        spec: &EndpointServiceSpec,
    ) -> Result<EndpointService, AwsError> {
        let mut inner = self.call(EC2, "create_endpoint_service", &spec.nlb_arn)?;
        let world = &mut inner.world;
        if let Some(existing) = world
            .endpoint_services
            .values()
            .find(|s| s.client_token == spec.client_token)
        {
            return Ok(endpoint_service_view(existing));
        }
        if let Some(deleted) = world.spent_endpoint_service_tokens.get(&spec.client_token) {
            return Ok(deleted.clone());
        }
        if !world.load_balancers.contains_key(&spec.nlb_arn) {
            return Err(api_error(
                EC2,
                "InvalidParameter",
                &format!("Load balancer {} not found", spec.nlb_arn),
            ));
        }
        if world
            .endpoint_services
            .values()
            .any(|s| s.service.nlb_arns.contains(&spec.nlb_arn))
        {
            return Err(api_error(
                EC2,
                "InvalidParameter",
                &format!(
                    "Load balancer {} is already associated with another VPC Endpoint Service",
                    spec.nlb_arn
                ),
            ));
        }
        let id = format!("vpce-svc-{}", world.hex(17));
        let service = EndpointService {
            id: id.clone(),
            service_name: format!("com.amazonaws.vpce.{REGION}.{id}"),
            state: "pending".into(),
            acceptance_required: spec.acceptance_required,
            nlb_arns: vec![spec.nlb_arn.clone()],
            private_dns_name: spec.private_dns_name.clone(),
            tags: spec.tags.clone(),
        };
        let zone_ids = world
            .load_balancers
            .get(&spec.nlb_arn)
            .map(|lb| {
                world
                    .subnets
                    .iter()
                    .filter(|s| lb.lb.subnet_ids.contains(&s.id))
                    .map(|s| s.availability_zone_id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let record = super::EndpointServiceRecord {
            service,
            client_token: spec.client_token.clone(),
            available_at: Instant::now() + ENDPOINT_SERVICE_PENDING,
            principals: BTreeSet::new(),
            connections: Vec::new(),
            zone_ids,
        };
        let view = endpoint_service_view(&record);
        world.endpoint_services.insert(id, record);
        Ok(view)
    }

    async fn find_endpoint_service(&self, id: &str) -> Result<Option<EndpointService>, AwsError> {
        let inner = self.call(EC2, "find_endpoint_service", id)?;
        Ok(inner
            .world
            .endpoint_services
            .get(id)
            .map(endpoint_service_view))
    }

    async fn set_acceptance_required(&self, id: &str, required: bool) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "set_acceptance_required", id)?;
        let record = inner
            .world
            .endpoint_services
            .get_mut(id)
            .ok_or_else(|| service_not_found(id))?;
        record.service.acceptance_required = required;
        Ok(())
    }

    async fn set_private_dns_name(&self, id: &str, name: Option<&str>) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "set_private_dns_name", id)?;
        let record = inner
            .world
            .endpoint_services
            .get_mut(id)
            .ok_or_else(|| service_not_found(id))?;
        record.service.private_dns_name = name.map(str::to_string);
        Ok(())
    }

    async fn allowed_principals(&self, id: &str) -> Result<BTreeSet<String>, AwsError> {
        let inner = self.call(EC2, "allowed_principals", id)?;
        let record = inner
            .world
            .endpoint_services
            .get(id)
            .ok_or_else(|| service_not_found(id))?;
        Ok(record.principals.clone())
    }

    async fn change_allowed_principals(
        &self,
        id: &str,
        add: &[String],
        remove: &[String],
    ) -> Result<(), AwsError> {
        if add.is_empty() && remove.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "change_allowed_principals", id)?;
        let record = inner
            .world
            .endpoint_services
            .get_mut(id)
            .ok_or_else(|| service_not_found(id))?;
        record.principals.extend(add.iter().cloned());
        for p in remove {
            record.principals.remove(p);
        }
        Ok(())
    }

    async fn endpoint_connections(&self, id: &str) -> Result<Vec<EndpointConnection>, AwsError> {
        let inner = self.call(EC2, "endpoint_connections", id)?;
        Ok(inner
            .world
            .endpoint_services
            .get(id)
            .map(|r| r.connections.clone())
            .unwrap_or_default())
    }

    async fn reject_endpoint_connections(
        &self,
        id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError> {
        if endpoint_ids.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(EC2, "reject_endpoint_connections", id)?;
        let Some(record) = inner.world.endpoint_services.get(id) else {
            return Err(service_not_found(id));
        };
        // As AWS: only a live connection can be rejected.
        if let Some(c) = record
            .connections
            .iter()
            .find(|c| endpoint_ids.contains(&c.endpoint_id) && !c.is_live())
        {
            return Err(api_error(
                EC2,
                "InvalidState",
                &format!("Endpoint {} is in state {}", c.endpoint_id, c.state),
            ));
        }
        for endpoint_id in endpoint_ids {
            inner
                .world
                .set_connection_state(id, endpoint_id, "rejected");
        }
        Ok(())
    }

    async fn delete_endpoint_service(&self, id: &str) -> Result<(), AwsError> {
        let mut inner = self.call(EC2, "delete_endpoint_service", id)?;
        let Some(record) = inner.world.endpoint_services.get(id) else {
            return Ok(());
        };
        if record.connections.iter().any(EndpointConnection::is_live) {
            return Err(api_error(
                EC2,
                "ExistingVpcEndpointConnections",
                &format!("Service {id} has existing VPC endpoint connections"),
            ));
        }
        inner.world.delete_endpoint_service(id);
        Ok(())
    }
}

#[async_trait]
impl NetworkInterfaces for FakeAws {
    async fn count_load_balancer_interfaces(
        &self,
        lb_resource_id: &str,
    ) -> Result<usize, AwsError> {
        let inner = self.call(EC2, "count_load_balancer_interfaces", lb_resource_id)?;
        let world = &inner.world;
        let live = world
            .load_balancers
            .values()
            .find(|l| l.lb.resource_id() == lb_resource_id)
            .map(|l| l.lb.subnet_ids.len());
        let lingering = world
            .lingering_interfaces
            .get(lb_resource_id)
            .filter(|t| **t > Instant::now())
            .map(|_| 2);
        Ok(live.or(lingering).unwrap_or(0))
    }
}
