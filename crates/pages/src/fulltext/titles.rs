//! Titles compared as OCR reads them: case, spacing, punctuation and confusable letters
//! (`l`/`1`/`I`, `rn`/`m`, `0`/`o`) do not count; a letter or two may still differ.

use std::collections::HashMap;

/// The comparison key of a title: lowercase letters and digits folded to their look-alikes
/// (`1`, `I`, `i`, `|` → `l`; `0` → `o`; `rn` → `m`; `vv` → `w`), everything else one space.
///
/// ```
/// use pages::fulltext::title_key;
/// assert_eq!(title_key("Chapter l.  Historical   Setting"), title_key("CHAPTER 1. Historical Setting"));
/// assert_eq!(title_key("Modem Industry"), title_key("Modern Industry"));
/// ```
pub fn title_key(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        let c = match c.to_ascii_lowercase() {
            '1' | '|' | '!' | 'i' | 'í' | 'ì' | 'Í' | 'Ì' => 'l',
            '0' => 'o',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '’' {
            // "People's" and "Peoples" are the same title.
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out.replace("rn", "m").replace("vv", "w")
}

/// How alike two titles are, 0.0–1.0: one minus the edit distance of their keys over the
/// longer key's length.
///
/// ```
/// use pages::fulltext::similarity;
/// assert!(similarity("Terrain and Dralnage", "TERRAIN AND DRAINAGE") > 0.9);
/// assert!(similarity("Climate", "Population") < 0.5);
/// ```
pub fn similarity(a: &str, b: &str) -> f64 {
    key_similarity(&title_key(a), &title_key(b))
}

/// [`similarity`] of two keys already made by [`title_key`].
pub(crate) fn key_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // Lengths too far apart cannot reach any threshold we use.
    if a.len().abs_diff(b.len()) * 4 > longest {
        return 0.0;
    }
    1.0 - levenshtein(&a, &b) as f64 / longest as f64
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether two keys name the same title: equal, or alike enough for their length (short
/// titles must match exactly: `Climate` is not `Clinate`'s neighbour `Climb`).
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let n = a.chars().count().max(b.chars().count());
    if n < 8 {
        return key_similarity(a, b) >= 0.85;
    }
    key_similarity(a, b) >= 0.84 || article_dropped(a, b) || article_dropped(b, a)
}

/// `the revolution of 1921` and `revolution of 1921`: one title is the other with a leading
/// article (the body and the Contents do not always agree on it).
fn article_dropped(long: &str, short: &str) -> bool {
    ["the ", "a ", "an "]
        .iter()
        .any(|art| long.strip_prefix(art).is_some_and(|rest| rest == short))
}

/// How often the book prints each word and each three-letter run: the evidence for choosing
/// between two spellings of a title.
pub(crate) struct Spelling {
    words: HashMap<String, u32>,
    trigrams: HashMap<[char; 3], u32>,
}

impl Spelling {
    /// Count the words of a book (lowercased).
    pub(crate) fn new(words: HashMap<String, u32>) -> Spelling {
        let mut trigrams: HashMap<[char; 3], u32> = HashMap::new();
        for (w, n) in &words {
            let cs: Vec<char> = w.chars().collect();
            for t in cs.windows(3) {
                *trigrams.entry([t[0], t[1], t[2]]).or_default() += n;
            }
        }
        Spelling { words, trigrams }
    }

    fn score(&self, t: &str) -> (f64, f64) {
        let mut word_score = -doubled_spaces(t);
        let mut letters = 0.0;
        for w in t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let w = w.to_lowercase();
            word_score += f64::from(self.words.get(&w).copied().unwrap_or(0)).ln_1p();
            let cs: Vec<char> = w.chars().collect();
            for tri in cs.windows(3) {
                letters += f64::from(
                    self.trigrams
                        .get(&[tri[0], tri[1], tri[2]])
                        .copied()
                        .unwrap_or(0),
                )
                .ln_1p();
            }
        }
        (word_score, letters)
    }

    /// Of two spellings of one title, the better: the one whose words the book prints more
    /// often (an OCR slip makes a word the book never prints), then the one whose letter runs
    /// are commoner in the book; the first on a tie.
    pub(crate) fn better<'a>(&self, a: &'a str, b: &'a str) -> &'a str {
        let (sa, sb) = (self.score(a), self.score(b));
        if sb.0 > sa.0 + 1e-9 || ((sb.0 - sa.0).abs() <= 1e-9 && sb.1 > sa.1 + 1e-9) {
            b
        } else {
            a
        }
    }
}

fn doubled_spaces(t: &str) -> f64 {
    t.trim().matches("  ").count() as f64
}

/// A title as it should be shown: spaces collapsed, ALL-CAPS turned to title case
/// (`THE PEOPLE'S REPUBLIC` → `The People's Republic`), other case kept.
pub(crate) fn display(title: &str) -> String {
    let collapsed = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let letters: Vec<char> = collapsed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return collapsed;
    }
    let small = [
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to",
    ];
    collapsed
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && small.contains(&lower.as_str()) {
                lower
            } else {
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
