//! DNS messages for DNS-over-HTTPS: the query for a domain's MX or SRV records, and the reader of the
//! resolver's answer. No I/O: the browser's JavaScript sends the query (RFC 8484 GET, `?dns=` in base64url)
//! and hands the answer's bytes back.
//!
//! Discovery asks for the MX records of a domain (RFC 5321 section 5.1: which host takes its mail) and for the
//! SRV records of RFC 6186 and RFC 8314 (`_imaps._tcp.<domain>`, `_submissions._tcp.<domain>`, ...: which
//! host and port serve its mail apps). Two record types do not need a DNS library: the wire format (RFC 1035
//! section 4) is written and read here by hand, which keeps the wasm small.
//!
//! The answer comes from a server we do not control, so the reader is written for hostile input: it never
//! panics, every loop is bounded (name compression pointers only point backwards and at most [`MAX_JUMPS`]
//! times a name, CNAME chains stop after [`MAX_CNAMES`], the records kept after [`MAX_RECORDS`]), it keeps
//! no more than the message's size in memory, and every name it returns is a lower-case host name (letters,
//! digits and hyphens), or the record is left out and counted.

use crate::client_config::is_domain_name;

/// How many compression pointers a name may follow. RFC 1035 sets no limit; a name of at most 255 bytes
/// that a real server compressed needs one or two, and a bound makes the cost of any name fixed.
pub const MAX_JUMPS: usize = 16;
/// How many CNAME records the reader follows from the asked name (RFC 1034 section 3.6.2: a resolver puts
/// the chain it followed in the answer section).
pub const MAX_CNAMES: usize = 8;
/// How many records of the asked type an answer gives at the most: the first ones in the message, the rest
/// counted in [`Answer::skipped`].
pub const MAX_RECORDS: usize = 64;

/// The class of every record asked for and read: IN, the Internet (RFC 1035 section 3.2.4).
const CLASS_IN: u16 = 1;
/// The type of a CNAME record (RFC 1035 section 3.2.2), followed from the asked name to the records.
const TYPE_CNAME: u16 = 5;
/// The header's size in bytes (RFC 1035 section 4.1.1).
const HEADER: usize = 12;

/// The two record types discovery asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// MX, type 15 (RFC 1035 section 3.3.9): the hosts that take a domain's mail.
    Mx,
    /// SRV, type 33 (RFC 2782): a service's host and port, as RFC 6186 and RFC 8314 use it for mail.
    Srv,
}

impl Kind {
    /// The QTYPE and TYPE value of the kind (RFC 1035 section 3.2.2, RFC 2782).
    fn code(self) -> u16 {
        match self {
            Kind::Mx => 15,
            Kind::Srv => 33,
        }
    }
}

/// An MX record (RFC 1035 section 3.3.9): a lower preference is tried first (RFC 5321 section 5.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mx {
    pub preference: u16,
    /// A host name in lower case, without the trailing dot, or "" for the null MX "." of RFC 7505: the
    /// domain takes no mail.
    pub host: String,
}

/// An SRV record (RFC 2782): the lowest priority is tried first, and among equal priorities the higher
/// weight is chosen more often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Srv {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    /// A host name in lower case, without the trailing dot, or "" when the record's target is "." (the
    /// root): RFC 2782 and RFC 6186 section 3.4 say the service is decidedly not offered at this domain.
    pub target: String,
}

/// The records of the asked type that an answer gives for the asked name, sorted in the order they are to
/// be tried.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// Sorted by preference (stable: equal preferences keep the message's order).
    pub mx: Vec<Mx>,
    /// Sorted by priority, then by weight from the highest (stable).
    pub srv: Vec<Srv>,
    /// Records of the asked type for the asked name left out: a name in them is not a host name (two labels
    /// or more; the root "." is kept, as the null MX and the SRV's "not offered"), or they came after the first
    /// [`MAX_RECORDS`].
    pub skipped: usize,
}

/// Why an answer gives no records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DnsError {
    /// RCODE 3, NXDOMAIN (RFC 1035 section 4.1.1): the name does not exist.
    NoSuchName,
    /// Any other RCODE than 0 and 3, e.g. SERVFAIL (2) or REFUSED (5).
    Failed(u8),
    /// Not the answer to our query: QR not set, ID not 0, OPCODE not 0 (a query, RFC 8484 section 4.1 asks
    /// for ID 0), or a question other than the one asked (name compared ASCII case-insensitively as RFC
    /// 4343 says, type, class).
    NotTheAnswer,
    /// TC set (RFC 1035 section 4.1.1): the records are not all there. Over HTTPS a resolver has no size
    /// limit (RFC 8484 section 6), so this should not happen.
    Truncated,
    /// The message breaks the wire format; the words say where.
    Malformed(&'static str),
}

/// A DNS query for `name`'s records of `kind`, as RFC 8484 section 4.1 asks: ID 0 (so that HTTP caches can
/// share answers), RD set (the resolver does the recursion), one question of class IN, no EDNS.
///
/// `name` needs no trailing dot (one is allowed) and keeps its case. `None` when it is not a name a query
/// can carry: an empty label, a label longer than 63 bytes or a name longer than 253 characters (RFC 1035
/// section 2.3.4), or a byte other than an ASCII letter, digit, '-' or '_' (the underscore of SRV names,
/// RFC 2782).
pub fn query(name: &str, kind: Kind) -> Option<Vec<u8>> {
    let mut message = vec![0, 0, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    message.extend(wire_name(name)?);
    message.extend(kind.code().to_be_bytes());
    message.extend(CLASS_IN.to_be_bytes());
    Some(message)
}

/// `name` on the wire (RFC 1035 section 3.1): each label after its length, then the root's zero byte.
fn wire_name(name: &str) -> Option<Vec<u8>> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return None;
    }
    let mut wire = Vec::with_capacity(name.len() + 2);
    for label in name.split('.') {
        let fits = !label.is_empty() && label.len() <= 63;
        if !fits
            || !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return None;
        }
        wire.push(label.len() as u8);
        wire.extend(label.bytes());
    }
    wire.push(0);
    Some(wire)
}

/// Reads the resolver's answer to [`query`]`(name, kind)`.
///
/// The header and the one question are checked, then the answer section is read; the authority and
/// additional sections are not. The records kept are of `kind` and class IN, owned by `name` or by a name
/// reached from it through at most [`MAX_CNAMES`] CNAME records of the answer section (names compared ASCII
/// case-insensitively); other records are ignored and not counted. A name that breaks the wire format (a
/// pointer that does not point backwards, more than [`MAX_JUMPS`] pointers, more than 255 bytes, a name in
/// RDATA that does not end exactly where RDLENGTH says) makes the whole message malformed.
pub fn read(message: &[u8], name: &str, kind: Kind) -> Result<Answer, DnsError> {
    let head = message
        .get(..HEADER)
        .ok_or(DnsError::Malformed("shorter than a DNS header"))?;
    let word = |i: usize| u16::from_be_bytes([head[i], head[i + 1]]);
    let flags = word(2);
    let is_response = flags & 0x8000 != 0;
    let opcode = (flags >> 11) & 0xF;
    if word(0) != 0 || !is_response || opcode != 0 {
        return Err(DnsError::NotTheAnswer);
    }
    if flags & 0x0200 != 0 {
        return Err(DnsError::Truncated);
    }
    if word(4) != 1 {
        return Err(DnsError::Malformed("not exactly one question"));
    }

    // The question must be ours: the name, then QTYPE and QCLASS.
    let mut scratch = Vec::with_capacity(255);
    let mut at = read_name(message, HEADER, &mut scratch)?;
    let asked = wire_name(name).ok_or(DnsError::NotTheAnswer)?;
    let asked = lower_labels(&asked);
    let fixed = message
        .get(at..at + 4)
        .ok_or(DnsError::Malformed("question cut short"))?;
    at += 4;
    let same_question = scratch == asked
        && u16::from_be_bytes([fixed[0], fixed[1]]) == kind.code()
        && u16::from_be_bytes([fixed[2], fixed[3]]) == CLASS_IN;
    if !same_question {
        return Err(DnsError::NotTheAnswer);
    }

    match flags & 0xF {
        0 => {}
        3 => return Err(DnsError::NoSuchName),
        code => return Err(DnsError::Failed(code as u8)),
    }

    // One pass checks the answer section's structure (every owner name, every RDLENGTH); the passes after it
    // walk it again without keeping more than the message itself.
    let answers = Section {
        message,
        start: at,
        count: word(6),
    };
    for record in answers.records() {
        record?;
    }

    // The names the records may be owned by: the asked name, then each CNAME's target in turn.
    let mut owners = vec![asked];
    while owners.len() <= MAX_CNAMES {
        let last = &owners[owners.len() - 1];
        let mut next = None;
        for record in answers.records() {
            let record = record?;
            if record.rtype == TYPE_CNAME
                && record.class == CLASS_IN
                && record.owned_by(core::slice::from_ref(last), &mut scratch)?
            {
                let mut target = Vec::new();
                record.name_at(record.rdata.start, &mut target)?;
                next = Some(target);
                break;
            }
        }
        match next {
            // A CNAME back to a name already in the chain adds nothing.
            Some(target) if !owners.contains(&target) => owners.push(target),
            _ => break,
        }
    }

    let mut answer = Answer::default();
    for record in answers.records() {
        let record = record?;
        if record.rtype != kind.code() || record.class != CLASS_IN {
            continue;
        }
        if !record.owned_by(&owners, &mut scratch)? {
            continue;
        }
        let fixed = match kind {
            Kind::Mx => 2,
            Kind::Srv => 6,
        };
        let numbers = message
            .get(record.rdata.start..record.rdata.start + fixed)
            .filter(|_| record.rdata.len() > fixed)
            .ok_or(DnsError::Malformed("RDATA shorter than its record type"))?;
        let number = |i: usize| u16::from_be_bytes([numbers[i], numbers[i + 1]]);
        record.name_at(record.rdata.start + fixed, &mut scratch)?;
        let kept = answer.mx.len() + answer.srv.len();
        let host = host_name(&scratch);
        match host {
            Some(host) if kept < MAX_RECORDS => match kind {
                Kind::Mx => answer.mx.push(Mx {
                    preference: number(0),
                    host,
                }),
                Kind::Srv => answer.srv.push(Srv {
                    priority: number(0),
                    weight: number(2),
                    port: number(4),
                    target: host,
                }),
            },
            _ => answer.skipped += 1,
        }
    }
    crate::order::sort_by_key(&mut answer.mx, |m| m.preference);
    crate::order::sort_by_key(&mut answer.srv, |s| (s.priority, core::cmp::Reverse(s.weight)));
    Ok(answer)
}

/// A name's labels, each after its length byte, in lower case and without the root's zero byte: the form
/// [`read_name`] writes, so that two names compare as byte strings.
fn lower_labels(wire: &[u8]) -> Vec<u8> {
    let mut labels: Vec<u8> = wire.iter().map(u8::to_ascii_lowercase).collect();
    labels.pop();
    labels
}

/// Reads the name at `at` (RFC 1035 section 4.1.4: labels, ending with the root or a pointer to the rest of
/// the name earlier in the message) into `out` as [`lower_labels`] does, and returns the offset after the
/// name's bytes at `at`. A pointer must point strictly before itself, so that no name loops, and a name may
/// follow [`MAX_JUMPS`] of them.
fn read_name(message: &[u8], mut at: usize, out: &mut Vec<u8>) -> Result<usize, DnsError> {
    out.clear();
    let mut after = None;
    let mut jumps = 0;
    loop {
        let length = *message.get(at).ok_or(DnsError::Malformed("name cut short"))?;
        match length & 0xC0 {
            0 if length == 0 => return Ok(after.unwrap_or(at + 1)),
            0 => {
                let label = message
                    .get(at + 1..at + 1 + usize::from(length))
                    .ok_or(DnsError::Malformed("name cut short"))?;
                // RFC 1035 section 3.1: at most 255 bytes with the lengths and the root's zero byte.
                if out.len() + label.len() + 2 > 255 {
                    return Err(DnsError::Malformed("name longer than 255 bytes"));
                }
                out.push(length);
                out.extend(label.iter().map(u8::to_ascii_lowercase));
                at += 1 + label.len();
            }
            0xC0 => {
                let low = *message.get(at + 1).ok_or(DnsError::Malformed("name cut short"))?;
                let target = usize::from(length & 0x3F) << 8 | usize::from(low);
                if target >= at {
                    return Err(DnsError::Malformed("compression pointer not pointing backwards"));
                }
                jumps += 1;
                if jumps > MAX_JUMPS {
                    return Err(DnsError::Malformed("too many compression pointers in a name"));
                }
                after.get_or_insert(at + 2);
                at = target;
            }
            // 0x40 and 0x80: the extended label types of RFC 6891 section 5, obsolete or never defined.
            _ => return Err(DnsError::Malformed("unknown label type")),
        }
    }
}

/// The text of a name read by [`read_name`] when it is a host name: every label ASCII letters, digits and
/// hyphens, as [`is_domain_name`] accepts it (two labels or more). The root gives "": the null MX of RFC
/// 7505, the SRV target of RFC 2782 that says "not offered".
fn host_name(labels: &[u8]) -> Option<String> {
    if labels.is_empty() {
        return Some(String::new());
    }
    let mut text = String::with_capacity(labels.len());
    let mut rest = labels;
    while let Some((&length, tail)) = rest.split_first() {
        let (label, tail) = tail.split_at(usize::from(length).min(tail.len()));
        if !label
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        {
            return None;
        }
        if !text.is_empty() {
            text.push('.');
        }
        text.extend(label.iter().map(|&b| char::from(b)));
        rest = tail;
    }
    is_domain_name(&text).then_some(text)
}

/// The answer section: `count` records from `start`.
struct Section<'a> {
    message: &'a [u8],
    start: usize,
    count: u16,
}

/// One resource record (RFC 1035 section 4.1.3), by offsets into the message.
struct Record<'a> {
    message: &'a [u8],
    owner: usize,
    rtype: u16,
    class: u16,
    rdata: core::ops::Range<usize>,
}

impl<'a> Section<'a> {
    /// The records in order; an error ends the walk.
    fn records(&self) -> impl Iterator<Item = Result<Record<'a>, DnsError>> + '_ {
        let mut at = self.start;
        let mut failed = false;
        (0..self.count).map_while(move |_| {
            if failed {
                return None;
            }
            let record = self.record(at);
            match &record {
                Ok(r) => at = r.rdata.end,
                Err(_) => failed = true,
            }
            Some(record)
        })
    }

    fn record(&self, at: usize) -> Result<Record<'a>, DnsError> {
        let message = self.message;
        let mut skip = Vec::new();
        let after_owner = read_name(message, at, &mut skip)?;
        let fixed = message
            .get(after_owner..after_owner + 10)
            .ok_or(DnsError::Malformed("answer section cut short"))?;
        let word = |i: usize| u16::from_be_bytes([fixed[i], fixed[i + 1]]);
        let start = after_owner + 10;
        let end = start + usize::from(word(8));
        if end > message.len() {
            return Err(DnsError::Malformed("RDATA runs past the message"));
        }
        Ok(Record {
            message,
            owner: at,
            rtype: word(0),
            class: word(2),
            rdata: start..end,
        })
    }
}

impl Record<'_> {
    /// Whether the record's owner is one of `names` (as [`lower_labels`] writes them), ASCII
    /// case-insensitively.
    fn owned_by(&self, names: &[Vec<u8>], scratch: &mut Vec<u8>) -> Result<bool, DnsError> {
        read_name(self.message, self.owner, scratch)?;
        Ok(names.iter().any(|name| name == scratch))
    }

    /// Reads the name at `at` in the RDATA into `out`: it must end exactly where the RDATA ends (RFC 1035
    /// section 3.2.1: RDLENGTH is the RDATA's length), pointers to earlier names allowed.
    fn name_at(&self, at: usize, out: &mut Vec<u8>) -> Result<(), DnsError> {
        // Cut at the RDATA's end: the name's own bytes cannot run past it, and pointers only point backwards.
        let end = read_name(&self.message[..self.rdata.end], at, out)?;
        if end != self.rdata.end {
            return Err(DnsError::Malformed("RDATA longer than its name"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A name's labels on the wire, ending with the root.
    fn name(text: &str) -> Vec<u8> {
        let mut wire = Vec::new();
        for label in text.split('.').filter(|l| !l.is_empty()) {
            wire.push(label.len() as u8);
            wire.extend(label.bytes());
        }
        wire.push(0);
        wire
    }

    /// A pointer to `offset` (RFC 1035 section 4.1.4).
    fn pointer(offset: u16) -> Vec<u8> {
        (0xC000 | offset).to_be_bytes().to_vec()
    }

    /// Where the question's name starts in every message the writer makes.
    const QUESTION: u16 = 12;

    /// A test-only writer of answers: the header (ID 0, QR, RD, RA), the question, and answer records.
    struct Writer {
        bytes: Vec<u8>,
    }

    impl Writer {
        fn answer(asked: &str, kind: Kind) -> Self {
            let mut bytes = query(asked, kind).unwrap();
            bytes[2] = 0x81;
            bytes[3] = 0x80;
            Writer { bytes }
        }

        fn flags(mut self, flags: u16) -> Self {
            self.bytes[2..4].copy_from_slice(&flags.to_be_bytes());
            self
        }

        /// Adds a record of class IN; `owner` is wire bytes (a name, a pointer, or labels and a pointer).
        fn record(self, owner: &[u8], rtype: u16, rdata: &[u8]) -> Self {
            self.record_in(owner, rtype, CLASS_IN, rdata)
        }

        fn record_in(mut self, owner: &[u8], rtype: u16, class: u16, rdata: &[u8]) -> Self {
            self.bytes.extend(owner);
            self.bytes.extend(rtype.to_be_bytes());
            self.bytes.extend(class.to_be_bytes());
            self.bytes.extend(300u32.to_be_bytes());
            self.bytes.extend((rdata.len() as u16).to_be_bytes());
            self.bytes.extend(rdata);
            let count = u16::from_be_bytes([self.bytes[6], self.bytes[7]]) + 1;
            self.bytes[6..8].copy_from_slice(&count.to_be_bytes());
            self
        }

        fn mx(self, owner: &[u8], preference: u16, host: &[u8]) -> Self {
            let mut rdata = preference.to_be_bytes().to_vec();
            rdata.extend(host);
            self.record(owner, 15, &rdata)
        }

        fn srv(self, owner: &[u8], priority: u16, weight: u16, port: u16, target: &[u8]) -> Self {
            let mut rdata = Vec::new();
            for n in [priority, weight, port] {
                rdata.extend(n.to_be_bytes());
            }
            rdata.extend(target);
            self.record(owner, 33, &rdata)
        }

        fn offset(&self) -> u16 {
            self.bytes.len() as u16
        }
    }

    fn mx(preference: u16, host: &str) -> Mx {
        Mx {
            preference,
            host: host.into(),
        }
    }

    fn read_mx(message: &[u8]) -> Result<Answer, DnsError> {
        read(message, "example.com", Kind::Mx)
    }

    const Q: &[u8] = &[0xC0, 12];

    /// An answer with one MX record, its owner a pointer to the question's name.
    fn one_mx() -> Vec<u8> {
        Writer::answer("example.com", Kind::Mx)
            .mx(Q, 1, &name("mx.example.com"))
            .bytes
    }

    fn malformed(result: Result<Answer, DnsError>) -> bool {
        matches!(result, Err(DnsError::Malformed(_)))
    }

    #[test]
    fn the_query_is_rfc_8484s() {
        let q = query("Example.com", Kind::Mx).unwrap();
        let mut expected = vec![0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        expected.extend(b"\x07Example\x03com\x00\x00\x0f\x00\x01");
        assert_eq!(q, expected);
        assert_eq!(query("example.com.", Kind::Mx), query("example.com", Kind::Mx));
        let srv = query("_imaps._tcp.example.com", Kind::Srv).unwrap();
        assert!(srv.ends_with(b"\x06_imaps\x04_tcp\x07example\x03com\x00\x00\x21\x00\x01"));
    }

    #[test]
    fn the_query_refuses_names_it_cannot_carry() {
        let long_label = "a".repeat(64);
        for bad in [
            "",
            ".",
            "a..b",
            ".a",
            "a.b..",
            "a b.com",
            "ex\u{e4}mple.com",
            "a\0.com",
            &long_label,
        ] {
            assert_eq!(query(bad, Kind::Mx), None, "{bad:?}");
        }
        assert!(query(&"a".repeat(63), Kind::Mx).is_some());
        let at_most = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
        assert_eq!(at_most.len(), 253);
        assert!(query(&at_most, Kind::Mx).is_some());
        assert_eq!(query(&format!("{at_most}d"), Kind::Mx), None);
    }

    #[test]
    fn mx_records_round_trip_sorted_with_and_without_compression() {
        let mut host = name("mx2");
        host.truncate(host.len() - 1);
        host.extend(Q);
        let message = Writer::answer("example.com", Kind::Mx)
            .mx(Q, 20, &name("MX.Example.net"))
            .mx(&name("EXAMPLE.com"), 10, &host)
            .mx(Q, 10, &name("mx3.example.org."))
            .bytes;
        let answer = read_mx(&message).unwrap();
        assert_eq!(
            answer.mx,
            [
                mx(10, "mx2.example.com"),
                mx(10, "mx3.example.org"),
                mx(20, "mx.example.net")
            ]
        );
        assert_eq!((answer.srv.len(), answer.skipped), (0, 0));
    }

    #[test]
    fn srv_records_sort_by_priority_then_weight_and_keep_the_root_target() {
        let owner = "_submissions._tcp.example.com";
        let message = Writer::answer(owner, Kind::Srv)
            .srv(Q, 5, 1, 465, &name("a.example.com"))
            .srv(Q, 0, 0, 0, &name("."))
            .srv(Q, 5, 9, 465, &name("b.example.com"))
            .srv(Q, 5, 1, 587, &name("c.example.com"))
            .bytes;
        let answer = read(&message, owner, Kind::Srv).unwrap();
        let targets: Vec<_> = answer
            .srv
            .iter()
            .map(|s| (s.priority, s.weight, s.port, s.target.as_str()))
            .collect();
        assert_eq!(
            targets,
            [
                (0, 0, 0, ""),
                (5, 9, 465, "b.example.com"),
                (5, 1, 465, "a.example.com"),
                (5, 1, 587, "c.example.com")
            ]
        );
        assert_eq!(answer.skipped, 0);
    }

    #[test]
    fn the_root_is_the_null_mx() {
        let message = Writer::answer("example.com", Kind::Mx).mx(Q, 0, &name(".")).bytes;
        let answer = read_mx(&message).unwrap();
        assert_eq!((answer.mx[0].host.as_str(), answer.skipped), ("", 0));
        let one_label = Writer::answer("example.com", Kind::Mx)
            .mx(Q, 0, &name("localhost"))
            .bytes;
        let answer = read_mx(&one_label).unwrap();
        assert_eq!((answer.mx.len(), answer.skipped), (0, 1));
    }

    #[test]
    fn cname_chains_are_followed_up_to_eight() {
        // example.com -> c1.example.net -> ... -> cN.example.net, whose MX is read.
        let chain = |links: usize| {
            let mut w = Writer::answer("example.com", Kind::Mx);
            // The records in reverse order: the reader must not rely on the chain's order.
            w = w.mx(&name(&format!("c{links}.example.net")), 1, &name("mx.example.net"));
            for i in (1..=links).rev() {
                let owner = if i == 1 {
                    Q.to_vec()
                } else {
                    name(&format!("C{}.example.NET", i - 1))
                };
                w = w.record(&owner, TYPE_CNAME, &name(&format!("c{i}.example.net")));
            }
            read_mx(&w.bytes).unwrap()
        };
        assert_eq!(chain(1).mx, [mx(1, "mx.example.net")]);
        assert_eq!(chain(MAX_CNAMES).mx, [mx(1, "mx.example.net")]);
        assert_eq!(chain(MAX_CNAMES + 1), Answer::default());
    }

    #[test]
    fn a_cname_loop_ends() {
        let message = Writer::answer("example.com", Kind::Mx)
            .record(Q, TYPE_CNAME, &name("b.example.com"))
            .record(&name("b.example.com"), TYPE_CNAME, &name("example.com"))
            .mx(&name("b.example.com"), 3, &name("mx.example.com"))
            .bytes;
        assert_eq!(read_mx(&message).unwrap().mx, [mx(3, "mx.example.com")]);
    }

    #[test]
    fn records_of_other_owners_types_and_classes_are_ignored() {
        let message = Writer::answer("example.com", Kind::Mx)
            .mx(&name("other.example.com"), 1, &name("mx.other.com"))
            .mx(&name("com"), 1, &name("mx.other.com"))
            .srv(Q, 1, 1, 993, &name("imap.example.com"))
            .record(Q, 1, &[192, 0, 2, 1])
            .record_in(Q, 15, 3, b"\x00\x01\x02mx\x07example\x03com\x00")
            .mx(Q, 7, &name("mx.example.com"))
            .bytes;
        let answer = read_mx(&message).unwrap();
        assert_eq!(answer.mx, [mx(7, "mx.example.com")]);
        assert_eq!(answer.skipped, 0);
    }

    #[test]
    fn rcodes_become_errors() {
        let with = |rcode: u16| read_mx(&Writer::answer("example.com", Kind::Mx).flags(0x8180 | rcode).bytes);
        assert_eq!(with(3), Err(DnsError::NoSuchName));
        assert_eq!(with(2), Err(DnsError::Failed(2)));
        assert_eq!(with(5), Err(DnsError::Failed(5)));
        assert_eq!(with(0), Ok(Answer::default()));
    }

    #[test]
    fn answers_to_other_queries_are_refused() {
        let ours = one_mx();
        assert!(read_mx(&ours).is_ok());
        assert!(read(&ours, "EXAMPLE.Com.", Kind::Mx).is_ok());
        let mut wrong_id = ours.clone();
        wrong_id[1] = 1;
        let query_only = query("example.com", Kind::Mx).unwrap();
        let mut opcode = ours.clone();
        opcode[2] |= 0x10;
        let mut class = ours.clone();
        class[28] = 3;
        for message in [&wrong_id, &query_only, &opcode, &class] {
            assert_eq!(read_mx(message), Err(DnsError::NotTheAnswer));
        }
        assert_eq!(read(&ours, "example.org", Kind::Mx), Err(DnsError::NotTheAnswer));
        assert_eq!(read(&ours, "www.example.com", Kind::Mx), Err(DnsError::NotTheAnswer));
        assert_eq!(read(&ours, "example.com", Kind::Srv), Err(DnsError::NotTheAnswer));
        assert_eq!(read(&ours, "not a name", Kind::Mx), Err(DnsError::NotTheAnswer));
    }

    #[test]
    fn truncated_answers_say_so() {
        let message = Writer::answer("example.com", Kind::Mx).flags(0x8380).bytes;
        assert_eq!(read_mx(&message), Err(DnsError::Truncated));
    }

    #[test]
    fn the_question_count_must_be_one() {
        let mut message = Writer::answer("example.com", Kind::Mx).bytes;
        for count in [0, 2] {
            message[5] = count;
            assert!(malformed(read_mx(&message)));
        }
    }

    #[test]
    fn short_messages_are_malformed() {
        let full = one_mx();
        assert!(read_mx(&full).is_ok());
        for cut in 0..full.len() {
            assert!(malformed(read_mx(&full[..cut])), "cut at {cut}");
        }
        let mut header_only = full[..12].to_vec();
        header_only[7] = 0;
        assert!(malformed(read_mx(&header_only)));
    }

    #[test]
    fn pointers_must_point_backwards() {
        let w = Writer::answer("example.com", Kind::Mx);
        let here = w.offset();
        let to_self = w.mx(&pointer(here), 1, &name("mx.example.com")).bytes;
        assert!(malformed(read_mx(&to_self)));

        let w = Writer::answer("example.com", Kind::Mx);
        let forward = pointer(w.offset() + 2);
        let forward = w.mx(&forward, 1, &name("mx.example.com")).bytes;
        assert!(malformed(read_mx(&forward)));

        // Two names pointing at each other: the later one's pointer is backwards, the earlier's is not.
        let w = Writer::answer("example.com", Kind::Mx);
        let first = w.offset();
        let w = w.mx(Q, 1, &pointer(first + 2 + 10 + 2 + 2));
        let looped = w.mx(Q, 2, &pointer(first + 2 + 10 + 2)).bytes;
        assert!(malformed(read_mx(&looped)));
    }

    #[test]
    fn a_name_follows_a_bounded_number_of_pointers() {
        // A chain of names "x" -> pointer -> "x" -> ... ending in the question's name.
        let chained = |jumps: usize| {
            let mut w = Writer::answer("example.com", Kind::Mx);
            let mut previous = QUESTION;
            // Each step is a TXT-like record holding "\x01x" and a pointer to the previous step.
            for _ in 0..jumps - 1 {
                let at = w.offset() + 2 + 10;
                let mut rdata = b"\x01x".to_vec();
                rdata.extend(pointer(previous));
                w = w.record(Q, 99, &rdata);
                previous = at;
            }
            let mut host = b"\x02mx".to_vec();
            host.extend(pointer(previous));
            read_mx(&w.mx(Q, 1, &host).bytes)
        };
        let host = format!("mx.{}example.com", "x.".repeat(MAX_JUMPS - 1));
        assert_eq!(chained(MAX_JUMPS).unwrap().mx, [mx(1, &host)]);
        assert!(malformed(chained(MAX_JUMPS + 1)));
    }

    #[test]
    fn names_longer_than_255_bytes_are_malformed() {
        let longest = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
        assert_eq!(name(&longest).len(), 255);
        let fits = Writer::answer("example.com", Kind::Mx).mx(Q, 1, &name(&longest)).bytes;
        assert_eq!(read_mx(&fits).unwrap().mx, [mx(1, &longest)]);
        let over = Writer::answer("example.com", Kind::Mx)
            .mx(Q, 1, &name(&format!("{longest}d")))
            .bytes;
        assert!(malformed(read_mx(&over)));
        // Also when the length is reached through a pointer.
        let via = |label: &str| {
            let w = Writer::answer("example.com", Kind::Mx).record(Q, 99, &name(&longest[4..]));
            let mut host = name(label);
            host.pop();
            host.extend(pointer(w.offset() - name(&longest[4..]).len() as u16));
            read_mx(&w.mx(Q, 1, &host).bytes)
        };
        assert_eq!(via("eee").unwrap().mx, [mx(1, &format!("eee.{}", &longest[4..]))]);
        assert!(malformed(via("eeee")));
    }

    #[test]
    fn extended_label_types_are_malformed() {
        for first in [0x40, 0x80] {
            let message = Writer::answer("example.com", Kind::Mx).mx(Q, 1, &[first, 0]).bytes;
            assert!(malformed(read_mx(&message)));
        }
    }

    #[test]
    fn rdlength_is_the_names_exact_length() {
        let good = one_mx();
        assert!(read_mx(&good).is_ok());
        let rdlength_at = good.len() - name("mx.example.com").len() - 4;
        for delta in [-1i16, 1] {
            let mut message = good.clone();
            let length = u16::from_be_bytes([message[rdlength_at], message[rdlength_at + 1]]);
            let length = (length as i16 + delta) as u16;
            message[rdlength_at..rdlength_at + 2].copy_from_slice(&length.to_be_bytes());
            if delta > 0 {
                message.push(0);
            }
            assert!(malformed(read_mx(&message)), "{delta}");
        }
        // An MX whose RDATA is only the preference.
        let short = Writer::answer("example.com", Kind::Mx).record(Q, 15, &[0, 1]).bytes;
        assert!(malformed(read_mx(&short)));
    }

    #[test]
    fn hosts_that_are_not_host_names_are_skipped_and_counted() {
        let message = Writer::answer("example.com", Kind::Mx)
            .mx(Q, 1, &name("mx\u{7}.example.com"))
            .mx(Q, 2, &name("mx one.example.com"))
            .mx(Q, 3, b"\x06mx.two\x07example\x03com\x00")
            .mx(Q, 4, &name("localhost"))
            .mx(Q, 5, &name("-mx.example.com"))
            .mx(Q, 6, &name("m\u{e4}x.example.com"))
            .mx(Q, 7, &name("mx_1.example.com"))
            .mx(Q, 8, &name("mx-1.example.com"))
            .bytes;
        let answer = read_mx(&message).unwrap();
        assert_eq!(answer.mx, [mx(8, "mx-1.example.com")]);
        assert_eq!(answer.skipped, 7);
    }

    #[test]
    fn at_most_64_records_are_kept_and_the_rest_counted() {
        let many = |count: u16| {
            let mut w = Writer::answer("example.com", Kind::Mx);
            for i in 0..count {
                w = w.mx(Q, count - i, &name(&format!("mx{i}.example.com")));
            }
            read_mx(&w.bytes).unwrap()
        };
        let answer = many(100);
        assert_eq!((answer.mx.len(), answer.skipped), (MAX_RECORDS, 100 - MAX_RECORDS));
        // The first 64 in the message are kept, then sorted.
        assert_eq!(answer.mx[0], mx(37, "mx63.example.com"));
        assert_eq!(answer.mx[63], mx(100, "mx0.example.com"));
        let answer = many(MAX_RECORDS as u16);
        assert_eq!((answer.mx.len(), answer.skipped), (MAX_RECORDS, 0));
    }

    #[test]
    fn the_largest_hostile_message_is_read_quickly() {
        // 65,535 bytes of records whose owners each follow MAX_JUMPS pointers, all of the asked type.
        let mut w = Writer::answer("example.com", Kind::Mx);
        let mut previous = QUESTION;
        for _ in 0..MAX_JUMPS - 1 {
            let at = w.offset() + 2 + 10;
            let mut rdata = b"\x01x".to_vec();
            rdata.extend(pointer(previous));
            w = w.record(Q, 99, &rdata);
            previous = at;
        }
        for i in 0u32.. {
            let owner = pointer(previous);
            if w.bytes.len() + owner.len() + 10 + 3 + 2 > 65_535 {
                break;
            }
            w = w.record(&owner, if i % 2 == 0 { TYPE_CNAME } else { 15 }, &[0, 1, 0]);
        }
        let started = std::time::Instant::now();
        assert!(read_mx(&w.bytes).is_ok());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    /// An answer with compressed and uncompressed names of every kind the reader follows.
    fn sample() -> Vec<u8> {
        let mut host = b"\x02mx".to_vec();
        host.extend(Q);
        Writer::answer("example.com", Kind::Mx)
            .record(Q, TYPE_CNAME, &name("alias.example.net"))
            .mx(&name("alias.example.net"), 10, &host)
            .mx(Q, 5, &name("mx.example.org"))
            .record(Q, 1, &[192, 0, 2, 1])
            .bytes
    }

    proptest! {
        #[test]
        fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = read(&bytes, "example.com", Kind::Mx);
            let _ = read(&bytes, "_imaps._tcp.example.com", Kind::Srv);
        }

        #[test]
        fn any_header_and_question_then_any_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
            let mut message = Writer::answer("example.com", Kind::Mx).bytes;
            message[7] = tail.len() as u8 / 4;
            message.extend(tail);
            let _ = read(&message, "example.com", Kind::Mx);
        }

        #[test]
        fn damaged_answers_never_panic(cut in 0usize..200, at in 0usize..200, byte in any::<u8>()) {
            let full = sample();
            prop_assert_eq!(read_mx(&full).unwrap().mx.len(), 2);
            let _ = read_mx(&full[..cut.min(full.len())]);
            let mut damaged = full.clone();
            let at = at % damaged.len();
            damaged[at] = byte;
            let _ = read_mx(&damaged);
        }

        #[test]
        fn written_answers_read_back_sorted(
            records in proptest::collection::vec(
                (any::<u16>(), "[a-z][a-z0-9-]{0,10}[a-z0-9](\\.[a-z][a-z0-9]{0,8}){1,3}", any::<bool>(), any::<bool>()),
                0..30,
            ),
        ) {
            let mut w = Writer::answer("example.com", Kind::Mx);
            let mut expected = Vec::new();
            for (preference, host, upper, compressed) in &records {
                let written = if *upper { host.to_ascii_uppercase() } else { host.clone() };
                let mut wire = name(&written);
                let mut text = host.clone();
                if *compressed {
                    wire.pop();
                    wire.extend(Q);
                    text.push_str(".example.com");
                }
                w = w.mx(Q, *preference, &wire);
                expected.push(mx(*preference, &text));
            }
            expected.sort_by_key(|m| m.preference);
            let answer = read_mx(&w.bytes).unwrap();
            prop_assert_eq!(answer.mx, expected);
            prop_assert_eq!(answer.skipped, 0);
        }

        #[test]
        fn written_srv_answers_read_back_sorted(
            records in proptest::collection::vec((0u16..4, 0u16..4, any::<u16>(), "[a-z]{1,8}\\.[a-z]{2,6}"), 0..20),
        ) {
            let owner = "_imaps._tcp.example.com";
            let mut w = Writer::answer(owner, Kind::Srv);
            let mut expected = Vec::new();
            for (priority, weight, port, target) in &records {
                w = w.srv(Q, *priority, *weight, *port, &name(target));
                expected.push(Srv { priority: *priority, weight: *weight, port: *port, target: target.clone() });
            }
            expected.sort_by_key(|s| (s.priority, core::cmp::Reverse(s.weight)));
            prop_assert_eq!(read(&w.bytes, owner, Kind::Srv).unwrap().srv, expected);
        }
    }
}
