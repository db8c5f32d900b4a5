//! The consumer's settings in typed form, read from a planned or prior
//! state value with the schema's defaults in place. Required attributes
//! are optional here: an imported state may lack some, and unknown values
//! (resolved on apply) read as None.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use tfplugin::diagnostics::Diagnostic;
use tfplugin::value::{Value, to_typed_unknown_as_null};

use super::schema::schema;

/// The settings of a planned or prior `privatelink_consumer`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct ConsumerConfig {
    pub name: Option<String>,
    pub service_name: Option<String>,
    pub vpc_id: Option<String>,
    pub subnet_ids: Option<BTreeSet<String>>,
    pub port: Option<i32>,
    /// None: unknown until the VPC's CIDR blocks are read.
    pub allowed_cidr_blocks: Option<Vec<String>>,
    pub allowed_security_group_ids: Option<BTreeSet<String>>,
    pub security_group_ids: Option<BTreeSet<String>>,
    pub private_dns_enabled: bool,
    pub wait_for_acceptance: bool,
    pub tags: Option<BTreeMap<String, String>>,
    pub acceptance: Option<Vec<AcceptanceConfig>>,
}

/// The `acceptance` block.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct AcceptanceConfig {
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
}

impl ConsumerConfig {
    /// Reads a planned or prior state value (nulls take the schema's
    /// defaults; unknowns read as None).
    pub fn read(value: &Value) -> Result<ConsumerConfig, Diagnostic> {
        let mut value = value.clone();
        schema().block.fill_defaults(&mut value);
        to_typed_unknown_as_null(&value).map_err(|e| {
            Diagnostic::error(
                "Unreadable privatelink_consumer settings",
                format!("The planned or prior settings do not have the expected shape: {e}. This is a bug in the provider."),
            )
        })
    }

    /// The `acceptance` block, when there is one.
    pub fn acceptance(&self) -> Option<&AcceptanceConfig> {
        self.acceptance.as_ref().and_then(|a| a.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_and_unknowns_read_as_none() {
        let mut v = Value::null_object(&schema().value_type());
        v.set("name", "orders".into());
        v.set("allowed_cidr_blocks", Value::Unknown);
        let c = ConsumerConfig::read(&v).unwrap();
        assert_eq!(c.name.as_deref(), Some("orders"));
        assert_eq!(c.allowed_cidr_blocks, None);
        assert!(c.wait_for_acceptance && !c.private_dns_enabled);
        assert_eq!(c.acceptance(), None);
    }

    #[test]
    fn the_acceptance_block_reads() {
        let mut v = Value::null_object(&schema().value_type());
        let mut block = Value::Map(Default::default());
        block.set("role_arn", "arn:aws:iam::111111111111:role/accept".into());
        block.set("external_id", Value::Null);
        block.set("session_name", Value::Null);
        v.set("acceptance", Value::List(vec![block]));
        let c = ConsumerConfig::read(&v).unwrap();
        assert_eq!(
            c.acceptance().and_then(|a| a.role_arn.as_deref()),
            Some("arn:aws:iam::111111111111:role/accept")
        );
    }
}
