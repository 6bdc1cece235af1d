//! Ranking without a query clause for the exact-wording bonus.
//!
//! A search's score is its match query's BM25 plus a bonus for the user's exact wording
//! (`search.rs`: terms and phrases on the unfolded, unstemmed `_exact` fields). Given to
//! tantivy as an optional clause, the bonus was evaluated like a query of its own: a phrase
//! such as `"the president of"` read the positions of every section holding all its exact
//! words, most of which the match query had already ruled out. Here the match query is run
//! alone (every hit scored and counted) and the bonus is computed for its hits only, one
//! document at a time, with tantivy's own BM25 weights and the same sums in the same order,
//! so each score is bit for bit what the optional clause gave (`tests.rs` checks it against
//! that clause). Factbook versions are weighed as before; equal scores still rank by the `order` fast field (the section id), read
//! for the few hits at the cut only.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, Term};

/// One term or phrase on one field, with the product of the boosts above it.
#[derive(Debug, Clone)]
pub(super) struct Part {
    /// The terms, at consecutive positions.
    pub terms: Vec<Term>,
    /// The boosts on the way from the top of the query to this part, multiplied.
    pub boost: f32,
}

/// The exact-wording bonus: a sum (in order) of clauses, each a sum (in order) of parts,
/// as tantivy's union scorers add them.
#[derive(Debug, Clone, Default)]
pub(super) struct Bonus {
    /// The clauses; a clause with no parts adds nothing.
    pub clauses: Vec<Vec<Part>>,
}

/// One part, ready for one segment.
struct PartScorer {
    postings: Vec<SegmentPostings>,
    fieldnorms: FieldNormReader,
    weight: Bm25Weight,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl PartScorer {
    /// The part's score at `doc` (docs asked in increasing order), `None` if it does not
    /// match there.
    fn score(&mut self, doc: DocId) -> Option<f32> {
        for p in &mut self.postings {
            if p.doc() < doc {
                p.seek(doc);
            }
            if p.doc() != doc {
                return None;
            }
        }
        let freq = if self.postings.len() == 1 {
            self.postings[0].term_freq()
        } else {
            self.phrase_count()
        };
        (freq > 0).then(|| self.weight.score(self.fieldnorms.fieldnorm_id(doc), freq))
    }

    /// How many times the terms occur at consecutive positions in the current document.
    fn phrase_count(&mut self) -> u32 {
        let (left, right) = (&mut self.left, &mut self.right);
        self.postings[0].positions(left);
        for (offset, p) in (1u32..).zip(self.postings.iter_mut().skip(1)) {
            p.positions(right);
            // Positions where the phrase would start.
            let mut kept = 0;
            let mut j = 0;
            for i in 0..left.len() {
                let want = left[i] + offset;
                while j < right.len() && right[j] < want {
                    j += 1;
                }
                if j < right.len() && right[j] == want {
                    left[kept] = left[i];
                    kept += 1;
                }
            }
            left.truncate(kept);
            if left.is_empty() {
                return 0;
            }
        }
        left.len() as u32
    }
}

/// The bonus's scorers for one segment.
struct SegmentBonus {
    clauses: Vec<Vec<PartScorer>>,
}

impl SegmentBonus {
    fn score(&mut self, doc: DocId) -> f32 {
        let mut total = 0.0f32;
        for clause in &mut self.clauses {
            let mut sum = 0.0f32;
            let mut matched = false;
            for part in clause.iter_mut() {
                if let Some(s) = part.score(doc) {
                    sum += s;
                    matched = true;
                }
            }
            if matched {
                total += sum;
            }
        }
        total
    }
}

impl Bonus {
    /// BM25 weights as tantivy's term and phrase queries make them (searcher statistics,
    /// then the boost).
    fn weights(&self, searcher: &Searcher) -> tantivy::Result<Vec<Vec<Bm25Weight>>> {
        self.clauses
            .iter()
            .map(|clause| {
                clause
                    .iter()
                    .map(|p| Ok(Bm25Weight::for_terms(searcher, &p.terms)?.boost_by(p.boost)))
                    .collect()
            })
            .collect()
    }

    fn for_segment(
        &self,
        weights: &[Vec<Bm25Weight>],
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentBonus> {
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for (clause, weights) in self.clauses.iter().zip(weights) {
            let mut parts = Vec::new();
            'part: for (part, weight) in clause.iter().zip(weights) {
                let Some(field) = part.terms.first().map(Term::field) else {
                    continue;
                };
                let index = reader.inverted_index(field)?;
                let mut postings = Vec::with_capacity(part.terms.len());
                for term in &part.terms {
                    // A term the segment lacks: the part matches nothing here.
                    match index.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                        Some(p) => postings.push(p),
                        None => continue 'part,
                    }
                }
                let fieldnorms = reader
                    .fieldnorms_readers()
                    .get_field(field)?
                    .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
                parts.push(PartScorer {
                    postings,
                    fieldnorms,
                    weight: weight.clone(),
                    left: Vec::new(),
                    right: Vec::new(),
                });
            }
            clauses.push(parts);
        }
        Ok(SegmentBonus { clauses })
    }
}

/// A page of ranked hits and the number of matches in all.
pub(super) struct Ranked {
    /// `(score, address)`, best first.
    pub page: Vec<(f32, DocAddress)>,
    /// Live documents the query matches.
    pub total: usize,
}

/// Run `query` (scored, every live match counted), add `bonus` to each match's score (a
/// Factbook version's sum weighed by [`super::VERSION_WEIGHT`]), and
/// return the hits `offset..offset + limit` by score, equal scores by the `order` fast field
/// (ascending), then by address.
pub(super) fn rank(
    searcher: &Searcher,
    query: &dyn Query,
    bonus: &Bonus,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Ranked> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let weights = bonus.weights(searcher)?;
    let mut scored: Vec<(f32, DocAddress)> = Vec::new();
    let mut hits: Vec<(DocId, f32)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        hits.clear();
        let alive = reader.alive_bitset();
        weight.for_each(reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                hits.push((doc, score));
            }
        })?;
        let mut seg_bonus = bonus.for_segment(&weights, reader)?;
        // Factbook versions count for less (see `VERSION_WEIGHT`).
        let versions = reader.fast_fields().u64("version").ok();
        let segment_ord = ord as u32;
        scored.extend(hits.iter().map(|&(doc, score)| {
            let score = score + seg_bonus.score(doc);
            let version = versions.as_ref().and_then(|c| c.first(doc)) == Some(1);
            let score = if version {
                score * super::VERSION_WEIGHT
            } else {
                score
            };
            (score, DocAddress::new(segment_ord, doc))
        }));
    }
    let total = scored.len();
    let keep = offset.saturating_add(limit);
    let desc = |a: &(f32, DocAddress), b: &(f32, DocAddress)| b.0.total_cmp(&a.0);
    if scored.len() > keep && keep > 0 {
        // Everything that scores at least the keep-th score (ties at the cut included).
        scored.select_nth_unstable_by(keep - 1, desc);
        let cut = scored[keep - 1].0;
        scored.retain(|s| s.0 >= cut);
    }
    let mut keyed: Vec<(f32, u64, DocAddress)> = Vec::with_capacity(scored.len());
    let mut columns: Vec<Option<Option<tantivy::columnar::Column<u64>>>> =
        vec![None; searcher.segment_readers().len()];
    for (score, address) in scored {
        let column = columns[address.segment_ord as usize].get_or_insert_with(|| {
            searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64("order")
                .ok()
        });
        let key = column
            .as_ref()
            .and_then(|c| c.first(address.doc_id))
            .unwrap_or(0);
        keyed.push((score, key, address));
    }
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let page = keyed
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(score, _, address)| (score, address))
        .collect();
    Ok(Ranked { page, total })
}
