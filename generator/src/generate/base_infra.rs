//! terraform-base-infra's account-specific inputs from the catalog: the
//! region, name prefix, account ids per environment and the workload VPCs
//! the Transit Gateway routes (with their attachment ids once the catalog
//! records them).

use crate::catalog::{AccountKind, Catalog};
use serde_json::{Map, Value, json};

/// Written into terraform-base-infra.
pub const FILE_NAME: &str = "workloads.auto.tfvars.json";

/// The tfvars document. JSON has no comments, so the file carries no
/// marker; the generator owns exactly this file name there.
pub fn tfvars(catalog: &Catalog) -> String {
    let ids_of = |kind: AccountKind| -> Option<Value> {
        let account = catalog
            .accounts
            .iter()
            .find(|a| *a.kind.get_ref() == kind)?;
        let mut map = Map::new();
        for env in &catalog.environments {
            map.insert(env.name.get_ref().clone(), json!(account.id.get_ref()));
        }
        Some(Value::Object(map))
    };
    let mut workload_vpcs = Map::new();
    for env in &catalog.environments {
        let mut vpcs = Map::new();
        for account in catalog.workload_accounts() {
            if let Some(cidr) = account.vpc_cidrs.get(env.name.get_ref()) {
                let mut vpc =
                    json!({ "account_id": account.id.get_ref(), "vpc_cidr": cidr.get_ref() });
                if let Some(id) = account.attachment_ids.get(env.name.get_ref()) {
                    vpc["attachment_id"] = json!(id.get_ref());
                }
                vpcs.insert(account.name.get_ref().clone(), vpc);
            }
        }
        workload_vpcs.insert(env.name.get_ref().clone(), Value::Object(vpcs));
    }
    let mut document = Map::new();
    if let Some(networking) = catalog.networking() {
        document.insert("region".into(), json!(networking.region.get_ref()));
    }
    document.insert(
        "name_prefix".into(),
        json!(catalog.settings.name_prefix.get_ref()),
    );
    // Without a security account in the catalog, security_account_ids
    // stays with terraform-base-infra's own tfvars.
    for (variable, kind) in [
        ("networking_account_ids", AccountKind::Networking),
        ("security_account_ids", AccountKind::Security),
    ] {
        if let Some(ids) = ids_of(kind) {
            document.insert(variable.into(), ids);
        }
    }
    document.insert("workload_vpcs".into(), Value::Object(workload_vpcs));
    let mut text =
        serde_json::to_string_pretty(&Value::Object(document)).expect("JSON values serialize");
    text.push('\n');
    text
}
