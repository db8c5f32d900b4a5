//! The log group the tasks log to.

use crate::aws::logs::LogGroups;
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// Creates or adopts the log group, then brings retention and tags in line.
/// `made` names the group as soon as it exists, so a later failure still
/// records it.
pub async fn ensure(
    api: &dyn LogGroups,
    desired: &Desired,
    before: Option<&Before>,
    existing: Option<&str>,
    made: &mut Option<String>,
) -> Result<String, Diagnostic> {
    let name = desired.log_group_name();
    let fail =
        |what: &str, e: crate::aws::AwsError| e.to_diagnostic(&format!("{what} log group {name}"));
    match existing {
        None => {
            api.ensure_log_group(&name, &desired.tags_all)
                .await
                .map_err(|e| fail("creating", e))?;
            *made = Some(name.clone());
            api.set_log_retention(&name, desired.log_retention_days)
                .await
                .map_err(|e| fail("setting the retention of", e))?;
        }
        Some(_) => {
            let b = before.map(|b| &b.desired);
            if b.map(|b| b.log_retention_days) != Some(desired.log_retention_days) {
                api.set_log_retention(&name, desired.log_retention_days)
                    .await
                    .map_err(|e| fail("setting the retention of", e))?;
            }
            let name = name.as_str();
            reconcile_tags(
                None,
                &desired.tags_all,
                prior_tags(before, true),
                |old| async move {
                    let group = api
                        .find_log_group(name)
                        .await
                        .map_err(|e| fail("reading", e))?;
                    if let Some(group) = group {
                        api.set_log_group_tags(&group.arn, old, &desired.tags_all)
                            .await
                            .map_err(|e| fail("tagging", e))?;
                    }
                    Ok(())
                },
            )
            .await?;
        }
    }
    Ok(name)
}
