//! The provider binary launched exactly as Terraform's go-plugin client
//! launches it, with gRPC clients for the protocol services.

use std::net::SocketAddr;
use std::time::Duration;

pub use plugin_client::ClientIdentity;
use plugin_client::LaunchOptions;
use tfplugin::proto::plugin::grpc_controller_client::GrpcControllerClient;
use tfplugin::proto::tfplugin6::provider_client::ProviderClient;
use tonic::transport::Channel;

use super::provider_binary;

/// A provider process started as Terraform starts it.
pub struct PluginProcess {
    inner: plugin_client::PluginProcess,
    pub addr: SocketAddr,
    pub server_cert: Option<Vec<u8>>,
    pub handshake: String,
}

impl PluginProcess {
    /// Starts the provider with `client` as Terraform's AutoMTLS identity
    /// (None = TLS disabled) and `env` on top of the launch variables.
    pub fn start(client: Option<&ClientIdentity>, env: &[(&str, &str)]) -> PluginProcess {
        let options = LaunchOptions {
            client,
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            stderr: None,
        };
        let inner = plugin_client::PluginProcess::start(&provider_binary(), options)
            .expect("start provider");
        assert_eq!(inner.handshake.network, "tcp");
        PluginProcess {
            addr: inner.handshake.address.parse().expect("address"),
            server_cert: inner.handshake.server_cert.clone(),
            handshake: inner.handshake.line.clone(),
            inner,
        }
    }

    pub fn pid(&self) -> u32 {
        self.inner.pid()
    }

    /// A gRPC channel presenting `client` (None: no client certificate).
    pub async fn channel(
        &self,
        client: Option<&ClientIdentity>,
    ) -> Result<Channel, tonic::transport::Error> {
        plugin_client::connect(&self.inner.handshake, client).await
    }

    pub async fn provider(&self, client: Option<&ClientIdentity>) -> ProviderClient<Channel> {
        ProviderClient::new(self.channel(client).await.expect("connect"))
            .max_decoding_message_size(256 << 20)
    }

    pub async fn controller(
        &self,
        client: Option<&ClientIdentity>,
    ) -> GrpcControllerClient<Channel> {
        GrpcControllerClient::new(self.channel(client).await.expect("connect"))
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        self.inner.wait_exit(timeout)
    }

    pub fn is_running(&mut self) -> bool {
        self.inner.child.try_wait().unwrap().is_none()
    }
}
