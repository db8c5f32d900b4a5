//! ReadResource: refreshes one instance from the real infrastructure. A
//! null new state tells Terraform the object is gone.

use super::ProviderService;
use super::dynamic::{decode, encode};
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;
use crate::resource::ReadRequest;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn read_resource(
        &self,
        req: pb::read_resource::Request,
    ) -> pb::read_resource::Response {
        let mut response = pb::read_resource::Response {
            new_state: req.current_state.clone(),
            private: req.private.clone(),
            ..Default::default()
        };
        match self.read_inner(req).await {
            Ok((state, private, diags)) => {
                if let Some(state) = state {
                    response.new_state = Some(state);
                    response.private = private;
                }
                response.diagnostics = diags.to_proto();
            }
            Err(diags) => response.diagnostics = diags.to_proto(),
        }
        response
    }

    async fn read_inner(
        &self,
        req: pb::read_resource::Request,
    ) -> Result<(Option<pb::DynamicValue>, Vec<u8>, Diagnostics), Diagnostics> {
        let entry = self.resource(&req.type_name)?;
        let ty = entry.schema.value_type();
        let state = decode(req.current_state.as_ref(), &ty, "state")?;
        let ctx = self.ctx();
        let data = self.require_ready(&ctx).await?;
        let result = ctx
            .run(entry.resource.read(
                &ctx,
                &data,
                ReadRequest {
                    state,
                    private: req.private,
                },
            ))
            .await
            .map_err(|i| Diagnostics::from(i.to_diagnostic("Refresh")))?;
        if result.diagnostics.has_errors() {
            // Keep the stored state untouched when the read itself failed.
            return Ok((None, Vec::new(), result.diagnostics));
        }
        let encoded = encode(&result.state, &ty, "state")?;
        Ok((Some(encoded), result.private, result.diagnostics))
    }
}
