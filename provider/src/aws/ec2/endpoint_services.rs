//! VPC endpoint services (PrivateLink) on a network load balancer: their
//! allowed principals and the endpoint connections consumers open.

use std::collections::BTreeSet;

use async_trait::async_trait;
use aws_sdk_ec2::types::{Filter, ResourceType};

use super::tags::{tag_specification, tags_of};
use super::unsuccessful::check_unsuccessful;
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::describe;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`EndpointServices`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ec2:CreateVpcEndpointServiceConfiguration",
    "ec2:DeleteVpcEndpointServiceConfigurations",
    "ec2:DescribeVpcEndpointConnections",
    "ec2:DescribeVpcEndpointServiceConfigurations",
    "ec2:DescribeVpcEndpointServicePermissions",
    "ec2:ModifyVpcEndpointServiceConfiguration",
    "ec2:ModifyVpcEndpointServicePermissions",
    "ec2:RejectVpcEndpointConnections",
];

/// What to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointServiceSpec {
    pub nlb_arn: String,
    pub acceptance_required: bool,
    pub private_dns_name: Option<String>,
    pub tags: Tags,
    /// Idempotency token: retrying with the same token never makes two.
    pub client_token: String,
}

/// An endpoint service configuration as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointService {
    pub id: String,
    /// What consumers put in their interface endpoint.
    pub service_name: String,
    /// Lower case: `pending`, `available`, `deleting`, `deleted`, `failed`.
    pub state: String,
    pub acceptance_required: bool,
    pub nlb_arns: Vec<String>,
    pub private_dns_name: Option<String>,
    pub tags: Tags,
}

/// One consumer's interface endpoint connected to a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointConnection {
    pub endpoint_id: String,
    pub owner: String,
    /// Lower case: `pendingacceptance`, `pending`, `available`, `rejected`, ...
    pub state: String,
}

impl EndpointConnection {
    /// The connection as DescribeVpcEndpointConnections reports it (state
    /// lower-cased: emulators' states decode as unknown enum values).
    pub(crate) fn from_sdk(c: &aws_sdk_ec2::types::VpcEndpointConnection) -> Self {
        EndpointConnection {
            endpoint_id: c.vpc_endpoint_id().unwrap_or_default().to_string(),
            owner: c.vpc_endpoint_owner().unwrap_or_default().to_string(),
            state: c
                .vpc_endpoint_state()
                .map(|s| s.as_str().to_ascii_lowercase())
                .unwrap_or_default(),
        }
    }

    /// Connections that keep the service from being deleted.
    pub fn is_live(&self) -> bool {
        matches!(
            self.state.as_str(),
            "pendingacceptance" | "pending" | "available"
        )
    }
}

#[async_trait]
pub trait EndpointServices: Send + Sync {
    async fn create_endpoint_service(
        &self,
        spec: &EndpointServiceSpec,
    ) -> Result<EndpointService, AwsError>;
    async fn find_endpoint_service(&self, id: &str) -> Result<Option<EndpointService>, AwsError>;
    async fn set_acceptance_required(&self, id: &str, required: bool) -> Result<(), AwsError>;
    async fn set_private_dns_name(&self, id: &str, name: Option<&str>) -> Result<(), AwsError>;
    async fn allowed_principals(&self, id: &str) -> Result<BTreeSet<String>, AwsError>;
    async fn change_allowed_principals(
        &self,
        id: &str,
        add: &[String],
        remove: &[String],
    ) -> Result<(), AwsError>;
    async fn endpoint_connections(&self, id: &str) -> Result<Vec<EndpointConnection>, AwsError>;
    async fn reject_endpoint_connections(
        &self,
        id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError>;
    /// Deletes; fails (with AWS's reason) when connections remain.
    async fn delete_endpoint_service(&self, id: &str) -> Result<(), AwsError>;
}

pub(crate) const NOT_FOUND: &[&str] = &[
    "InvalidVpcEndpointServiceId.NotFound",
    "InvalidVpcEndpointService.NotFound",
];

fn convert(c: &aws_sdk_ec2::types::ServiceConfiguration) -> EndpointService {
    EndpointService {
        id: c.service_id().unwrap_or_default().to_string(),
        service_name: c.service_name().unwrap_or_default().to_string(),
        state: c
            .service_state()
            .map(|s| s.as_str().to_ascii_lowercase())
            .unwrap_or_default(),
        acceptance_required: c.acceptance_required().unwrap_or(true),
        nlb_arns: c.network_load_balancer_arns().to_vec(),
        private_dns_name: c
            .private_dns_name()
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        tags: tags_of(c.tags()),
    }
}

#[async_trait]
impl EndpointServices for AwsClients {
    async fn create_endpoint_service(
        &self,
        spec: &EndpointServiceSpec,
    ) -> Result<EndpointService, AwsError> {
        let out = self
            .ec2
            .create_vpc_endpoint_service_configuration()
            .network_load_balancer_arns(&spec.nlb_arn)
            .acceptance_required(spec.acceptance_required)
            .set_private_dns_name(spec.private_dns_name.clone())
            .client_token(&spec.client_token)
            .set_tag_specifications(
                tag_specification(ResourceType::VpcEndpointService, &spec.tags).map(|t| vec![t]),
            )
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        out.service_configuration()
            .map(convert)
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Ec2,
                message: "CreateVpcEndpointServiceConfiguration returned no configuration".into(),
            })
    }

    async fn find_endpoint_service(&self, id: &str) -> Result<Option<EndpointService>, AwsError> {
        let (client, endpoint) = (self.ec2.clone(), self.endpoint(AwsApi::Ec2).clone());
        let describe = describe(move |_, ids| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_vpc_endpoint_service_configurations()
                    .set_service_ids(Some(ids))
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Ec2, &endpoint, e))?;
                Ok(out
                    .service_configurations()
                    .iter()
                    .map(|s| (s.service_id().unwrap_or_default().to_string(), convert(s)))
                    .collect())
            }
        });
        let found = self
            .lookups
            .endpoint_services
            .find("", id, describe)
            .await?;
        Ok(found.filter(|s| s.state != "deleted"))
    }

    async fn set_acceptance_required(&self, id: &str, required: bool) -> Result<(), AwsError> {
        self.ec2
            .modify_vpc_endpoint_service_configuration()
            .service_id(id)
            .acceptance_required(required)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(())
    }

    async fn set_private_dns_name(&self, id: &str, name: Option<&str>) -> Result<(), AwsError> {
        let request = self
            .ec2
            .modify_vpc_endpoint_service_configuration()
            .service_id(id);
        let request = match name {
            Some(n) => request.private_dns_name(n),
            None => request.remove_private_dns_name(true),
        };
        request
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(())
    }

    async fn allowed_principals(&self, id: &str) -> Result<BTreeSet<String>, AwsError> {
        let mut pages = self
            .ec2
            .describe_vpc_endpoint_service_permissions()
            .service_id(id)
            .into_paginator()
            .send();
        let mut principals = BTreeSet::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            principals.extend(
                page.allowed_principals()
                    .iter()
                    .filter_map(|p| p.principal().map(str::to_string)),
            );
        }
        Ok(principals)
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
        self.ec2
            .modify_vpc_endpoint_service_permissions()
            .service_id(id)
            .set_add_allowed_principals((!add.is_empty()).then(|| add.to_vec()))
            .set_remove_allowed_principals((!remove.is_empty()).then(|| remove.to_vec()))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(())
    }

    async fn endpoint_connections(&self, id: &str) -> Result<Vec<EndpointConnection>, AwsError> {
        let mut pages = self
            .ec2
            .describe_vpc_endpoint_connections()
            .filters(Filter::builder().name("service-id").values(id).build())
            .into_paginator()
            .send();
        let mut connections = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            connections.extend(
                page.vpc_endpoint_connections()
                    .iter()
                    .map(EndpointConnection::from_sdk),
            );
        }
        Ok(connections)
    }

    async fn reject_endpoint_connections(
        &self,
        id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError> {
        if endpoint_ids.is_empty() {
            return Ok(());
        }
        let out = self
            .ec2
            .reject_vpc_endpoint_connections()
            .service_id(id)
            .set_vpc_endpoint_ids(Some(endpoint_ids.to_vec()))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        check_unsuccessful(AwsApi::Ec2, out.unsuccessful(), &[])
    }

    async fn delete_endpoint_service(&self, id: &str) -> Result<(), AwsError> {
        self.ec2
            .delete_vpc_endpoint_service_configurations()
            .service_ids(id)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))
            // A 200 can still carry a failure per id.
            .and_then(|out| check_unsuccessful(AwsApi::Ec2, out.unsuccessful(), &[]))
            .ok_on(NOT_FOUND)
    }
}
