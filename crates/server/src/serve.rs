//! Serving the built app from `dist/`.

use axum::Router;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// The router: the app's files from `dist`, with `index.html` for `/` and for unknown paths (so a reload on
/// any in-app path still opens the app). Content types come from the file extension, `.wasm` included.
pub fn app(dist: &Path) -> Router {
    let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new().fallback_service(files)
}

/// Binds `addr`, prints the URL (the first line of output, which scripts read), and serves until Ctrl-C
/// or SIGTERM.
pub async fn run(addr: SocketAddr, dist: PathBuf) -> io::Result<()> {
    if !dist.join("index.html").is_file() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} has no index.html: build the app first (cargo xtask run)",
                dist.display()
            ),
        ));
    }
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("mailcheck serving http://{}/", listener.local_addr()?);
    axum::serve(listener, app(&dist))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
