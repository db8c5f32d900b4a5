//! ECS clusters, with Container Insights on.

use async_trait::async_trait;
use aws_sdk_ecs::types::{ClusterSetting, ClusterSettingName};

use super::tags::sdk_tags;
use crate::aws::clients::AwsClients;
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::outcome::Outcome;
use crate::aws::tags::Tags;

/// A cluster as the provider needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub arn: String,
    pub name: String,
    /// `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED`, `INACTIVE`.
    pub status: String,
}

#[async_trait]
pub trait Clusters: Send + Sync {
    /// Creates the cluster (idempotent by name).
    async fn create_cluster(&self, name: &str, tags: &Tags) -> Result<Cluster, AwsError>;
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
    }
}

#[async_trait]
impl Clusters for AwsClients {
    async fn create_cluster(&self, name: &str, tags: &Tags) -> Result<Cluster, AwsError> {
        let out = self
            .ecs
            .create_cluster()
            .cluster_name(name)
            .settings(
                ClusterSetting::builder()
                    .name(ClusterSettingName::ContainerInsights)
                    .value("enabled")
                    .build(),
            )
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
        let out = self
            .ecs
            .describe_clusters()
            .clusters(cluster)
            .send()
            .await
            .map_err(|e| self.error(AwsApi::Ecs, e))?;
        Ok(out
            .clusters()
            .first()
            .map(convert)
            .filter(|c| c.status != "INACTIVE"))
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
