//! Reaching the server: names that do not resolve, refused and timed-out connections, connections cut off,
//! no internet at all, and firewalls or antivirus programs in the way.
//!
//! The phrases are those of the operating systems (Windows Sockets, POSIX `errno` names as Node.js prints
//! them, Apple's "The Internet connection appears to be offline") and of the clients: Thunderbird's "Could
//! not connect to server %S; the connection was refused" and "Connection to server %S timed out", Outlook's
//! "The server could not be found", iOS Mail's "The connection to the server failed".

use super::text::Text;
use super::{apply, CauseCode::*, Rule, Scan};

const RULES: [Rule; 10] = [
    Rule {
        cause: Refused,
        weight: 85,
        phrases: &[
            "connection refused",
            "econnrefused",
            "actively refused",
            "connection was refused",
            "wsaeconnrefused",
        ],
    },
    Rule {
        cause: Timeout,
        weight: 80,
        phrases: &["timed out", "timeout", "time-out", "etimedout", "wsaetimedout"],
    },
    Rule {
        cause: Timeout,
        weight: 65,
        phrases: &["not responding"],
    },
    Rule {
        cause: HostNotFound,
        weight: 85,
        phrases: &[
            "host not found",
            "server could not be found",
            "host could not be found",
            "getaddrinfo",
            "enotfound",
            "name or service not known",
            "nodename nor servname",
            "no such host",
            "unknown host",
            "could not resolve",
            "couldn't resolve",
            "unable to resolve",
            "nxdomain",
            "server not found",
            // Thunderbird, sending: "Outgoing server (SMTP) %S is unknown."
            "the server may be incorrectly configured",
        ],
    },
    // Thunderbird says this when the name does not resolve, but the words fit other failures too.
    Rule {
        cause: HostNotFound,
        weight: 65,
        phrases: &["failed to connect to server"],
    },
    Rule {
        cause: CannotConnect,
        weight: 70,
        phrases: &[
            "cannot connect",
            "can't connect",
            "could not connect",
            "couldn't connect",
            "unable to connect",
            "failed to connect",
            "connection to the server failed",
            "connection failed",
            "no connection could be made",
            "is refusing smtp connections",
            "cannot reach",
            "can't reach",
            "unable to reach",
        ],
    },
    Rule {
        cause: Dropped,
        weight: 75,
        phrases: &[
            "connection reset",
            "econnreset",
            "forcibly closed",
            "unexpectedly terminated",
            "connection was interrupted",
            "connection was lost",
            "connection lost",
            "lost in the middle",
            "broken pipe",
            "has disconnected",
            "connection closed",
            "connection broken",
            "connection aborted",
            "econnaborted",
        ],
    },
    Rule {
        cause: Offline,
        weight: 80,
        phrases: &[
            "network is unreachable",
            "enetunreach",
            "no route to host",
            "ehostunreach",
            "appears to be offline",
            "not connected to the internet",
            "no internet connection",
        ],
    },
    Rule {
        cause: Firewall,
        weight: 60,
        phrases: &[
            "firewall",
            "antivirus",
            "anti-virus",
            "virus scanner",
            "security software",
            "email scanning",
        ],
    },
    Rule {
        cause: TooManyConnections,
        weight: 85,
        phrases: &[
            "too many connections",
            "maximum number of connections",
            "too many simultaneous",
            "too many concurrent",
        ],
    },
];

/// Windows Sockets error numbers ("Socket Error: 10060" in Outlook), read only where the text speaks of a
/// socket.
const SOCKET_ERRORS: [(&str, super::CauseCode, u16); 4] = [
    ("10061", Refused, 85),
    ("10060", Timeout, 85),
    ("10054", Dropped, 80),
    ("11001", HostNotFound, 85),
];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    apply(&RULES, t, s);
    // Thunderbird: "Connection to server %S was reset." and "... was interrupted."
    if t.has("connection to server") && t.has_any(&["was reset", "was interrupted"]) {
        s.hit(Dropped, 75);
    }
    if t.has_any(&["socket", "winsock"]) {
        for (number, cause, weight) in SOCKET_ERRORS {
            if t.has_word(number) {
                s.hit(cause, weight);
            }
        }
    }
}

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    RULES.iter().flat_map(|r| r.phrases.iter().copied())
}
