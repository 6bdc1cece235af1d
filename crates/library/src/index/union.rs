//! A phrase's two fields as one clause that can skip.
//!
//! A phrase matches in the title or in the body: a union of two phrase scorers. tantivy's
//! union (`BufferedUnionScorer`) fills windows of 4,096 documents, so when a rarer word or a
//! filter leads an intersection (`"countries of" majority`, a phrase within one country) the
//! union still checks the phrase's positions in every document of each window it is asked
//! to seek into. [`EitherQuery`] seeks each field's scorer to the target instead. It is
//! scored as tantivy's union is (the sum of the matching fields' scores), and it reports the
//! same `size_hint` after it is built (the largest of the fields' hints that outlast the
//! first window, which is buffered as tantivy's is), so an intersection orders its scorers
//! and adds their scores exactly as it did with tantivy's union.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// tantivy's union window (`HORIZON` in `buffered_union.rs`).
const WINDOW: DocId = 4096;

/// Documents that match any of the queries, scored by the sum of those that match.
#[derive(Debug)]
pub(super) struct EitherQuery(pub Vec<Box<dyn Query>>);

impl Clone for EitherQuery {
    fn clone(&self) -> Self {
        EitherQuery(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Query for EitherQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .0
            .iter()
            .map(|q| q.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(EitherWeight(weights)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}

struct EitherWeight(Vec<Box<dyn Weight>>);

impl Weight for EitherWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut children = Vec::with_capacity(self.0.len());
        for w in &self.0 {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                children.push(s);
            }
        }
        if children.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(EitherScorer::new(children)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new("either field", scorer.score()))
    }
}

/// One field's scorer, its first window's documents buffered.
struct Child {
    scorer: Box<dyn Scorer>,
    buffered: Vec<(DocId, Score)>,
    at: usize,
    /// Consumed within the first window (tantivy's union then drops it from its hint).
    spent: bool,
}

impl Child {
    fn doc(&self) -> DocId {
        match self.buffered.get(self.at) {
            Some(&(doc, _)) => doc,
            None => self.scorer.doc(),
        }
    }

    fn advance(&mut self) {
        if self.at < self.buffered.len() {
            self.at += 1;
        } else {
            self.scorer.advance();
        }
    }

    fn seek(&mut self, target: DocId) {
        while self.buffered.get(self.at).is_some_and(|&(d, _)| d < target) {
            self.at += 1;
        }
        if self.at >= self.buffered.len() && self.scorer.doc() < target {
            self.scorer.seek(target);
        }
    }

    fn score(&mut self) -> Score {
        match self.buffered.get(self.at) {
            Some(&(_, score)) => score,
            None => self.scorer.score(),
        }
    }
}

struct EitherScorer {
    children: Vec<Child>,
    doc: DocId,
    hint: u32,
}

impl EitherScorer {
    /// `scorers` are positioned on their first document (none is exhausted).
    fn new(scorers: Vec<Box<dyn Scorer>>) -> EitherScorer {
        let first = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        let horizon = first.saturating_add(WINDOW);
        let children: Vec<Child> = scorers
            .into_iter()
            .map(|mut scorer| {
                let mut buffered = Vec::new();
                let mut spent = false;
                while scorer.doc() < horizon {
                    buffered.push((scorer.doc(), scorer.score()));
                    if scorer.advance() == TERMINATED {
                        spent = true;
                        break;
                    }
                }
                Child {
                    scorer,
                    buffered,
                    at: 0,
                    spent,
                }
            })
            .collect();
        let hint = children
            .iter()
            .filter(|c| !c.spent)
            .map(|c| c.scorer.size_hint())
            .max()
            .unwrap_or(0);
        let mut s = EitherScorer {
            children,
            doc: first,
            hint,
        };
        s.doc = s.min_doc();
        s
    }

    fn min_doc(&self) -> DocId {
        self.children
            .iter()
            .map(Child::doc)
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for EitherScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for c in &mut self.children {
            if c.doc() == self.doc {
                c.advance();
            }
        }
        self.doc = self.min_doc();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for c in &mut self.children {
            c.seek(target);
        }
        self.doc = self.min_doc();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.hint
    }
}

impl Scorer for EitherScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum = 0.0;
        for c in &mut self.children {
            if c.doc() == doc {
                sum += c.score();
            }
        }
        sum
    }
}
