//! Read (refresh): drift in the endpoint (subnets, groups, private DNS,
//! state, tags) and in its security group's rules shows in the next plan.
//! A missing endpoint or group shows as missing and is recreated by the
//! next apply; when neither is left, the consumer is gone from state.

use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use crate::values::string_map;

use super::apis::ConsumerApis;
use super::model::{Made, PrivateState, tags_value};
use super::observe::{admitted, split_tags};

pub async fn read(api: &dyn ConsumerApis, state: &Value, private: Vec<u8>) -> StateResult {
    let mut made = Made::from_state(state);
    let name = state.get("name").as_str().unwrap_or_default().to_string();
    let port = state.get("port").as_i64().unwrap_or_default() as i32;
    let mut refreshed = state.clone();
    let fail = |e: crate::aws::AwsError, what: &str| {
        StateResult::with_diagnostics(
            state.clone(),
            private.clone(),
            e.to_diagnostic(&format!("reading {what} of consumer {name}"))
                .into(),
        )
    };

    if let Some(group_id) = made.security_group_id.clone() {
        match api.find_security_group(&group_id).await {
            Err(e) => return fail(e, "the security group"),
            Ok(None) => made.security_group_id = None,
            Ok(Some(group)) => {
                let prior = made.allowed_cidr_blocks.clone().unwrap_or_default();
                let (cidrs, groups) = admitted(&group, port, &prior);
                made.allowed_cidr_blocks = Some(cidrs);
                let configured = !state.get("allowed_security_group_ids").is_null();
                if configured || !groups.is_empty() {
                    refreshed.set("allowed_security_group_ids", string_set(&groups));
                }
            }
        }
    }
    let mut private_state = PrivateState::decode(&private);
    if let Some(id) = state.get("id").as_str() {
        match api.find_vpc_endpoint(id).await {
            Err(e) => return fail(e, "the endpoint"),
            Ok(found) => made.endpoint = found.filter(|e| e.state != "deleting"),
        }
        if made.endpoint.is_none() {
            private_state.replaced_endpoint_id = Some(id.to_string());
        }
    }
    if made.is_empty() {
        return StateResult::ok(Value::Null, Vec::new());
    }
    made.write_into(&mut refreshed);
    if let Some(e) = &made.endpoint {
        let mut extra = e.security_group_ids.clone();
        if let Some(own) = &made.security_group_id {
            extra.remove(own);
        }
        if !state.get("security_group_ids").is_null() || !extra.is_empty() {
            refreshed.set("security_group_ids", string_set(&extra));
        }
        let prior_tags = string_map(state.get("tags"));
        let (own, all) = split_tags(&e.tags, &name, &prior_tags, api.default_tags());
        if !state.get("tags").is_null() || !own.is_empty() {
            refreshed.set("tags", tags_value(&own));
        }
        refreshed.set("tags_all", tags_value(&all));
    }
    StateResult::ok(refreshed, private_state.encode())
}

fn string_set(items: &std::collections::BTreeSet<String>) -> Value {
    Value::List(items.iter().map(|s| Value::from(s.as_str())).collect())
}
