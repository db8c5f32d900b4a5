//! Runs the gRPC server: the tfplugin6 provider service plus go-plugin's
//! controller, stdio, broker and health services, on one listener.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::{JoinError, JoinHandle};
use tokio_util::sync::CancellationToken;
use tonic::transport::Server;

use super::broker::Broker;
use super::controller::Controller;
use super::handshake::{LaunchEnv, handshake_line};
use super::listener::{accept_connections, bind_loopback};
use super::stdio::Stdio;
use super::tls::server_tls;
use crate::proto::plugin::grpc_broker_server::GrpcBrokerServer;
use crate::proto::plugin::grpc_controller_server::GrpcControllerServer;
use crate::proto::plugin::grpc_stdio_server::GrpcStdioServer;
use crate::proto::tfplugin6::provider_server::ProviderServer;
use crate::provider::Provider;
use crate::rpc::ProviderService;

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
    let stop = shutdown.clone();
    serve_until(server, &shutdown, async move { stop.cancelled().await }).await
}

/// Waits until `stop` completes, then cancels `shutdown` and gives the
/// server `SHUTDOWN_GRACE` (one second) to finish. A server that ends before `stop`
/// (it failed, or stopped on its own) is an error, so the plugin exits
/// instead of hanging with nothing serving.
pub async fn serve_until(
    mut server: JoinHandle<anyhow::Result<()>>,
    shutdown: &CancellationToken,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    tokio::select! {
        ended = &mut server => {
            let result = outcome(ended);
            if shutdown.is_cancelled() {
                return result;
            }
            return Err(match result {
                Ok(()) => anyhow::anyhow!("the gRPC server stopped before the plugin was shut down"),
                Err(e) => e.context("the gRPC server failed"),
            });
        }
        () = stop => {}
    }
    shutdown.cancel();
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(ended) => outcome(ended),
        Err(_) => {
            tracing::debug!("in-flight requests outlived the shutdown grace period");
            Ok(())
        }
    }
}

/// The server task's result, a panic counted as a failure.
fn outcome(ended: Result<anyhow::Result<()>, JoinError>) -> anyhow::Result<()> {
    ended.map_err(|e| anyhow::anyhow!("the gRPC server task ended abnormally: {e}"))?
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_failing_server_ends_the_wait_with_its_error() {
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(async { Err(anyhow::anyhow!("address in use")) });
        let never = std::future::pending::<()>();
        let result = tokio::time::timeout(
            Duration::from_secs(5),
            serve_until(server, &shutdown, never),
        )
        .await
        .expect("returns without waiting for a stop");
        let message = format!("{:#}", result.unwrap_err());
        assert!(message.contains("the gRPC server failed"), "{message}");
        assert!(message.contains("address in use"), "{message}");
    }

    #[tokio::test]
    async fn a_server_that_stops_on_its_own_is_an_error() {
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(async { Ok(()) });
        let result = serve_until(server, &shutdown, std::future::pending()).await;
        assert!(result.is_err());
    }

    #[tokio::test]
    async fn a_requested_stop_cancels_and_returns_the_servers_result() {
        let shutdown = CancellationToken::new();
        let token = shutdown.clone();
        let server = tokio::spawn(async move {
            token.cancelled().await;
            Ok(())
        });
        serve_until(server, &shutdown, async {}).await.unwrap();
        assert!(shutdown.is_cancelled());
    }
}
