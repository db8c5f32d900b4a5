//! The service owner's side of one consumer's connection: finding it and
//! accepting it (the endpoint leaves `pendingAcceptance`).

use async_trait::async_trait;
use aws_sdk_ec2::types::Filter;

use super::endpoint_services::{EndpointConnection, EndpointServices};
use super::unsuccessful::check_unsuccessful;
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;

/// The IAM actions [`EndpointConnections`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ec2:AcceptVpcEndpointConnections",
    "ec2:DescribeVpcEndpointConnections",
];

/// Connections to the caller's endpoint services, one at a time.
#[async_trait]
pub trait EndpointConnections: Send + Sync {
    /// The connection of endpoint `endpoint_id` to service `service_id`;
    /// `None` when there is none (the endpoint is gone or targets another
    /// service).
    async fn find_endpoint_connection(
        &self,
        service_id: &str,
        endpoint_id: &str,
    ) -> Result<Option<EndpointConnection>, AwsError>;
    /// Accepts the endpoints' connection requests; any endpoint AWS could
    /// not accept fails the call with AWS's code and reason.
    async fn accept_endpoint_connections(
        &self,
        service_id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError>;
}

/// Accepts `endpoint_id`'s connection to `service_id`. AWS refuses to
/// accept a connection no longer waiting (`InvalidState`), which is what
/// the SDK's retry of an accept whose answer was lost meets: a connection
/// found accepted (`pending` or `available`) after that refusal is done.
pub async fn accept_endpoint_connection<A: EndpointConnections + ?Sized>(
    api: &A,
    service_id: &str,
    endpoint_id: &str,
) -> Result<(), AwsError> {
    let accepted = api
        .accept_endpoint_connections(service_id, &[endpoint_id.to_string()])
        .await;
    match accepted {
        Err(e) if e.is_code(&["InvalidState"]) => {
            match api.find_endpoint_connection(service_id, endpoint_id).await {
                Ok(Some(c)) if matches!(c.state.as_str(), "pending" | "available") => Ok(()),
                _ => Err(e),
            }
        }
        other => other,
    }
}

/// Rejects `endpoint_id`'s connection to `service_id`. As with
/// [`accept_endpoint_connection`], a refusal (`InvalidState`) after which
/// the connection is no longer live (rejected, or gone) is done: the retry
/// of a reject whose answer was lost meets it.
pub async fn reject_endpoint_connection<A: EndpointConnections + EndpointServices + ?Sized>(
    api: &A,
    service_id: &str,
    endpoint_id: &str,
) -> Result<(), AwsError> {
    let rejected = api
        .reject_endpoint_connections(service_id, &[endpoint_id.to_string()])
        .await;
    match rejected {
        Err(e) if e.is_code(&["InvalidState"]) => {
            match api.find_endpoint_connection(service_id, endpoint_id).await {
                Ok(c) if !c.as_ref().is_some_and(EndpointConnection::is_live) => Ok(()),
                _ => Err(e),
            }
        }
        other => other,
    }
}

/// The connection of `endpoint_id` among `connections` (a filter the
/// server ignores must not pick another endpoint's).
fn connection_of(
    connections: &[aws_sdk_ec2::types::VpcEndpointConnection],
    endpoint_id: &str,
) -> Option<EndpointConnection> {
    connections
        .iter()
        .map(EndpointConnection::from_sdk)
        .find(|c| c.endpoint_id == endpoint_id)
}

#[async_trait]
impl EndpointConnections for AwsClients {
    async fn find_endpoint_connection(
        &self,
        service_id: &str,
        endpoint_id: &str,
    ) -> Result<Option<EndpointConnection>, AwsError> {
        let mut pages = self
            .ec2
            .describe_vpc_endpoint_connections()
            .filters(
                Filter::builder()
                    .name("service-id")
                    .values(service_id)
                    .build(),
            )
            .filters(
                Filter::builder()
                    .name("vpc-endpoint-id")
                    .values(endpoint_id)
                    .build(),
            )
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| self.error(AwsApi::Ec2, e))?;
            if let Some(c) = connection_of(page.vpc_endpoint_connections(), endpoint_id) {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    async fn accept_endpoint_connections(
        &self,
        service_id: &str,
        endpoint_ids: &[String],
    ) -> Result<(), AwsError> {
        if endpoint_ids.is_empty() {
            return Ok(());
        }
        let out = self
            .ec2
            .accept_vpc_endpoint_connections()
            .service_id(service_id)
            .set_vpc_endpoint_ids(Some(endpoint_ids.to_vec()))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        check_unsuccessful(AwsApi::Ec2, out.unsuccessful(), &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ec2::types::{State, VpcEndpointConnection};

    fn sdk_connection(endpoint_id: &str, state: State) -> VpcEndpointConnection {
        VpcEndpointConnection::builder()
            .service_id("vpce-svc-0123")
            .vpc_endpoint_id(endpoint_id)
            .vpc_endpoint_owner("222222222222")
            .vpc_endpoint_state(state)
            .build()
    }

    #[test]
    fn converts_a_connection() {
        assert_eq!(
            EndpointConnection::from_sdk(&sdk_connection("vpce-1", State::PendingAcceptance)),
            EndpointConnection {
                endpoint_id: "vpce-1".into(),
                owner: "222222222222".into(),
                state: "pendingacceptance".into(),
            }
        );
        // moto's lower-case states arrive as Unknown.
        assert_eq!(
            EndpointConnection::from_sdk(&sdk_connection("vpce-1", State::from("available"))).state,
            "available"
        );
        assert_eq!(
            EndpointConnection::from_sdk(&VpcEndpointConnection::builder().build()).state,
            ""
        );
    }

    #[test]
    fn picks_the_wanted_endpoint_only() {
        let connections = [
            sdk_connection("vpce-1", State::Available),
            sdk_connection("vpce-2", State::PendingAcceptance),
        ];
        assert_eq!(
            connection_of(&connections, "vpce-2").map(|c| c.state),
            Some("pendingacceptance".to_string())
        );
        assert_eq!(connection_of(&connections, "vpce-3"), None);
    }
}
