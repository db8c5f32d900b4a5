//! ValidateProviderConfig: attribute validators plus the provider's own
//! cross-attribute checks, before anything talks to AWS.

use super::ProviderService;
use super::dynamic::decode;
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;
use crate::validators::validate_block;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn validate_provider_config(
        &self,
        req: pb::validate_provider_config::Request,
    ) -> pb::validate_provider_config::Response {
        let mut diags = Diagnostics::new();
        match decode(
            req.config.as_ref(),
            &self.provider_schema.value_type(),
            "provider configuration",
        ) {
            Ok(config) => {
                diags.extend(validate_block(&self.provider_schema.block, &config));
                self.provider.validate_config(&config, &mut diags);
            }
            Err(d) => diags.push(d),
        }
        pb::validate_provider_config::Response {
            diagnostics: diags.to_proto_in(&self.provider_schema.block),
        }
    }
}
