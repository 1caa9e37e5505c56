//! Sign-in failures, in the words of the clients and of the servers they quote.
//!
//! - Outlook: "Your e-mail server rejected your login. Verify your user name and password for this account
//!   in Account Settings."
//! - Apple Mail on the Mac: "... verify account name or password"; iOS Mail: "The user name or password for
//!   “imap.example.com” is incorrect."; the Microsoft note on iOS: "Account not authenticated".
//! - Thunderbird: "Login to server %S with username %S failed.", "Unable to authenticate to Outgoing server
//!   (SMTP) %S", "Sending of password for user %S did not succeed."
//! - Android mail apps: "Username or password incorrect."
//! - Google's servers, which the Gmail app and every other app show: "[AUTHENTICATIONFAILED] Invalid
//!   credentials", "Username and Password not accepted", "Application-specific password required",
//!   "Please log in via your web browser".
//! - Dovecot and other IMAP and POP servers: "NO [AUTHENTICATIONFAILED]", "-ERR [AUTH]", "[IN-USE]" (RFC 2449)
//!   and "[OVERQUOTA]" (RFC 5530).

use super::text::Text;
use super::{apply, CauseCode::*, Rule, Scan};

const RULES: [Rule; 9] = [
    Rule {
        cause: AuthFailed,
        weight: 80,
        phrases: &[
            "authentication failed",
            "authentication failure",
            "authentication unsuccessful",
            "auth failed",
            "login failed",
            "logon failed",
            "rejected your login",
            "verify your user name and password",
            "verify your username and password",
            "verify account name or password",
            "invalid credentials",
            "invalid username or password",
            "invalid user name or password",
            "username or password incorrect",
            "username or password is incorrect",
            "user name or password is incorrect",
            "incorrect username or password",
            "incorrect password",
            "password incorrect",
            "password is incorrect",
            "wrong password",
            "[authenticationfailed]",
            "-err [auth]",
            "authenticate failed",
            "username and password not accepted",
            "account not authenticated",
            "sending of password",
            "sending of username",
            "password has expired",
            "credentials were incorrect",
            "invalid login",
        ],
    },
    Rule {
        cause: SmtpAuthFailed,
        weight: 90,
        phrases: &["unable to authenticate to outgoing server"],
    },
    Rule {
        cause: AppPasswordRequired,
        weight: 92,
        phrases: &[
            "application-specific password",
            "application specific password",
            "app-specific password",
            "app password",
        ],
    },
    Rule {
        cause: WebLoginRequired,
        weight: 92,
        phrases: &[
            "log in via your web browser",
            "login via your web browser",
            "log in via web browser",
            "login via web browser",
            "web login required",
        ],
    },
    Rule {
        cause: BasicAuthDisabled,
        weight: 97,
        phrases: &[
            "basic authentication is disabled",
            "smtpclientauthentication is disabled",
        ],
    },
    Rule {
        cause: AuthTemporary,
        weight: 85,
        phrases: &[
            "too many login attempts",
            "temporary authentication failure",
            "too many failed login",
        ],
    },
    Rule {
        cause: SmtpAuthRequired,
        weight: 85,
        phrases: &[
            "authentication required",
            "authentication is required",
            "requires authentication",
            "must authenticate",
            "client was not authenticated",
            // POP-before-SMTP servers: "To send mail, first check your mail with a valid POP account".
            "first check your mail",
        ],
    },
    Rule {
        cause: PopMailboxLocked,
        weight: 85,
        phrases: &["[in-use]", "lock maildrop"],
    },
    Rule {
        cause: MailboxOverQuota,
        weight: 85,
        phrases: &["[overquota]"],
    },
];

pub(super) fn scan(t: &Text, s: &mut Scan) {
    apply(&RULES, t, s);
    // Sentences with the server or user name in the middle.
    let ios = t.has_any(&["user name or password for", "username or password for"]) && t.has("incorrect");
    let thunderbird = t.has("login to server") && t.has("failed");
    if ios || thunderbird {
        s.hit(AuthFailed, 85);
    }
    if t.has_any(&["-err", "* no", "[authenticationfailed]"]) {
        s.incoming += 2;
    }
}

#[cfg(test)]
pub(super) fn phrases() -> impl Iterator<Item = &'static str> {
    RULES.iter().flat_map(|r| r.phrases.iter().copied())
}
