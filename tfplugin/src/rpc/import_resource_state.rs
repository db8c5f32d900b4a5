//! ImportResourceState: `terraform import` (and import blocks). Terraform
//! calls ReadResource on the result before storing it.

use super::ProviderService;
use super::dynamic::encode;
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn import_resource_state(
        &self,
        req: pb::import_resource_state::Request,
    ) -> pb::import_resource_state::Response {
        match self.import_inner(req).await {
            Ok(r) => r,
            Err(diags) => pb::import_resource_state::Response {
                diagnostics: diags.to_proto(),
                ..Default::default()
            },
        }
    }

    async fn import_inner(
        &self,
        req: pb::import_resource_state::Request,
    ) -> Result<pb::import_resource_state::Response, Diagnostics> {
        let entry = self.resource(&req.type_name)?;
        let ty = entry.schema.value_type();
        let ctx = self.ctx();
        let data = self.require_ready(&ctx).await?;
        let result = ctx
            .run(entry.resource.import(&ctx, &data, &req.id))
            .await
            .map_err(|i| Diagnostics::from(i.to_diagnostic("Import")))?;
        if result.diagnostics.has_errors() || result.state.is_null() {
            return Ok(pb::import_resource_state::Response {
                diagnostics: result.diagnostics.to_proto(),
                ..Default::default()
            });
        }
        Ok(pb::import_resource_state::Response {
            imported_resources: vec![pb::import_resource_state::ImportedResource {
                type_name: req.type_name,
                state: Some(encode(&result.state, &ty, "imported state")?),
                private: result.private,
            }],
            diagnostics: result.diagnostics.to_proto(),
            deferred: None,
        })
    }
}
