//! Waiters for ECS services.

use super::services::{EcsService, EcsServices};
use crate::aws::waiter::{Backoff, Poll, WaitError, wait_for};
use tfplugin::context::Ctx;

/// Until the deployment is finished: one deployment, all tasks running.
pub async fn service_steady<A: EcsServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    cluster: &str,
    service: &str,
) -> Result<EcsService, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_service(cluster, service).await? {
            None => Poll::Failed("gone".into()),
            Some(s) if s.is_steady() => Poll::Ready(s),
            Some(s) => Poll::Pending(format!(
                "deploying ({} deployments, {} of {} tasks running)",
                s.deployments, s.running_count, s.desired_count
            )),
        })
    })
    .await
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
