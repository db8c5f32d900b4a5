//! Launching the provider binary exactly as Terraform's go-plugin client
//! does (magic cookie, port range, AutoMTLS client certificate) and talking
//! gRPC to it, for the tests Terraform cannot drive directly.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use privatelink_provider::proto::plugin::grpc_controller_client::GrpcControllerClient;
use privatelink_provider::proto::tfplugin6::provider_client::ProviderClient;
use privatelink_provider::server::handshake::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use tonic::transport::{Channel, Endpoint, Uri};

use super::provider_binary;

/// A client identity like the one go-plugin generates for AutoMTLS:
/// ECDSA P-521, self-signed, marked as a CA, `localhost`.
pub struct ClientIdentity {
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
    pub key_der: Vec<u8>,
}

impl ClientIdentity {
    pub fn generate() -> ClientIdentity {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P521_SHA512).expect("P-521 key");
        let mut params = rcgen::CertificateParams::new(vec!["localhost".into()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "localhost");
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, "HashiCorp");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::DigitalSignature,
            rcgen::KeyUsagePurpose::KeyEncipherment,
            rcgen::KeyUsagePurpose::KeyAgreement,
            rcgen::KeyUsagePurpose::KeyCertSign,
        ];
        params.extended_key_usages = vec![
            rcgen::ExtendedKeyUsagePurpose::ClientAuth,
            rcgen::ExtendedKeyUsagePurpose::ServerAuth,
        ];
        let cert = params.self_signed(&key).unwrap();
        ClientIdentity {
            cert_pem: cert.pem(),
            cert_der: cert.der().to_vec(),
            key_der: key.serialize_der(),
        }
    }
}

/// A provider process started as Terraform starts it.
pub struct PluginProcess {
    pub child: Child,
    pub addr: SocketAddr,
    /// The server certificate from the handshake line (None without TLS).
    pub server_cert: Option<Vec<u8>>,
    pub handshake: String,
}

impl PluginProcess {
    /// Starts the provider with `client` as Terraform's AutoMTLS identity
    /// (None = TLS disabled) and `extra_env` on top of the launch variables.
    pub fn start(client: Option<&ClientIdentity>, extra_env: &[(&str, &str)]) -> PluginProcess {
        let mut cmd = Command::new(provider_binary());
        cmd.env_clear()
            .env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
            .env("PLUGIN_PROTOCOL_VERSIONS", "5,6")
            .env("PLUGIN_MIN_PORT", "10000")
            .env("PLUGIN_MAX_PORT", "25000")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(c) = client {
            cmd.env("PLUGIN_CLIENT_CERT", &c.cert_pem);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start provider");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("handshake line");
        let handshake = line.trim().to_string();
        let fields: Vec<&str> = handshake.split('|').collect();
        assert_eq!(fields.len(), 6, "handshake line {handshake:?}");
        let addr: SocketAddr = fields[3].parse().expect("address");
        let server_cert = (!fields[5].is_empty()).then(|| {
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(fields[5])
                .expect("cert base64")
        });
        PluginProcess {
            child,
            addr,
            server_cert,
            handshake,
        }
    }

    /// A gRPC channel presenting `client` (None: plaintext or no client cert).
    pub async fn channel(
        &self,
        client: Option<&ClientIdentity>,
    ) -> Result<Channel, tonic::transport::Error> {
        let addr = self.addr;
        let endpoint = Endpoint::try_from(format!("http://{addr}"))
            .unwrap()
            .connect_timeout(Duration::from_secs(5));
        let Some(server_cert) = self.server_cert.clone() else {
            return endpoint.connect().await;
        };
        let config = Arc::new(client_tls(server_cert, client));
        endpoint
            .connect_with_connector(tower::service_fn(move |_: Uri| {
                let config = config.clone();
                async move {
                    let tcp = tokio::net::TcpStream::connect(addr).await?;
                    let tls = tokio_rustls::TlsConnector::from(config)
                        .connect(ServerName::try_from("localhost").unwrap(), tcp)
                        .await?;
                    Ok::<_, std::io::Error>(hyper_util::rt::TokioIo::new(tls))
                }
            }))
            .await
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

    /// Waits up to `timeout` for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PluginProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Trusts exactly the server certificate from the handshake line, as
/// go-plugin's client does.
#[derive(Debug)]
struct PinnedServer {
    cert: Vec<u8>,
    algorithms: rustls::crypto::WebPkiSupportedAlgorithms,
}

impl rustls::client::danger::ServerCertVerifier for PinnedServer {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.cert.as_slice() {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "unexpected server certificate".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
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
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match client {
        Some(c) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from(c.cert_der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(c.key_der.clone())),
            )
            .expect("client cert"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec()];
    config
}
