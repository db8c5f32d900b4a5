//! ValidateResourceConfig: attribute validators plus the resource's own
//! cross-attribute checks, at `terraform validate` and plan time.

use super::ProviderService;
use super::dynamic::decode;
use crate::diagnostics::Diagnostics;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;
use crate::validators::validate_block;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn validate_resource_config(
        &self,
        req: pb::validate_resource_config::Request,
    ) -> pb::validate_resource_config::Response {
        let mut diags = Diagnostics::new();
        match self.resource(&req.type_name) {
            Ok(entry) => match decode(
                req.config.as_ref(),
                &entry.schema.value_type(),
                "resource configuration",
            ) {
                Ok(config) => {
                    diags.extend(validate_block(&entry.schema.block, &config));
                    entry.resource.validate_config(&config, &mut diags);
                }
                Err(d) => diags.push(d),
            },
            Err(d) => diags.extend(d),
        }
        pb::validate_resource_config::Response {
            diagnostics: self.resource_diagnostics(&req.type_name, &diags),
        }
    }
}
