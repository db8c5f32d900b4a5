//! The loopback listener: binds 127.0.0.1 inside the port range Terraform
//! allows, and turns accepted connections into the stream of (TLS) streams
//! the gRPC server consumes. A failed TLS handshake drops that connection
//! only.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::{Connected, TcpConnectInfo};

/// How long a client may take to complete the TLS handshake.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Binds loopback on the first free port in `min..=max` (any free port
/// when both are 0).
pub async fn bind_loopback(min: u16, max: u16) -> io::Result<TcpListener> {
    if min == 0 && max == 0 {
        return TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await;
    }
    let mut last = io::Error::new(io::ErrorKind::AddrInUse, "no port in range");
    for port in min.max(1)..=max {
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(l) => return Ok(l),
            Err(e) => last = e,
        }
    }
    Err(io::Error::new(
        last.kind(),
        format!("no free loopback port between {min} and {max}: {last}"),
    ))
}

/// A connection the gRPC server serves: TLS when Terraform enabled
/// AutoMTLS, plain TCP otherwise (TLS disabled, or debug mode).
pub enum PluginConnection {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Connected for PluginConnection {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        match self {
            PluginConnection::Plain(s) => s.connect_info(),
            PluginConnection::Tls(s) => s.get_ref().0.connect_info(),
        }
    }
}

impl AsyncRead for PluginConnection {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            PluginConnection::Plain(s) => Pin::new(s).poll_read(cx, buf),
            PluginConnection::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for PluginConnection {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            PluginConnection::Plain(s) => Pin::new(s).poll_write(cx, buf),
            PluginConnection::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            PluginConnection::Plain(s) => Pin::new(s).poll_flush(cx),
            PluginConnection::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            PluginConnection::Plain(s) => Pin::new(s).poll_shutdown(cx),
            PluginConnection::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// Accepts connections until `shutdown`, completing TLS (when `tls` is set)
/// off the accept loop, and yields the ready connections.
pub fn accept_connections(
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    shutdown: CancellationToken,
) -> ReceiverStream<io::Result<PluginConnection>> {
    let (tx, rx) = mpsc::channel(16);
    let acceptor = tls.map(TlsAcceptor::from);
    tokio::spawn(async move {
        loop {
            let (tcp, peer) = tokio::select! {
                _ = shutdown.cancelled() => break,
                accepted = listener.accept() => match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        tracing::warn!(error = %e, "accept failed");
                        continue;
                    }
                },
            };
            let _ = tcp.set_nodelay(true);
            let tx = tx.clone();
            match &acceptor {
                None => {
                    if tx.send(Ok(PluginConnection::Plain(tcp))).await.is_err() {
                        break;
                    }
                }
                Some(acceptor) => {
                    let acceptor = acceptor.clone();
                    tokio::spawn(async move {
                        match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(tcp))
                            .await
                        {
                            Ok(Ok(stream)) => {
                                let _ = tx.send(Ok(PluginConnection::Tls(Box::new(stream)))).await;
                            }
                            Ok(Err(e)) => {
                                tracing::warn!(%peer, error = %e, "refused connection: TLS handshake failed")
                            }
                            Err(_) => {
                                tracing::warn!(%peer, "refused connection: TLS handshake timed out")
                            }
                        }
                    });
                }
            }
        }
    });
    ReceiverStream::new(rx)
}

/// The address the listener is bound to.
pub fn local_addr(listener: &TcpListener) -> io::Result<SocketAddr> {
    listener.local_addr()
}
