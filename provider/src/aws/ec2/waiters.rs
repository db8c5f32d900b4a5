//! Waiters for VPC endpoint services.

use super::endpoint_services::{EndpointService, EndpointServices};
use crate::aws::waiter::{Backoff, Poll, WaitError, wait_for};
use tfplugin::context::Ctx;

/// Until the endpoint service is `available` (`failed` ends the wait).
pub async fn endpoint_service_available<A: EndpointServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<EndpointService, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_endpoint_service(id).await? {
            None => Poll::Pending("not visible yet".into()),
            Some(s) if s.state == "available" => Poll::Ready(s),
            Some(s) if s.state == "failed" => Poll::Failed(s.state),
            Some(s) => Poll::Pending(s.state),
        })
    })
    .await
}

/// Until the endpoint service is gone.
pub async fn endpoint_service_gone<A: EndpointServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<(), WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_endpoint_service(id).await? {
            None => Poll::Ready(()),
            Some(s) => Poll::Pending(s.state),
        })
    })
    .await
}
