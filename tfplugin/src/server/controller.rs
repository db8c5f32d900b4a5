//! go-plugin's GRPCController: Terraform calls Shutdown when it is done
//! with the plugin, then kills the process 2 s later; the server must be
//! gone before that.

use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use crate::proto::plugin::Empty;
use crate::proto::plugin::grpc_controller_server::GrpcController;

/// Signals the serve loop to stop.
pub struct Controller {
    pub shutdown: CancellationToken,
    /// In debug mode Terraform does not own the process: keep serving.
    pub ignore_shutdown: bool,
}

#[tonic::async_trait]
impl GrpcController for Controller {
    async fn shutdown(&self, _request: Request<Empty>) -> Result<Response<Empty>, Status> {
        if self.ignore_shutdown {
            tracing::info!("Shutdown requested; debug mode keeps serving until interrupted");
        } else {
            tracing::debug!("Shutdown requested by Terraform");
            self.shutdown.cancel();
        }
        Ok(Response::new(Empty {}))
    }
}
