//! CloudWatch log groups for the tasks' awslogs driver.

use async_trait::async_trait;

use super::clients::AwsClients;
use super::coalesce::describe;
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

fn convert(g: &aws_sdk_cloudwatchlogs::types::LogGroup) -> LogGroup {
    LogGroup {
        name: g.log_group_name().unwrap_or_default().to_string(),
        arn: g
            .arn()
            .unwrap_or_default()
            .trim_end_matches(":*")
            .to_string(),
        retention_days: g.retention_in_days(),
    }
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
        let (client, endpoint) = (self.logs.clone(), self.endpoint(AwsApi::Logs).clone());
        let describe = describe(move |_, names: Vec<String>| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let error = |e| AwsError::from_sdk(AwsApi::Logs, &endpoint, e);
                let out = client
                    .describe_log_groups()
                    .set_log_group_identifiers(Some(names.clone()))
                    .send()
                    .await
                    .map_err(error)?;
                let answered: Vec<LogGroup> = out.log_groups().iter().map(convert).collect();
                if answered.iter().all(|g| names.contains(&g.name)) {
                    return Ok(answered.into_iter().map(|g| (g.name.clone(), g)).collect());
                }
                // An endpoint that ignores the identifiers lists other
                // groups: look each name up by its prefix instead.
                let mut found = Vec::new();
                for name in names {
                    let mut pages = client
                        .describe_log_groups()
                        .log_group_name_prefix(&name)
                        .into_paginator()
                        .items()
                        .send();
                    while let Some(group) = pages.next().await {
                        let group = convert(&group.map_err(error)?);
                        if group.name == name {
                            found.push((name, group));
                            break;
                        }
                    }
                }
                Ok(found)
            }
        });
        self.lookups.log_groups.find("", name, describe).await
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
