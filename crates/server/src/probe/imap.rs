//! The IMAP dialogue (RFC 9051 and 3501): greeting, CAPABILITY, STARTTLS, LOGOUT. Never LOGIN or
//! AUTHENTICATE.

use super::dialogue::{foreign, is_text, password_mechanism, texts, DialogueError, Greeting, GreetingReply, Upgrade};
use super::report::Capabilities;
use super::wire::Wire;
use mailcheck_engine::Protocol;

/// Command tags: `A1`, `A2`, … so every command in a connection has its own.
#[derive(Debug, Default)]
pub struct Tags(u32);

impl Tags {
    fn next(&mut self) -> String {
        self.0 += 1;
        format!("A{}", self.0)
    }

    /// The tag of the last command sent.
    fn last(&self) -> String {
        format!("A{}", self.0)
    }
}

/// Whether `line` starts with `word` followed by a space or the end, ignoring case.
fn starts_with_word(line: &[u8], word: &str) -> bool {
    let w = word.as_bytes();
    line.get(..w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w)) && matches!(line.get(w.len()), None | Some(b' '))
}

pub async fn greeting(wire: &mut Wire) -> Result<GreetingReply, DialogueError> {
    let lines = wire.reply(|_| true).await?;
    let text = texts(&lines);
    let line = lines.first().map(Vec::as_slice).unwrap_or_default();
    if !is_text(line) {
        return Err(DialogueError::BadReply(text.join(" / ")));
    }
    let kind = if starts_with_word(line, "* OK") {
        Greeting::Ready
    } else if starts_with_word(line, "* PREAUTH") {
        Greeting::Preauth
    } else if starts_with_word(line, "* BYE") {
        Greeting::Refused
    } else if let Some(seen) = foreign(line, Protocol::Imap) {
        Greeting::Foreign(seen)
    } else {
        return Err(DialogueError::BadReply(text.join(" / ")));
    };
    Ok((kind, text))
}

/// Sends `command` with a fresh tag and reads up to the tagged completion; the lines and whether it was OK.
async fn command(wire: &mut Wire, tags: &mut Tags, command: &str) -> Result<(bool, Vec<Vec<u8>>), DialogueError> {
    let tag = tags.next();
    wire.send(&format!("{tag} {command}")).await?;
    completion(wire, &tag).await
}

/// Reads up to the completion tagged `tag`; the lines and whether it was OK.
async fn completion(wire: &mut Wire, tag: &str) -> Result<(bool, Vec<Vec<u8>>), DialogueError> {
    let lines = wire.reply(|line| starts_with_word(line, tag) || !is_text(line)).await?;
    let last = lines.last().map(Vec::as_slice).unwrap_or_default();
    if !is_text(last) {
        return Err(DialogueError::BadReply(texts(&lines).join(" / ")));
    }
    let status = last.get(tag.len() + 1..).unwrap_or_default();
    Ok((starts_with_word(status, "OK"), lines))
}

pub async fn capabilities(wire: &mut Wire, tags: &mut Tags, encrypted: bool) -> Result<Capabilities, DialogueError> {
    let (ok, lines) = command(wire, tags, "CAPABILITY").await?;
    if !ok {
        return Err(DialogueError::Refused(texts(&lines).join(" / ")));
    }
    Ok(parse_capabilities(&texts(&lines), encrypted))
}

/// The atoms of every `* CAPABILITY` line.
fn parse_capabilities(lines: &[String], encrypted: bool) -> Capabilities {
    let mut caps = Capabilities {
        encrypted,
        ..Capabilities::default()
    };
    for line in lines {
        if !starts_with_word(line.as_bytes(), "* CAPABILITY") {
            continue;
        }
        caps.list.extend(line.split_whitespace().skip(2).map(str::to_owned));
    }
    caps.starttls = caps.list.iter().any(|c| c.eq_ignore_ascii_case("STARTTLS"));
    caps.auth = caps
        .list
        .iter()
        .filter_map(|c| c.get(..5).filter(|p| p.eq_ignore_ascii_case("AUTH=")).and(c.get(5..)))
        .map(str::to_ascii_uppercase)
        .collect();
    // LOGIN sends the password as is; only LOGINDISABLED turns it off.
    let login_disabled = caps.list.iter().any(|c| c.eq_ignore_ascii_case("LOGINDISABLED"));
    caps.accepts_passwords = !login_disabled || caps.auth.iter().any(|m| password_mechanism(m));
    caps
}

pub async fn starttls(wire: &mut Wire, tags: &mut Tags) -> Result<Upgrade, DialogueError> {
    let (ok, lines) = command(wire, tags, "STARTTLS").await?;
    Ok(if ok {
        Upgrade::Accepted(texts(&lines))
    } else {
        Upgrade::Refused(texts(&lines))
    })
}

pub async fn starttls_pipelined(wire: &mut Wire, tags: &mut Tags) -> Result<Upgrade, DialogueError> {
    let (tag, noop) = (tags.next(), tags.next());
    wire.send_lines(&[&format!("{tag} STARTTLS"), &format!("{noop} NOOP")])
        .await?;
    let (ok, lines) = completion(wire, &tag).await?;
    Ok(if ok {
        Upgrade::Accepted(texts(&lines))
    } else {
        Upgrade::Refused(texts(&lines))
    })
}

/// A line tagged with anything but the LOGOUT's own tag (the last one) answers an earlier command: after
/// STARTTLS, only the NOOP behind it is left.
pub fn answers_pipelined(logout_reply: &[String], tags: &Tags) -> bool {
    let logout = tags.last();
    logout_reply.iter().any(|line| {
        let tag = line.split(' ').next().unwrap_or_default();
        tag != "*" && tag != "+" && !tag.eq_ignore_ascii_case(&logout)
    })
}

pub async fn quit(wire: &mut Wire, tags: &mut Tags) -> Result<Vec<String>, DialogueError> {
    let (_, lines) = command(wire, tags, "LOGOUT").await?;
    Ok(texts(&lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(line: &str) -> Capabilities {
        parse_capabilities(&[line.to_owned(), "A1 OK done".to_owned()], false)
    }

    #[test]
    fn logindisabled_means_no_passwords_before_tls() {
        let c = caps("* CAPABILITY IMAP4rev1 SASL-IR STARTTLS LOGINDISABLED");
        assert!(c.starttls);
        assert!(!c.accepts_passwords);
        assert!(c.auth.is_empty());
    }

    #[test]
    fn without_logindisabled_login_takes_a_password() {
        let c = caps("* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN AUTH=XOAUTH2");
        assert_eq!(c.auth, ["PLAIN", "XOAUTH2"]);
        assert!(c.accepts_passwords);
        let bare = caps("* CAPABILITY IMAP4rev1");
        assert!(bare.accepts_passwords && !bare.starttls);
    }

    #[test]
    fn auth_plain_counts_even_with_logindisabled() {
        assert!(caps("* CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN").accepts_passwords);
    }

    #[test]
    fn only_capability_lines_are_read() {
        let c = parse_capabilities(
            &["* OK [CAPABILITY STARTTLS] hi".to_owned(), "A1 OK done".to_owned()],
            false,
        );
        assert!(c.list.is_empty() && !c.starttls);
    }

    #[test]
    fn only_another_tag_before_the_logout_answers_the_noop() {
        let mut tags = Tags::default();
        let _ = (tags.next(), tags.next(), tags.next());
        let line = |s: &str| s.to_owned();
        assert!(answers_pipelined(
            &[line("A2 OK NOOP completed"), line("* BYE"), line("A3 OK")],
            &tags
        ));
        assert!(!answers_pipelined(
            &[line("* BYE Logging out"), line("A3 OK Logout completed")],
            &tags
        ));
        assert!(!answers_pipelined(&[line("* BYE"), line("a3 OK")], &tags));
    }

    #[test]
    fn tags_advance() {
        let mut t = Tags::default();
        assert_eq!((t.next(), t.next()), ("A1".to_owned(), "A2".to_owned()));
        assert!(starts_with_word(b"a2 OK done", "A2"));
        assert!(!starts_with_word(b"A21 OK", "A2"));
    }

    proptest::proptest! {
        #[test]
        fn any_capability_reply_parses_without_panicking(reply in proptest::collection::vec("\\PC{0,40}", 0..8)) {
            let _ = parse_capabilities(&reply, false);
        }
    }
}
