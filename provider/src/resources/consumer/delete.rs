//! Delete: the endpoint (waiting until it is gone, which also ends its
//! connection), then its security group (retried while AWS still counts
//! the endpoint's network interfaces as users of it).

use crate::aws::ec2::waiters::vpc_endpoint_gone;
use crate::aws::waiter::{Backoff, Poll, wait_for};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::ConsumerApis;
use super::schema::DEFAULT_TIMEOUT;

pub async fn delete(ctx: &Ctx, api: &dyn ConsumerApis, prior: &Value) -> Diagnostics {
    let ctx = ctx.with_timeout(timeout(prior, "delete", DEFAULT_TIMEOUT));
    let mut diags = Diagnostics::new();
    if let Some(id) = prior.get("id").as_str() {
        if let Err(e) = api.delete_vpc_endpoint(id).await {
            diags.push(e.to_diagnostic(&format!("deleting endpoint {id}")));
            return diags;
        }
        if let Err(e) = vpc_endpoint_gone(&ctx, api, id).await {
            diags.push(e.to_diagnostic(&format!("endpoint {id} to be deleted")));
            return diags;
        }
    }
    if let Some(group_id) = prior.get("security_group_id").as_str() {
        let deleted = wait_for(&ctx, Backoff::default(), || async move {
            match api.delete_security_group(group_id).await {
                Ok(()) => Ok(Poll::Ready(())),
                Err(e) if e.is_code(&["InvalidGroup.NotFound"]) => Ok(Poll::Ready(())),
                Err(e) if e.is_code(&["DependencyViolation"]) => {
                    Ok(Poll::Pending("still in use by network interfaces".into()))
                }
                Err(e) => Err(e),
            }
        })
        .await;
        if let Err(e) = deleted {
            diags.push(e.to_diagnostic(&format!("security group {group_id} to be deleted")));
        }
    }
    diags
}
