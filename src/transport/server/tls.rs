//! Built-in TLS for the programme server (rustls), for a programme office with no reverse proxy:
//! `fellowship serve --tls-cert cert.pem --tls-key key.pem`. Connections are served by the shared
//! accept loop (`listen.rs`): each handshake runs in its own task, within the header time limit.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

use super::listen::Limits;

/// The server's TLS settings from a PEM certificate chain and its private key.
pub fn config(cert: &Path, key: &Path) -> std::io::Result<Arc<ServerConfig>> {
    let bad = |what: &str, path: &Path, e: &dyn std::fmt::Display| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("Cannot read the TLS {what} in {}: {e}", path.display()),
        )
    };
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| bad("certificate", cert, &e))?;
    if chain.is_empty() {
        return Err(bad("certificate", cert, &"no certificate found"));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| bad("key", key, &e))?;
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad("settings", cert, &e))?
        .with_no_client_auth()
        .with_single_cert(chain, key_der)
        .map_err(|e| bad("key", key, &e))?;
    Ok(Arc::new(config))
}

/// Serves `router` over TLS on `listener` with the default limits, until the process stops.
pub async fn serve(listener: TcpListener, router: Router, tls: Arc<ServerConfig>) {
    let acceptor = TlsAcceptor::from(tls);
    super::listen::accept_loop(
        listener,
        router,
        Some(acceptor),
        Limits::default(),
        std::future::pending(),
    )
    .await;
}
