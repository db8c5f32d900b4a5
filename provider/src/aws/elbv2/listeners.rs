//! TCP listeners forwarding to one target group.

use async_trait::async_trait;
use aws_sdk_elasticloadbalancingv2::types::{Action, ActionTypeEnum, ProtocolEnum};

use super::NOT_FOUND;
use super::tags::sdk_tags;
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::describe;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`Listeners`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "elasticloadbalancing:CreateListener",
    "elasticloadbalancing:DeleteListener",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:ModifyListener",
];

/// A listener as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listener {
    pub arn: String,
    pub load_balancer_arn: String,
    pub port: i32,
    /// The target group the default action forwards to.
    pub target_group_arn: Option<String>,
}

#[async_trait]
pub trait Listeners: Send + Sync {
    async fn create_tcp_listener(
        &self,
        nlb_arn: &str,
        port: i32,
        target_group_arn: &str,
        tags: &Tags,
    ) -> Result<Listener, AwsError>;
    async fn find_listener(&self, arn: &str) -> Result<Option<Listener>, AwsError>;
    /// Every listener of a load balancer (used by import).
    async fn listeners_of(&self, nlb_arn: &str) -> Result<Vec<Listener>, AwsError>;
    async fn set_listener_port(&self, arn: &str, port: i32) -> Result<(), AwsError>;
    async fn delete_listener(&self, arn: &str) -> Result<(), AwsError>;
}

fn forward(target_group_arn: &str) -> Action {
    Action::builder()
        .r#type(ActionTypeEnum::Forward)
        .target_group_arn(target_group_arn)
        .build()
}

fn convert(l: &aws_sdk_elasticloadbalancingv2::types::Listener) -> Listener {
    Listener {
        arn: l.listener_arn().unwrap_or_default().to_string(),
        load_balancer_arn: l.load_balancer_arn().unwrap_or_default().to_string(),
        port: l.port().unwrap_or_default(),
        target_group_arn: l
            .default_actions()
            .iter()
            .find_map(|a| a.target_group_arn().map(str::to_string)),
    }
}

#[async_trait]
impl Listeners for AwsClients {
    async fn create_tcp_listener(
        &self,
        nlb_arn: &str,
        port: i32,
        target_group_arn: &str,
        tags: &Tags,
    ) -> Result<Listener, AwsError> {
        let out = self
            .elbv2
            .create_listener()
            .load_balancer_arn(nlb_arn)
            .protocol(ProtocolEnum::Tcp)
            .port(port)
            .default_actions(forward(target_group_arn))
            .set_tags((!tags.is_empty()).then(|| sdk_tags(tags)))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        out.listeners()
            .first()
            .map(convert)
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Elbv2,
                message: "CreateListener returned no listener".into(),
            })
    }

    async fn find_listener(&self, arn: &str) -> Result<Option<Listener>, AwsError> {
        let (client, endpoint) = (self.elbv2.clone(), self.endpoint(AwsApi::Elbv2).clone());
        let describe = describe(move |_, arns| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_listeners()
                    .set_listener_arns(Some(arns))
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Elbv2, &endpoint, e))?;
                Ok(out
                    .listeners()
                    .iter()
                    .map(|l| (l.listener_arn().unwrap_or_default().to_string(), convert(l)))
                    .collect())
            }
        });
        self.lookups.listeners.find("", arn, describe).await
    }

    async fn listeners_of(&self, nlb_arn: &str) -> Result<Vec<Listener>, AwsError> {
        let out = self
            .elbv2
            .describe_listeners()
            .load_balancer_arn(nlb_arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(out.listeners().iter().map(convert).collect())
    }

    async fn set_listener_port(&self, arn: &str, port: i32) -> Result<(), AwsError> {
        self.elbv2
            .modify_listener()
            .listener_arn(arn)
            .port(port)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(())
    }

    async fn delete_listener(&self, arn: &str) -> Result<(), AwsError> {
        self.elbv2
            .delete_listener()
            .listener_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))
            .ok_on(NOT_FOUND)
    }
}
