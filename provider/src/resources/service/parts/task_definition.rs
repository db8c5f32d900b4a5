//! The Fargate task definition. There is no in-place update: a changed
//! container, size or role registers a new revision (the ECS service then
//! moves to it and the old revision is deleted).

use crate::aws::AwsError;
use crate::aws::ecs::{ContainerDefinition, EcsTags, TaskDefinition, TaskDefinitions};
use crate::aws::waiter::{WaitError, retry_while};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::super::names;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// The revision `desired` describes.
pub fn definition(desired: &Desired, region: &str) -> TaskDefinition {
    let c = &desired.container;
    TaskDefinition {
        arn: String::new(),
        family: names::task_family(&desired.name),
        cpu: c.cpu.to_string(),
        memory: c.memory.to_string(),
        execution_role_arn: desired.execution_role_arn.clone(),
        task_role_arn: desired.task_role_arn.clone(),
        container: ContainerDefinition {
            name: c.name.clone(),
            image: c.image.clone(),
            port: c.port,
            environment: c.environment.clone(),
            secrets: c.secrets.clone(),
            log_group: desired.log_group_name(),
            log_region: region.to_string(),
            log_stream_prefix: desired.name.clone(),
        },
        status: "ACTIVE".into(),
        tags: desired.tags_all.clone(),
    }
}

/// True when `before` and `desired` need different revisions.
pub fn needs_new_revision(before: &Desired, desired: &Desired) -> bool {
    before.container != desired.container
        || before.execution_role_arn != desired.execution_role_arn
        || before.task_role_arn != desired.task_role_arn
}

/// ECS may not be able to use a just-created role for a few seconds.
fn role_not_ready(e: &AwsError) -> bool {
    e.is_code(&["ClientException"]) && {
        let text = e.to_string().to_ascii_lowercase();
        text.contains("unable to assume") || text.contains("role is not valid")
    }
}

/// Registers a revision when there is none or the settings changed;
/// returns the revision to run and, when replaced, the one to delete.
pub async fn ensure<A: TaskDefinitions + EcsTags + ?Sized>(
    ctx: &Ctx,
    api: &A,
    region: &str,
    desired: &Desired,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<(String, Option<String>), Diagnostic> {
    let changed = before.is_some_and(|b| needs_new_revision(&b.desired, desired));
    match existing {
        Some(arn) if !changed => {
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_ecs_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| e.to_diagnostic(&format!("tagging task definition {arn}")))?;
            Ok((arn.to_string(), None))
        }
        _ => {
            let wanted = definition(desired, region);
            let registered = retry_while(ctx, role_not_ready, || {
                api.register_task_definition(&wanted)
            })
            .await
            .map_err(|e| match e {
                WaitError::Aws(e) => {
                    e.to_diagnostic(&format!("registering task definition {}", wanted.family))
                }
                other => other.to_diagnostic("registering the task definition"),
            })?;
            delete_lost_revisions(api, &registered.arn, existing)
                .await
                .map_err(|e| {
                    e.to_diagnostic(
                        "deleting a task definition revision a retried registration left",
                    )
                })?;
            Ok((registered.arn, existing.map(str::to_string)))
        }
    }
}

/// How far below a new revision a lost registration is looked for: more
/// than the SDK's attempts of one call.
const LOST_REVISIONS_LOOKED_AT: u64 = 5;

/// `arn:...:task-definition/<family>:<revision>` split at the revision.
fn split_revision(arn: &str) -> Option<(&str, u64)> {
    let (family, revision) = arn.rsplit_once(':')?;
    Some((family, revision.parse().ok()?))
}

/// RegisterTaskDefinition is not idempotent: when its answer is lost and
/// the call is retried, the first attempt's revision exists and nobody
/// knows it. Those are the active revisions of the family between the one
/// this resource knew (`known`) and the one it got; they are deleted. In
/// the usual case there are none and nothing is called.
async fn delete_lost_revisions<A: TaskDefinitions + ?Sized>(
    api: &A,
    registered: &str,
    known: Option<&str>,
) -> Result<(), AwsError> {
    let Some((family, revision)) = split_revision(registered) else {
        return Ok(());
    };
    let after = known
        .and_then(split_revision)
        .filter(|(f, _)| *f == family)
        .map_or(0, |(_, r)| r);
    let first = (after + 1).max(revision.saturating_sub(LOST_REVISIONS_LOOKED_AT));
    for lost in first..revision {
        let arn = format!("{family}:{lost}");
        if api.find_task_definition(&arn).await?.is_some() {
            tracing::info!(%arn, "deleting a revision registered by an attempt whose answer was lost");
            api.delete_task_definition(&arn).await?;
        }
    }
    Ok(())
}
