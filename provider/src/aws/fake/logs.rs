//! CloudWatch Logs in memory: log groups, retention and tags.

use async_trait::async_trait;

use super::world::{ACCOUNT, REGION, Tagged};
use super::{FakeAws, api_error};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::logs::{LogGroup, LogGroups};
use crate::aws::tags::{Tags, diff, without_aws_managed};

const LOGS: AwsApi = AwsApi::Logs;

fn not_found() -> AwsError {
    api_error(
        LOGS,
        "ResourceNotFoundException",
        "The specified log group does not exist.",
    )
}

#[async_trait]
impl LogGroups for FakeAws {
    async fn ensure_log_group(&self, name: &str, tags: &Tags) -> Result<LogGroup, AwsError> {
        let mut inner = self.call(LOGS, "ensure_log_group", name)?;
        let record = inner
            .world
            .log_groups
            .entry(name.to_string())
            .or_insert_with(|| Tagged {
                object: LogGroup {
                    name: name.into(),
                    arn: format!("arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{name}"),
                    retention_days: None,
                },
                tags: tags.clone(),
            });
        Ok(record.object.clone())
    }

    async fn find_log_group(&self, name: &str) -> Result<Option<LogGroup>, AwsError> {
        let inner = self.call(LOGS, "find_log_group", name)?;
        Ok(inner.world.log_groups.get(name).map(|g| g.object.clone()))
    }

    async fn set_log_retention(&self, name: &str, days: i32) -> Result<(), AwsError> {
        let mut inner = self.call(LOGS, "set_log_retention", name)?;
        let group = inner.world.log_groups.get_mut(name).ok_or_else(not_found)?;
        group.object.retention_days = Some(days);
        Ok(())
    }

    async fn log_group_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let inner = self.call(LOGS, "log_group_tags", arn)?;
        let group = inner
            .world
            .log_groups
            .values()
            .find(|g| g.object.arn == arn)
            .ok_or_else(not_found)?;
        Ok(without_aws_managed(group.tags.clone()))
    }

    async fn set_log_group_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let mut inner = self.call(LOGS, "set_log_group_tags", arn)?;
        let group = inner
            .world
            .log_groups
            .values_mut()
            .find(|g| g.object.arn == arn)
            .ok_or_else(not_found)?;
        let (upsert, remove) = diff(old, tags);
        for k in remove {
            group.tags.remove(&k);
        }
        group.tags.extend(upsert);
        Ok(())
    }

    async fn delete_log_group(&self, name: &str) -> Result<(), AwsError> {
        let mut inner = self.call(LOGS, "delete_log_group", name)?;
        inner.world.log_groups.remove(name);
        Ok(())
    }
}
