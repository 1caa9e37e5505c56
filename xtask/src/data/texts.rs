//! The texts that come with the data (see `mailcheck_engine::texts`): `crates/engine/texts/guides.toml` and
//! `explanation.toml`, each a flat table of keys and texts, checked here and written into the data file.

use mailcheck_engine::texts::Texts;

/// The texts of the files, in file order; the first problem is the error: a file that is not a table of
/// texts, an empty text, a text with a line break or a tab (the data file's separators), a key in two files.
pub fn read(files: &[(&str, &str)]) -> Result<Texts, String> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for (name, text) in files {
        let table: toml::Table = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        for (key, value) in table {
            let Some(value) = value.as_str() else {
                return Err(format!("{name}: {key} is not a text"));
            };
            if value.trim().is_empty() || value.contains(['\t', '\n', '\r']) {
                return Err(format!("{name}: {key} is empty or holds a tab or a line break"));
            }
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(format!("{name}: {key} is in two files"));
            }
            entries.push((key, value.to_owned()));
        }
    }
    Ok(Texts::new(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_tables_of_texts_in_file_order() {
        let t = read(&[("a.toml", "b = \"B\"\na = \"A\""), ("c.toml", "c = \"C {x}\"")]).unwrap();
        assert_eq!(t.get("a"), "A");
        assert_eq!(t.fill("c", &[("x", "1")]), "C 1");
        let cases = [
            ("a = 1", "is not a text"),
            ("a = \" \"", "empty"),
            ("a = \"x\\ny\"", "line break"),
            ("[a]\nb = \"c\"", "is not a text"),
        ];
        for (text, expected) in cases {
            let e = read(&[("a.toml", text)]).unwrap_err();
            assert!(e.contains(expected), "{text}: {e}");
        }
        assert!(read(&[("a.toml", "k = \"1\""), ("b.toml", "k = \"2\"")])
            .unwrap_err()
            .contains("two files"));
    }
}
