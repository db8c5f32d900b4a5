//! A gRPC channel to a plugin over TCP or a Unix socket, with AutoMTLS:
//! trust exactly the server certificate from the handshake, present the
//! client identity, negotiate HTTP/2 by ALPN.

use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use tokio::io::{AsyncRead, AsyncWrite};
use tonic::transport::{Channel, Endpoint, Uri};

use crate::handshake::Handshake;
use crate::identity::ClientIdentity;

/// Connects to the plugin described by `handshake`. With a server
/// certificate, TLS is used and `client` (if any) is presented.
pub async fn connect(
    handshake: &Handshake,
    client: Option<&ClientIdentity>,
) -> Result<Channel, tonic::transport::Error> {
    let endpoint = Endpoint::try_from("http://plugin.invalid")
        .expect("static URI")
        .connect_timeout(Duration::from_secs(5));
    let tls = handshake
        .server_cert
        .clone()
        .map(|cert| Arc::new(client_tls(cert, client)));
    let network = handshake.network.clone();
    let address = handshake.address.clone();
    endpoint
        .connect_with_connector(tower::service_fn(move |_: Uri| {
            let (tls, network, address) = (tls.clone(), network.clone(), address.clone());
            async move {
                if network == "unix" {
                    let stream = tokio::net::UnixStream::connect(&address).await?;
                    wrap(stream, tls).await
                } else {
                    let stream = tokio::net::TcpStream::connect(&address).await?;
                    stream.set_nodelay(true)?;
                    wrap(stream, tls).await
                }
            }
        }))
        .await
}

type BoxedIo = Box<dyn IoStream>;

trait IoStream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> IoStream for T {}

async fn wrap<S>(
    stream: S,
    tls: Option<Arc<rustls::ClientConfig>>,
) -> std::io::Result<hyper_util::rt::TokioIo<BoxedIo>>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io: BoxedIo = match tls {
        None => Box::new(stream),
        Some(config) => {
            let name = ServerName::try_from("localhost").expect("static name");
            Box::new(
                tokio_rustls::TlsConnector::from(config)
                    .connect(name, stream)
                    .await?,
            )
        }
    };
    Ok(hyper_util::rt::TokioIo::new(io))
}

#[derive(Debug)]
struct PinnedServer {
    cert: Vec<u8>,
    algorithms: rustls::crypto::WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for PinnedServer {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.cert.as_slice() {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "not the certificate from the handshake".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

fn client_tls(server_cert: Vec<u8>, client: Option<&ClientIdentity>) -> rustls::ClientConfig {
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    let verifier = Arc::new(PinnedServer {
        cert: server_cert,
        algorithms: provider.signature_verification_algorithms,
    });
    let builder = rustls::ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match client {
        Some(c) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from(c.cert_der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(c.key_der.clone())),
            )
            .expect("client certificate"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    config
}
