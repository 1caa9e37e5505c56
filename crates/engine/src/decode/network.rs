//! Reaching the server: names that do not resolve, refused and timed-out connections, connections cut off,
//! no internet at all, and firewalls or antivirus programs in the way.
//!
//! The phrases are those of the operating systems (Windows Sockets, POSIX `errno` names as Node.js prints
//! them, Apple's "The Internet connection appears to be offline") and of the clients: Thunderbird's "Could
//! not connect to server %S; the connection was refused" and "Connection to server %S timed out", Outlook's
//! "The server could not be found", iOS Mail's "The connection to the server failed".

use super::text::Text;
use super::{CauseCode::*, Scan};

/// Windows Sockets error numbers ("Socket Error: 10060" in Outlook), read only where the text speaks of a
/// socket.
const SOCKET_ERRORS: [(&str, super::CauseCode, u16); 4] = [
    ("10061", Refused, 85),
    ("10060", Timeout, 85),
    ("10054", Dropped, 80),
    ("11001", HostNotFound, 85),
];

pub(super) fn scan(t: &Text, s: &mut Scan) {
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
