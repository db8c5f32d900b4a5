//! Waiters for ECS services.

use super::services::{EcsService, EcsServices};
use crate::aws::waiter::{Backoff, Poll, WaitError, wait_for};
use tfplugin::context::Ctx;

/// Until the deployment of `task_definition_arn` is finished: one
/// deployment, all tasks running that revision. A deployment ECS stopped
/// (the circuit breaker) or rolled back fails the wait with ECS's reason.
pub async fn service_steady<A: EcsServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    cluster: &str,
    service: &str,
    task_definition_arn: &str,
) -> Result<EcsService, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_service(cluster, service).await? {
            None => Poll::Failed("gone".into()),
            Some(s) => match s
                .failed_rollouts
                .iter()
                .find(|f| f.task_definition_arn == task_definition_arn)
            {
                Some(f) => Poll::Failed(format!(
                    "the deployment of {task_definition_arn} failed: {}",
                    f.reason
                )),
                None => steady_or_not(s, task_definition_arn),
            },
        })
    })
    .await
}

fn steady_or_not(s: EcsService, task_definition_arn: &str) -> Poll<EcsService> {
    match s {
        s if s.is_steady() && s.task_definition_arn != task_definition_arn => {
            Poll::Failed(format!(
                "the service went back to {} (rolled back)",
                s.task_definition_arn
            ))
        }
        s if s.is_steady() => Poll::Ready(s),
        s => Poll::Pending(format!(
            "deploying ({} deployments, {} of {} tasks running)",
            s.deployments, s.running_count, s.desired_count
        )),
    }
}

/// Until a deleted service has finished draining (INACTIVE or gone).
pub async fn service_inactive<A: EcsServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    cluster: &str,
    service: &str,
) -> Result<(), WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_service(cluster, service).await? {
            None => Poll::Ready(()),
            Some(s) => Poll::Pending(s.status.to_ascii_lowercase()),
        })
    })
    .await
}
