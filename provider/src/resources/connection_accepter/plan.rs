//! Planning: a connection rejected (or gone bad) since the last apply is
//! planned to be accepted again.

use tfplugin::resource::PlanContext;
use tfplugin::value::Value;

pub fn modify_plan(plan: &mut PlanContext) {
    if let Some(state) = plan.prior.get("state").as_str()
        && !plan.planned.is_null()
        && !matches!(state, "available" | "pending")
    {
        plan.planned.set("state", Value::Unknown);
    }
}
