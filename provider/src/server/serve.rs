//! Runs the gRPC server: the tfplugin6 provider service plus go-plugin's
//! controller, stdio, broker and health services, on one listener.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;

use super::broker::Broker;
use super::controller::Controller;
use super::handshake::{LaunchEnv, handshake_line};
use super::listener::{accept_connections, bind_loopback};
use super::stdio::Stdio;
use super::tls::server_tls;
use crate::framework::provider::Provider;
use crate::framework::rpc::ProviderService;
use crate::proto::plugin::grpc_broker_server::GrpcBrokerServer;
use crate::proto::plugin::grpc_controller_server::GrpcControllerServer;
use crate::proto::plugin::grpc_stdio_server::GrpcStdioServer;
use crate::proto::tfplugin6::provider_server::ProviderServer;

/// Terraform allows up to 256 MiB per message (large plans and states);
/// tonic's default is 4 MiB.
pub const MAX_MESSAGE_SIZE: usize = 256 << 20;

/// How long a requested shutdown may take before the process just exits.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// Serves `provider` for Terraform (managed mode): prints the handshake
/// line and returns when Terraform calls Shutdown.
pub async fn serve_managed<P: Provider>(provider: P, env: LaunchEnv) -> anyhow::Result<()> {
    let listener = bind_loopback(env.min_port, env.max_port).await?;
    let addr = listener.local_addr()?;
    let tls = match &env.client_cert_pem {
        Some(pem) => Some(server_tls(pem).map_err(anyhow::Error::msg)?),
        None => {
            tracing::warn!(
                "Terraform disabled AutoMTLS (TF_DISABLE_PLUGIN_TLS): serving plaintext on loopback"
            );
            None
        }
    };
    ignore_interrupts();
    let shutdown = CancellationToken::new();
    exit_with_terraform(shutdown.clone());
    let line = handshake_line(addr, tls.as_ref().map(|t| t.server_cert_der.as_slice()));
    let server = tokio::spawn(run(
        provider,
        listener,
        tls.map(|t| t.config),
        shutdown.clone(),
        false,
    ));
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{line}")?;
        stdout.flush()?;
    }
    tracing::debug!(%addr, "plugin server listening");
    shutdown.cancelled().await;
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, server).await;
    Ok(())
}

/// Builds the services and serves until `shutdown`.
pub async fn run<P: Provider>(
    provider: P,
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: CancellationToken,
    debug: bool,
) -> anyhow::Result<()> {
    let service = ProviderService::new(provider);
    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_service_status("plugin", tonic_health::ServingStatus::Serving)
        .await;
    let incoming = accept_connections(listener, tls, shutdown.clone());
    Server::builder()
        .add_service(
            ProviderServer::new(service)
                .max_decoding_message_size(MAX_MESSAGE_SIZE)
                .max_encoding_message_size(MAX_MESSAGE_SIZE),
        )
        .add_service(GrpcControllerServer::new(Controller {
            shutdown: shutdown.clone(),
            ignore_shutdown: debug,
        }))
        .add_service(GrpcStdioServer::new(Stdio {
            shutdown: shutdown.clone(),
        }))
        .add_service(GrpcBrokerServer::new(Broker))
        .add_service(health_service)
        .serve_with_incoming_shutdown(incoming, shutdown.cancelled_owned())
        .await?;
    Ok(())
}

/// If Terraform dies without calling Shutdown (killed, crashed), the
/// plugin is re-parented; it then shuts down instead of lingering.
fn exit_with_terraform(shutdown: CancellationToken) {
    let parent = std::os::unix::process::parent_id();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if std::os::unix::process::parent_id() != parent {
                tracing::warn!("Terraform went away without shutting the plugin down; exiting");
                shutdown.cancel();
                return;
            }
        }
    });
}

/// Terraform's Ctrl-C reaches the whole process group. The plugin must not
/// die on it: Terraform sends StopProvider and waits for in-flight work to
/// end cleanly, then calls Shutdown.
fn ignore_interrupts() {
    use tokio::signal::unix::{SignalKind, signal};
    if let Ok(mut interrupts) = signal(SignalKind::interrupt()) {
        tokio::spawn(async move {
            while interrupts.recv().await.is_some() {
                tracing::debug!("ignoring SIGINT; Terraform will send StopProvider");
            }
        });
    }
}
