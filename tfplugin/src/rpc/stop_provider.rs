//! StopProvider: Terraform was interrupted. Cancel every in-flight
//! operation (each returns an error diagnostic) but keep serving: only
//! GRPCController.Shutdown ends the process.

use super::ProviderService;
use crate::proto::tfplugin6 as pb;
use crate::provider::Provider;

impl<P: Provider> ProviderService<P> {
    pub(super) async fn stop_provider(
        &self,
        _req: pb::stop_provider::Request,
    ) -> pb::stop_provider::Response {
        tracing::info!("StopProvider: cancelling in-flight operations");
        self.stop.cancel();
        pb::stop_provider::Response {
            error: String::new(),
        }
    }
}
