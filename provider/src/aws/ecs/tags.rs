//! Tags on ECS clusters, task definitions and services.

use async_trait::async_trait;
use aws_sdk_ecs::types::Tag;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, diff, without_aws_managed};

#[async_trait]
pub trait EcsTags: Send + Sync {
    async fn ecs_tags(&self, arn: &str) -> Result<Tags, AwsError>;
    async fn set_ecs_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError>;
}

pub(crate) fn sdk_tags(tags: &Tags) -> Option<Vec<Tag>> {
    (!tags.is_empty()).then(|| {
        tags.iter()
            .map(|(k, v)| Tag::builder().key(k).value(v).build())
            .collect()
    })
}

pub(crate) fn tags_of(tags: &[Tag]) -> Tags {
    without_aws_managed(
        tags.iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_string(),
                    t.value().unwrap_or_default().to_string(),
                ))
            })
            .collect(),
    )
}

#[async_trait]
impl EcsTags for AwsClients {
    async fn ecs_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let out = self
            .ecs
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        Ok(tags_of(out.tags()))
    }

    async fn set_ecs_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let (upsert, remove) = diff(old, tags);
        if !remove.is_empty() {
            self.ecs
                .untag_resource()
                .resource_arn(arn)
                .set_tag_keys(Some(remove))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Ecs, e))?;
        }
        if !upsert.is_empty() {
            self.ecs
                .tag_resource()
                .resource_arn(arn)
                .set_tags(sdk_tags(&upsert))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Ecs, e))?;
        }
        Ok(())
    }
}
