//! Acting in another account through an IAM role, for the one job a
//! consumer needs there: accepting its endpoint's connection as the
//! service owner.

use std::sync::Arc;

use async_trait::async_trait;

use super::clients::AwsClients;
use super::ec2::EndpointConnections;
use super::errors::AwsError;
use super::settings::AssumeRole;

/// Assumes a role in the service owner's account.
#[async_trait]
pub trait ServiceOwnerRole: Send + Sync {
    /// The owner's endpoint connections, reached as `role`. Fails when the
    /// role cannot be assumed.
    async fn as_service_owner(
        &self,
        role: &AssumeRole,
    ) -> Result<Arc<dyn EndpointConnections>, AwsError>;
}

#[async_trait]
impl ServiceOwnerRole for AwsClients {
    async fn as_service_owner(
        &self,
        role: &AssumeRole,
    ) -> Result<Arc<dyn EndpointConnections>, AwsError> {
        let (clients, identity) = self.assume(role).await?;
        tracing::debug!(role = %role.role_arn, account = %identity.account_id, "assumed the service owner's role");
        Ok(Arc::new(clients))
    }
}
