//! The SMTP dialogue (RFC 5321, STARTTLS per RFC 3207): greeting, EHLO, STARTTLS, QUIT. Never AUTH, MAIL,
//! RCPT or DATA.

use super::dialogue::{
    foreign, is_text, password_mechanism, smtp_code, texts, DialogueError, Greeting, GreetingReply, Upgrade,
};
use super::report::Capabilities;
use super::wire::Wire;
use mailcheck_engine::Protocol;

/// The name we give in EHLO: fixed, and in the `.invalid` top-level domain so it can never be anyone's.
pub const EHLO_NAME: &str = "mailcheck.invalid";

/// One reply, multi-line replies included: the code and the text lines.
async fn reply(wire: &mut Wire) -> Result<(Option<u16>, Vec<Vec<u8>>), DialogueError> {
    // A line continues the reply only if it is `NNN-…`: anything else (`SSH-2.0-…`) ends it at once.
    let lines = wire
        .reply(|line| smtp_code(line).is_none() || line.get(3) != Some(&b'-'))
        .await?;
    let first = lines.first().map(|l| smtp_code(l)).unwrap_or(None);
    let consistent = lines.iter().all(|l| is_text(l) && smtp_code(l) == first);
    Ok((first.filter(|_| consistent), lines))
}

pub async fn greeting(wire: &mut Wire) -> Result<GreetingReply, DialogueError> {
    let (code, lines) = reply(wire).await?;
    let text = texts(&lines);
    let first = lines.first().map(Vec::as_slice).unwrap_or_default();
    if let Some(seen) = foreign(first, Protocol::Smtp) {
        return Ok((Greeting::Foreign(seen), text));
    }
    match code {
        Some(220) => Ok((Greeting::Ready, text)),
        Some(400..=599) => Ok((Greeting::Refused, text)),
        _ => Err(DialogueError::BadReply(text.join(" / "))),
    }
}

pub async fn capabilities(wire: &mut Wire, encrypted: bool) -> Result<Capabilities, DialogueError> {
    wire.send(&format!("EHLO {EHLO_NAME}")).await?;
    let (code, lines) = reply(wire).await?;
    match code {
        Some(250) => Ok(parse_ehlo(&texts(&lines), encrypted)),
        Some(_) => Err(DialogueError::Refused(texts(&lines).join(" / "))),
        None => Err(DialogueError::BadReply(texts(&lines).join(" / "))),
    }
}

/// The EHLO keywords (every line after the first, which names the server).
fn parse_ehlo(lines: &[String], encrypted: bool) -> Capabilities {
    let mut caps = Capabilities {
        encrypted,
        ..Capabilities::default()
    };
    for line in lines.iter().skip(1) {
        let keywords = line.get(4..).unwrap_or_default().trim();
        caps.list.push(keywords.to_owned());
        let mut words = keywords.split_whitespace();
        let Some(first) = words.next() else { continue };
        let keyword = first.to_ascii_uppercase();
        if keyword == "STARTTLS" {
            caps.starttls = true;
        }
        // `AUTH PLAIN LOGIN`, or the pre-standard `AUTH=PLAIN LOGIN` some servers still send.
        if let Some(rest) = keyword.strip_prefix("AUTH") {
            if rest.is_empty() || rest.starts_with('=') {
                let inline = rest.trim_start_matches('=');
                let mechanisms = std::iter::once(inline).filter(|m| !m.is_empty()).map(str::to_owned);
                for m in mechanisms.chain(words.map(str::to_ascii_uppercase)) {
                    if !caps.auth.contains(&m) {
                        caps.auth.push(m);
                    }
                }
            }
        }
    }
    caps.accepts_passwords = caps.auth.iter().any(|m| password_mechanism(m));
    caps
}

pub async fn starttls(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    wire.send("STARTTLS").await?;
    upgrade_reply(wire).await
}

pub async fn starttls_pipelined(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    wire.send_lines(&["STARTTLS", "NOOP"]).await?;
    upgrade_reply(wire).await
}

/// NOOP is answered 250, QUIT 221: a 250 first is the NOOP's answer.
pub fn answers_pipelined(quit_reply: &[String]) -> bool {
    quit_reply.first().and_then(|l| smtp_code(l.as_bytes())) == Some(250)
}

async fn upgrade_reply(wire: &mut Wire) -> Result<Upgrade, DialogueError> {
    let (code, lines) = reply(wire).await?;
    match code {
        Some(220) => Ok(Upgrade::Accepted(texts(&lines))),
        Some(_) => Ok(Upgrade::Refused(texts(&lines))),
        None => Err(DialogueError::BadReply(texts(&lines).join(" / "))),
    }
}

pub async fn quit(wire: &mut Wire) -> Result<Vec<String>, DialogueError> {
    wire.send("QUIT").await?;
    let (_, lines) = reply(wire).await?;
    Ok(texts(&lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_a_250_before_the_goodbye_answers_the_noop() {
        assert!(answers_pipelined(&lines(&["250 2.0.0 Ok", "221 2.0.0 Bye"])));
        assert!(!answers_pipelined(&lines(&["221 2.0.0 Bye"])));
        assert!(!answers_pipelined(&lines(&["502 5.5.1 no"])));
        assert!(!answers_pipelined(&[]));
    }

    #[test]
    fn ehlo_keywords_give_starttls_and_auth() {
        let caps = parse_ehlo(
            &lines(&[
                "250-mx.test.invalid",
                "250-PIPELINING",
                "250-STARTTLS",
                "250-AUTH PLAIN LOGIN",
                "250 8BITMIME",
            ]),
            false,
        );
        assert!(caps.starttls);
        assert_eq!(caps.auth, ["PLAIN", "LOGIN"]);
        assert!(caps.accepts_passwords);
        assert_eq!(caps.list, ["PIPELINING", "STARTTLS", "AUTH PLAIN LOGIN", "8BITMIME"]);
    }

    #[test]
    fn old_style_auth_lines_count_too() {
        let caps = parse_ehlo(&lines(&["250-mx", "250-AUTH=LOGIN", "250 AUTH LOGIN CRAM-MD5"]), true);
        assert_eq!(caps.auth, ["LOGIN", "CRAM-MD5"]);
        assert!(caps.accepts_passwords);
        assert!(caps.encrypted);
    }

    #[test]
    fn no_password_mechanism_means_no_passwords() {
        let caps = parse_ehlo(
            &lines(&["250-mx", "250-AUTHENTICATED-RELAY", "250 AUTH CRAM-MD5 XOAUTH2"]),
            false,
        );
        assert!(!caps.starttls);
        assert_eq!(caps.auth, ["CRAM-MD5", "XOAUTH2"]);
        assert!(!caps.accepts_passwords);
        let first_line_only = parse_ehlo(&lines(&["250 mx says STARTTLS AUTH PLAIN"]), false);
        assert!(!first_line_only.starttls && first_line_only.auth.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_ehlo_reply_parses_without_panicking(reply in proptest::collection::vec("\\PC{0,40}", 0..8)) {
            let _ = parse_ehlo(&reply, false);
        }
    }
}
