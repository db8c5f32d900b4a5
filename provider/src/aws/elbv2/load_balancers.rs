//! Internal network load balancers.

use async_trait::async_trait;
use aws_sdk_elasticloadbalancingv2::types::{LoadBalancerSchemeEnum, LoadBalancerTypeEnum};

use super::NOT_FOUND;
use super::tags::sdk_tags;
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::describe;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`LoadBalancers`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:DeleteLoadBalancer",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:ModifyLoadBalancerAttributes",
];

/// A load balancer as the provider needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadBalancer {
    pub arn: String,
    pub name: String,
    pub dns_name: String,
    pub vpc_id: String,
    /// `provisioning`, `active`, `active_impaired` or `failed`.
    pub state: String,
    pub subnet_ids: Vec<String>,
    pub internal: bool,
}

impl LoadBalancer {
    /// The id part of the ARN (`net/<name>/<id>`), which also names its
    /// network interfaces (`ELB net/<name>/<id>`).
    pub fn resource_id(&self) -> &str {
        self.arn
            .split_once(":loadbalancer/")
            .map(|(_, r)| r)
            .unwrap_or_default()
    }
}

#[async_trait]
pub trait LoadBalancers: Send + Sync {
    /// Creates an internal NLB (idempotent by name for the same settings).
    async fn create_nlb(
        &self,
        name: &str,
        subnet_ids: &[String],
        tags: &Tags,
    ) -> Result<LoadBalancer, AwsError>;
    async fn find_load_balancer(&self, arn: &str) -> Result<Option<LoadBalancer>, AwsError>;
    async fn delete_load_balancer(&self, arn: &str) -> Result<(), AwsError>;
    /// Whether the load balancer spreads traffic over every zone's
    /// targets (`load_balancing.cross_zone.enabled`; off by default on
    /// network load balancers).
    async fn cross_zone_enabled(&self, arn: &str) -> Result<bool, AwsError>;
    async fn set_cross_zone(&self, arn: &str, enabled: bool) -> Result<(), AwsError>;
}

/// The load balancer attribute of cross-zone load balancing.
const CROSS_ZONE: &str = "load_balancing.cross_zone.enabled";

fn convert(lb: &aws_sdk_elasticloadbalancingv2::types::LoadBalancer) -> LoadBalancer {
    LoadBalancer {
        arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
        name: lb.load_balancer_name().unwrap_or_default().to_string(),
        dns_name: lb.dns_name().unwrap_or_default().to_string(),
        vpc_id: lb.vpc_id().unwrap_or_default().to_string(),
        state: lb
            .state()
            .and_then(|s| s.code())
            .map(|c| c.as_str().to_ascii_lowercase())
            .unwrap_or_default(),
        subnet_ids: lb
            .availability_zones()
            .iter()
            .filter_map(|z| z.subnet_id().map(str::to_string))
            .collect(),
        internal: lb.scheme() == Some(&LoadBalancerSchemeEnum::Internal),
    }
}

#[async_trait]
impl LoadBalancers for AwsClients {
    async fn create_nlb(
        &self,
        name: &str,
        subnet_ids: &[String],
        tags: &Tags,
    ) -> Result<LoadBalancer, AwsError> {
        let out = self
            .elbv2
            .create_load_balancer()
            .name(name)
            .r#type(LoadBalancerTypeEnum::Network)
            .scheme(LoadBalancerSchemeEnum::Internal)
            .set_subnets(Some(subnet_ids.to_vec()))
            .set_tags((!tags.is_empty()).then(|| sdk_tags(tags)))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        out.load_balancers()
            .first()
            .map(convert)
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Elbv2,
                message: "CreateLoadBalancer returned no load balancer".into(),
            })
    }

    async fn find_load_balancer(&self, arn: &str) -> Result<Option<LoadBalancer>, AwsError> {
        let (client, endpoint) = (self.elbv2.clone(), self.endpoint(AwsApi::Elbv2).clone());
        let describe = describe(move |_, arns| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_load_balancers()
                    .set_load_balancer_arns(Some(arns))
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Elbv2, &endpoint, e))?;
                Ok(out
                    .load_balancers()
                    .iter()
                    .map(|lb| {
                        (
                            lb.load_balancer_arn().unwrap_or_default().to_string(),
                            convert(lb),
                        )
                    })
                    .collect())
            }
        });
        self.lookups.load_balancers.find("", arn, describe).await
    }

    async fn delete_load_balancer(&self, arn: &str) -> Result<(), AwsError> {
        self.elbv2
            .delete_load_balancer()
            .load_balancer_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))
            .ok_on(NOT_FOUND)
    }

    async fn cross_zone_enabled(&self, arn: &str) -> Result<bool, AwsError> {
        let out = self
            .elbv2
            .describe_load_balancer_attributes()
            .load_balancer_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(out
            .attributes()
            .iter()
            .find(|a| a.key() == Some(CROSS_ZONE))
            .and_then(|a| a.value())
            .is_some_and(|v| v.eq_ignore_ascii_case("true")))
    }

    async fn set_cross_zone(&self, arn: &str, enabled: bool) -> Result<(), AwsError> {
        self.elbv2
            .modify_load_balancer_attributes()
            .load_balancer_arn(arn)
            .attributes(
                aws_sdk_elasticloadbalancingv2::types::LoadBalancerAttribute::builder()
                    .key(CROSS_ZONE)
                    .value(enabled.to_string())
                    .build(),
            )
            .send()
            .await
            .map(|_| ())
            .map_err(|e| self.error(AwsApi::Elbv2, e))
    }
}
