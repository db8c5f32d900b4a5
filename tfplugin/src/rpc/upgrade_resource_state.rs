//! UpgradeResourceState: Terraform hands over stored state as JSON before
//! any other operation on an instance, every time, even when the schema
//! version is unchanged. Older versions are rewritten by the resource;
//! attributes the schema no longer has are dropped, attributes it gained
//! start at their default (null without one).

use super::ProviderService;
use super::dynamic::encode;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn upgrade_resource_state(
        &self,
        req: pb::upgrade_resource_state::Request,
    ) -> pb::upgrade_resource_state::Response {
        let (upgraded_state, diags) = match self.upgrade(req) {
            Ok(dv) => (Some(dv), Diagnostics::new()),
            Err(d) => (None, d),
        };
        pb::upgrade_resource_state::Response {
            upgraded_state,
            diagnostics: diags.to_proto(),
        }
    }

    fn upgrade(
        &self,
        req: pb::upgrade_resource_state::Request,
    ) -> Result<pb::DynamicValue, Diagnostics> {
        let entry = self.resource(&req.type_name)?;
        let ty = entry.schema.value_type();
        let raw = req.raw_state.unwrap_or_default();
        if raw.json.is_empty() {
            if !raw.flatmap.is_empty() {
                return Err(Diagnostic::error(
                    "Unsupported state format",
                    "The stored state uses the legacy flatmap format, which this provider never wrote.",
                )
                .into());
            }
            return encode(&crate::value::Value::Null, &ty, "state").map_err(Into::into);
        }
        let mut json: serde_json::Value = serde_json::from_slice(&raw.json).map_err(|e| {
            Diagnostics::from(Diagnostic::error(
                "Malformed stored state",
                format!("The stored state is not valid JSON: {e}."),
            ))
        })?;
        let current = entry.schema.version;
        if req.version > current {
            return Err(Diagnostic::error(
                "State written by a newer provider",
                format!(
                    "The state of this {} was written with schema version {}, but this provider knows version {current}. Use the newer provider version.",
                    req.type_name, req.version
                ),
            )
            .into());
        }
        if req.version < current {
            json = entry.resource.upgrade_state(req.version, json)?;
        }
        let value = entry.schema.decode_stored_state(json).map_err(|e| {
            Diagnostics::from(Diagnostic::error(
                "Stored state does not match the schema",
                format!(
                    "The stored state of this {} cannot be read: {e}.",
                    req.type_name
                ),
            ))
        })?;
        encode(&value, &ty, "state").map_err(Into::into)
    }
}
