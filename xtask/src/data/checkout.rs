//! A git repository in a temporary folder for the importers' tests: files committed into one folder of it on a
//! given day, so an import reads commits and dates as it does from a real checkout.

use std::path::PathBuf;
use std::process::Command;

/// The repository's root, and the folder the files go in; removed when dropped.
pub struct Checkout(pub PathBuf, &'static str);

impl Checkout {
    /// A repository with `files` in `folder`, committed on 2025-01-02.
    pub fn new(folder: &'static str, name: &str, files: &[(&str, &str)]) -> Checkout {
        let dir = std::env::temp_dir().join(format!("mailcheck-{folder}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let c = Checkout(dir, folder);
        c.git(&["init", "-q"]);
        c.commit(files, "2025-01-02");
        c
    }

    /// Writes `files` into the folder and commits everything on `date`.
    pub fn commit(&self, files: &[(&str, &str)], date: &str) {
        for (name, text) in files {
            std::fs::write(self.0.join(self.1).join(name), text).unwrap();
        }
        self.git(&["add", "-A"]);
        let when = format!("{date}T12:00:00Z");
        let status = Command::new("git")
            .arg("-C")
            .arg(&self.0)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t.invalid",
                "commit",
                "-q",
                "-m",
                "x",
            ])
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn git(&self, args: &[&str]) {
        assert!(Command::new("git")
            .arg("-C")
            .arg(&self.0)
            .args(args)
            .status()
            .unwrap()
            .success());
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
