//! ReadDataSource: reads a data source for a wholly known configuration.

use super::ProviderService;
use super::dynamic::{decode, encode};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn read_data_source(
        &self,
        req: pb::read_data_source::Request,
    ) -> pb::read_data_source::Response {
        let type_name = req.type_name.clone();
        match self.read_data_inner(req).await {
            Ok(state) => pb::read_data_source::Response {
                state: Some(state),
                ..Default::default()
            },
            Err(diags) => pb::read_data_source::Response {
                diagnostics: self.data_source_diagnostics(&type_name, &diags),
                ..Default::default()
            },
        }
    }

    async fn read_data_inner(
        &self,
        req: pb::read_data_source::Request,
    ) -> Result<pb::DynamicValue, Diagnostics> {
        let entry = self.data_source(&req.type_name)?;
        let ty = entry.schema.value_type();
        let config = decode(req.config.as_ref(), &ty, "configuration")?;
        if !config.is_wholly_known() {
            return Err(Diagnostic::error(
                "Configuration not yet known",
                format!(
                    "{} can only be read once all its arguments are known.",
                    req.type_name
                ),
            )
            .into());
        }
        let ctx = self.ctx();
        let data = self.require_ready(&ctx).await?;
        let state = ctx
            .run(entry.data_source.read(&ctx, &data, config))
            .await
            .map_err(|i| {
                Diagnostics::from(i.to_diagnostic(&format!("Reading {}", req.type_name)))
            })??;
        Ok(encode(&state, &ty, "data source state")?)
    }
}
