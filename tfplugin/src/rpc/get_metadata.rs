//! GetMetadata: the type names this provider serves (Terraform 1.6+ may
//! call it instead of fetching full schemas).

use super::ProviderService;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn get_metadata(
        &self,
        _req: pb::get_metadata::Request,
    ) -> pb::get_metadata::Response {
        pb::get_metadata::Response {
            server_capabilities: Some(server_capabilities()),
            diagnostics: Vec::new(),
            data_sources: self
                .data_sources
                .keys()
                .map(|n| pb::get_metadata::DataSourceMetadata {
                    type_name: n.clone(),
                })
                .collect(),
            resources: self
                .resources
                .keys()
                .map(|n| pb::get_metadata::ResourceMetadata {
                    type_name: n.clone(),
                })
                .collect(),
            functions: Vec::new(),
            ephemeral_resources: Vec::new(),
        }
    }
}

/// What this provider supports beyond protocol 6.0. Clients older than the
/// field ignore it.
pub(super) fn server_capabilities() -> pb::ServerCapabilities {
    pb::ServerCapabilities {
        // Terraform >= 1.3 then asks us to plan destroys too.
        plan_destroy: true,
        get_provider_schema_optional: false,
        move_resource_state: false,
    }
}
