//! Tags on load balancers, target groups and listeners.

use async_trait::async_trait;
use aws_sdk_elasticloadbalancingv2::types::Tag;

use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, diff, without_aws_managed};

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
        let tags = out
            .tag_descriptions()
            .iter()
            .flat_map(|d| d.tags())
            .filter_map(|t| {
                Some((
                    t.key()?.to_string(),
                    t.value().unwrap_or_default().to_string(),
                ))
            })
            .collect();
        Ok(without_aws_managed(tags))
    }

    async fn set_elbv2_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let (upsert, remove) = diff(old, tags);
        if !remove.is_empty() {
            self.elbv2
                .remove_tags()
                .resource_arns(arn)
                .set_tag_keys(Some(remove))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        }
        if !upsert.is_empty() {
            self.elbv2
                .add_tags()
                .resource_arns(arn)
                .set_tags(Some(sdk_tags(&upsert)))
                .send()
                .await
                .map_err(|e| self.error(AwsApi::Elbv2, e))?;
        }
        Ok(())
    }
}
