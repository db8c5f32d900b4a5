//! The ECS cluster: the service's own (Container Insights as configured),
//! or the one `cluster_arn` names.

use crate::aws::ecs::{Clusters, EcsTags};
use tfplugin::diagnostics::Diagnostic;
use tfplugin::path::AttributePath;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

pub async fn ensure<A: Clusters + EcsTags + ?Sized>(
    api: &A,
    desired: &Desired,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<String, Diagnostic> {
    if let Some(arn) = &desired.cluster_arn {
        // Someone else's cluster: it must exist; we never change it.
        if existing.is_none() {
            let found = api
                .find_cluster(arn)
                .await
                .map_err(|e| e.to_diagnostic(&format!("looking up cluster {arn}")))?;
            if found.is_none() {
                return Err(Diagnostic::error(
                    "Cluster not found",
                    format!("ECS cluster {arn} does not exist or is inactive."),
                )
                .at(AttributePath::attr("cluster_arn")));
            }
        }
        return Ok(arn.clone());
    }
    let name = names::cluster(&desired.name);
    match existing {
        None => Ok(api
            .create_cluster(&name, &desired.tags_all, desired.container_insights)
            .await
            .map_err(|e| e.to_diagnostic(&format!("creating ECS cluster {name}")))?
            .arn),
        Some(arn) => {
            if before.map(|b| b.desired.container_insights) != Some(desired.container_insights) {
                api.set_container_insights(arn, desired.container_insights)
                    .await
                    .map_err(|e| {
                        e.to_diagnostic(&format!(
                            "setting Container Insights on ECS cluster {name}"
                        ))
                    })?;
            }
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_ecs_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| e.to_diagnostic(&format!("tagging ECS cluster {name}")))?;
            Ok(arn.to_string())
        }
    }
}
