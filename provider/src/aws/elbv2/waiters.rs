//! Waiters for load balancers.

use super::load_balancers::{LoadBalancer, LoadBalancers};
use crate::aws::ec2::NetworkInterfaces;
use crate::aws::waiter::{Backoff, Poll, WaitError, wait_for};
use tfplugin::context::Ctx;

/// Until the load balancer is `active` (`failed` ends the wait).
pub async fn load_balancer_active<A: LoadBalancers + ?Sized>(
    ctx: &Ctx,
    api: &A,
    arn: &str,
) -> Result<LoadBalancer, WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        Ok(match api.find_load_balancer(arn).await? {
            None => Poll::Pending("not visible yet".into()),
            Some(lb) if lb.state == "active" => Poll::Ready(lb),
            Some(lb) if lb.state == "failed" => Poll::Failed(lb.state),
            Some(lb) => Poll::Pending(lb.state),
        })
    })
    .await
}

/// Until the load balancer is gone and its network interfaces with it
/// (they otherwise block deleting security groups and subnets).
pub async fn load_balancer_gone<A: LoadBalancers + NetworkInterfaces + ?Sized>(
    ctx: &Ctx,
    api: &A,
    arn: &str,
    resource_id: &str,
) -> Result<(), WaitError> {
    wait_for(ctx, Backoff::default(), || async move {
        if api.find_load_balancer(arn).await?.is_some() {
            return Ok(Poll::Pending("deleting".into()));
        }
        let remaining = api.count_load_balancer_interfaces(resource_id).await?;
        Ok(if remaining == 0 {
            Poll::Ready(())
        } else {
            Poll::Pending(format!(
                "deleted, {remaining} network interfaces still attached"
            ))
        })
    })
    .await
}
