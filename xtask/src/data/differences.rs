//! docs/ispdb-differences.md: every disagreement between our checked records and the Thunderbird ISPDB, then
//! every host Delta Chat's provider database and the ISPDB disagree on, with our checked record beside them.

use super::merge::Comparison;
use super::provider_db::tier::Disagreement;
use super::provider_db::Imported;
use mailcheck_engine::{Origin, Server};
use std::fmt::Write as _;

/// The page, in Markdown.
pub fn page(
    comparisons: &[Comparison],
    commit: Option<&str>,
    disagreements: &[Disagreement],
    pdb: &Imported,
) -> String {
    let mut out = String::from("# Where our checked records and the Thunderbird ISPDB differ\n\n");
    out.push_str(
        "Written by `cargo xtask data build`: do not edit by hand. For every provider we checked against its \
         own page, this lists what the Thunderbird ISPDB (github.com/thunderbird/autoconfig, ",
    );
    let _ = write!(out, "commit {}", commit.unwrap_or("none imported"));
    out.push_str(
        ") says for the same domains, and the domains it lacks. In mailcheck our checked record wins; each ISPDB host \
         that is not one of the provider's servers is shown as a known wrong host.\n\n\
         A corrected file to send upstream: `mailcheck export --format autoconfig <address at the domain>` writes the \
         autoconfig file of our checked record, with every server in order.\n",
    );
    for c in comparisons {
        let (source, checked) = match &c.record.origin {
            Origin::Checked { source, checked } => (source.as_str(), checked.as_str()),
            Origin::Ispdb { .. } | Origin::ProviderDb { .. } | Origin::Discovered { .. } => continue,
        };
        let _ = write!(
            out,
            "\n## {} (`{}`)\n\nChecked on {checked} against {source}.\n",
            c.record.name, c.record.id
        );
        for f in &c.files {
            let _ = write!(
                out,
                "\n- **{}** (last changed {}), for {}:",
                f.file,
                f.changed,
                f.shared.join(", ")
            );
            if f.differences.is_empty() {
                out.push_str(" agrees with our record.\n");
            } else {
                out.push('\n');
                for d in &f.differences {
                    let _ = writeln!(out, "  - {d}");
                }
            }
        }
        if c.files.is_empty() {
            out.push_str("\nNo ISPDB file lists any of its domains.\n");
        } else if !c.missing.is_empty() {
            let _ = writeln!(out, "\n- Not in the ISPDB: {}.", c.missing.join(", "));
        }
    }
    provider_db(&mut out, disagreements, pdb);
    out
}

/// The section on provider-db: for each entry and ISPDB file that name other hosts for the same domains, the
/// servers of each, and our checked record's where we have one (it wins over both).
fn provider_db(out: &mut String, disagreements: &[Disagreement], pdb: &Imported) {
    let _ = write!(
        out,
        "\n# Where Delta Chat's provider database and the ISPDB differ\n\n\
         For every domain whose IMAP or SMTP hosts differ between Delta Chat's provider database \
         (github.com/chatmail/provider-db, commit {} of {}, archived since; a chat app's community list) and the \
         ISPDB, the servers each names. In mailcheck a checked record wins over both and the ISPDB over \
         provider-db, whose servers are used only for domains neither of the others knows.\n",
        pdb.commit, pdb.date
    );
    let list =
        |servers: &mut dyn Iterator<Item = &Server>| servers.map(|s| s.to_string()).collect::<Vec<_>>().join("; ");
    for x in disagreements {
        let _ = write!(
            out,
            "\n## {} and the ISPDB's {}, for {}\n\n\
             - provider-db's {} (last checked {}): {}\n",
            x.entry,
            match &x.ispdb.origin {
                Origin::Ispdb { file, .. } => file.as_str(),
                _ => x.ispdb.id.as_str(),
            },
            x.domains.join(", "),
            x.entry,
            x.last_checked,
            list(&mut x.theirs.iter())
        );
        let changed = match &x.ispdb.origin {
            Origin::Ispdb { changed, .. } => changed.as_str(),
            _ => "",
        };
        let _ = writeln!(
            out,
            "- the ISPDB (last changed {changed}): {}",
            list(&mut x.ispdb.incoming.iter().chain(&x.ispdb.outgoing))
        );
        let _ = match &x.checked {
            Some(p) => writeln!(
                out,
                "- our checked record {} (`{}`), which mailcheck uses: {}",
                p.name,
                p.id,
                list(&mut p.incoming.iter().chain(&p.outgoing))
            ),
            None => writeln!(out, "- no checked record of ours: mailcheck uses the ISPDB's."),
        };
    }
    if disagreements.is_empty() {
        out.push_str("\nNone.\n");
    }
}
