//! Plain-text helpers shared by the index and the views: a leaf module (it imports nothing
//! from this crate), so neither side depends on the other for them.

/// The first `max` characters of `s`, cut at a word boundary, with `…` when cut.
pub(crate) fn lead(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{cut}…")
}

/// A title for a section that may have none: its title, else its heading, else its opening
/// words in quotes.
pub(crate) fn display_title(
    title: Option<&str>,
    heading: Option<&str>,
    paragraphs: &[String],
) -> String {
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        return t.to_owned();
    }
    if let Some(h) = heading.filter(|h| !h.trim().is_empty()) {
        return h.to_owned();
    }
    match paragraphs.first() {
        Some(p) => format!("“{}”", lead(p, 60)),
        None => "Untitled section".to_owned(),
    }
}

/// The candidates closest to `typed` (Jaro-Winkler on lowercase slugs, ≥ 0.75, or
/// containing it), best first, at most `n`.
pub(crate) fn closest<'a>(
    typed: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<String> {
    let key = crate::slug(typed);
    if key.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            let ck = crate::slug(c);
            let mut score = strsim::jaro_winkler(&key, &ck);
            if ck.contains(&key) || key.contains(&ck) {
                score = score.max(0.9);
            }
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(n)
        .map(|(_, c)| c.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_come_first() {
        let names = ["Japan", "Jamaica", "Chad", "Soviet Union"];
        assert_eq!(closest("Japn", names.into_iter(), 2)[0], "Japan");
        assert_eq!(
            closest("soviet", names.into_iter(), 3),
            vec!["Soviet Union"]
        );
        assert!(closest("zzzz", names.into_iter(), 3).is_empty());
    }

    #[test]
    fn lead_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(lead("short", 10), "short");
        assert_eq!(lead("one two three four", 12), "one two…");
    }

    #[test]
    fn display_title_falls_back_to_heading_then_opening_words() {
        let p = vec!["The cotton growers sold their harvest.".to_owned()];
        assert_eq!(display_title(Some("Economy"), Some("H"), &p), "Economy");
        assert_eq!(display_title(Some("  "), Some("History"), &p), "History");
        assert_eq!(
            display_title(None, None, &p),
            "“The cotton growers sold their harvest.”"
        );
        assert_eq!(display_title(None, None, &[]), "Untitled section");
    }
}
