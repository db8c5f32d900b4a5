//! Tags on ECS clusters, task definitions and services.

use async_trait::async_trait;
use aws_sdk_ecs::types::Tag;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, apply_diff, from_pairs, without_aws_managed};

/// The IAM actions [`EcsTags`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ecs:ListTagsForResource",
    "ecs:TagResource",
    "ecs:UntagResource",
];

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
    without_aws_managed(from_pairs(tags.iter().map(|t| (t.key(), t.value()))))
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
        let remove = |keys| async move {
            self.ecs
                .untag_resource()
                .resource_arn(arn)
                .set_tag_keys(Some(keys))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Ecs, e))
        };
        let upsert = |upsert: Tags| async move {
            self.ecs
                .tag_resource()
                .resource_arn(arn)
                .set_tags(sdk_tags(&upsert))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Ecs, e))
        };
        apply_diff(old, tags, remove, upsert).await
    }
}
