//! ECS clusters, with or without Container Insights.

use async_trait::async_trait;
use aws_sdk_ecs::types::{ClusterField, ClusterSetting, ClusterSettingName};

use super::tags::sdk_tags;
use crate::aws::clients::AwsClients;
use crate::aws::coalesce::{answered_as_asked, describe};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// The IAM actions [`Clusters`] calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &[
    "ecs:CreateCluster",
    "ecs:DeleteCluster",
    "ecs:DescribeClusters",
    "ecs:ListClusters",
    "ecs:UpdateClusterSettings",
];

/// A cluster as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub arn: String,
    pub name: String,
    /// `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED`, `INACTIVE`.
    pub status: String,
    /// Container Insights on or off; None when AWS does not say.
    pub container_insights: Option<bool>,
}

/// The log group Container Insights writes a cluster's performance events
/// to (created by ECS, billed, and never deleted with the cluster).
pub fn container_insights_log_group(cluster_name: &str) -> String {
    format!("/aws/ecs/containerinsights/{cluster_name}/performance")
}

fn insights_setting(enabled: bool) -> ClusterSetting {
    ClusterSetting::builder()
        .name(ClusterSettingName::ContainerInsights)
        .value(if enabled { "enabled" } else { "disabled" })
        .build()
}

#[async_trait]
pub trait Clusters: Send + Sync {
    /// Creates the cluster (idempotent by name).
    async fn create_cluster(
        &self,
        name: &str,
        tags: &Tags,
        container_insights: bool,
    ) -> Result<Cluster, AwsError>;
    /// Turns Container Insights on or off.
    async fn set_container_insights(&self, cluster: &str, enabled: bool) -> Result<(), AwsError>;
    /// Finds a cluster by ARN or name; INACTIVE clusters count as gone.
    async fn find_cluster(&self, cluster: &str) -> Result<Option<Cluster>, AwsError>;
    async fn delete_cluster(&self, cluster: &str) -> Result<(), AwsError>;
    /// Every cluster ARN of the account and region (used by import).
    async fn list_clusters(&self) -> Result<Vec<String>, AwsError>;
}

fn convert(c: &aws_sdk_ecs::types::Cluster) -> Cluster {
    Cluster {
        arn: c.cluster_arn().unwrap_or_default().to_string(),
        name: c.cluster_name().unwrap_or_default().to_string(),
        status: c.status().unwrap_or_default().to_string(),
        container_insights: c
            .settings()
            .iter()
            .find(|s| s.name() == Some(&ClusterSettingName::ContainerInsights))
            .and_then(|s| s.value())
            .map(|v| !v.eq_ignore_ascii_case("disabled")),
    }
}

#[async_trait]
impl Clusters for AwsClients {
    async fn create_cluster(
        &self,
        name: &str,
        tags: &Tags,
        container_insights: bool,
    ) -> Result<Cluster, AwsError> {
        let out = self
            .ecs
            .create_cluster()
            .cluster_name(name)
            .settings(insights_setting(container_insights))
            .set_tags(sdk_tags(tags))
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        out.cluster().map(convert).ok_or_else(|| AwsError::Other {
            service: AwsApi::Ecs,
            message: "CreateCluster returned no cluster".into(),
        })
    }

    async fn find_cluster(&self, cluster: &str) -> Result<Option<Cluster>, AwsError> {
        let (client, endpoint) = (self.ecs.clone(), self.endpoint(AwsApi::Ecs).clone());
        let describe = describe(move |_, wanted: Vec<String>| {
            let (client, endpoint) = (client.clone(), endpoint.clone());
            async move {
                let out = client
                    .describe_clusters()
                    .set_clusters(Some(wanted.clone()))
                    .include(ClusterField::Settings)
                    .send()
                    .await
                    .map_err(|e| AwsError::from_sdk(AwsApi::Ecs, &endpoint, e))?;
                Ok(answered_as_asked(
                    wanted,
                    out.clusters(),
                    |c| [c.cluster_arn(), c.cluster_name()],
                    convert,
                ))
            }
        });
        let found = self.lookups.clusters.find("", cluster, describe).await?;
        Ok(found.filter(|c| c.status != "INACTIVE"))
    }

    async fn list_clusters(&self) -> Result<Vec<String>, AwsError> {
        self.ecs
            .list_clusters()
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<String>, _>>()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
    }

    async fn set_container_insights(&self, cluster: &str, enabled: bool) -> Result<(), AwsError> {
        self.ecs
            .update_cluster_settings()
            .cluster(cluster)
            .settings(insights_setting(enabled))
            .send()
            .await
            .map(|_| ())
            .map_err(|e| self.error(AwsApi::Ecs, e))
    }

    async fn delete_cluster(&self, cluster: &str) -> Result<(), AwsError> {
        self.ecs
            .delete_cluster()
            .cluster(cluster)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))
            .ok_on(&["ClusterNotFoundException"])
    }
}
