//! Planning beyond the generic rules: `tags_all`, `service_id` and the
//! default `allowed_cidr_blocks` known at plan time; placement checked
//! before anything is created; objects that went missing, a connection no
//! longer in a wanted state, and changed subnets planned as changes.

use std::collections::BTreeSet;

use crate::aws::formats;
use crate::resources::shared::tag_rules::planned_tags_all;
use tfplugin::resource::PlanContext;
use tfplugin::value::Value;

use super::apis::ConsumerApis;
use super::checks::check_placement;
use super::converge::vpc_cidr_blocks;
use super::model::{ENDPOINT_ATTRIBUTES, PrivateState};

fn known_set(v: &Value) -> Option<BTreeSet<String>> {
    if !v.is_wholly_known() {
        return None;
    }
    v.as_list().map(|l| {
        l.iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    })
}

fn strings(items: &[String]) -> Value {
    Value::List(items.iter().map(|s| Value::from(s.as_str())).collect())
}

/// Endpoint states that end an apply, given the settings.
fn settled(state: &str, waits_for_acceptance: bool) -> bool {
    state == "available"
        || (!waits_for_acceptance && matches!(state, "pendingacceptance" | "pending"))
}

pub async fn modify_plan(aws: Option<&dyn ConsumerApis>, plan: &mut PlanContext) {
    if plan.planned.is_null() {
        return;
    }
    let creating = plan.prior.is_null();
    let planned = &mut plan.planned;

    let tags_all = planned_tags_all(
        aws.map(|a| a.default_tags()),
        plan.config.get("tags"),
        &mut plan.diagnostics,
    );
    planned.set("tags_all", tags_all);
    if let Some(name) = planned.get("service_name").as_str() {
        let id = formats::endpoint_service_id_of(name).map_or(Value::Unknown, Value::from);
        planned.set("service_id", id);
    }

    // The default admitted blocks: the VPC's.
    if plan.config.get("allowed_cidr_blocks").is_null() {
        let remembered = PrivateState::decode(&plan.prior_private).default_cidr_blocks;
        let value = match (creating, remembered) {
            (false, Some(cidrs)) => strings(&cidrs),
            (false, None) => plan.prior.get("allowed_cidr_blocks").clone(),
            (true, _) => match (aws, planned.get("vpc_id").as_str()) {
                (Some(aws), Some(vpc_id)) => match vpc_cidr_blocks(aws, vpc_id).await {
                    Ok(cidrs) => strings(&cidrs),
                    Err(d) => {
                        plan.diagnostics.extend(d);
                        Value::Unknown
                    }
                },
                _ => Value::Unknown,
            },
        };
        planned.set("allowed_cidr_blocks", value);
    }

    let subnets = known_set(planned.get("subnet_ids"));
    let subnets_changed =
        !creating && subnets.as_ref() != known_set(plan.prior.get("subnet_ids")).as_ref();
    let endpoint_missing = !creating && plan.prior.get("id").is_null();
    if creating || subnets_changed || endpoint_missing {
        let vpc = planned.get("vpc_id").as_str().map(str::to_string);
        let service = planned.get("service_name").as_str().map(str::to_string);
        if let (Some(aws), Some(vpc), Some(subnets), Some(service)) = (aws, vpc, &subnets, service)
            && formats::endpoint_service_id_of(&service).is_some()
            && let Err(d) = check_placement(aws, &vpc, subnets, &service).await
        {
            plan.diagnostics.extend(d);
        }
    }
    if creating {
        return;
    }

    let planned = &mut plan.planned;
    if endpoint_missing {
        for attr in ENDPOINT_ATTRIBUTES {
            planned.set(attr, Value::Unknown);
        }
    }
    if plan.prior.get("security_group_id").is_null() {
        planned.set("security_group_id", Value::Unknown);
    }
    let dns_changed = plan.prior.get("private_dns_enabled") != planned.get("private_dns_enabled");
    if subnets_changed || dns_changed {
        planned.set("dns_entries", Value::Unknown);
    }
    if subnets_changed {
        planned.set("network_interface_ids", Value::Unknown);
    }
    let waits = planned.get("wait_for_acceptance").as_bool().unwrap_or(true)
        || planned
            .get("acceptance")
            .as_list()
            .is_some_and(|l| !l.is_empty());
    if let Some(state) = plan.prior.get("state").as_str()
        && !settled(state, waits)
    {
        planned.set("state", Value::Unknown);
    }
}

#[cfg(test)]
mod tests {
    use super::settled;

    #[test]
    fn pending_acceptance_settles_only_when_not_waiting() {
        assert!(settled("available", true));
        assert!(settled("pendingacceptance", false));
        assert!(!settled("pendingacceptance", true));
        assert!(!settled("rejected", false));
        assert!(!settled("failed", true));
    }
}
