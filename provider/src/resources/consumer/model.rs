//! What the consumer should be (`Desired`, from the plan), what exists
//! (`Made`, filled in as objects come to exist), and writing the latter
//! into Terraform state.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::aws::AssumeRole;
use crate::aws::ec2::{DnsEntry, VpcEndpoint};
use crate::aws::formats;
use crate::aws::tags::{Tags, merged};
use crate::values::string_map_value;
use tfplugin::diagnostics::Diagnostic;
use tfplugin::value::Value;

use super::config::ConsumerConfig;
use super::names;

/// The computed attributes that describe the endpoint itself: null when it
/// is gone, unknown when it is to be recreated.
pub const ENDPOINT_ATTRIBUTES: [&str; 5] = [
    "id",
    "state",
    "dns_name",
    "dns_entries",
    "network_interface_ids",
];

/// The consumer as planned.
#[derive(Clone, Debug, PartialEq)]
pub struct Desired {
    pub name: String,
    pub service_name: String,
    pub service_id: String,
    pub vpc_id: String,
    pub subnet_ids: BTreeSet<String>,
    pub port: i32,
    /// None: the VPC's CIDR blocks (read on apply).
    pub allowed_cidr_blocks: Option<Vec<String>>,
    pub allowed_security_group_ids: Vec<String>,
    /// Attached to the endpoint besides its own group.
    pub extra_security_group_ids: BTreeSet<String>,
    pub private_dns_enabled: bool,
    pub wait_for_acceptance: bool,
    /// The role that accepts the connection in the owner's account.
    pub acceptance: Option<AssumeRole>,
    /// The endpoint's and group's tags: `tags_all` plus `Name`.
    pub object_tags: Tags,
    /// The configured tags over the provider's defaults.
    pub tags_all: Tags,
}

fn missing(attribute: &str) -> Diagnostic {
    Diagnostic::error(
        "Missing setting",
        format!("`{attribute}` has no value in the plan. This is a bug in the provider."),
    )
}

impl Desired {
    /// The desired consumer of a planned value, under the provider's
    /// `default_tags`.
    pub fn from_value(planned: &Value, default_tags: &Tags) -> Result<Desired, Diagnostic> {
        let c = ConsumerConfig::read(planned)?;
        let service_name = c
            .service_name
            .clone()
            .ok_or_else(|| missing("service_name"))?;
        let service_id = formats::endpoint_service_id_of(&service_name)
            .ok_or_else(|| missing("service_name"))?
            .to_string();
        let name = c.name.clone().ok_or_else(|| missing("name"))?;
        let tags_all = merged(default_tags, &c.tags.clone().unwrap_or_default());
        let mut object_tags = tags_all.clone();
        object_tags
            .entry("Name".to_string())
            .or_insert_with(|| name.clone());
        Ok(Desired {
            acceptance: c.acceptance().and_then(|a| {
                Some(AssumeRole {
                    role_arn: a.role_arn.clone()?,
                    external_id: a.external_id.clone(),
                    session_name: a.session_name.clone(),
                    duration: None,
                })
            }),
            name,
            service_name,
            service_id,
            vpc_id: c.vpc_id.ok_or_else(|| missing("vpc_id"))?,
            subnet_ids: c.subnet_ids.ok_or_else(|| missing("subnet_ids"))?,
            port: c.port.ok_or_else(|| missing("port"))?,
            allowed_cidr_blocks: c.allowed_cidr_blocks,
            allowed_security_group_ids: c
                .allowed_security_group_ids
                .unwrap_or_default()
                .into_iter()
                .collect(),
            extra_security_group_ids: c.security_group_ids.unwrap_or_default(),
            private_dns_enabled: c.private_dns_enabled,
            wait_for_acceptance: c.wait_for_acceptance,
            object_tags,
            tags_all,
        })
    }

    /// Every security group the endpoint should carry.
    pub fn endpoint_security_groups(&self, own: &str) -> BTreeSet<String> {
        let mut groups = self.extra_security_group_ids.clone();
        groups.insert(own.to_string());
        groups
    }
}

/// The objects that exist, recorded the moment each is known.
#[derive(Clone, Debug, Default)]
pub struct Made {
    pub security_group_id: Option<String>,
    pub endpoint: Option<VpcEndpoint>,
    /// The CIDR blocks admitted (the VPC's when defaulted).
    pub allowed_cidr_blocks: Option<Vec<String>>,
    pub service_owner: Option<String>,
}

impl Made {
    /// What a prior state says exists (the endpoint as far as state knows
    /// it), until AWS is asked: a failure before then keeps it in state.
    pub fn from_state(state: &Value) -> Made {
        let text = |k: &str| state.get(k).as_str().map(str::to_string);
        Made {
            security_group_id: text("security_group_id"),
            endpoint: endpoint_in_state(state),
            allowed_cidr_blocks: state.get("allowed_cidr_blocks").as_list().map(|l| {
                l.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            }),
            service_owner: text("service_owner"),
        }
    }

    /// True when nothing exists.
    pub fn is_empty(&self) -> bool {
        self.security_group_id.is_none() && self.endpoint.is_none()
    }

    /// Writes what exists into `state`. An endpoint that does not exist
    /// leaves its attributes null (the next plan recreates it).
    pub fn write_into(&self, state: &mut Value) {
        let text = |v: &Option<String>| v.clone().map(Value::from).unwrap_or(Value::Null);
        state.set("security_group_id", text(&self.security_group_id));
        if let Some(cidrs) = &self.allowed_cidr_blocks {
            state.set(
                "allowed_cidr_blocks",
                Value::List(cidrs.iter().map(|c| Value::from(c.as_str())).collect()),
            );
        }
        if self.service_owner.is_some() {
            state.set("service_owner", text(&self.service_owner));
        }
        match &self.endpoint {
            Some(e) => write_endpoint(state, e),
            None => {
                for attr in ENDPOINT_ATTRIBUTES {
                    state.set(attr, Value::Null);
                }
            }
        }
    }
}

/// The endpoint as `state` records it: what [`Made::write_into`] wrote
/// (its security groups, owner and tags, which state does not record,
/// left empty); None without an id.
fn endpoint_in_state(state: &Value) -> Option<VpcEndpoint> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let set = |k: &str| -> BTreeSet<String> {
        state
            .get(k)
            .as_list()
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    Some(VpcEndpoint {
        id: state.get("id").as_str()?.to_string(),
        service_name: text(state.get("service_name")),
        vpc_id: text(state.get("vpc_id")),
        subnet_ids: set("subnet_ids"),
        security_group_ids: BTreeSet::new(),
        state: text(state.get("state")),
        private_dns_enabled: state
            .get("private_dns_enabled")
            .as_bool()
            .unwrap_or_default(),
        dns_entries: state
            .get("dns_entries")
            .as_list()
            .unwrap_or_default()
            .iter()
            .map(|d| DnsEntry {
                dns_name: text(d.get("dns_name")),
                hosted_zone_id: text(d.get("hosted_zone_id")),
            })
            .collect(),
        network_interface_ids: set("network_interface_ids"),
        owner: String::new(),
        tags: Tags::new(),
    })
}

/// The endpoint's observed attributes.
fn write_endpoint(state: &mut Value, e: &VpcEndpoint) {
    let set =
        |ids: &BTreeSet<String>| Value::List(ids.iter().map(|s| Value::from(s.as_str())).collect());
    state.set("id", e.id.as_str().into());
    state.set("state", e.state.as_str().into());
    state.set(
        "dns_name",
        names::regional_dns_name(&e.dns_entries)
            .map(Value::from)
            .unwrap_or(Value::Null),
    );
    state.set(
        "dns_entries",
        Value::List(
            e.dns_entries
                .iter()
                .map(|d| {
                    let mut entry = Value::Map(Default::default());
                    entry.set("dns_name", d.dns_name.as_str().into());
                    entry.set("hosted_zone_id", d.hosted_zone_id.as_str().into());
                    entry
                })
                .collect(),
        ),
    );
    state.set("network_interface_ids", set(&e.network_interface_ids));
    state.set("subnet_ids", set(&e.subnet_ids));
    state.set("private_dns_enabled", e.private_dns_enabled.into());
}

/// The tags attribute value of a tag map.
pub fn tags_value(tags: &Tags) -> Value {
    string_map_value(tags)
}

/// What the consumer keeps beside its state: whether `allowed_cidr_blocks`
/// is the default (the VPC's block) rather than configured, so a plan can
/// tell drift in the default from a configured value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateState {
    /// The default admitted blocks, when the configuration left them unset.
    pub default_cidr_blocks: Option<Vec<String>>,
    /// The endpoint a refresh found gone, which the next apply replaces
    /// (its id keeps the replacement's idempotency token new).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_endpoint_id: Option<String>,
}

impl PrivateState {
    pub fn encode(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Empty or unreadable private state reads as the default.
    pub fn decode(bytes: &[u8]) -> PrivateState {
        serde_json::from_slice(bytes).unwrap_or_default()
    }
}
