//! AutoMTLS. Terraform generates a throwaway client certificate (ECDSA
//! P-521, marked as a CA) and passes it in PLUGIN_CLIENT_CERT; the plugin
//! answers with its own fresh certificate in the handshake line. Both sides
//! then require exactly those certificates.
//!
//! rustls' stock client verifier rejects Terraform's certificate
//! (`CaUsedAsEndEntity`), so the verifier here pins the exact DER Terraform
//! announced and checks the handshake signature with aws-lc-rs, which
//! supports P-521/SHA-512.

use std::sync::Arc;

use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, Error, ServerConfig, SignatureScheme};

/// The plugin's TLS identity and configuration for one run.
pub struct TlsSetup {
    pub config: Arc<ServerConfig>,
    /// Sent to Terraform in the handshake line.
    pub server_cert_der: Vec<u8>,
}

/// Accepts exactly one client certificate: the one Terraform announced.
#[derive(Debug)]
pub struct PinnedClientVerifier {
    pinned: CertificateDer<'static>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl PinnedClientVerifier {
    pub fn new(pinned: CertificateDer<'static>, provider: &CryptoProvider) -> Self {
        Self {
            pinned,
            algorithms: provider.signature_verification_algorithms,
        }
    }
}

impl ClientCertVerifier for PinnedClientVerifier {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, Error> {
        if end_entity.as_ref() == self.pinned.as_ref() {
            tracing::debug!("verified Terraform's AutoMTLS client certificate");
            Ok(ClientCertVerified::assertion())
        } else {
            tracing::warn!(
                "refused a TLS client whose certificate is not the one Terraform announced"
            );
            Err(Error::General(
                "client certificate is not the one Terraform announced".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }
}

/// Parses the PEM certificate Terraform passed in PLUGIN_CLIENT_CERT.
pub fn parse_client_cert(pem: &str) -> Result<CertificateDer<'static>, String> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem.as_bytes())
        .next()
        .ok_or_else(|| "PLUGIN_CLIENT_CERT holds no PEM certificate".to_string())?
        .map_err(|e| format!("PLUGIN_CLIENT_CERT is not a valid PEM certificate: {e}"))
}

/// Generates a fresh server identity (ECDSA P-256, `localhost`, as
/// go-plugin's own server certificates) and a server configuration that
/// requires Terraform's client certificate and negotiates HTTP/2.
pub fn server_tls(client_cert_pem: &str) -> Result<TlsSetup, String> {
    let client_cert = parse_client_cert(client_cert_pem)?;
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| format!("cannot generate the server key: {e}"))?;
    let mut params = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .map_err(|e| format!("cannot build the server certificate: {e}"))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "localhost");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "tfplugin AutoMTLS");
    // Terraform trusts exactly this certificate as its root, as go-plugin's
    // own servers do.
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.key_usages = vec![
        rcgen::KeyUsagePurpose::DigitalSignature,
        rcgen::KeyUsagePurpose::KeyEncipherment,
        rcgen::KeyUsagePurpose::KeyAgreement,
        rcgen::KeyUsagePurpose::KeyCertSign,
    ];
    params.extended_key_usages = vec![
        rcgen::ExtendedKeyUsagePurpose::ServerAuth,
        rcgen::ExtendedKeyUsagePurpose::ClientAuth,
    ];
    let now = std::time::SystemTime::now();
    params.not_before = (now - std::time::Duration::from_secs(30)).into();
    params.not_after = (now + std::time::Duration::from_secs(30 * 24 * 3600)).into();
    let cert = params
        .self_signed(&key)
        .map_err(|e| format!("cannot sign the server certificate: {e}"))?;
    let server_cert_der = cert.der().to_vec();

    let provider = crypto_provider();
    let verifier = Arc::new(PinnedClientVerifier::new(client_cert, &provider));
    let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut config = ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS configuration failed: {e}"))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![CertificateDer::from(server_cert_der.clone())], key_der)
        .map_err(|e| format!("TLS configuration failed: {e}"))?;
    // grpc-go (Terraform) insists on ALPN h2.
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(TlsSetup {
        config: Arc::new(config),
        server_cert_der,
    })
}

/// The crypto library AutoMTLS runs on: aws-lc-rs with the `aws-lc-rs`
/// feature, ring otherwise.
#[cfg(feature = "aws-lc-rs")]
fn crypto_provider() -> CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

/// The crypto library AutoMTLS runs on: aws-lc-rs with the `aws-lc-rs`
/// feature, ring otherwise.
#[cfg(not(feature = "aws-lc-rs"))]
fn crypto_provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}
