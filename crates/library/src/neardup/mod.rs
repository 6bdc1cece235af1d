//! Near-duplicate sections: copies of one section that mirrors changed a little.
//!
//! The same section reaches the library from several mirrors, and each changed it a little:
//! allrefer hard-wraps its lines, country-studies.com glues words together
//! (`thegovernment`), some copies drop punctuation, and crawls truncate pages. Exact identity
//! ([`crate::assemble`] hashes the letters and digits of the body) already absorbs spacing,
//! wrapping, gluing and punctuation; what it cannot absorb is a copy that lost its end, or a
//! copy with a changed or missing word. This module finds those.
//!
//! # How
//! 1. **Candidates**: every copy's body is normalized (lowercase letters and digits, accents
//!    folded) into words, and its *word 3-shingles* are hashed; a MinHash signature of
//!    [`HASHES`] minima is cut into [`BANDS`] bands of [`ROWS`] rows (LSH). Two copies that
//!    share a band are a candidate pair: with these numbers a pair whose shingle sets have a
//!    Jaccard similarity of 0.4 is a candidate with probability 0.94, one of 0.1 with 0.04.
//!    Glued words break the word shingles around each glue, so a second signature over the
//!    copy's letter shingles (below; blind to spaces) is banded the same way, and a pair that
//!    shares a band in either is a candidate.
//! 2. **Confirmation**: the pair's bodies as letter streams (no spaces at all, so gluing and
//!    wrapping vanish) are compared by their 8-character shingles: the share of the *shorter*
//!    copy's shingles found in the longer one (containment) must reach [`MIN_CONTAINMENT`],
//!    and both must be in the same book when both know it. Containment, not Jaccard, because
//!    a truncated copy is wholly contained in the full one. Two different sections that share
//!    boilerplate sentences stay apart: the boilerplate is a small share of either.
//! 3. **Groups**: confirmed pairs are joined (union-find); each group keeps its most complete
//!    copy as the text ([`completeness`]: the longest body, then the one with paragraph
//!    breaks, then the one with most words — a glued copy has fewer), and every copy stays as
//!    provenance.
//!
//! Plain functions over plain data: no catalog, no IO. [`group`] is what assembly calls.

mod minhash;

pub use minhash::{BANDS, HASHES, ROWS, Signature, letter_shingles, minhash, signature};

/// Share of the shorter copy's letter shingles that must be found in the longer copy.
pub const MIN_CONTAINMENT: f64 = 0.8;
/// Copies shorter than this (letters) are never merged by similarity: too little to judge.
pub const MIN_LETTERS: usize = 200;

/// One copy of a section, as the near-duplicate step sees it.
#[derive(Debug, Clone)]
pub struct Copy<'a> {
    /// The book it belongs to, when known: copies of different books never merge.
    pub book: Option<&'a str>,
    /// Its body paragraphs.
    pub paragraphs: &'a [String],
}

/// Copies found to be one section: their indexes and the one whose text is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Indexes into the copies given to [`group`], in order.
    pub members: Vec<usize>,
    /// The member whose text is kept (the most complete).
    pub keep: usize,
}

/// How complete a copy is, for choosing the text to keep: longer first, then paragraph
/// breaks, then more words (a copy with glued words has fewer).
pub fn completeness(paragraphs: &[String]) -> (usize, usize, usize) {
    let letters: usize = paragraphs
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    let words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    // Lengths within 2% count as equal, so a copy that only lost punctuation or a word does
    // not win over one with paragraph breaks.
    (letters / 50, paragraphs.len(), words)
}

/// The share of `a`'s letter shingles found in `b` (both sorted and deduplicated).
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / a.len() as f64
}

/// Whether two copies are one section (the confirmation step), given their letter shingles.
pub fn same_section(a: &Copy<'_>, sa: &[u64], b: &Copy<'_>, sb: &[u64]) -> bool {
    if let (Some(x), Some(y)) = (a.book, b.book)
        && x != y
    {
        return false;
    }
    if sa.len().min(sb.len()) < MIN_LETTERS {
        return false;
    }
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    containment(short, long) >= MIN_CONTAINMENT
}

/// Group near-duplicate copies. Every copy is in exactly one group (most groups have one
/// member); groups come in the order of their first member.
pub fn group(copies: &[Copy<'_>]) -> Vec<Group> {
    let signatures: Vec<Signature> = copies.iter().map(|c| signature(c.paragraphs)).collect();
    let shingles: Vec<Vec<u64>> = copies
        .iter()
        .map(|c| letter_shingles(c.paragraphs))
        .collect();
    let mut parent: Vec<usize> = (0..copies.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut buckets: std::collections::HashMap<(usize, u64), Vec<usize>> = Default::default();
    for (i, s) in signatures.iter().enumerate() {
        let letters = minhash(&shingles[i]);
        for (band, key) in s.bands().chain(letters.bands()).enumerate() {
            buckets.entry((band, key)).or_default().push(i);
        }
    }
    let mut checked = std::collections::HashSet::new();
    for members in buckets.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri == rj || !checked.insert((i.min(j), i.max(j))) {
                    continue;
                }
                if same_section(&copies[i], &shingles[i], &copies[j], &shingles[j]) {
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut slot: std::collections::HashMap<usize, usize> = Default::default();
    for i in 0..copies.len() {
        let root = find(&mut parent, i);
        match slot.get(&root) {
            Some(&g) => groups[g].members.push(i),
            None => {
                slot.insert(root, groups.len());
                groups.push(Group {
                    members: vec![i],
                    keep: i,
                });
            }
        }
    }
    for g in &mut groups {
        g.keep = *g
            .members
            .iter()
            .max_by_key(|&&i| (completeness(copies[i].paragraphs), std::cmp::Reverse(i)))
            .unwrap_or(&g.members[0]);
    }
    groups
}

/// Merge near-duplicate Country Studies copies in one batch of records (what assembly
/// calls): every copy of a group takes the id, body hash, paragraphs and fields of the group's
/// most complete copy, so the catalog stores one section with every copy as provenance (and
/// fills in a title, heading or data-as-of from whichever copy has one). Factbook records are
/// left alone (their identity is their field). Returns the number of copies merged into
/// another's text.
pub(crate) fn merge_records(records: &mut [crate::assemble::SectionRecord]) -> usize {
    let pages: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].kind != "factbook-field")
        .collect();
    if pages.len() < 2 {
        return 0;
    }
    let groups = {
        let copies: Vec<Copy<'_>> = pages
            .iter()
            .map(|&i| Copy {
                book: Some(records[i].book.id.as_str()),
                paragraphs: &records[i].paragraphs,
            })
            .collect();
        group(&copies)
    };
    let mut merged = 0;
    for g in groups.iter().filter(|g| g.members.len() > 1) {
        let keep = &records[pages[g.keep]];
        let (id, hash, paragraphs, fields) = (
            keep.id.clone(),
            keep.body_hash.clone(),
            keep.paragraphs.clone(),
            keep.fields.clone(),
        );
        for &m in &g.members {
            let r = &mut records[pages[m]];
            if r.id != id {
                merged += 1;
                r.id = id.clone();
                r.body_hash = hash.clone();
                r.paragraphs = paragraphs.clone();
                r.fields = fields.clone();
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests;
