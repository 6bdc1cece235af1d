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
//! 3. **Groups**: confirmed pairs are joined (union-find); each group keeps as the text the
//!    copy the others agree with most ([`choose`]: a copy with an added caption or inserted
//!    words agrees less with the faithful copies than the original does, and so does a
//!    truncated one), and every copy stays as provenance.
//! 4. **Stored sections** (`store.rs`): every Country Studies section's band keys are kept in
//!    the catalog, so a copy arriving in a later batch or a later ingest is looked up among
//!    the stored sections, confirmed the same way, and merged into the stored section (whose
//!    text it replaces when [`choose`] prefers it).
//!
//! Plain functions over plain data except `store.rs`, which `Library::ingest` calls inside
//! its transaction.

mod minhash;

pub use minhash::{
    BANDS, HASHES, ROWS, Signature, letter_sequence, letter_shingles, minhash, signature,
};

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

/// What the near-duplicate steps need of one copy, computed once: its LSH band keys (word
/// bands then letter bands, [`BANDS`] each) and its letter shingles.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// One key per band: the word signature's bands, then the letter signature's.
    pub bands: Vec<u64>,
    /// Its letter shingles, sorted and deduplicated ([`letter_shingles`]).
    pub shingles: Vec<u64>,
}

impl Prepared {
    /// Shingle and sign one body.
    pub fn new(paragraphs: &[String]) -> Prepared {
        let shingles = letter_shingles(paragraphs);
        let bands = signature(paragraphs)
            .bands()
            .chain(minhash(&shingles).bands())
            .collect();
        Prepared { bands, shingles }
    }
}

/// Group near-duplicate copies. Every copy is in exactly one group (most groups have one
/// member); groups come in the order of their first member.
pub fn group(copies: &[Copy<'_>]) -> Vec<Group> {
    let prepared: Vec<Prepared> = copies.iter().map(|c| Prepared::new(c.paragraphs)).collect();
    group_prepared(copies, &prepared)
}

/// [`group`] with every copy's [`Prepared`] already computed (same order as `copies`).
pub fn group_prepared(copies: &[Copy<'_>], prepared: &[Prepared]) -> Vec<Group> {
    let mut parent: Vec<usize> = (0..copies.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut buckets: std::collections::HashMap<(usize, u64), Vec<usize>> = Default::default();
    for (i, p) in prepared.iter().enumerate() {
        for (band, &key) in p.bands.iter().enumerate() {
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
                let (si, sj) = (&prepared[i].shingles, &prepared[j].shingles);
                if same_section(&copies[i], si, &copies[j], sj) {
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
        if g.members.len() > 1 {
            let bodies: Vec<&[String]> = g.members.iter().map(|&i| copies[i].paragraphs).collect();
            let shingles: Vec<&[u64]> = g
                .members
                .iter()
                .map(|&i| prepared[i].shingles.as_slice())
                .collect();
            g.keep = g.members[choose(&bodies, &shingles)];
        }
    }
    groups
}

/// Shingles two sets share (both sorted and deduplicated).
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Which of a group's copies to keep as the section's text (an index into `bodies`).
///
/// The copy the others agree with most: for each copy, the mean over the other copies of
/// their two-way agreement (shared letter shingles over the larger set: a copy that lost its
/// end *and* a copy with an added caption or inserted words both agree less with the
/// original than the original's faithful copies do). Ties (two copies, or copies with the same
/// letters) go to the copy with the fewest *insertions* (text of its own before the last
/// letters it shares with another copy: a caption or inserted words are insertions, a longer
/// end is not), then the one that contains the others most (the more complete: a truncated
/// copy loses), then the one with paragraph breaks, then more words (glued words make fewer),
/// then more characters (punctuation kept), then the earlier copy.
pub fn choose(bodies: &[&[String]], shingles: &[&[u64]]) -> usize {
    let n = bodies.len();
    if n < 2 {
        return 0;
    }
    let sequences: Vec<Vec<u64>> = bodies.iter().map(|b| letter_sequence(b)).collect();
    // Scores in millionths: sums in different orders must not make a tie unequal.
    let micro = |x: f64| (x * 1e6).round() as i64;
    let key = |i: usize| {
        let (mut agree, mut contained, mut inserted) = (0.0, 0.0, 0.0);
        for j in (0..n).filter(|&j| j != i) {
            let s = shared(shingles[i], shingles[j]) as f64;
            agree += s / shingles[i].len().max(shingles[j].len()).max(1) as f64;
            contained += s / shingles[j].len().max(1) as f64;
            inserted += insertions(&sequences[i], &sequences[j], shingles[j]);
        }
        let others = (n - 1) as f64;
        let p = bodies[i];
        (
            micro(agree / others),
            -micro(inserted / others),
            micro(contained / others),
            p.len(),
            p.iter()
                .map(|x| x.split_whitespace().count())
                .sum::<usize>(),
            p.iter().map(|x| x.chars().count()).sum::<usize>(),
            std::cmp::Reverse(i),
        )
    };
    (0..n).max_by_key(|&i| key(i)).unwrap_or(0)
}

/// The share of a copy's shingles (in text order) that another copy lacks, counted up to
/// where the other copy ends in it: what the copy inserted, not what it has beyond the
/// other's end. The other's end is its last four shingles (eleven letters) found in a row;
/// when they are not found, the last shingle the two share.
fn insertions(sequence: &[u64], other_sequence: &[u64], other: &[u64]) -> f64 {
    const ANCHOR: usize = 4;
    let end = if other_sequence.len() >= ANCHOR {
        let tail = &other_sequence[other_sequence.len() - ANCHOR..];
        sequence
            .windows(ANCHOR)
            .rposition(|w| w == tail)
            .map(|p| p + ANCHOR - 1)
    } else {
        None
    };
    let Some(end) = end.or_else(|| {
        sequence
            .iter()
            .rposition(|h| other.binary_search(h).is_ok())
    }) else {
        return 0.0;
    };
    let own = sequence[..end]
        .iter()
        .filter(|h| other.binary_search(h).is_err())
        .count();
    own as f64 / sequence.len().max(1) as f64
}

/// The record kind of a Factbook field (never a near-duplicate of anything).
pub(crate) const FACTBOOK_KIND: &str = "factbook-field";

/// The batch's groups over the records at `pages` (with their [`Prepared`], same order).
pub(crate) fn batch_groups(
    records: &[crate::assemble::SectionRecord],
    pages: &[usize],
    prepared: &[Prepared],
) -> Vec<Group> {
    let copies: Vec<Copy<'_>> = pages
        .iter()
        .map(|&i| Copy {
            book: Some(records[i].book.id.as_str()),
            paragraphs: &records[i].paragraphs,
        })
        .collect();
    group_prepared(&copies, prepared)
}

/// Give every record in `members` the id, hash and text of record `keep`; returns how many
/// changed id.
pub(crate) fn retarget(
    records: &mut [crate::assemble::SectionRecord],
    members: &[usize],
    keep: usize,
) -> usize {
    let k = &records[keep];
    let (id, hash, paragraphs, fields) = (
        k.id.clone(),
        k.body_hash.clone(),
        k.paragraphs.clone(),
        k.fields.clone(),
    );
    let mut merged = 0;
    for &m in members {
        let r = &mut records[m];
        if r.id != id {
            merged += 1;
            r.id = id.clone();
        }
        r.body_hash = hash.clone();
        r.paragraphs = paragraphs.clone();
        r.fields = fields.clone();
    }
    merged
}

pub(crate) mod store;

#[cfg(test)]
mod tests;
