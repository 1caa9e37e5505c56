//! How long one `validate::check` takes: it runs on every keystroke in the browser, so it should stay far
//! below 10 µs. `cargo bench -p mailcheck-engine --bench check` prints the time per call for typical input.
//! No framework: a warm-up, then the mean over enough calls to make timer noise irrelevant.

use mailcheck_engine::validate::check;
use mailcheck_engine::{ServerSettings, Settings};
use std::hint::black_box;
use std::time::Instant;

fn server(protocol: &str, host: &str, port: &str, security: &str, username: &str, auth: &str) -> ServerSettings {
    ServerSettings {
        protocol: protocol.into(),
        host: host.into(),
        port: port.into(),
        security: security.into(),
        username: username.into(),
        auth: auth.into(),
    }
}

fn main() {
    let cases = [
        (
            "correct (Gmail)",
            Settings {
                email: "jane@gmail.com".into(),
                incoming: server("imap", "imap.gmail.com", "993", "tls", "jane@gmail.com", "oauth2"),
                outgoing: server("smtp", "smtp.gmail.com", "465", "tls", "jane@gmail.com", "oauth2"),
            },
        ),
        (
            "many mistakes (CenturyLink)",
            Settings {
                email: "jane@q.com".into(),
                incoming: server(
                    "imap",
                    "https://imap.centurylink.net/",
                    "995",
                    "starttls",
                    "jane",
                    "none",
                ),
                outgoing: server("smtp", "smtp.centurylnk.net", "25", "ssl", "john@q.com", ""),
            },
        ),
        (
            "unknown provider",
            Settings {
                email: "jane@example.org".into(),
                incoming: server("imap", "pop.example.org", "587", "tls", "jane@example.org", "password"),
                outgoing: server("smtp", "smtp.example.org", "587", "tls", "jane@example.org", "password"),
            },
        ),
        ("empty", Settings::default()),
    ];
    const CALLS: u32 = 200_000;
    for (name, settings) in &cases {
        for _ in 0..CALLS / 10 {
            black_box(check(black_box(settings)));
        }
        let start = Instant::now();
        for _ in 0..CALLS {
            black_box(check(black_box(settings)));
        }
        let per_call = start.elapsed() / CALLS;
        let findings = check(settings).findings.len();
        println!("{name:<30} {per_call:>10.2?} per check ({findings} findings)");
    }
}
