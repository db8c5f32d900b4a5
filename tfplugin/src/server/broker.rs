//! go-plugin's GRPCBroker: lets plugins open extra connections. Terraform
//! providers never use it; the stream is accepted, drained and closed when
//! the client closes it.

use std::pin::Pin;

use futures::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use crate::proto::plugin::ConnInfo;
use crate::proto::plugin::grpc_broker_server::GrpcBroker;

pub struct Broker;

type BrokerStream = Pin<Box<dyn Stream<Item = Result<ConnInfo, Status>> + Send>>;

#[tonic::async_trait]
impl GrpcBroker for Broker {
    type StartStreamStream = BrokerStream;

    async fn start_stream(
        &self,
        request: Request<Streaming<ConnInfo>>,
    ) -> Result<Response<Self::StartStreamStream>, Status> {
        let mut incoming = request.into_inner();
        let drained = futures::stream::once(async move {
            while let Some(Ok(info)) = incoming.next().await {
                tracing::debug!(
                    service_id = info.service_id,
                    "ignoring broker connection info"
                );
            }
            None
        })
        .filter_map(futures::future::ready);
        Ok(Response::new(Box::pin(drained)))
    }
}
