//! What the engine's entry points cost per call. The app re-checks on every keystroke, so a full check must
//! stay far below a frame (target: well under 10 µs natively). Run: `cargo bench -p mailcheck-engine`.
//! Figures are written down in docs/benchmarks.md.

use divan::{black_box, Bencher};
use mailcheck_engine::database::EMBEDDED;
use mailcheck_engine::{decode, embedded, validate, Database, ServerSettings, Settings};

fn main() {
    divan::main();
}

/// Correct settings, settings with a mistake in almost every field, and an unknown provider.
fn case(name: &str) -> Settings {
    match name {
        "correct" => Settings {
            email: "jane@gmail.com".into(),
            incoming: ServerSettings::from(["imap", "imap.gmail.com", "993", "tls", "jane@gmail.com", "oauth2"]),
            outgoing: ServerSettings::from(["smtp", "smtp.gmail.com", "465", "tls", "jane@gmail.com", "oauth2"]),
        },
        "many mistakes" => Settings {
            email: "jane@q.com".into(),
            incoming: ServerSettings::from([
                "imap",
                "https://imap.centurylink.net/",
                "995",
                "starttls",
                "jane",
                "none",
            ]),
            outgoing: ServerSettings::from(["smtp", "smtp.centurylnk.net", "25", "ssl", "john@q.com", ""]),
        },
        _ => Settings {
            email: "jane@example.org".into(),
            incoming: ServerSettings::from(["imap", "pop.example.org", "587", "tls", "jane@example.org", "password"]),
            outgoing: ServerSettings::from(["smtp", "smtp.example.org", "25", "none", "jane@example.org", "none"]),
        },
    }
}

/// Reading the whole provider data file (every checked and ISPDB record) into a database: what the app
/// does once, when the file has arrived.
#[divan::bench]
fn load_database() -> usize {
    Database::decode(black_box(EMBEDDED)).map_or(0, |db| db.records().len())
}

#[divan::bench(args = ["jane@q.com", "  Jane@Embarqmail.COM. ", "jane@yahoo.co.uk", "jane@unknown.example"])]
fn lookup_address(bencher: Bencher, address: &str) {
    let db = embedded();
    bencher.bench(|| db.lookup(black_box(address)).provider.is_some());
}

#[divan::bench(args = ["correct", "many mistakes", "unknown provider"])]
fn check(bencher: Bencher, name: &str) {
    let settings = case(name);
    let provider = embedded().lookup(&settings.email).provider;
    bencher.bench(|| validate::check(black_box(&settings), provider).findings.len());
}

#[divan::bench(args = [
    "Sending reported error (0x800CCC0E): Cannot connect to the server.",
    "535 5.7.8 Username and Password not accepted",
    "SSL routines:ssl3_get_record:wrong version number",
    "something nobody has ever seen",
])]
fn decode_error(bencher: Bencher, text: &str) {
    let settings = case("many mistakes");
    let provider = embedded().lookup(&settings.email).provider;
    let texts = embedded().decoder();
    bencher.bench(|| decode::decode(black_box(text), Some(&settings), provider, texts).len());
}
