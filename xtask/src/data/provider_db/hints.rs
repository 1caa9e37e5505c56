//! provider-db's hints (`before_login_hint`, `after_login_hint`) to our requirement kinds, by rules a test can
//! list: each rule is a few literal phrases, matched case-insensitively in the hint with its white space
//! collapsed. The hints are free text in three languages, so a phrase is taken from a hint's own words
//! (docs/provider-db.md lists every hint and what it maps to); a hint no rule matches maps to nothing and is
//! reported, never guessed at.

/// What a hint says a person must do, before the importer gives it its details (a bridge's host, what to use
/// instead of mail apps). In the order requirements are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hinted {
    /// R1: the provider offers no IMAP (our no-mail-apps).
    NoImap,
    /// R2: a companion program on the person's device (our bridge).
    Bridge,
    /// R3: passwords refused (our oauth-only).
    OAuthOnly,
    /// R4: an app password.
    AppPassword,
    /// R5: an authorization code in the password field.
    AuthorizationCode,
    /// R6: IMAP/POP access switched on first (our enable-access).
    EnableAccess,
    /// R7: two-step verification on first.
    SecondFactorFirst,
}

/// Each rule's kind and phrases, in lower case.
const RULES: [(Hinted, &[&str]); 7] = [
    (
        Hinted::NoImap,
        &["does not offer the standard imap", "протокол imap не предоставляется"],
    ),
    (Hinted::Bridge, &["bridge must be running", "companion app"]),
    (Hinted::OAuthOnly, &["does not allow using passwords"]),
    (
        Hinted::AppPassword,
        &[
            "app password",
            "app-password",
            "app-specific password",
            "пароль для внешнего приложения",
        ],
    ),
    (
        Hinted::AuthorizationCode,
        &["auth code", "authorization code", "授权码"],
    ),
    (
        Hinted::EnableAccess,
        &[
            "allow imap access",
            "activate pop3/imap",
            "imap protocol option turned on",
            "turn on imap",
            "enabling imap",
            "enable \"pop3/smtp/imap\"",
            "\"pop3/imap/smtp\" aktivieren",
            "включить доступ с помощью почтовых клиентов",
        ],
    ),
    (
        Hinted::SecondFactorFirst,
        &[
            "2-step verification\" enabled",
            "2-step verification enabled",
            "two-factor authentication enabled",
        ],
    ),
];

/// The hint with every run of white space (line breaks included) made one space, trimmed: the words as a
/// quotation can hold them.
pub fn words(hint: &str) -> String {
    hint.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a hint maps to, in rule order; empty when no rule matches. A hint that says passwords are refused
/// maps to oauth-only alone: Outlook's "per-app-passwords are currently not working" names app passwords to
/// say they fail.
pub fn kinds(hint: &str) -> Vec<Hinted> {
    let text = words(hint).to_lowercase();
    let mut out: Vec<Hinted> = RULES
        .iter()
        .filter(|(_, phrases)| phrases.iter().any(|p| text.contains(p)))
        .map(|(kind, _)| *kind)
        .collect();
    if out.contains(&Hinted::OAuthOnly) {
        out.retain(|k| *k != Hinted::AppPassword);
    }
    out
}

/// Whether a hint holds a link, which provider-db's README forbids in a hint: reported, and quoted as it is.
pub fn has_link(hint: &str) -> bool {
    hint.contains("http://") || hint.contains("https://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Hinted::*;

    /// Every hint of provider-db at ad097ee (docs/provider-db.md) that a rule maps, with what it maps to.
    #[test]
    fn each_rule_maps_the_hints_that_say_it() {
        let cases: [(&str, &[Hinted]); 15] = [
            ("hey.com does not offer the standard IMAP e-mail protocol, so you cannot log in to hey.com.", &[NoImap]),
            ("Протокол IMAP не предоставляется и не планируется.", &[NoImap]),
            ("An Yggmail companion app needs to be installed on your device to access the Yggmail network.", &[Bridge]),
            ("To use Protonmail, the IMAP bridge must be running in the background.", &[Bridge]),
            (
                "Unfortunately, Outlook does not allow using passwords anymore,\n    per-app-passwords are currently not working.",
                &[OAuthOnly],
            ),
            ("To log in to AOL, you need to set up an app password in the AOL web interface.", &[AppPassword]),
            ("You must create an app-specific password before you can log in.", &[AppPassword]),
            (
                "Вам необходимо сгенерировать \"пароль для внешнего приложения\" в веб-интерфейсе mail.ru, чтобы mail.ru работал с chatmail.",
                &[AppPassword],
            ),
            (
                "For Gmail accounts, you need to have \"2-Step Verification\" enabled and create an app-password.",
                &[AppPassword, SecondFactorFirst],
            ),
            (
                "Manually enabling IMAP/SMTP and creating an app-specific password are required.",
                &[AppPassword, EnableAccess],
            ),
            (
                "Enable \"POP3/SMTP/IMAP\" on the website, add a third-party auth code and use that as the login password",
                &[AuthorizationCode, EnableAccess],
            ),
            ("You must allow IMAP access to your account before you can login.", &[EnableAccess]),
            ("To use Zoho Mail, you have to turn on IMAP in the Zoho Mail backend.", &[EnableAccess]),
            (
                "Um deine freenet.de E-Mail-Adresse zu benutzen, musst du erst auf der freenet.de-Webseite \"POP3/IMAP/SMTP\" aktivieren.",
                &[EnableAccess],
            ),
            (
                "Чтобы войти в Рамблер/почта, необходимо предварительно включить доступ с помощью почтовых клиентов на сайте mail.rambler.ru",
                &[EnableAccess],
            ),
        ];
        for (hint, expected) in cases {
            assert_eq!(kinds(hint), expected, "{hint}");
        }
    }

    #[test]
    fn hints_that_say_none_of_them_map_to_nothing() {
        for hint in [
            "Hush this provider doesn't exist!",
            "Tor is needed to connect to the email servers.",
            "Dies sind die gleichen Anmeldedaten wie bei Moodle und Abitur-Online.",
            // Near misses of the rules: a password that is not an app password, IMAP that is offered.
            "Use your password to log in.",
            "The standard IMAP protocol is offered.",
        ] {
            assert_eq!(kinds(hint), [], "{hint}");
        }
    }

    #[test]
    fn words_collapse_white_space_and_links_are_found() {
        assert_eq!(words("  one\n    two\tthree \n"), "one two three");
        assert!(has_link("see https://account.mail.ru/user/2-step-auth/passwords/"));
        assert!(!has_link("in the web interface"));
    }
}
