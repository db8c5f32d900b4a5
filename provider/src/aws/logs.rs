//! CloudWatch log groups for the tasks' awslogs driver.

use async_trait::async_trait;

use super::clients::AwsClients;
use super::endpoints::AwsApi;
use super::errors::AwsError;
use super::tags::{Tags, apply_diff, without_aws_managed};
use crate::aws::outcome::Outcome;

/// The IAM actions [`LogGroups`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "logs:CreateLogGroup",
    "logs:DeleteLogGroup",
    "logs:DescribeLogGroups",
    "logs:ListTagsForResource",
    "logs:PutRetentionPolicy",
    "logs:TagResource",
    "logs:UntagResource",
];

/// A log group as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogGroup {
    pub name: String,
    /// Without the trailing `:*`.
    pub arn: String,
    pub retention_days: Option<i32>,
}

#[async_trait]
pub trait LogGroups: Send + Sync {
    /// Creates the group, or adopts it when it already exists.
    async fn ensure_log_group(&self, name: &str, tags: &Tags) -> Result<LogGroup, AwsError>;
    async fn find_log_group(&self, name: &str) -> Result<Option<LogGroup>, AwsError>;
    async fn set_log_retention(&self, name: &str, days: i32) -> Result<(), AwsError>;
    async fn log_group_tags(&self, arn: &str) -> Result<Tags, AwsError>;
    async fn set_log_group_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError>;
    async fn delete_log_group(&self, name: &str) -> Result<(), AwsError>;
}

const NOT_FOUND: &[&str] = &["ResourceNotFoundException"];

#[async_trait]
impl LogGroups for AwsClients {
    async fn ensure_log_group(&self, name: &str, tags: &Tags) -> Result<LogGroup, AwsError> {
        self.logs
            .create_log_group()
            .log_group_name(name)
            .set_tags((!tags.is_empty()).then(|| tags.clone().into_iter().collect()))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Logs, e))
            .ok_on(&["ResourceAlreadyExistsException"])?;
        self.find_log_group(name)
            .await?
            .ok_or_else(|| AwsError::Other {
                service: AwsApi::Logs,
                message: format!("log group {name} not found right after creating it"),
            })
    }

    async fn find_log_group(&self, name: &str) -> Result<Option<LogGroup>, AwsError> {
        let out = self
            .logs
            .describe_log_groups()
            .log_group_name_prefix(name)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Logs, e))?;
        Ok(out
            .log_groups()
            .iter()
            .find(|g| g.log_group_name() == Some(name))
            .map(|g| LogGroup {
                name: name.to_string(),
                arn: g
                    .arn()
                    .unwrap_or_default()
                    .trim_end_matches(":*")
                    .to_string(),
                retention_days: g.retention_in_days(),
            }))
    }

    async fn set_log_retention(&self, name: &str, days: i32) -> Result<(), AwsError> {
        self.logs
            .put_retention_policy()
            .log_group_name(name)
            .retention_in_days(days)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Logs, e))?;
        Ok(())
    }

    async fn log_group_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let out = self
            .logs
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Logs, e))?;
        Ok(without_aws_managed(
            out.tags()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .collect(),
        ))
    }

    async fn set_log_group_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let remove = |keys| async move {
            self.logs
                .untag_resource()
                .resource_arn(arn)
                .set_tag_keys(Some(keys))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Logs, e))
        };
        let upsert = |upsert: Tags| async move {
            self.logs
                .tag_resource()
                .resource_arn(arn)
                .set_tags(Some(upsert.into_iter().collect()))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Logs, e))
        };
        apply_diff(old, tags, remove, upsert).await
    }

    async fn delete_log_group(&self, name: &str) -> Result<(), AwsError> {
        self.logs
            .delete_log_group()
            .log_group_name(name)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Logs, e))
            .ok_on(NOT_FOUND)
    }
}
