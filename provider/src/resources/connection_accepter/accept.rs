//! Create (and update after drift): accept the connection if it waits for
//! acceptance or was rejected, then wait until it is `available`.

use crate::aws::ec2::endpoint_connections::accept_endpoint_connection;
use crate::aws::ec2::waiters::endpoint_connection_available;
use crate::aws::waiter::{Backoff, Poll, wait_for};
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::path::AttributePath;
use tfplugin::resource::StateResult;
use tfplugin::timeouts::timeout;
use tfplugin::value::Value;

use super::apis::AccepterApis;
use super::schema::DEFAULT_TIMEOUT;

/// How long a connection may take to become visible to the owner before
/// the endpoint id is taken to be wrong.
const VISIBILITY: std::time::Duration = std::time::Duration::from_secs(60);

pub async fn accept(ctx: &Ctx, api: &dyn AccepterApis, planned: &Value) -> StateResult {
    let service_id = planned
        .get("endpoint_service_id")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let endpoint_id = planned
        .get("endpoint_id")
        .as_str()
        .unwrap_or_default()
        .to_string();
    let ctx = ctx.with_timeout(timeout(planned, "create", DEFAULT_TIMEOUT));
    let visible_ctx = ctx.with_timeout(VISIBILITY);
    let (s, e) = (service_id.as_str(), endpoint_id.as_str());
    let found = wait_for(&visible_ctx, Backoff::default(), || async move {
        Ok(match api.find_endpoint_connection(s, e).await? {
            Some(c) => Poll::Ready(c),
            None => Poll::Pending("not visible".into()),
        })
    })
    .await;
    let connection = match found {
        Ok(c) => c,
        Err(crate::aws::waiter::WaitError::Aws(err)) => {
            return StateResult::error(
                err.to_diagnostic(&format!("reading the connections of {service_id}")),
            );
        }
        Err(_) => {
            return StateResult::error(
                Diagnostic::error(
                    "No such endpoint connection",
                    format!("Endpoint {endpoint_id} has no connection to endpoint service {service_id} of this account (looked for {}s). Check that the endpoint was made to this service's name, in this region, and that this provider configuration is the service owner's account.", VISIBILITY.as_secs()),
                )
                .at(AttributePath::attr("endpoint_id")),
            );
        }
    };
    let mut state = planned.clone();
    state.set("id", format!("{service_id}_{endpoint_id}").into());
    state.set("endpoint_owner", connection.owner.as_str().into());
    state.set("state", connection.state.as_str().into());
    if matches!(connection.state.as_str(), "pendingacceptance" | "rejected")
        && let Err(err) = accept_endpoint_connection(api, &service_id, &endpoint_id).await
    {
        return StateResult::error(err.to_diagnostic(&format!(
            "accepting endpoint {endpoint_id}'s connection to {service_id}"
        )));
    }
    // Accepted: from here on the connection exists in state, whatever
    // the wait brings.
    match endpoint_connection_available(&ctx, api, &service_id, &endpoint_id).await {
        Ok(c) => {
            state.set("state", c.state.as_str().into());
            StateResult::ok(state, Vec::new())
        }
        Err(err) => {
            if let Ok(Some(c)) = api
                .find_endpoint_connection(&service_id, &endpoint_id)
                .await
            {
                state.set("state", c.state.as_str().into());
            }
            StateResult::with_diagnostics(
                state,
                Vec::new(),
                err.to_diagnostic(&format!(
                    "endpoint {endpoint_id}'s connection to become available"
                ))
                .into(),
            )
        }
    }
}
