//! Read: the connection's state now; gone from state when the endpoint or
//! its connection no longer exists.

use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::apis::AccepterApis;

pub async fn read(api: &dyn AccepterApis, state: &Value) -> StateResult {
    let service_id = state
        .get("endpoint_service_id")
        .as_str()
        .unwrap_or_default();
    let endpoint_id = state.get("endpoint_id").as_str().unwrap_or_default();
    match api.find_endpoint_connection(service_id, endpoint_id).await {
        Ok(Some(c)) if !matches!(c.state.as_str(), "deleted" | "deleting") => {
            let mut refreshed = state.clone();
            refreshed.set("state", c.state.as_str().into());
            refreshed.set("endpoint_owner", c.owner.as_str().into());
            StateResult::ok(refreshed, Vec::new())
        }
        Ok(_) => StateResult::ok(Value::Null, Vec::new()),
        Err(e) => StateResult::with_diagnostics(
            state.clone(),
            Vec::new(),
            e.to_diagnostic(&format!(
                "reading endpoint {endpoint_id}'s connection to {service_id}"
            ))
            .into(),
        ),
    }
}
