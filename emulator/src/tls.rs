//! The throwaway certificate of host mode: generated at start with rcgen for the real host names, served with
//! rustls on the `ring` provider.
//!
//! Browsers only accept it with `--ignore-certificate-errors` or after trusting the PEM `--cert-out` writes.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// Names the certificate covers (§8.1), plus loopback for direct use.
pub const NAMES: &[&str] = &[
    "*.heroku.com",
    "heroku.com",
    "dashboard.heroku.com",
    "*.salesforce.com",
    "login.salesforce.com",
    "test.salesforce.com",
    "*.my.salesforce.com",
    "localhost",
    "127.0.0.1",
];

/// A generated certificate and the server config that uses it.
pub struct Tls {
    /// The certificate in PEM, for `--cert-out`.
    pub cert_pem: String,
    /// The certificate in DER, for clients that trust it.
    pub cert_der: CertificateDer<'static>,
    /// Ready-to-serve rustls config (HTTP/1.1 only).
    pub config: Arc<rustls::ServerConfig>,
}

/// Generates a fresh self-signed certificate and its rustls server config.
pub fn generate() -> Result<Tls, String> {
    let key = rcgen::KeyPair::generate().map_err(|e| format!("key generation failed: {e}"))?;
    let names: Vec<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
    let mut params =
        rcgen::CertificateParams::new(names).map_err(|e| format!("bad certificate names: {e}"))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "connect-emulator");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "Connect Pilot emulator");
    let cert = params
        .self_signed(&key)
        .map_err(|e| format!("certificate signing failed: {e}"))?;
    let cert_der = cert.der().clone();
    let key_der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| format!("TLS setup failed: {e}"))?
    .with_no_client_auth()
    .with_single_cert(vec![cert_der.clone()], key_der)
    .map_err(|e| format!("TLS setup failed: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Tls {
        cert_pem: cert.pem(),
        cert_der,
        config: Arc::new(config),
    })
}
