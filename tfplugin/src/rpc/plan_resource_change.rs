//! PlanResourceChange: defaults, unknowns and attribute plan modifiers
//! (see `framework::plan`), then the resource's own `modify_plan`.

use super::ProviderService;
use super::dynamic::{decode, encode};
use crate::diagnostics::Diagnostics;
use crate::plan::plan_block;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;
use crate::resource::PlanContext;
use crate::value::Value;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn plan_resource_change(
        &self,
        req: pb::plan_resource_change::Request,
    ) -> pb::plan_resource_change::Response {
        let type_name = req.type_name.clone();
        match self.plan_inner(req).await {
            Ok(r) => r,
            Err(diags) => pb::plan_resource_change::Response {
                diagnostics: self.resource_diagnostics(&type_name, &diags),
                ..Default::default()
            },
        }
    }

    async fn plan_inner(
        &self,
        req: pb::plan_resource_change::Request,
    ) -> Result<pb::plan_resource_change::Response, Diagnostics> {
        let entry = self.resource(&req.type_name)?;
        let ty = entry.schema.value_type();
        let prior = decode(req.prior_state.as_ref(), &ty, "prior state")?;
        let proposed = decode(req.proposed_new_state.as_ref(), &ty, "proposed state")?;
        let config = decode(req.config.as_ref(), &ty, "configuration")?;

        if proposed.is_null() {
            // Destroy: nothing to plan beyond "gone".
            return Ok(pb::plan_resource_change::Response {
                planned_state: Some(encode(&Value::Null, &ty, "plan")?),
                planned_private: req.prior_private,
                ..Default::default()
            });
        }

        let generic = plan_block(&entry.schema.block, &prior, &proposed, &config);
        let mut plan = PlanContext {
            config,
            prior,
            planned: generic.planned,
            planned_private: req.prior_private.clone(),
            prior_private: req.prior_private,
            requires_replace: generic.requires_replace,
            diagnostics: generic.diagnostics,
        };
        let data = self.configured();
        let ctx = self.ctx();
        ctx.run(entry.resource.modify_plan(&ctx, data.as_deref(), &mut plan))
            .await
            .map_err(|i| Diagnostics::from(i.to_diagnostic("Plan")))?;

        let mut requires_replace = plan.requires_replace;
        requires_replace.dedup();
        Ok(pb::plan_resource_change::Response {
            planned_state: Some(encode(&plan.planned, &ty, "plan")?),
            requires_replace: requires_replace.iter().map(|p| p.to_proto()).collect(),
            planned_private: plan.planned_private,
            diagnostics: plan.diagnostics.to_proto_in(&entry.schema.block),
            legacy_type_system: false,
            deferred: None,
        })
    }
}
