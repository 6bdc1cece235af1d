//! Is a rebuilt section the same as a web copy? Word-trigram Jaccard over lowercase words:
//! OCR slips, hyphenation and chrome change a few trigrams, not most.

use std::collections::HashSet;

fn shingles(paragraphs: &[String]) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out = HashSet::with_capacity(words.len());
    for w in words.windows(3) {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        w.hash(&mut h);
        out.insert(h.finish());
    }
    if words.len() < 3 && !words.is_empty() {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        out.insert(h.finish());
    }
    out
}

/// How alike two bodies are, 0.0–1.0 (Jaccard of their word trigrams).
///
/// ```
/// let book = vec!["The Soviet-Japanese talks of 1956 restored relations.".to_owned()];
/// let web = vec!["The Soviet-Japanese talks of 1956 restored relations".to_owned()];
/// assert!(library::printed_similarity(&book, &web) > 0.9);
/// ```
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    jaccard(&shingles(a), &shingles(b))
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// The threshold over which two bodies are one section.
pub(crate) const SAME: f64 = 0.6;

/// Pair each rebuilt body with the web body most like it (each used once), best pairs first.
pub(crate) fn pair(book: &[Vec<String>], web: &[Vec<String>]) -> Vec<Option<usize>> {
    let book_sh: Vec<HashSet<u64>> = book.iter().map(|b| shingles(b)).collect();
    let web_sh: Vec<HashSet<u64>> = web.iter().map(|w| shingles(w)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, b) in book_sh.iter().enumerate() {
        for (j, w) in web_sh.iter().enumerate() {
            // Cheap bound first: sizes too far apart cannot reach the threshold.
            let (small, large) = (b.len().min(w.len()), b.len().max(w.len()));
            if large == 0 || (small as f64) < SAME * large as f64 {
                continue;
            }
            let s = jaccard(b, w);
            if s >= SAME {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0));
    let mut out = vec![None; book.len()];
    let mut used = vec![false; web.len()];
    for (_, i, j) in candidates {
        if out[i].is_none() && !used[j] {
            out[i] = Some(j);
            used[j] = true;
        }
    }
    out
}
