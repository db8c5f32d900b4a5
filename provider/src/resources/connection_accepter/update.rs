//! Update: only after drift (a rejected connection) is there something to
//! do, which is what create does; a failure keeps the prior state.

use tfplugin::context::Ctx;
use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::accept::accept;
use super::apis::AccepterApis;

pub async fn update(
    ctx: &Ctx,
    api: &dyn AccepterApis,
    prior: &Value,
    planned: &Value,
) -> StateResult {
    let result = accept(ctx, api, planned).await;
    if result.state.is_null() {
        return StateResult::with_diagnostics(prior.clone(), Vec::new(), result.diagnostics);
    }
    result
}
