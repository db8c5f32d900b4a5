//! The VPC endpoint service on the load balancer, and who may connect.

use crate::aws::AwsError;
use crate::aws::ec2::waiters::endpoint_service_available;
use crate::aws::ec2::{Ec2Tags, EndpointService, EndpointServiceSpec, EndpointServices};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;

use super::super::model::Desired;
use super::{Before, prior_tags};
use crate::resources::shared::tags::reconcile_tags;

/// An idempotency token unique to the load balancer, so a retried create
/// returns the same configuration and never makes a second one; another
/// one when the service replaces `replaced` (deleted outside Terraform),
/// whose token AWS would answer with the deleted configuration.
pub fn client_token(nlb_arn: &str, replaced: Option<&str>) -> String {
    let id = nlb_arn.rsplit('/').next().unwrap_or(nlb_arn);
    let token = match replaced {
        None => format!("privatelink-{id}"),
        Some(old) => format!("privatelink-{id}-{}", old.trim_start_matches("vpce-svc-")),
    };
    token.chars().take(64).collect()
}

/// Creates the service, waits until it is available and allows the
/// principals; or changes acceptance, private DNS name, principals and tags
/// of the existing one. Returns the service when it was created; `made`
/// holds it as soon as it exists, so a later failure still records it.
pub async fn ensure<A: EndpointServices + Ec2Tags + ?Sized>(
    ctx: &Ctx,
    api: &A,
    desired: &Desired,
    nlb_arn: &str,
    before: Option<&Before>,
    existing: Option<&str>,
    made: &mut Option<EndpointService>,
) -> Result<Option<EndpointService>, Diagnostic> {
    let fail =
        |what: &str, e: AwsError| e.to_diagnostic(&format!("{what} the VPC endpoint service"));
    match existing {
        None => {
            let spec = EndpointServiceSpec {
                nlb_arn: nlb_arn.to_string(),
                acceptance_required: desired.acceptance_required,
                private_dns_name: desired.private_dns_name.clone(),
                tags: desired.tags_all.clone(),
                client_token: client_token(
                    nlb_arn,
                    before.and_then(|b| b.replaced_endpoint_service_id.as_deref()),
                ),
            };
            let created = api
                .create_endpoint_service(&spec)
                .await
                .map_err(|e| fail("creating", e))?;
            *made = Some(created.clone());
            // A pending service is not changed: principals once available.
            let available = wait_available(ctx, api, &created.id).await?;
            let principals: Vec<String> = desired.allowed_principals.iter().cloned().collect();
            api.change_allowed_principals(&created.id, &principals, &[])
                .await
                .map_err(|e| fail("allowing principals on", e))?;
            Ok(Some(available))
        }
        Some(id) => {
            let b = before.map(|b| &b.desired);
            let mut modified = false;
            if b.map(|b| b.acceptance_required) != Some(desired.acceptance_required) {
                api.set_acceptance_required(id, desired.acceptance_required)
                    .await
                    .map_err(|e| fail("changing acceptance of", e))?;
                modified = true;
            }
            if b.map(|b| &b.private_dns_name) != Some(&desired.private_dns_name) {
                api.set_private_dns_name(id, desired.private_dns_name.as_deref())
                    .await
                    .map_err(|e| fail("changing the private DNS name of", e))?;
                modified = true;
            }
            if modified {
                // The change settles before anything else is changed.
                wait_available(ctx, api, id).await?;
            }
            let current = match b {
                Some(b) => b.allowed_principals.clone(),
                None => api
                    .allowed_principals(id)
                    .await
                    .map_err(|e| fail("reading the principals of", e))?,
            };
            let add: Vec<String> = desired
                .allowed_principals
                .difference(&current)
                .cloned()
                .collect();
            let remove: Vec<String> = current
                .difference(&desired.allowed_principals)
                .cloned()
                .collect();
            api.change_allowed_principals(id, &add, &remove)
                .await
                .map_err(|e| fail("changing the principals of", e))?;
            reconcile_tags(None, &desired.tags_all, prior_tags(before, true), |old| {
                api.set_ec2_tags(id, old, &desired.tags_all)
            })
            .await
            .map_err(|e| fail("tagging", e))?;
            Ok(None)
        }
    }
}

/// Waits until the service is `available`.
async fn wait_available<A: EndpointServices + ?Sized>(
    ctx: &Ctx,
    api: &A,
    id: &str,
) -> Result<EndpointService, Diagnostic> {
    endpoint_service_available(ctx, api, id)
        .await
        .map_err(|e| e.to_diagnostic(&format!("VPC endpoint service {id} to become available")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stable_and_short() {
        let arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/api/0123456789abcdef";
        assert_eq!(client_token(arn, None), "privatelink-0123456789abcdef");
        assert_eq!(
            client_token(arn, Some("vpce-svc-0aaaabbbbccccdddd")),
            "privatelink-0123456789abcdef-0aaaabbbbccccdddd"
        );
        assert!(client_token(&"x".repeat(200), Some("vpce-svc-1")).len() <= 64);
    }
}
