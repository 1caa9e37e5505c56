//! Telling a mistyped host name from a different one: a bounded edit distance.

/// How many single-character edits still count as a typo of `known`: one for short names, two from eight
/// characters on (`smtp.centurylnk.net` is one edit from `smtp.centurylink.net`). Larger bounds start to
/// match other real names (`imap.mail.ch` is two edits from `smtp.mail.ch`, which is why documented hosts
/// are ruled out before this is asked).
fn bound(known: &str) -> usize {
    if known.len() < 8 {
        1
    } else {
        2
    }
}

/// Whether `typed` is within a few edits of `known`, ignoring ASCII case.
///
/// Names are compared byte by byte: documented hosts are ASCII, and a non-ASCII character only makes the
/// distance larger. Allocation-free; names longer than a DNS name are never close.
pub(super) fn is_typo_of(typed: &str, known: &str) -> bool {
    const MAX: usize = 256;
    let (mut a, mut b) = (typed.as_bytes(), known.as_bytes());
    let bound = bound(known);
    if a.len().abs_diff(b.len()) > bound || a.len() >= MAX || b.len() >= MAX {
        return false;
    }
    // A typo leaves most of the name alone: what both share at the start and the end costs nothing.
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if !x.eq_ignore_ascii_case(y) {
            break;
        }
        (a, b) = (&a[1..], &b[1..]);
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if !x.eq_ignore_ascii_case(y) {
            break;
        }
        (a, b) = (&a[..a.len() - 1], &b[..b.len() - 1]);
    }
    // Levenshtein distance over two rows, stopping as soon as every path is past the bound.
    // Both names are under 256 bytes, so every distance fits in a u16.
    let (mut first, mut second) = ([0u16; MAX], [0u16; MAX]);
    let (mut previous, mut current) = (&mut first, &mut second);
    for (j, cell) in (0..).zip(previous.iter_mut().take(b.len() + 1)) {
        *cell = j;
    }
    for (i, &x) in (1..).zip(a) {
        current[0] = i;
        let mut best = current[0];
        for (j, &y) in b.iter().enumerate() {
            let substitute = previous[j] + u16::from(!x.eq_ignore_ascii_case(&y));
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
            best = best.min(current[j + 1]);
        }
        if usize::from(best) > bound {
            return false;
        }
        core::mem::swap(&mut previous, &mut current);
    }
    previous.get(b.len()).is_some_and(|&d| usize::from(d) <= bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_slips_are_typos() {
        for (typed, known) in [
            ("smtp.centurylnk.net", "smtp.centurylink.net"),
            ("smtp.centurylinkk.net", "smtp.centurylink.net"),
            ("smtp.centurylink.nte", "smtp.centurylink.net"),
            ("imap.gmial.com", "imap.gmail.com"),
            ("IMAP.GMAIL.CO", "imap.gmail.com"),
            ("pop.mail.cj", "pop.mail.ch"),
        ] {
            assert!(is_typo_of(typed, known), "{typed} ~ {known}");
        }
    }

    #[test]
    fn other_names_are_not() {
        for (typed, known) in [
            ("imap.centurylink.net", "mail.centurylink.net"),
            ("pop.gmail.com", "imap.gmail.com"),
            ("smtp.gmail.com", "smtp.gmail.com.evil.example"),
            ("pop.mail.ch", "imap.mail.ch"),
            ("pp.mall.xh", "pop.mail.ch"),
            ("", "a.b"),
            ("ü.gmail.com", "imap.gmail.com"),
        ] {
            assert!(!is_typo_of(typed, known), "{typed} !~ {known}");
        }
    }

    #[test]
    fn very_long_input_is_never_close() {
        let long = "a".repeat(10_000);
        assert!(!is_typo_of(&long, &long));
    }
}
