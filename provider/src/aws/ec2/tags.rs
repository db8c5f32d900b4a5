//! Tags on EC2 objects (security groups, endpoint services).

use async_trait::async_trait;
use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, apply_diff, from_pairs, without_aws_managed};

/// The IAM actions [`Ec2Tags`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &["ec2:CreateTags", "ec2:DeleteTags"];

#[async_trait]
pub trait Ec2Tags: Send + Sync {
    /// Makes the tags of `resource_id` exactly `tags`.
    async fn set_ec2_tags(
        &self,
        resource_id: &str,
        old: &Tags,
        tags: &Tags,
    ) -> Result<(), AwsError>;
}

pub(crate) fn tag_specification(resource: ResourceType, tags: &Tags) -> Option<TagSpecification> {
    (!tags.is_empty()).then(|| {
        TagSpecification::builder()
            .resource_type(resource)
            .set_tags(Some(sdk_tags(tags)))
            .build()
    })
}

fn sdk_tags(tags: &Tags) -> Vec<Tag> {
    tags.iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

/// The tags of an EC2 object, without AWS's own.
pub(crate) fn tags_of(tags: &[Tag]) -> Tags {
    without_aws_managed(from_pairs(tags.iter().map(|t| (t.key(), t.value()))))
}

#[async_trait]
impl Ec2Tags for AwsClients {
    async fn set_ec2_tags(
        &self,
        resource_id: &str,
        old: &Tags,
        tags: &Tags,
    ) -> Result<(), AwsError> {
        let remove = |keys: Vec<String>| async move {
            self.ec2
                .delete_tags()
                .resources(resource_id)
                .set_tags(Some(
                    keys.iter().map(|k| Tag::builder().key(k).build()).collect(),
                ))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Ec2, e))
        };
        let upsert = |upsert: Tags| async move {
            self.ec2
                .create_tags()
                .resources(resource_id)
                .set_tags(Some(sdk_tags(&upsert)))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Ec2, e))
        };
        apply_diff(old, tags, remove, upsert).await
    }
}
