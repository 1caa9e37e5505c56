//! The numbers that bound one probe: how long each step may take and how much a server may send. The
//! defaults are the issue's; tests pass smaller values so a fault case takes milliseconds, not 25 seconds.

use std::time::Duration;

/// Time and size limits for one probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Resolving the host name.
    pub dns: Duration,
    /// Establishing the TCP connection (all resolved addresses together).
    pub connect: Duration,
    /// Each reply from the server (a whole multi-line reply counts as one), and each TLS handshake.
    pub read: Duration,
    /// The whole probe; when it runs out, the report so far is returned.
    pub total: Duration,
    /// The longest line accepted from the server, in bytes.
    pub line: usize,
    /// Everything the server may send in one probe, in bytes.
    pub transcript: usize,
}

impl Limits {
    /// DNS 3 s, connect 5 s, each read 10 s, whole probe 25 s; lines up to 8 KiB, 64 KiB in all.
    pub const DEFAULT: Limits = Limits {
        dns: Duration::from_secs(3),
        connect: Duration::from_secs(5),
        read: Duration::from_secs(10),
        total: Duration::from_secs(25),
        line: 8 * 1024,
        transcript: 64 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_values() {
        let l = Limits::default();
        assert_eq!(l.dns, Duration::from_secs(3));
        assert_eq!(l.connect, Duration::from_secs(5));
        assert_eq!(l.read, Duration::from_secs(10));
        assert_eq!(l.total, Duration::from_secs(25));
        assert_eq!(l.line, 8192);
        assert_eq!(l.transcript, 65536);
    }
}
