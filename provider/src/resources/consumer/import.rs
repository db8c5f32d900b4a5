//! Import by endpoint id (`vpce-...`): the endpoint and the security group
//! the consumer made for it (`privatelink-consumer-<name>`) become state;
//! Terraform then reads it. Settings AWS does not keep (`acceptance`,
//! `wait_for_acceptance`, timeouts) start from their defaults.

use std::collections::BTreeSet;

use crate::aws::formats;
use tfplugin::context::Ctx;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::resource::StateResult;
use tfplugin::value::Value;

use super::apis::ConsumerApis;
use super::model::{Made, tags_value};
use super::names;
use super::observe::{admitted, split_tags};
use super::schema::schema;

fn cannot(id: &str, why: String) -> StateResult {
    StateResult::error(Diagnostic::error(
        "Cannot import privatelink_consumer",
        format!("{why} (import id {id:?})."),
    ))
}

fn strings(items: impl IntoIterator<Item = String>) -> Value {
    Value::List(items.into_iter().map(Value::from).collect())
}

pub async fn import(_ctx: &Ctx, api: &dyn ConsumerApis, id: &str) -> StateResult {
    if !formats::is_vpc_endpoint_id(id) {
        return cannot(
            id,
            "The import id is a VPC endpoint id such as vpce-0123456789abcdef0".into(),
        );
    }
    let endpoint = match api.find_vpc_endpoint(id).await {
        Ok(Some(e)) => e,
        Ok(None) => {
            return cannot(
                id,
                format!("Endpoint {id} does not exist in this account and region"),
            );
        }
        Err(e) => return StateResult::error(e.to_diagnostic(&format!("reading endpoint {id}"))),
    };
    let mut own = None;
    for group_id in &endpoint.security_group_ids {
        match api.find_security_group(group_id).await {
            Ok(Some(g)) if names::consumer_of_security_group(&g.name).is_some() => own = Some(g),
            Ok(_) => {}
            Err(e) => {
                return StateResult::error(
                    e.to_diagnostic(&format!("reading security group {group_id}")),
                );
            }
        }
    }
    let Some(group) = own else {
        return cannot(
            id,
            format!(
                "Endpoint {id} has no security group named {}<name>, so it was not made by privatelink_consumer; manage it with aws_vpc_endpoint instead",
                names::SECURITY_GROUP_PREFIX
            ),
        );
    };
    let name = names::consumer_of_security_group(&group.name)
        .unwrap_or_default()
        .to_string();
    let ports: BTreeSet<i32> = group.ingress.iter().map(|(p, _)| *p).collect();
    let Some(port) = ports.first().copied() else {
        return cannot(
            id,
            format!(
                "Security group {} admits no port, so the consumer's port is unknown",
                group.id
            ),
        );
    };
    let (cidrs, groups) = admitted(&group, port, &[]);
    let service_owner = match api
        .find_endpoint_service_by_name(&endpoint.service_name)
        .await
    {
        Ok(s) => s.map(|s| s.owner),
        Err(e) => {
            return StateResult::error(e.to_diagnostic(&format!(
                "reading endpoint service {}",
                endpoint.service_name
            )));
        }
    };

    let mut state = Value::null_object(&schema().value_type());
    schema().block.fill_defaults(&mut state);
    state.set("acceptance", Value::List(Vec::new()));
    state.set("name", name.as_str().into());
    state.set("service_name", endpoint.service_name.as_str().into());
    if let Some(service_id) = formats::endpoint_service_id_of(&endpoint.service_name) {
        state.set("service_id", service_id.into());
    }
    state.set("vpc_id", endpoint.vpc_id.as_str().into());
    state.set("port", i64::from(port).into());
    if !groups.is_empty() {
        state.set("allowed_security_group_ids", strings(groups));
    }
    let extra: Vec<String> = endpoint
        .security_group_ids
        .iter()
        .filter(|g| **g != group.id)
        .cloned()
        .collect();
    if !extra.is_empty() {
        state.set("security_group_ids", strings(extra));
    }
    let (own_tags, all) = split_tags(
        &endpoint.tags,
        &name,
        &Default::default(),
        api.default_tags(),
    );
    if !own_tags.is_empty() {
        state.set("tags", tags_value(&own_tags));
    }
    state.set("tags_all", tags_value(&all));
    let made = Made {
        security_group_id: Some(group.id.clone()),
        endpoint: Some(endpoint),
        allowed_cidr_blocks: Some(cidrs),
        service_owner,
    };
    made.write_into(&mut state);
    StateResult::ok(state, Vec::new())
}
