//! The TCP listener forwarding to the target group.

use crate::aws::elbv2::{Elbv2Tags, Listeners};
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

pub async fn ensure<A: Listeners + Elbv2Tags + ?Sized>(
    api: &A,
    desired: &Desired,
    nlb_arn: &str,
    target_group_arn: &str,
    before: Option<&Before>,
    existing: Option<&str>,
) -> Result<String, Diagnostic> {
    let fail = |what: &str, e: crate::aws::AwsError| {
        e.to_diagnostic(&format!(
            "{what} the listener on port {}",
            desired.listener_port
        ))
    };
    match existing {
        None => Ok(api
            .create_tcp_listener(
                nlb_arn,
                desired.listener_port,
                target_group_arn,
                &desired.tags_all,
            )
            .await
            .map_err(|e| fail("creating", e))?
            .arn),
        Some(arn) => {
            if before.map(|b| b.desired.listener_port) != Some(desired.listener_port) {
                api.set_listener_port(arn, desired.listener_port)
                    .await
                    .map_err(|e| fail("moving", e))?;
            }
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_elbv2_tags(arn, old, &desired.tags_all)
            })
            .await
            .map_err(|e| fail("tagging", e))?;
            Ok(arn.to_string())
        }
    }
}
