//! IP target groups for Fargate tasks, with an HTTP health check.

use async_trait::async_trait;
use aws_sdk_elasticloadbalancingv2::types::{
    Matcher, ProtocolEnum, TargetGroupAttribute, TargetTypeEnum,
};

use super::NOT_FOUND;
use super::tags::sdk_tags;
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::describe;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`TargetGroups`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "elasticloadbalancing:CreateTargetGroup",
    "elasticloadbalancing:DeleteTargetGroup",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:ModifyTargetGroup",
    "elasticloadbalancing:ModifyTargetGroupAttributes",
];

/// The HTTP health check of a target group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthCheck {
    pub path: String,
    /// `traffic-port` or a port number.
    pub port: String,
    /// HTTP codes, e.g. `200` or `200-399`.
    pub matcher: String,
    pub interval_seconds: i32,
    pub timeout_seconds: i32,
    pub healthy_threshold: i32,
    pub unhealthy_threshold: i32,
}

/// What to create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetGroupSpec {
    pub name: String,
    pub vpc_id: String,
    pub port: i32,
    pub health_check: HealthCheck,
    pub deregistration_delay: i32,
    pub tags: Tags,
}

/// A target group as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetGroup {
    pub arn: String,
    pub name: String,
    pub port: i32,
    pub vpc_id: String,
    pub health_check: HealthCheck,
    pub load_balancer_arns: Vec<String>,
}

const DEREGISTRATION_DELAY: &str = "deregistration_delay.timeout_seconds";

#[async_trait]
pub trait TargetGroups: Send + Sync {
    async fn create_target_group(&self, spec: &TargetGroupSpec) -> Result<TargetGroup, AwsError>;
    async fn find_target_group(&self, arn: &str) -> Result<Option<TargetGroup>, AwsError>;
    async fn set_health_check(&self, arn: &str, health_check: &HealthCheck)
    -> Result<(), AwsError>;
    async fn deregistration_delay(&self, arn: &str) -> Result<i32, AwsError>;
    async fn set_deregistration_delay(&self, arn: &str, seconds: i32) -> Result<(), AwsError>;
    async fn delete_target_group(&self, arn: &str) -> Result<(), AwsError>;
}

fn convert(tg: &aws_sdk_elasticloadbalancingv2::types::TargetGroup) -> TargetGroup {
    TargetGroup {
        arn: tg.target_group_arn().unwrap_or_default().to_string(),
        name: tg.target_group_name().unwrap_or_default().to_string(),
        port: tg.port().unwrap_or_default(),
        vpc_id: tg.vpc_id().unwrap_or_default().to_string(),
        health_check: HealthCheck {
            path: tg.health_check_path().unwrap_or("/").to_string(),
            port: tg.health_check_port().unwrap_or("traffic-port").to_string(),
            matcher: tg
                .matcher()
                .and_then(|m| m.http_code())
                .unwrap_or("200-399")
                .to_string(),
            interval_seconds: tg.health_check_interval_seconds().unwrap_or(30),
            timeout_seconds: tg.health_check_timeout_seconds().unwrap_or(6),
            healthy_threshold: tg.healthy_threshold_count().unwrap_or(5),
            unhealthy_threshold: tg.unhealthy_threshold_count().unwrap_or(2),
        },
        load_balancer_arns: tg.load_balancer_arns().to_vec(),
    }
}

#[async_trait]
impl TargetGroups for AwsClients {
    async fn create_target_group(&self, spec: &TargetGroupSpec) -> Result<TargetGroup, AwsError> {
        let hc = &spec.health_check;
        let out = self
            .elbv2
            .create_target_group()
            .name(&spec.name)
            .protocol(ProtocolEnum::Tcp)
            .port(spec.port)
            .vpc_id(&spec.vpc_id)
            .target_type(TargetTypeEnum::Ip)
            .health_check_enabled(true)
            .health_check_protocol(ProtocolEnum::Http)
            .health_check_path(&hc.path)
            .health_check_port(&hc.port)
            .matcher(Matcher::builder().http_code(&hc.matcher).build())
            .health_check_interval_seconds(hc.interval_seconds)
            .health_check_timeout_seconds(hc.timeout_seconds)
            .healthy_threshold_count(hc.healthy_threshold)
            .unhealthy_threshold_count(hc.unhealthy_threshold)
            .set_tags((!spec.tags.is_empty()).then(|| sdk_tags(&spec.tags)))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        let tg = out
            .target_groups()
            .first()
            .map(convert)
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Elbv2,
                message: "CreateTargetGroup returned no target group".into(),
            })?;
        self.set_deregistration_delay(&tg.arn, spec.deregistration_delay)
            .await?;
        Ok(tg)
    }

    async fn find_target_group(&self, arn: &str) -> Result<Option<TargetGroup>, AwsError> {
        let (client, endpoint) = (self.elbv2.clone(), self.endpoint(AwsApi::Elbv2).clone());
        let describe = describe(move |_, arns| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_target_groups()
                    .set_target_group_arns(Some(arns))
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Elbv2, &endpoint, e))?;
                Ok(out
                    .target_groups()
                    .iter()
                    .map(|tg| {
                        (
                            tg.target_group_arn().unwrap_or_default().to_string(),
                            convert(tg),
                        )
                    })
                    .collect())
            }
        });
        self.lookups.target_groups.find("", arn, describe).await
    }

    async fn set_health_check(&self, arn: &str, hc: &HealthCheck) -> Result<(), AwsError> {
        self.elbv2
            .modify_target_group()
            .target_group_arn(arn)
            .health_check_enabled(true)
            .health_check_protocol(ProtocolEnum::Http)
            .health_check_path(&hc.path)
            .health_check_port(&hc.port)
            .matcher(Matcher::builder().http_code(&hc.matcher).build())
            .health_check_interval_seconds(hc.interval_seconds)
            .health_check_timeout_seconds(hc.timeout_seconds)
            .healthy_threshold_count(hc.healthy_threshold)
            .unhealthy_threshold_count(hc.unhealthy_threshold)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(())
    }

    async fn deregistration_delay(&self, arn: &str) -> Result<i32, AwsError> {
        let out = self
            .elbv2
            .describe_target_group_attributes()
            .target_group_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(out
            .attributes()
            .iter()
            .find(|a| a.key() == Some(DEREGISTRATION_DELAY))
            .and_then(|a| a.value())
            .and_then(|v| v.parse().ok())
            .unwrap_or(300))
    }

    async fn set_deregistration_delay(&self, arn: &str, seconds: i32) -> Result<(), AwsError> {
        self.elbv2
            .modify_target_group_attributes()
            .target_group_arn(arn)
            .attributes(
                TargetGroupAttribute::builder()
                    .key(DEREGISTRATION_DELAY)
                    .value(seconds.to_string())
                    .build(),
            )
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        Ok(())
    }

    async fn delete_target_group(&self, arn: &str) -> Result<(), AwsError> {
        self.elbv2
            .delete_target_group()
            .target_group_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))
            .ok_on(NOT_FOUND)
    }
}
