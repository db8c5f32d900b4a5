//! Delete: reject the connection (the consumer's endpoint stays, in state
//! `rejected`, until its own workspace deletes it). A connection already
//! gone or rejected is done.

use crate::aws::ec2::endpoint_connections::reject_endpoint_connection;
use tfplugin::diagnostics::Diagnostics;
use tfplugin::value::Value;

use super::apis::AccepterApis;

pub async fn delete(api: &dyn AccepterApis, prior: &Value) -> Diagnostics {
    let service_id = prior
        .get("endpoint_service_id")
        .as_str()
        .unwrap_or_default();
    let endpoint_id = prior.get("endpoint_id").as_str().unwrap_or_default();
    let mut diags = Diagnostics::new();
    let live = match api.find_endpoint_connection(service_id, endpoint_id).await {
        Ok(c) => c.is_some_and(|c| c.is_live()),
        Err(e) => {
            diags.push(e.to_diagnostic(&format!("reading endpoint {endpoint_id}'s connection")));
            return diags;
        }
    };
    if live && let Err(e) = reject_endpoint_connection(api, service_id, endpoint_id).await {
        diags.push(e.to_diagnostic(&format!(
            "rejecting endpoint {endpoint_id}'s connection to {service_id}"
        )));
    }
    diags
}
