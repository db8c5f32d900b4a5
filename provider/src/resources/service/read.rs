//! Read (refresh): drift in any managed setting shows in the next plan; a
//! missing object shows as missing (and is recreated by the next apply);
//! when nothing the service owns is left, it is gone from state.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::model::{Parts, PrivateState};
use super::names;
use super::observe::{observe, tags_in_sync, write_observed};

/// Whether the service owns its cluster: from private state, or (state
/// written without it, e.g. imported) from the naming convention.
pub fn owns_cluster(private: &[u8], state: &Value) -> bool {
    PrivateState::decode(private)
        .map(|p| p.owns_cluster)
        .unwrap_or_else(|| {
            let name = state.get("name").as_str().unwrap_or_default();
            state
                .get("cluster_arn")
                .as_str()
                .is_some_and(|arn| arn.ends_with(&format!(":cluster/{}", names::cluster(name))))
        })
}

pub async fn read(
    _ctx: &Ctx,
    aws: &dyn ServiceApis,
    state: &Value,
    private: Vec<u8>,
) -> StateResult {
    let mut parts = Parts::from_value(state);
    let owns = owns_cluster(&private, state);
    let name = state.get("name").as_str().unwrap_or_default().to_string();
    let seen = match observe(aws, &parts, &names::ecs_service(&name)).await {
        Ok(seen) => seen,
        Err(e) => {
            return StateResult::with_diagnostics(
                state.clone(),
                private,
                e.to_diagnostic(&format!("reading service {name}")).into(),
            );
        }
    };
    let mut refreshed = state.clone();
    let endpoint_service_before = parts.endpoint_service_id.clone();
    write_observed(&mut refreshed, &mut parts, &seen, owns);
    if parts.owns_nothing(owns) {
        return StateResult::ok(Value::Null, Vec::new());
    }
    let mut kept = PrivateState::decode(&private).unwrap_or_default();
    kept.owns_cluster = owns;
    kept.tags_out_of_sync = !tags_in_sync(&seen);
    if let (Some(gone), None) = (&endpoint_service_before, &parts.endpoint_service_id) {
        kept.replaced_endpoint_service_id = Some(gone.clone());
    }
    StateResult::ok(refreshed, kept.encode())
}
