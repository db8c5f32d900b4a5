//! Accepting the endpoint's connection in the service owner's account,
//! through the role of the `acceptance` block.

use crate::aws::AssumeRole;
use crate::aws::AwsError;
use crate::aws::ec2::EndpointConnection;
use crate::aws::ec2::endpoint_connections::accept_endpoint_connection;
use crate::aws::waiter::{Backoff, Poll, wait_for};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::path::AttributePath;

use super::apis::ConsumerApis;

/// Connection states the owner can accept from.
const ACCEPTABLE: &[&str] = &["pendingacceptance", "rejected"];

fn role_path() -> AttributePath {
    AttributePath::attr("acceptance")
        .index(0)
        .attribute("role_arn")
}

/// Why the role could not be assumed, naming it.
fn cannot_assume(role: &AssumeRole, endpoint_id: &str, e: &AwsError) -> Diagnostic {
    let external = if role.external_id.is_some() {
        " and that `external_id` matches its sts:ExternalId condition"
    } else {
        " (and whether it requires an external id)"
    };
    Diagnostic::error(
        format!("Cannot assume the acceptance role {}", role.role_arn),
        format!(
            "To accept endpoint {endpoint_id}'s connection the provider assumes {} in the service owner's account, and AWS refused: {e}. Check that the role exists and that its trust policy lets this account assume it{external}. The endpoint exists and is kept in state; the next apply tries again.",
            role.role_arn
        ),
    )
    .at(role_path())
}

/// Accepts the connection of `endpoint_id` to `service_id` as `role`,
/// when it waits for acceptance (or was rejected). Reads the connection
/// first: accepting one already accepted is an error in AWS.
pub async fn accept(
    ctx: &Ctx,
    api: &dyn ConsumerApis,
    role: &AssumeRole,
    service_id: &str,
    endpoint_id: &str,
) -> Result<(), Diagnostic> {
    let owner = api
        .as_service_owner(role)
        .await
        .map_err(|e| cannot_assume(role, endpoint_id, &e))?;
    let what = format!("endpoint {endpoint_id}'s connection to be visible to the service owner");
    // The owner sees a new endpoint's connection within moments.
    let connection: EndpointConnection = wait_for(ctx, Backoff::default(), || {
        let owner = owner.clone();
        async move {
            Ok(
                match owner
                    .find_endpoint_connection(service_id, endpoint_id)
                    .await?
                {
                    Some(c) => Poll::Ready(c),
                    None => Poll::Pending("not visible".into()),
                },
            )
        }
    })
    .await
    .map_err(|e| e.to_diagnostic(&what).at(role_path()))?;
    if !ACCEPTABLE.contains(&connection.state.as_str()) {
        return Ok(());
    }
    accept_endpoint_connection(owner.as_ref(), service_id, endpoint_id)
        .await
        .map_err(|e| {
            e.to_diagnostic(&format!(
                "accepting endpoint {endpoint_id}'s connection to {service_id} as {}",
                role.role_arn
            ))
            .at(role_path())
        })
}
