//! Tags on EC2 objects (security groups, endpoint services).

use async_trait::async_trait;
use aws_sdk_ec2::types::{ResourceType, Tag, TagSpecification};

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, diff, without_aws_managed};

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
            .set_tags(Some(
                tags.iter()
                    .map(|(k, v)| Tag::builder().key(k).value(v).build())
                    .collect(),
            ))
            .build()
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
impl Ec2Tags for AwsClients {
    async fn set_ec2_tags(
        &self,
        resource_id: &str,
        old: &Tags,
        tags: &Tags,
    ) -> Result<(), AwsError> {
        let (upsert, remove) = diff(old, tags);
        if !remove.is_empty() {
            self.ec2
                .delete_tags()
                .resources(resource_id)
                .set_tags(Some(
                    remove
                        .iter()
                        .map(|k| Tag::builder().key(k).build())
                        .collect(),
                ))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Ec2, e))?;
        }
        if !upsert.is_empty() {
            self.ec2
                .create_tags()
                .resources(resource_id)
                .set_tags(Some(
                    upsert
                        .iter()
                        .map(|(k, v)| Tag::builder().key(k).value(v).build())
                        .collect(),
                ))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Ec2, e))?;
        }
        Ok(())
    }
}
