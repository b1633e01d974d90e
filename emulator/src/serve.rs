//! Serving the Router on real sockets: plain HTTP (one-origin mode) and TLS (host mode), over hyper's HTTP/1.1
//! connection driver so that a `drop` fault can close a connection without answering.
//!
//! Binding and printing the "listening" lines is `main.rs`'s job; tests call these directly.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::layer::{DropConnection, Https};

/// The error that makes hyper close the connection without a response.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault")
    }
}

impl std::error::Error for Dropped {}

async fn serve_connection<S>(io: S, router: Router, https: bool)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let router = router.clone();
        async move {
            let mut req = req.map(Body::new);
            if https {
                req.extensions_mut().insert(Https);
            }
            let response = match router.oneshot(req).await {
                Ok(r) => r,
                Err(never) => match never {},
            };
            if response.extensions().get::<DropConnection>().is_some() {
                return Err(Dropped);
            }
            Ok::<_, Dropped>(response)
        }
    });
    // A client going away mid-request is not our error to report.
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(io), service)
        .await;
}

/// Serves plain HTTP on `listener` until `shutdown` completes.
pub async fn serve_http(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve_connection(stream, router.clone(), false));
            }
        }
    }
}

/// Serves HTTPS with `config` on `listener` until `shutdown` completes.
pub async fn serve_https(
    listener: TcpListener,
    router: Router,
    config: Arc<rustls::ServerConfig>,
    shutdown: impl Future<Output = ()>,
) {
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let acceptor = acceptor.clone();
                let router = router.clone();
                tokio::spawn(async move {
                    // A failed handshake (a client that does not trust us) ends only that connection.
                    if let Ok(tls) = acceptor.accept(stream).await {
                        serve_connection(tls, router, true).await;
                    }
                });
            }
        }
    }
}

/// Never completes: for listeners that run until the process exits.
pub async fn forever() {
    std::future::pending::<Infallible>().await;
}
