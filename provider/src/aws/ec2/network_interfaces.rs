//! Network interfaces an NLB leaves behind for a while after deletion
//! (they block deleting its subnets and security groups).

use async_trait::async_trait;
use aws_sdk_ec2::types::Filter;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;

/// The IAM actions [`NetworkInterfaces`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &["ec2:DescribeNetworkInterfaces"];

#[async_trait]
pub trait NetworkInterfaces: Send + Sync {
    /// How many interfaces of the load balancer `net/<name>/<id>` remain.
    async fn count_load_balancer_interfaces(&self, lb_resource_id: &str)
    -> Result<usize, AwsError>;
}

#[async_trait]
impl NetworkInterfaces for AwsClients {
    async fn count_load_balancer_interfaces(
        &self,
        lb_resource_id: &str,
    ) -> Result<usize, AwsError> {
        let out = self
            .ec2
            .describe_network_interfaces()
            .filters(
                Filter::builder()
                    .name("description")
                    .values(format!("ELB {lb_resource_id}"))
                    .build(),
            )
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ec2, e))?;
        Ok(out.network_interfaces().len())
    }
}
