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
use super::{CauseCode::*, Scan};

pub(super) fn scan(t: &Text, s: &mut Scan) {
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
