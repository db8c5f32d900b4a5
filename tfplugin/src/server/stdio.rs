//! go-plugin's GRPCStdio. The provider writes logs straight to its stderr,
//! which Terraform already reads, so this stream never carries data; it
//! stays open until shutdown so Terraform sees a healthy stdio channel.

use std::pin::Pin;

use futures::Stream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use crate::proto::plugin::StdioData;
use crate::proto::plugin::grpc_stdio_server::GrpcStdio;

pub struct Stdio {
    pub shutdown: CancellationToken,
}

type StdioStream = Pin<Box<dyn Stream<Item = Result<StdioData, Status>> + Send>>;

#[tonic::async_trait]
impl GrpcStdio for Stdio {
    type StreamStdioStream = StdioStream;

    async fn stream_stdio(
        &self,
        _request: Request<()>,
    ) -> Result<Response<Self::StreamStdioStream>, Status> {
        let shutdown = self.shutdown.clone();
        let stream = futures::stream::once(async move {
            shutdown.cancelled().await;
            None
        })
        .filter_map(futures::future::ready);
        Ok(Response::new(Box::pin(stream)))
    }
}

use futures::StreamExt;
