//! docs/ispdb-differences.md: every disagreement between our checked records and the Thunderbird ISPDB.

use super::merge::Comparison;
use mailcheck_engine::Origin;
use std::fmt::Write as _;

/// The page, in Markdown.
pub fn page(comparisons: &[Comparison], commit: Option<&str>) -> String {
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
    out
}
