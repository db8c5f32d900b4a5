//! `--debug`: serve without Terraform launching the plugin, so it can run
//! under a debugger, and print the TF_REATTACH_PROVIDERS value that points
//! Terraform at it (as Go providers do).

use std::io::Write;

use tokio_util::sync::CancellationToken;

use super::handshake::PLUGIN_PROTOCOL_VERSION;
use super::listener::bind_loopback;
use super::serve::{run, serve_until};
use crate::provider::Provider;

/// The TF_REATTACH_PROVIDERS JSON for a server at `addr`.
pub fn reattach_json(provider_address: &str, addr: std::net::SocketAddr, pid: u32) -> String {
    serde_json::json!({
        provider_address: {
            "Protocol": "grpc",
            "ProtocolVersion": PLUGIN_PROTOCOL_VERSION,
            "Pid": pid,
            "Test": true,
            "Addr": { "Network": "tcp", "String": addr.to_string() },
        }
    })
    .to_string()
}

/// Serves plaintext on loopback until interrupted (Ctrl-C or SIGTERM).
pub async fn serve_debug<P: Provider>(provider: P, provider_address: &str) -> anyhow::Result<()> {
    let listener = bind_loopback(0, 0).await?;
    let addr = listener.local_addr()?;
    let reattach = reattach_json(provider_address, addr, std::process::id());
    {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "Provider started in debug mode. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='{reattach}'\n\nPress Ctrl-C to stop."
        )?;
        out.flush()?;
    }
    let shutdown = CancellationToken::new();
    let server = tokio::spawn(run(provider, listener, None, shutdown.clone(), true));
    serve_until(server, &shutdown, wait_for_termination()).await
}

async fn wait_for_termination() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reattach_json_has_terraforms_shape() {
        let json = reattach_json(
            "registry.terraform.io/x/y",
            "127.0.0.1:9000".parse().unwrap(),
            42,
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let entry = &v["registry.terraform.io/x/y"];
        assert_eq!(entry["ProtocolVersion"], 6);
        assert_eq!(entry["Pid"], 42);
        assert_eq!(entry["Addr"]["Network"], "tcp");
        assert_eq!(entry["Addr"]["String"], "127.0.0.1:9000");
    }
}
