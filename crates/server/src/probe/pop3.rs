//! The POP3 dialogue (RFC 1939, CAPA per RFC 2449, STLS per RFC 2595): greeting, CAPA, STLS, QUIT. Never
//! USER, PASS or AUTH.

use super::dialogue::{foreign, is_text, password_mechanism, texts, DialogueError, Greeting, GreetingReply, Upgrade};
use super::report::Capabilities;
use super::wire::Wire;
use mailcheck_engine::Protocol;

fn status(line: &[u8]) -> Option<bool> {
    let starts = |p: &[u8]| line.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p));
    if starts(b"+OK") {
        Some(true)
    } else if starts(b"-ERR") {
        Some(false)
    } else {
        None
    }
}

/// A single-line reply: whether it is `+OK`, and its lines.
async fn single(wire: &mut Wire) -> Result<(bool, Vec<Vec<u8>>), DialogueError> {
    let lines = wire.reply(|_| true).await?;
    let line = lines.first().map(Vec::as_slice).unwrap_or_default();
    match status(line).filter(|_| is_text(line)) {
        Some(ok) => Ok((ok, lines)),
        None => Err(DialogueError::BadReply(texts(&lines).join(" / "))),
    }
}

pub async fn greeting(wire: &mut Wire) -> Result<GreetingReply, DialogueError> {
    let lines = wire.reply(|_| true).await?;
    let text = texts(&lines);
    let line = lines.first().map(Vec::as_slice).unwrap_or_default();
    if let Some(seen) = foreign(line, Protocol::Pop3) {
        return Ok((Greeting::Foreign(seen), text));
    }
    match status(line).filter(|_| is_text(line)) {
        Some(true) => Ok((Greeting::Ready, text)),
        Some(false) => Ok((Greeting::Refused, text)),
        None => Err(DialogueError::BadReply(text.join(" / "))),
    }
}

pub async fn capabilities(wire: &mut Wire, encrypted: bool) -> Result<Capabilities, DialogueError> {
    wire.send("CAPA").await?;
    // `+OK` then lines up to a lone `.`; `-ERR` alone when the server has no CAPA (then nothing is known).
    let mut first = true;
    let lines = wire
        .reply(|line| {
            let end = if first {
                status(line) != Some(true)
            } else {
                line == b"." || !is_text(line)
            };
            first = false;
            end
        })
        .await?;
    let head = lines.first().map(Vec::as_slice).unwrap_or_default();
    let tail_ok = lines.last().is_some_and(|l| l == b"." || lines.len() == 1);
    match status(head) {
        Some(true) if tail_ok && lines.iter().all(|l| is_text(l)) => Ok(parse_capa(&texts(&lines), encrypted)),
        Some(false) => Err(DialogueError::Refused(texts(&lines).join(" / "))),
        _ => Err(DialogueError::BadReply(texts(&lines).join(" / "))),
    }
}

/// The capability lines between `+OK` and `.`.
fn parse_capa(lines: &[String], encrypted: bool) -> Capabilities {
    let mut caps = Capabilities {
        encrypted,
        ..Capabilities::default()
    };
    let body = lines.get(1..).unwrap_or_default();
    for line in body.iter().filter(|l| l.as_str() != ".") {
        caps.list.push(line.clone());
        let mut words = line.split_whitespace();
        match words.next().map(str::to_ascii_uppercase).as_deref() {
            Some("STLS") => caps.starttls = true,
            Some("SASL") => caps.auth.extend(words.map(str::to_ascii_uppercase)),
            _ => {}
        }
    }
    // USER means USER/PASS, which sends the password as is.
    let user = caps.list.iter().any(|c| c.trim().eq_ignore_ascii_case("USER"));
    caps.accepts_passwords = user || caps.auth.iter().any(|m| password_mechanism(m));
    caps
}

pub async fn starttls(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    wire.send("STLS").await?;
    upgrade_reply(wire).await
}

pub async fn starttls_pipelined(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    wire.send_lines(&["STLS", "NOOP"]).await?;
    upgrade_reply(wire).await
}

/// Before login NOOP is not allowed (RFC 1939: only in the transaction state) and is answered `-ERR`;
/// QUIT is answered `+OK`. A `-ERR` first is the NOOP's answer.
pub fn answers_pipelined(quit_reply: &[String]) -> bool {
    quit_reply.first().and_then(|l| status(l.as_bytes())) == Some(false)
}

async fn upgrade_reply(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    let (ok, lines) = single(wire).await?;
    Ok(if ok {
        Upgrade::Accepted(texts(&lines))
    } else {
        Upgrade::Refused(texts(&lines))
    })
}

pub async fn quit(wire: &mut Wire) -> Result<Vec<String>, DialogueError> {
    wire.send("QUIT").await?;
    let (_, lines) = single(wire).await?;
    Ok(texts(&lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capa(body: &[&str]) -> Capabilities {
        let mut lines = vec!["+OK".to_owned()];
        lines.extend(body.iter().map(|s| s.to_string()));
        lines.push(".".to_owned());
        parse_capa(&lines, false)
    }

    #[test]
    fn stls_and_sasl_are_read() {
        let c = capa(&["CAPA", "TOP", "UIDL", "RESP-CODES", "STLS", "SASL PLAIN LOGIN"]);
        assert!(c.starttls);
        assert_eq!(c.auth, ["PLAIN", "LOGIN"]);
        assert!(c.accepts_passwords);
    }

    #[test]
    fn an_empty_sasl_line_and_no_user_means_no_passwords() {
        let c = capa(&["CAPA", "TOP", "STLS", "SASL"]);
        assert!(c.starttls && c.auth.is_empty() && !c.accepts_passwords);
    }

    #[test]
    fn user_takes_a_password() {
        let c = capa(&["USER", "SASL XOAUTH2"]);
        assert!(!c.starttls && c.accepts_passwords);
        assert!(!capa(&["USERS-ONLINE"]).accepts_passwords);
    }

    proptest::proptest! {
        #[test]
        fn any_capa_reply_parses_without_panicking(reply in proptest::collection::vec("\\PC{0,40}", 0..8)) {
            let _ = parse_capa(&reply, false);
        }
    }
}
