//! Planning beyond the generic rules: values known at plan time stay
//! known (`listener_port`, `log_group_name`, `tags_all`), objects that went
//! missing plan to be recreated, and a changed container plans a new task
//! definition revision.

use crate::resources::shared::tag_rules::planned_tags_all;
use tfplugin::resource::PlanContext;
use tfplugin::value::Value;

use super::apis::ServiceApis;
use super::model::{Parts, PrivateState};
use super::names;

pub async fn modify_plan(aws: Option<&dyn ServiceApis>, plan: &mut PlanContext) {
    let creating = plan.prior.is_null();
    let planned = &mut plan.planned;

    if plan.config.get("listener_port").is_null() {
        let port = planned.get("container").get("port").clone();
        let keep_prior = !creating && plan.prior.get("listener_port") == &port;
        planned.set(
            "listener_port",
            if keep_prior {
                plan.prior.get("listener_port").clone()
            } else {
                port
            },
        );
    }
    if let Some(name) = planned.get("name").as_str() {
        let log_group = names::log_group(name);
        planned.set("log_group_name", log_group.into());
    }
    let tags_all = planned_tags_all(
        aws.map(|a| a.default_tags()),
        plan.config.get("tags"),
        &mut plan.diagnostics,
    );
    planned.set("tags_all", tags_all);

    if creating {
        if let Some(aws) = aws {
            let problems = super::plan_checks::before_create(aws, &plan.planned).await;
            plan.diagnostics.extend(problems);
        }
        return;
    }

    // Objects whose tags disagree: the tags are applied again everywhere.
    if PrivateState::decode(&plan.prior_private).is_some_and(|p| p.tags_out_of_sync) {
        planned.set("tags_all", Value::Unknown);
    }

    // Objects deleted out of band: recreate them.
    let prior = Parts::from_value(&plan.prior);
    let cluster_configured = !plan.config.get("cluster_arn").is_null();
    for (attr, value) in prior.object_ids() {
        if value.is_none() && !(attr == "cluster_arn" && cluster_configured) {
            planned.set(attr, Value::Unknown);
        }
    }
    if prior.endpoint_service_id.is_none() {
        planned.set("id", Value::Unknown);
        planned.set("state", Value::Unknown);
    }
    if prior.log_group_name.is_none() {
        // Recreated under the same name: still known.
    }

    // Ingress: the load balancer's blocks follow its subnets (and are
    // restored when a rule went missing); the default ingress follows
    // whether security groups are given.
    if plan.prior.get("subnet_ids") != planned.get("subnet_ids")
        || prior.load_balancer_cidr_blocks.is_none()
    {
        planned.set("load_balancer_cidr_blocks", Value::Unknown);
    }
    let has_groups = |v: &Value| match v.get("ingress_security_group_ids") {
        Value::Unknown => None,
        groups => Some(groups.as_list().is_some_and(|l| !l.is_empty())),
    };
    if plan.config.get("ingress_cidr_blocks").is_null()
        && has_groups(&plan.prior) != has_groups(planned)
    {
        planned.set("ingress_cidr_blocks", Value::Unknown);
    }

    // A new task definition revision for a changed container or role.
    let changed = ["container", "execution_role_arn", "task_role_arn"]
        .iter()
        .any(|a| plan.prior.get(a) != planned.get(a));
    if changed {
        planned.set("task_definition_arn", Value::Unknown);
    }
}
