//! Country Profile `Label: value` fields (`Formal Name:`, `Size:`, `Armed Forces:` …).
//!
//! Field names vary by book, so a label is recognized by its shape, `^([A-Z][A-Za-z ()]+): `,
//! with every word capitalized except short connectives (`Term for Citizen(s)`). A list of the
//! usual labels serves the flattened tripod pages, where labels sit inline.

use crate::types::Field;

/// The usual profile labels, longest first within shared prefixes, for inline splitting.
pub(crate) const KNOWN_LABELS: &[&str] = &[
    "Formal Name",
    "Short Form",
    "Term for Citizen(s)",
    "Term for Citizens",
    "Capital",
    "Date of Independence",
    "Location and Size",
    "Size",
    "Topography",
    "Climate",
    "Population",
    "Education and Literacy",
    "Education",
    "Health",
    "Ethnic Groups",
    "Languages",
    "Language",
    "Religion",
    "Gross Domestic Product (GDP)",
    "Gross National Product (GNP)",
    "Agriculture",
    "Industry and Mining",
    "Industry",
    "Energy",
    "Exports",
    "Imports",
    "Exchange Rate",
    "Fiscal Year",
    "Roads",
    "Railroads",
    "Airports",
    "Civil Aviation",
    "Ports",
    "Inland Waterways",
    "Telecommunications",
    "Government",
    "Administrative Divisions",
    "Judicial System",
    "Politics",
    "Foreign Affairs",
    "Foreign Relations",
    "Armed Forces",
    "Major Tactical Units",
    "Military Units",
    "Foreign Military Assistance",
    "Defense Expenditures",
    "Police and Paramilitary Forces",
    "Internal Security Forces",
    "Balance of Payments",
    "Natural Resources",
    "Land Use",
    "Boundaries",
];

const CONNECTIVES: &[&str] = &[
    "and", "of", "for", "the", "in", "on", "to", "or", "as", "by",
];

/// If `line` starts with a profile label, return the label and the rest of the line.
pub fn label_of(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let cut = line.char_indices().nth(64).map_or(line.len(), |(i, _)| i);
    let colon = line[..cut].find(": ").or_else(|| {
        // `Label:` alone at the end of a line.
        let l = line.trim_end();
        (l.ends_with(':') && l.len() <= 64).then(|| l.len() - 1)
    })?;
    let label = &line[..colon];
    if !label.chars().next()?.is_ascii_uppercase() {
        return None;
    }
    if !label
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '(' | ')'))
    {
        return None;
    }
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() > 8 || words.iter().any(|w| w.is_empty()) {
        return None;
    }
    let shaped = words.iter().all(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase() || c == '(') || CONNECTIVES.contains(w)
    });
    if !shaped {
        return None;
    }
    let value = line[colon + 1..].trim();
    Some((label, value))
}

/// Fields from profile paragraphs: each `Label:` paragraph starts a field; following paragraphs
/// without a label continue it (joined by a blank line).
pub(crate) fn fields(paragraphs: &[String]) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for p in paragraphs {
        match label_of(p) {
            Some((label, value)) => out.push(Field {
                label: label.to_owned(),
                value: value.to_owned(),
            }),
            None => {
                if let Some(last) = out.last_mut() {
                    if !last.value.is_empty() {
                        last.value.push_str("\n\n");
                    }
                    last.value.push_str(p.trim());
                }
            }
        }
    }
    out
}

/// Split a flattened profile (tripod) at inline known labels: `Size: … Topography: …` becomes
/// one piece per field. Text before the first label comes back as the first piece.
pub(crate) fn split_inline(text: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = Vec::new();
    for (colon, _) in text.match_indices(": ") {
        let before = &text[..colon];
        for label in KNOWN_LABELS {
            if let Some(start) = before.strip_suffix(label).map(str::len) {
                let boundary = start == 0 || text[..start].ends_with(char::is_whitespace);
                if boundary {
                    cuts.push(start);
                    break;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut prev = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = text[prev..cut].trim();
        if !piece.is_empty() {
            out.push(piece.to_owned());
        }
        prev = cut;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            label_of("Formal Name: Republic of Ruritania."),
            Some(("Formal Name", "Republic of Ruritania."))
        );
        assert_eq!(
            label_of("Term for Citizen(s): Ruritanian(s)."),
            Some(("Term for Citizen(s)", "Ruritanian(s)."))
        );
        assert_eq!(
            label_of("Gross Domestic Product (GDP): Small."),
            Some(("Gross Domestic Product (GDP)", "Small."))
        );
        assert_eq!(label_of("In the spring the minister said: no."), None);
        assert_eq!(label_of("Note 3: x"), None);
        assert_eq!(label_of("plain text"), None);
    }

    #[test]
    fn fields_continue_over_paragraphs() {
        let ps = vec![
            "Government: A republic.".to_string(),
            "More on it.".to_string(),
            "Politics: Calm.".to_string(),
        ];
        let f = fields(&ps);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value, "A republic.\n\nMore on it.");
    }

    #[test]
    fn inline_split() {
        let t = "GEOGRAPHY Size: About 10 square kilometers. Topography: Flat sandy coast Climate: Hot dry summers";
        assert_eq!(
            split_inline(t),
            vec![
                "GEOGRAPHY",
                "Size: About 10 square kilometers.",
                "Topography: Flat sandy coast",
                "Climate: Hot dry summers"
            ]
        );
    }
}
