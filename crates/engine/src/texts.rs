//! Texts that come with the provider data instead of being compiled in: the wording of the mail-app guides
//! and of the IMAP-and-POP explanation, each under a short key (crates/engine/texts/guides.toml and
//! explanation.toml, written into the data file by `cargo xtask data build`).
//!
//! They are shown only after the first paint (a guide once an app is chosen, the explanation on its screen),
//! so the web app fetches them with the provider data rather than carrying them in the wasm; the native
//! binary embeds the same file. The code that uses a text names its key; a test holds every key used to the
//! file.

/// The texts of a data file, by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    entries: Vec<(String, String)>,
}

impl Texts {
    /// Texts from `(key, text)` pairs, in the order the data file lists them.
    pub fn new(entries: Vec<(String, String)>) -> Texts {
        Texts { entries }
    }

    /// No texts: what words a screen before its data is here (every [`Texts::get`] is empty), without each
    /// caller keeping an empty value of its own to borrow.
    pub fn empty() -> &'static Texts {
        static EMPTY: Texts = Texts { entries: Vec::new() };
        &EMPTY
    }

    /// The text under `key`; empty when there is none (the texts of a database made without a data file).
    pub fn get(&self, key: &str) -> &str {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, text)| text.as_str())
    }

    /// The text under `key` with each `{name}` replaced by its value from `values`, in one pass: a value
    /// that holds braces itself (typed by the person) is never read as a placeholder.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut rest = self.get(key);
        let mut out = String::with_capacity(rest.len() + 64);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after
                .find('}')
                .and_then(|close| Some((values.iter().find(|(n, _)| *n == &after[..close])?.1, close)));
            match value {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Every key and text, in the file's order.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_by_key_with_their_values_filled_in() {
        let t = Texts::new(vec![
            ("a".into(), "Set up {email} in {app}".into()),
            ("b".into(), "plain".into()),
        ]);
        assert_eq!(t.get("b"), "plain");
        assert_eq!(t.get("missing"), "");
        assert_eq!(
            t.fill("a", &[("email", "jane@q.com"), ("app", "Thunderbird")]),
            "Set up jane@q.com in Thunderbird"
        );
        assert_eq!(t.fill("b", &[("email", "x")]), "plain");
        // Typed values with braces stay as typed; an unknown name stays as it is.
        assert_eq!(
            t.fill("a", &[("email", "{app}"), ("app", "Mail")]),
            "Set up {app} in Mail"
        );
        let odd = Texts::new(vec![("c".into(), "{x} {unknown} { {".into())]);
        assert_eq!(odd.fill("c", &[("x", "1")]), "1 {unknown} { {");
    }
}
