//! ConfigureProvider: turns the provider block into the data resources use.

use std::sync::Arc;

use super::ProviderService;
use super::dynamic::decode;
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::{ConfigureRequest, Provider};

impl<P: Provider> ProviderService<P> {
    pub(super) async fn configure_provider(
        &self,
        req: pb::configure_provider::Request,
    ) -> pb::configure_provider::Response {
        let mut diags = Diagnostics::new();
        match decode(
            req.config.as_ref(),
            &self.provider_schema.value_type(),
            "provider configuration",
        ) {
            Ok(config) if !config.is_wholly_known() => {
                // Terraform plans with a provider block that depends on
                // resources not yet created; it configures again, with
                // known values, before applying.
                tracing::debug!("provider configuration not yet known; deferring configuration");
            }
            Ok(config) => {
                let ctx = self.ctx();
                let request = ConfigureRequest {
                    terraform_version: req.terraform_version,
                    config,
                };
                match ctx.run(self.provider.configure(&ctx, request)).await {
                    Ok(Ok(data)) => {
                        *self.data.write().expect("provider data lock") = Some(Arc::new(data))
                    }
                    Ok(Err(d)) => diags.extend(d),
                    Err(interrupted) => {
                        diags.push(interrupted.to_diagnostic("Provider configuration"))
                    }
                }
            }
            Err(d) => diags.push(d),
        }
        pb::configure_provider::Response {
            diagnostics: diags.to_proto_in(&self.provider_schema.block),
        }
    }
}
