//! Connecting: only to addresses that passed the deny list ([`Checked`], from `dns::check`), never to a
//! name (a second look-up could answer differently: DNS rebinding).

use crate::dns::Checked;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;

/// Why no connection was made.
#[derive(Debug)]
pub enum ConnectError {
    /// Every address refused (nothing listens on the port).
    Refused(String),
    /// The time limit ran out.
    Timeout(String),
    /// Unreachable or another error.
    Other(String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Refused(e) | ConnectError::Timeout(e) | ConnectError::Other(e) => f.write_str(e),
        }
    }
}

/// Connects to the checked addresses in order until one answers, all within `limit`.
pub async fn connect(addresses: &Checked, port: u16, limit: Duration) -> Result<(TcpStream, SocketAddr), ConnectError> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut errors = Vec::new();
    let mut refused = false;
    for &ip in addresses.addresses() {
        let target = SocketAddr::new(ip, port);
        match tokio::time::timeout_at(deadline, TcpStream::connect(target)).await {
            Ok(Ok(stream)) => return Ok((stream, target)),
            Ok(Err(e)) => {
                refused |= e.kind() == io::ErrorKind::ConnectionRefused;
                errors.push(format!("{target}: {e}"));
            }
            Err(_) => {
                errors.push(format!("{target}: no answer within {} s", limit.as_secs_f32()));
                return Err(ConnectError::Timeout(errors.join("; ")));
            }
        }
    }
    let text = errors.join("; ");
    Err(if refused {
        ConnectError::Refused(text)
    } else {
        ConnectError::Other(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn connect_reports_refusal() {
        // Bind then drop a listener: its port is closed.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let local = crate::dns::check(&["127.0.0.1".parse().unwrap()], true).unwrap();
        match connect(&local, port, Duration::from_secs(2)).await {
            Err(ConnectError::Refused(text)) => assert!(text.contains("127.0.0.1"), "{text}"),
            other => panic!("{other:?}"),
        }
    }
}
