//! ApplyResourceChange: create (prior null), delete (planned null) or
//! update. A failed create may still return state, which Terraform records
//! as tainted, so partially created infrastructure is never orphaned.

use super::ProviderService;
use super::dynamic::{decode, encode};
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;
use crate::resource::{CreateRequest, DeleteRequest, StateResult, UpdateRequest};
use crate::value::Value;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn apply_resource_change(
        &self,
        req: pb::apply_resource_change::Request,
    ) -> pb::apply_resource_change::Response {
        let fallback_state = req.prior_state.clone();
        let fallback_private = req.planned_private.clone();
        let type_name = req.type_name.clone();
        match self.apply_inner(req).await {
            Ok(r) => r,
            Err(diags) => pb::apply_resource_change::Response {
                new_state: fallback_state,
                private: fallback_private,
                diagnostics: self.resource_diagnostics(&type_name, &diags),
                legacy_type_system: false,
            },
        }
    }

    async fn apply_inner(
        &self,
        req: pb::apply_resource_change::Request,
    ) -> Result<pb::apply_resource_change::Response, Diagnostics> {
        let entry = self.resource(&req.type_name)?;
        let ty = entry.schema.value_type();
        let prior = decode(req.prior_state.as_ref(), &ty, "prior state")?;
        let planned = decode(req.planned_state.as_ref(), &ty, "planned state")?;
        let config = decode(req.config.as_ref(), &ty, "configuration")?;
        let ctx = self.ctx();
        let data = self.require_ready(&ctx).await?;
        let resource = &entry.resource;

        let result = if planned.is_null() {
            let diagnostics = resource
                .delete(
                    &ctx,
                    &data,
                    DeleteRequest {
                        prior: prior.clone(),
                        private: req.planned_private.clone(),
                    },
                )
                .await;
            if diagnostics.has_errors() {
                // Still there: keep it in state.
                StateResult::with_diagnostics(prior, req.planned_private, diagnostics)
            } else {
                StateResult::with_diagnostics(Value::Null, Vec::new(), diagnostics)
            }
        } else if prior.is_null() {
            resource
                .create(
                    &ctx,
                    &data,
                    CreateRequest {
                        config,
                        planned,
                        planned_private: req.planned_private,
                    },
                )
                .await
        } else {
            resource
                .update(
                    &ctx,
                    &data,
                    UpdateRequest {
                        config,
                        prior,
                        planned,
                        planned_private: req.planned_private,
                    },
                )
                .await
        };

        let mut state = result.state;
        if result.diagnostics.has_errors() {
            // Partial state must still be wholly known to be stored.
            replace_unknowns(&mut state);
        }
        Ok(pb::apply_resource_change::Response {
            new_state: Some(encode(&state, &ty, "new state")?),
            private: result.private,
            diagnostics: result.diagnostics.to_proto_in(&entry.schema.block),
            legacy_type_system: false,
        })
    }
}

fn replace_unknowns(value: &mut Value) {
    match value {
        Value::Unknown => *value = Value::Null,
        Value::List(items) => items.iter_mut().for_each(replace_unknowns),
        Value::Map(entries) => entries.values_mut().for_each(replace_unknowns),
        _ => {}
    }
}
