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

    /// The text under `key`; empty when there is none (the texts of a database made without a data file).
    pub fn get(&self, key: &str) -> &str {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, text)| text.as_str())
    }

    /// The text under `key` with each `{name}` replaced by its value from `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
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
    }
}
