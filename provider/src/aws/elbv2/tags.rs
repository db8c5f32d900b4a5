//! Tags on load balancers, target groups and listeners.

use async_trait::async_trait;
use aws_sdk_elasticloadbalancingv2::types::Tag;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, apply_diff, from_pairs, without_aws_managed};

/// The IAM actions [`Elbv2Tags`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "elasticloadbalancing:AddTags",
    "elasticloadbalancing:DescribeTags",
    "elasticloadbalancing:RemoveTags",
];

#[async_trait]
pub trait Elbv2Tags: Send + Sync {
    async fn elbv2_tags(&self, arn: &str) -> Result<Tags, AwsError>;
    /// Makes the tags of `arn` exactly `tags`.
    async fn set_elbv2_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError>;
}

pub(crate) fn sdk_tags(tags: &Tags) -> Vec<Tag> {
    tags.iter()
        .map(|(k, v)| Tag::builder().key(k).value(v).build())
        .collect()
}

#[async_trait]
impl Elbv2Tags for AwsClients {
    async fn elbv2_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let out = self
            .elbv2
            .describe_tags()
            .resource_arns(arn)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        let pairs = out
            .tag_descriptions()
            .iter()
            .flat_map(|d| d.tags())
            .map(|t| (t.key(), t.value()));
        Ok(without_aws_managed(from_pairs(pairs)))
    }

    async fn set_elbv2_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let remove = |keys| async move {
            self.elbv2
                .remove_tags()
                .resource_arns(arn)
                .set_tag_keys(Some(keys))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Elbv2, e))
        };
        let upsert = |upsert: Tags| async move {
            self.elbv2
                .add_tags()
                .resource_arns(arn)
                .set_tags(Some(sdk_tags(&upsert)))
                .send()
                .await
                .map(drop)
                .map_err(|e| self.error(AwsApi::Elbv2, e))
        };
        apply_diff(old, tags, remove, upsert).await
    }
}
