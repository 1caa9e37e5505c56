//! The provider data file: every record of every tier in one small text file of tab-separated lines.
//!
//! The web app fetches it after its first paint (it is not part of the wasm), the native binary embeds it,
//! and `cargo xtask data build` writes it from the checked records and the ISPDB import. A line format
//! rather than JSON or a serde binary format: the reader is a few dozen lines with no serde code in the wasm,
//! brotli shrinks the repeated keys to almost nothing, and a change to the data reads as a normal diff
//! (docs/benchmarks.md has the measurements behind the choice).
//!
//! ```text
//! mailcheck-providers 1                      the format and its version
//! ispdb <commit>                             the ISPDB commit of the records marked I
//! provider-db <commit> <day>                 the provider-db commit of the records marked M, and its day
//! P <id> <name>                              a record starts
//! C <source> <checked>                       checked against <source> on <checked>, or
//! I <file> <changed>                         imported from the ISPDB's <file>, last changed <changed>, or
//! M <file> <last checked>                    imported from Delta Chat's provider-db <file>, checked <month>, or
//! V <domain> <found> <source>...             discovered for <domain> on <found>, these sources agreeing
//! D <domain>...                              mail domains
//! X <domain>...                              MX-host domains, on the record's own word
//! Z <source> <checked> <domain>...           MX-host domains named on the provider's own page <source>, read
//!                                              on <checked> (a mail domain of the record may be among them)
//! A <auth>...                                credentials (password, oauth2, app-password, secure-mail-key)
//! F <key>=<value>...                         imap=self-help, mailbox=<MB>, send=<MB>, hosted=<name>
//! N <text>                                   a note
//! L <url> <title>                            a documentation link
//! E <kind> <url> <detail> <quote> [origin]   a sign-in requirement (requirement::Kind id; url, detail and
//!                                              quote may be empty); origin `C <source> <checked>`,
//!                                              `I <file> <changed>` or `M <file> <last checked>`, or none for
//!                                              the record's own
//! J <protocol> <port> <security> [origin]    a port the bridge of the requirement above tries first
//! S <in|out> <protocol> <host> <port> <security> <username template> <method,...> <leave: - 1 0>
//! W <host> <why>                             a wrong host
//! T <cause> <title>                          the error decoder's texts of a cause (decode::CauseCode id):
//! Y <cause> <why>                              its title, what it means, and each general fix in order
//! K <cause> <fix>
//! R <cause> <weight> <phrase>...             a phrase rule of the error decoder
//! Q <key> <template>                         a template of the decoder's fixes from the settings
//! H <heading>                                a section of the IMAP-or-POP3 explanation, and each of its
//! G <paragraph>                                paragraphs
//! U <key> <text>                             a text of the guides or the recommender (`crate::texts`)
//! ```
//!
//! Fields are separated by one tab and never hold a tab or a line break; `#` starts a comment line. Servers
//! are listed in order, the one to set up first at the front.

use crate::advice::Section;
use crate::catalog::causes::CauseText;
use crate::decode::{CauseCode, Knowledge, PhraseRule};
use crate::model::{
    Auth, AuthMethod, Doc, ImapSupport, MxSource, Origin, Protocol, Provider, Security, Server, Source, UsernameForm,
    WrongHost,
};
use crate::read::number;
use crate::requirement::{BridgePort, Kind, Requirement};
use crate::texts::Texts;
use core::fmt;
use std::fmt::Write as _;

/// The first line of every data file.
pub const MAGIC: &str = "mailcheck-providers\t1";

/// Why a data file could not be read: the line and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// 1-based; 0 for problems of the whole file.
    pub line: usize,
    pub problem: &'static str,
    /// The value the problem is about, when there is one (a record's id, a domain); may be empty.
    pub value: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::catalog::transfer::data_error(
            self.line,
            self.problem,
            &self.value,
        ))
    }
}

impl std::error::Error for DataError {}

impl DataError {
    pub(crate) fn new(line: usize, problem: &'static str, value: &str) -> DataError {
        DataError {
            line,
            problem,
            value: value.to_owned(),
        }
    }
}

/// What a data file holds: every provider record, in order, and the decoder's texts of each cause.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    pub records: Vec<Provider>,
    pub causes: Vec<(CauseCode, CauseText)>,
    pub rules: Vec<PhraseRule>,
    pub explanation: Vec<Section>,
    pub fixes: Vec<(String, String)>,
    pub texts: Vec<(String, String)>,
}

/// Reads every record and text of a data file.
///
/// Written for size as much as for speed (it is part of the web app): one pass over the lines, one
/// error type without formatting, numbers read by hand.
pub fn decode(text: &str) -> Result<Decoded, DataError> {
    let mut commit = "";
    let mut provider_db = ("", "");
    let mut records: Vec<Provider> = Vec::new();
    let mut causes: Vec<(CauseCode, CauseText)> = Vec::new();
    let mut rules: Vec<PhraseRule> = Vec::new();
    let mut explanation: Vec<Section> = Vec::new();
    let mut fixes: Vec<(String, String)> = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let err = |problem| DataError::new(n, problem, "");
        if n == 1 {
            if line != MAGIC {
                return Err(err("not a mailcheck provider data file of version 1"));
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (tag, rest) = line.split_once('\t').ok_or_else(|| err("a line without fields"))?;
        let fields: Vec<&str> = rest.split('\t').collect();
        // The fields of a line with exactly `N` of them.
        let exact = |count: usize| {
            (fields.len() == count)
                .then_some(())
                .ok_or_else(|| err("not the fields this line has"))
        };
        let owned = |k: usize| fields[k].to_owned();
        if tag == "ispdb" {
            exact(1)?;
            commit = fields[0];
            continue;
        }
        if tag == "provider-db" {
            exact(2)?;
            provider_db = (fields[0], fields[1]);
            continue;
        }
        if tag == "P" {
            exact(2)?;
            let unset = Origin::Checked {
                source: String::new(),
                checked: String::new(),
            };
            records.push(Provider::new(owned(0), owned(1), unset));
            continue;
        }
        if let ("Q" | "U", [key, text]) = (tag, fields.as_slice()) {
            let list = if tag == "U" { &mut texts } else { &mut fixes };
            list.push(((*key).to_owned(), (*text).to_owned()));
            continue;
        }
        if let ("H" | "G", [text]) = (tag, fields.as_slice()) {
            if tag == "H" {
                explanation.push(Section {
                    heading: (*text).to_owned(),
                    paragraphs: Vec::new(),
                });
            } else {
                let section = explanation
                    .last_mut()
                    .ok_or_else(|| err("a paragraph before its heading"))?;
                section.paragraphs.push((*text).to_owned());
            }
            continue;
        }
        if tag == "R" {
            let [cause, weight, phrases @ ..] = fields.as_slice() else {
                return Err(err("not the fields this line has"));
            };
            let cause = CauseCode::from_id(cause).ok_or_else(|| err("unknown cause"))?;
            let weight = number(weight)
                .and_then(|w| u16::try_from(w).ok())
                .ok_or_else(|| err("a weight is a number"))?;
            if phrases.iter().any(|p| p.is_empty()) || phrases.is_empty() {
                return Err(err("a rule without phrases"));
            }
            rules.push(PhraseRule {
                cause,
                weight,
                phrases: phrases.iter().map(|p| (*p).to_owned()).collect(),
            });
            continue;
        }
        if let ("T" | "Y" | "K", [id, text]) = (tag, fields.as_slice()) {
            let code = CauseCode::from_id(id).ok_or_else(|| err("unknown cause"))?;
            if tag == "T" {
                causes.push((code, CauseText::default()));
            }
            let Some((_, t)) = causes.last_mut().filter(|(c, _)| *c == code) else {
                return Err(err("a cause's text before its title"));
            };
            match tag {
                "T" => t.title = (*text).to_owned(),
                "Y" => t.why = (*text).to_owned(),
                _ => t.checklist.push((*text).to_owned()),
            }
            continue;
        }
        let p = records
            .last_mut()
            .ok_or_else(|| err("a line before the first record"))?;
        let all = || fields.iter().map(|f| (*f).to_owned());
        match tag {
            "C" => {
                exact(2)?;
                p.origin = Origin::Checked {
                    source: owned(0),
                    checked: owned(1),
                };
            }
            "I" => {
                exact(2)?;
                if commit.is_empty() {
                    return Err(err("an ISPDB record before the ispdb line"));
                }
                p.origin = Origin::Ispdb {
                    file: owned(0),
                    changed: owned(1),
                    commit: commit.to_owned(),
                };
            }
            "M" => {
                exact(2)?;
                p.origin = fact_origin(&["M", fields[0], fields[1]], &p.origin, commit, provider_db)
                    .ok_or_else(|| err("a provider-db record before the provider-db line"))?;
            }
            "V" => {
                let [domain, found, sources @ ..] = fields.as_slice() else {
                    return Err(err("not the fields this line has"));
                };
                let sources = sources
                    .iter()
                    .map(|s| Source::from_id(s))
                    .collect::<Option<Vec<_>>>()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| err("unknown source"))?;
                p.origin = Origin::Discovered {
                    domain: (*domain).to_owned(),
                    found: (*found).to_owned(),
                    sources,
                };
            }
            "D" => p.domains.extend(all()),
            "X" => p.mx_domains.extend(all()),
            "Z" => {
                let [source, checked, domains @ ..] = fields.as_slice() else {
                    return Err(err("not the fields this line has"));
                };
                if domains.is_empty() || source.is_empty() || checked.is_empty() {
                    return Err(err("not the fields this line has"));
                }
                p.add_mx_source(MxSource {
                    domains: domains.iter().map(|d| (*d).to_owned()).collect(),
                    source: (*source).to_owned(),
                    checked: (*checked).to_owned(),
                });
            }
            "A" => {
                for a in &fields {
                    p.auth
                        .push(pick(AUTH, |a| a.id(), a).ok_or_else(|| err("unknown credential"))?);
                }
            }
            "F" => {
                for kv in &fields {
                    let (key, value) = kv.split_once('=').ok_or_else(|| err("a fact is key=value"))?;
                    let mb = || number(value).map(Some).ok_or_else(|| err("a size in MB is a number"));
                    match key {
                        "imap" if value == "self-help" => p.imap = ImapSupport::SelfHelp,
                        "mailbox" => p.mailbox_mb = mb()?,
                        "send" => p.send_limit_mb = mb()?,
                        "hosted" => p.hosted_by = Some(value.to_owned()),
                        _ => return Err(err("unknown fact")),
                    }
                }
            }
            "N" => {
                exact(1)?;
                p.notes.push(owned(0));
            }
            "L" => {
                exact(2)?;
                p.docs.push(Doc {
                    url: owned(0),
                    title: owned(1),
                });
            }
            "E" => {
                let [kind, url, detail, quote, origin @ ..] = fields.as_slice() else {
                    return Err(err("not the fields this line has"));
                };
                let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                p.requirements.push(Requirement {
                    kind: Kind::from_id(kind, detail).ok_or_else(|| err("unknown requirement"))?,
                    url: some(url),
                    origin: fact_origin(origin, &p.origin, commit, provider_db).ok_or_else(|| err("unknown origin"))?,
                    quote: some(quote),
                });
            }
            "J" => {
                let [protocol, port, security, origin @ ..] = fields.as_slice() else {
                    return Err(err("not the fields this line has"));
                };
                let port = BridgePort {
                    protocol: pick(PROTOCOLS, Protocol::id, protocol).ok_or_else(|| err("not a port"))?,
                    port: number(port)
                        .filter(|p| (1..=65535).contains(p))
                        .ok_or_else(|| err("not a port"))? as u16,
                    security: pick(SECURITIES, Security::id, security).ok_or_else(|| err("not a port"))?,
                    origin: fact_origin(origin, &p.origin, commit, provider_db).ok_or_else(|| err("unknown origin"))?,
                };
                match p.requirements.last_mut().map(|r| &mut r.kind) {
                    Some(Kind::Bridge { ports, .. }) => ports.push(port),
                    _ => return Err(err("a port without its bridge")),
                }
            }
            "S" => {
                exact(8)?;
                let (incoming, server) = server(&fields).ok_or_else(|| err("not a server"))?;
                if incoming { &mut p.incoming } else { &mut p.outgoing }.push(server);
            }
            "W" => {
                exact(2)?;
                p.wrong_hosts.push(WrongHost {
                    host: owned(0),
                    why: owned(1),
                });
            }
            _ => return Err(err("unknown line")),
        }
    }
    for p in &records {
        let unchecked = matches!(&p.origin, Origin::Checked { source, .. } if source.is_empty());
        // Without servers only where a requirement says mail apps cannot reach the provider's own.
        let serverless = p.incoming.is_empty() || p.outgoing.is_empty();
        if p.id.is_empty()
            || (p.domains.is_empty() && p.mx_domains.is_empty())
            || unchecked
            || (serverless && !p.requirements.iter().any(|r| r.kind.replaces_servers()))
        {
            return Err(DataError::new(
                0,
                "a record lacks its id, domains, origin or servers",
                &p.id,
            ));
        }
    }
    Ok(Decoded {
        records,
        causes,
        rules,
        explanation,
        fixes,
        texts,
    })
}

const PROTOCOLS: &[Protocol] = &[Protocol::Imap, Protocol::Pop3, Protocol::Smtp];
const SECURITIES: &[Security] = &[Security::Tls, Security::Starttls, Security::None];
const AUTH: &[Auth] = &[Auth::Password, Auth::OAuth2, Auth::AppPassword, Auth::SecureMailKey];
const METHODS: &[AuthMethod] = &[
    AuthMethod::Password,
    AuthMethod::EncryptedPassword,
    AuthMethod::OAuth2,
    AuthMethod::None,
];

/// The value of `values` whose id is `id`.
fn pick<T: Copy>(values: &[T], id: fn(T) -> &'static str, wanted: &str) -> Option<T> {
    values.iter().copied().find(|&v| id(v) == wanted)
}

/// The origin of one fact from its line's last fields: none for the record's own, `C <source> <checked>`,
/// `I <file> <changed>` (of the ISPDB commit `commit`) or `M <file> <last checked>` (of the provider-db
/// commit and its day, `provider_db`).
fn fact_origin(f: &[&str], record: &Origin, commit: &str, provider_db: (&str, &str)) -> Option<Origin> {
    Some(match f {
        [] => record.clone(),
        ["C", source, checked] => Origin::Checked {
            source: (*source).to_owned(),
            checked: (*checked).to_owned(),
        },
        ["I", file, changed] if !commit.is_empty() => Origin::Ispdb {
            file: (*file).to_owned(),
            changed: (*changed).to_owned(),
            commit: commit.to_owned(),
        },
        ["M", file, last_checked] if !provider_db.0.is_empty() => Origin::ProviderDb {
            file: (*file).to_owned(),
            last_checked: (*last_checked).to_owned(),
            commit: provider_db.0.to_owned(),
            committed: provider_db.1.to_owned(),
        },
        _ => return None,
    })
}

/// The fields [`fact_origin`] reads back: none when the fact has the record's origin. `None` for an origin
/// the format cannot write on a fact (a discovered one that is not the record's).
fn fact_fields<'a>(origin: &'a Origin, record: &Origin) -> Option<Vec<&'a str>> {
    if origin == record {
        return Some(Vec::new());
    }
    match origin {
        Origin::Checked { source, checked } => Some(vec!["C", source, checked]),
        Origin::Ispdb { file, changed, .. } => Some(vec!["I", file, changed]),
        Origin::ProviderDb { file, last_checked, .. } => Some(vec!["M", file, last_checked]),
        Origin::Discovered { .. } => None,
    }
}

/// A server line's eight fields: side, protocol, host, port, security, username template, methods, leave.
fn server(f: &[&str]) -> Option<(bool, Server)> {
    let incoming = match f[0] {
        "in" => true,
        "out" => false,
        _ => return None,
    };
    let protocol = pick(PROTOCOLS, Protocol::id, f[1]).filter(|p| (*p != Protocol::Smtp) == incoming)?;
    let port = number(f[3]).filter(|p| (1..=65535).contains(p))? as u16;
    let security = pick(SECURITIES, Security::id, f[4])?;
    let auth = f[6]
        .split(',')
        .map(|a| pick(METHODS, AuthMethod::id, a))
        .collect::<Option<Vec<_>>>()?;
    let leave_on_server = match f[7] {
        "-" => None,
        "1" => Some(true),
        "0" => Some(false),
        _ => return None,
    };
    Some((
        incoming,
        Server {
            protocol,
            host: f[2].to_owned(),
            port,
            security,
            username: UsernameForm::from_template(f[5])?,
            auth,
            leave_on_server,
        },
    ))
}

/// Writes records and the decoder's texts (when given) as a data file, after `header` (comment lines without
/// their `# `). Fails on a text that the format cannot hold (a tab or a line break in a field), naming the
/// record.
pub fn encode(
    header: &[&str],
    records: &[Provider],
    decoder: Option<(&Knowledge, &[Section])>,
    texts: &Texts,
) -> Result<String, DataError> {
    let mut out = String::new();
    out.push_str(MAGIC);
    out.push('\n');
    for line in header {
        writeln!(out, "# {line}").unwrap();
    }
    if let Some(Origin::Ispdb { commit, .. }) = records.iter().map(|p| &p.origin).find(|o| o.tier() == "ispdb") {
        writeln!(out, "ispdb\t{commit}").unwrap();
    }
    let provider_db = records
        .iter()
        .map(|p| &p.origin)
        .chain(records.iter().flat_map(|p| p.requirements.iter().map(|r| &r.origin)));
    if let Some(Origin::ProviderDb { commit, committed, .. }) =
        provider_db.into_iter().find(|o| o.tier() == "provider-db")
    {
        writeln!(out, "provider-db\t{commit}\t{committed}").unwrap();
    }
    for p in records {
        let mut r = Record {
            text: String::new(),
            bad: false,
        };
        r.line("P", [p.id.as_str(), &p.name]);
        match &p.origin {
            Origin::Checked { source, checked } => r.line("C", [source.as_str(), checked]),
            Origin::Ispdb { file, changed, .. } => r.line("I", [file.as_str(), changed]),
            Origin::ProviderDb { file, last_checked, .. } => r.line("M", [file.as_str(), last_checked]),
            Origin::Discovered { domain, found, sources } => {
                let ids: Vec<String> = sources.iter().map(Source::id).collect();
                r.line(
                    "V",
                    [domain.as_str(), found]
                        .into_iter()
                        .chain(ids.iter().map(String::as_str)),
                );
            }
        }
        r.list("D", &p.domains);
        let sourced = |d: &String| p.mx_sources.iter().any(|s| s.domains.contains(d));
        let own: Vec<&str> = p
            .mx_domains
            .iter()
            .filter(|d| !sourced(d))
            .map(String::as_str)
            .collect();
        r.list("X", &own);
        for s in &p.mx_sources {
            r.line(
                "Z",
                [s.source.as_str(), &s.checked]
                    .into_iter()
                    .chain(s.domains.iter().map(String::as_str)),
            );
        }
        r.list("A", &p.auth.iter().map(|a| a.id()).collect::<Vec<_>>());
        let mut facts = Vec::new();
        if p.imap == ImapSupport::SelfHelp {
            facts.push("imap=self-help".to_owned());
        }
        facts.extend(p.mailbox_mb.map(|mb| format!("mailbox={mb}")));
        facts.extend(p.send_limit_mb.map(|mb| format!("send={mb}")));
        facts.extend(p.hosted_by.as_ref().map(|h| format!("hosted={h}")));
        r.list("F", &facts);
        for note in &p.notes {
            r.line("N", [note.as_str()]);
        }
        for doc in &p.docs {
            r.line("L", [doc.url.as_str(), &doc.title]);
        }
        for q in &p.requirements {
            let fields = [
                q.kind.id(),
                q.url.as_deref().unwrap_or(""),
                q.kind.detail(),
                q.quote.as_deref().unwrap_or(""),
            ];
            let Some(origin) = fact_fields(&q.origin, &p.origin) else {
                return Err(DataError::new(
                    0,
                    "a requirement's origin the format cannot hold",
                    &p.id,
                ));
            };
            r.line("E", fields.into_iter().chain(origin));
            if let Kind::Bridge { ports, .. } = &q.kind {
                for b in ports {
                    let Some(origin) = fact_fields(&b.origin, &p.origin) else {
                        return Err(DataError::new(
                            0,
                            "a requirement's origin the format cannot hold",
                            &p.id,
                        ));
                    };
                    let port = b.port.to_string();
                    r.line("J", [b.protocol.id(), &port, b.security.id()].into_iter().chain(origin));
                }
            }
        }
        for (side, servers) in [("in", &p.incoming), ("out", &p.outgoing)] {
            for s in servers {
                let auth: Vec<&str> = s.auth.iter().map(|a| a.id()).collect();
                let leave = match s.leave_on_server {
                    None => "-",
                    Some(true) => "1",
                    Some(false) => "0",
                };
                r.line(
                    "S",
                    [
                        side,
                        s.protocol.id(),
                        &s.host,
                        &s.port.to_string(),
                        s.security.id(),
                        s.username.template(),
                        &auth.join(","),
                        leave,
                    ],
                );
            }
        }
        for w in &p.wrong_hosts {
            r.line("W", [w.host.as_str(), &w.why]);
        }
        if r.bad {
            return Err(DataError::new(
                0,
                "a record holds a tab or a line break in a field",
                &p.id,
            ));
        }
        out.push_str(&r.text);
    }
    if let Some((decoder, explanation)) = decoder {
        out.push_str("# The error decoder's texts of each cause (crates/engine/texts/causes.toml)\n");
        let mut r = Record {
            text: String::new(),
            bad: false,
        };
        for (code, t) in decoder.causes() {
            r.line("T", [code.id(), &t.title]);
            r.line("Y", [code.id(), &t.why]);
            for fix in &t.checklist {
                r.line("K", [code.id(), fix]);
            }
        }
        r.text
            .push_str("# The error decoder's phrase rules (crates/engine/texts/phrases.toml)\n");
        for rule in decoder.rules() {
            let weight = rule.weight.to_string();
            r.line(
                "R",
                [rule.cause.id(), &weight]
                    .into_iter()
                    .chain(rule.phrases.iter().map(String::as_str)),
            );
        }
        r.text
            .push_str("# The templates of the decoder's fixes (crates/engine/texts/causes.toml, [fix])\n");
        for (key, template) in decoder.fixes().entries() {
            r.line("Q", [key.as_str(), template]);
        }
        r.text
            .push_str("# IMAP and POP3 explained (crates/engine/texts/explanation.toml)\n");
        for section in explanation {
            r.line("H", [section.heading.as_str()]);
            for paragraph in &section.paragraphs {
                r.line("G", [paragraph.as_str()]);
            }
        }
        if r.bad {
            return Err(DataError::new(
                0,
                "a text of the decoder holds a tab or a line break",
                "",
            ));
        }
        out.push_str(&r.text);
    }
    if !texts.entries().is_empty() {
        out.push_str("# The texts of the guides and the recommender (crates/engine/texts/guides.toml, advice.toml)\n");
        let mut r = Record {
            text: String::new(),
            bad: false,
        };
        for (key, text) in texts.entries() {
            r.line("U", [key.as_str(), text]);
        }
        if r.bad || texts.entries().iter().any(|(k, t)| k.is_empty() || t.is_empty()) {
            return Err(DataError::new(0, "a text is empty or holds a tab or a line break", ""));
        }
        out.push_str(&r.text);
    }
    // Read back, so that a record the reader would refuse (no servers, say) is never written.
    decode(&out)?;
    Ok(out)
}

/// One record's lines as they are written; `bad` once a field held a tab or a line break, which would
/// shift every later field.
struct Record {
    text: String,
    bad: bool,
}

impl Record {
    fn line<'a>(&mut self, tag: &str, fields: impl IntoIterator<Item = &'a str>) {
        self.text.push_str(tag);
        for f in fields {
            self.bad |= f.contains(['\t', '\n', '\r']);
            self.text.push('\t');
            self.text.push_str(f);
        }
        self.text.push('\n');
    }

    fn list<S: AsRef<str>>(&mut self, tag: &str, items: &[S]) {
        if !items.is_empty() {
            self.line(tag, items.iter().map(|s| s.as_ref()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::database::EMBEDDED;
    use proptest::prelude::*;

    #[test]
    fn the_embedded_file_reads_and_writes_back_the_same() {
        let decoded = decode(EMBEDDED).unwrap();
        assert!(decoded.records.len() > 150);
        let decoder = Knowledge::new(decoded.causes, decoded.rules, Texts::new(decoded.fixes))
            .expect("every cause has its texts");
        let header: Vec<&str> = EMBEDDED
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches("# "))
            .collect();
        assert!(!decoded.explanation.is_empty());
        let texts = Some((&decoder, decoded.explanation.as_slice()));
        let written = encode(&header, &decoded.records, texts, &Texts::new(decoded.texts)).unwrap();
        let differ = written.lines().zip(EMBEDDED.lines()).position(|(a, b)| a != b);
        assert!(
            written == EMBEDDED,
            "first difference at line {differ:?}: {:?}",
            differ.map(|i| (written.lines().nth(i), EMBEDDED.lines().nth(i)))
        );
    }

    #[test]
    fn every_kind_of_bad_line_is_an_error_with_its_line() {
        let good = "mailcheck-providers\t1\nispdb\tabc\nP\tx\tX Mail\nI\tx.xml\t2024-01-01\nD\tx.example\n\
                    S\tin\timap\timap.x.example\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n\
                    S\tout\tsmtp\tsmtp.x.example\t465\ttls\t%EMAILADDRESS%\tpassword\t-\n";
        assert_eq!(decode(good).unwrap().records.len(), 1);
        let cases = [
            ("mailcheck-providers\t1\n", "mailcheck-providers\t2\n", 1),
            ("P\tx\tX Mail\n", "P\tx\n", 3),
            ("I\tx.xml\t2024-01-01\n", "I\tx.xml\n", 4),
            ("ispdb\tabc\n", "", 3),
            ("\t993\t", "\t0\t", 6),
            ("\t993\t", "\t99999\t", 6),
            (
                "\ttls\t%EMAILADDRESS%\tpassword\t-\nS\tout",
                "\tssl\t%EMAILADDRESS%\tpassword\t-\nS\tout",
                6,
            ),
            ("imap\timap", "smtp\timap", 6),
            (
                "\t%EMAILADDRESS%\tpassword\t-\nS\tout",
                "\t%EMAILADDRESS\tpassword\t-\nS\tout",
                6,
            ),
            ("password\t-\nS\tout", "magic\t-\nS\tout", 6),
            ("D\tx.example\n", "Q\tx.example\n", 5),
            ("D\tx.example\n", "D\tx.example\nT\tno.such-cause\tTitle\n", 6),
            ("D\tx.example\n", "D\tx.example\nY\tnet.timeout\tWhy\n", 6),
            ("D\tx.example\n", "D\tx.example\nG\tA paragraph before its heading\n", 6),
        ];
        for (from, to, line) in cases {
            let bad = good.replacen(from, to, 1);
            let e = decode(&bad).unwrap_err();
            assert_eq!(e.line, line, "{to:?}: {e}");
            assert!(!e.to_string().is_empty());
        }
        let no_servers = good
            .lines()
            .filter(|l| !l.starts_with("S\tout"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            decode(&no_servers).unwrap_err().line,
            0,
            "a record without an outgoing server"
        );
        assert!(decode("").is_err());
        assert!(decode("D\tx.example").is_err());
    }

    #[test]
    fn mx_domains_keep_the_page_they_are_named_on() {
        // An ISPDB record's own MX domains, then those of a provider's page, one of them its own mail domain.
        let text = "mailcheck-providers\t1\nispdb\tabc\n\
            P\tx\tX Mail\nI\tx.xml\t2024-01-01\nD\tx.example\nX\tmx.x-hosting.example\n\
            Z\thttps://x.example/mx\t2026-12-07\tx-mail.example\tx.example\n\
            S\tin\timap\timap.x.example\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n\
            S\tout\tsmtp\tsmtp.x.example\t465\ttls\t%EMAILADDRESS%\tpassword\t-\n";
        let records = decode(text).unwrap().records;
        let x = &records[0];
        assert_eq!(
            x.mx_domains,
            ["mx.x-hosting.example", "x-mail.example"],
            "a mail domain is not an MX one"
        );
        assert_eq!(
            x.mx_source("x-mail.example"),
            Some(("https://x.example/mx", "2026-12-07"))
        );
        assert_eq!(x.mx_source("x.example"), Some(("https://x.example/mx", "2026-12-07")));
        assert_eq!(x.mx_source("mx.x-hosting.example"), None, "the ISPDB file's word");
        let written = encode(&[], &records, None, &Texts::default()).unwrap();
        assert_eq!(written, text);
        for bad in ["Z\thttps://x.example/mx\t2026-12-07\n", "Z\thttps://x.example/mx\n"] {
            let e = decode(&text.replacen(
                "Z\thttps://x.example/mx\t2026-12-07\tx-mail.example\tx.example\n",
                bad,
                1,
            ));
            assert_eq!(e.unwrap_err().line, 7, "{bad:?}");
        }
    }

    /// A record whose servers come from the ISPDB with a requirement from the provider's page, and one that
    /// offers mail apps only a bridge, with the bridge's ports from another source.
    const REQUIREMENTS: &str = "mailcheck-providers\t1\nispdb\tabc\n\
        P\tx\tX Mail\nI\tx.xml\t2024-01-01\nD\tx.example\n\
        E\tenable-access\thttps://x.example/on\t\tAllow IMAP once.\n\
        E\tapp-password\thttps://x.example/pw\t16 characters\t\tC\thttps://x.example/help\t2026-12-07\n\
        E\tsecond-factor-first\t\t\t\tC\thttps://x.example/help\t2026-12-07\n\
        S\tin\timap\timap.x.example\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n\
        S\tout\tsmtp\tsmtp.x.example\t465\ttls\t%EMAILADDRESS%\tpassword\t-\n\
        P\ty\tY Mail\nC\thttps://y.example/bridge\t2026-12-07\nD\ty.example\n\
        E\tbridge\t\t127.0.0.1\tIt runs on your computer.\n\
        J\timap\t1143\tstarttls\tC\thttps://y.example/code\t2026-12-07\n\
        J\tsmtp\t1025\tstarttls\tC\thttps://y.example/code\t2026-12-07\n";

    #[test]
    fn requirements_read_and_write_back_with_their_own_origins() {
        let records = decode(REQUIREMENTS).unwrap().records;
        let [x, y] = &records[..] else { panic!("{records:?}") };
        assert_eq!(x.requirements.len(), 3);
        assert_eq!(x.requirements[0].kind, Kind::EnableAccess);
        assert_eq!(x.requirements[0].origin, x.origin, "no origin: the record's own");
        assert_eq!(x.requirements[0].quote.as_deref(), Some("Allow IMAP once."));
        assert_eq!(
            x.requirements[1].kind,
            Kind::AppPassword {
                looks: Some("16 characters".into()),
                if_second_factor: false,
            }
        );
        assert_eq!(x.requirements[1].url.as_deref(), Some("https://x.example/pw"));
        assert!(
            matches!(&x.requirements[1].origin, Origin::Checked { source, .. } if source == "https://x.example/help")
        );
        assert_eq!(x.requirements[2].quote, None);
        assert!(!y.offers_mail_apps(), "a bridge instead of servers");
        let Kind::Bridge { host, ports } = &y.requirements[0].kind else {
            panic!("{y:?}")
        };
        assert_eq!((host.as_str(), ports.len()), ("127.0.0.1", 2));
        assert_eq!((ports[0].port, ports[0].security), (1143, Security::Starttls));
        assert!(matches!(&ports[1].origin, Origin::Checked { source, .. } if source == "https://y.example/code"));
        let written = encode(&[], &records, None, &Texts::default()).unwrap();
        assert_eq!(written, REQUIREMENTS);
    }

    /// A provider-db record with its own requirement, and an ISPDB record with a requirement from provider-db.
    const PROVIDER_DB: &str = "mailcheck-providers\t1\nispdb\tabc\nprovider-db\tdef\t2026-04-21\n\
        P\tx\tX Mail\nI\tx.xml\t2024-01-01\nD\tx.example\n\
        E\tenable-access\t\t\tAllow IMAP.\tM\tx.md\t2020-01\n\
        S\tin\timap\timap.x.example\t993\ttls\t%EMAILADDRESS%\tpassword\t-\n\
        S\tout\tsmtp\tsmtp.x.example\t465\ttls\t%EMAILADDRESS%\tpassword\t-\n\
        P\tprovider-db-z\tZ Mail\nM\tz.md\t2024-03\nD\tz.example\n\
        E\tno-mail-apps\t\tits web site, https://z.example\tZ offers no IMAP.\n";

    #[test]
    fn provider_db_records_and_requirements_read_and_write_back() {
        let records = decode(PROVIDER_DB).unwrap().records;
        let [x, z] = &records[..] else { panic!("{records:?}") };
        let pdb = |file: &str, month: &str| Origin::ProviderDb {
            file: file.into(),
            last_checked: month.into(),
            commit: "def".into(),
            committed: "2026-04-21".into(),
        };
        assert_eq!(x.requirements[0].origin, pdb("x.md", "2020-01"));
        assert_eq!(x.origin.tier(), "ispdb");
        assert_eq!(z.origin, pdb("z.md", "2024-03"));
        assert_eq!(z.requirements[0].origin, z.origin, "no origin: the record's own");
        assert_eq!(encode(&[], &records, None, &Texts::default()).unwrap(), PROVIDER_DB);
        for (from, to) in [("provider-db\tdef\t2026-04-21\n", ""), ("\t2026-04-21\n", "\n")] {
            assert!(decode(&PROVIDER_DB.replacen(from, to, 1)).is_err(), "{from:?}");
        }
    }

    #[test]
    fn bad_requirement_lines_are_errors_with_their_line() {
        let cases = [
            ("E\tenable-access", "E\tmagic", 6),
            ("\t16 characters\t\tC\t", "\t16 characters\t\tZ\t", 7),
            (
                "\t\t\t\tC\thttps://x.example/help\t2026-12-07\n",
                "\t\t\t\tC\thttps://x.example/help\n",
                8,
            ),
            ("\t127.0.0.1\t", "\t\t", 14),
            ("\t1143\t", "\t0\t", 15),
            ("\t1143\tstarttls", "\t1143\tssl", 15),
            ("E\tbridge", "E\tno-mail-apps", 15),
            (
                "E\tenable-access\thttps://x.example/on\t\tAllow IMAP once.\n",
                "E\tenable-access\n",
                6,
            ),
        ];
        for (from, to, line) in cases {
            assert!(REQUIREMENTS.contains(from), "{from:?}");
            let e = decode(&REQUIREMENTS.replacen(from, to, 1)).unwrap_err();
            assert_eq!(e.line, line, "{to:?}: {e}");
        }
        // Without servers only with a bridge or no mail apps.
        let e = decode(
            &REQUIREMENTS
                .replace(
                    "E\tbridge\t\t127.0.0.1\tIt runs on your computer.\n",
                    "E\toauth-only\t\t\t\n",
                )
                .replace("J\t", "# J\t"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.value.as_str()), (0, "y"));
    }

    #[test]
    fn text_the_format_cannot_hold_is_refused() {
        let mut records = decode(EMBEDDED).unwrap().records;
        records[0].notes.push("two\tfields".into());
        assert!(encode(&[], &records, None, &Texts::default())
            .unwrap_err()
            .problem
            .contains("tab or a line break"));
        records[0].notes.pop();
        records[0].incoming.clear();
        assert!(
            encode(&[], &records, None, &Texts::default()).is_err(),
            "read back: a record without servers"
        );
    }

    #[test]
    fn the_explanation_of_imap_and_pop_comes_with_the_data() {
        let db = crate::Database::decode(EMBEDDED).unwrap();
        let headings: Vec<&str> = db.explanation().iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings.first(), Some(&"Two ways to fetch your mail"));
        assert!(db.explanation().iter().all(|s| !s.paragraphs.is_empty()));
        // Without it the file is refused: the "IMAP or POP3?" screen would have nothing to explain.
        let without: String = EMBEDDED
            .lines()
            .filter(|l| !l.starts_with("G\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(crate::Database::decode(&without).is_err());
    }

    #[test]
    fn the_decoders_texts_are_read_cause_by_cause() {
        let db = crate::Database::decode(EMBEDDED).unwrap();
        let timeout = db.decoder().get(CauseCode::Timeout);
        assert!(!timeout.title.is_empty() && !timeout.why.is_empty() && !timeout.checklist.is_empty());
        // Without the texts of every cause the file is refused: the decoder would show empty titles.
        let without: String = EMBEDDED
            .lines()
            .filter(|l| !l.starts_with("T\tnet.timeout"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(crate::Database::decode(&without).is_err());
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let _ = decode(&text);
        }

        #[test]
        fn damaged_data_never_panics(cut in 0..EMBEDDED.len(), junk in "[\tA-Z0-9%\n.-]{0,12}") {
            let mut text = EMBEDDED.to_owned();
            if text.is_char_boundary(cut) {
                text.insert_str(cut, &junk);
                let _ = decode(&text);
                let _ = decode(&text[..cut]);
            }
        }
    }
}
