//! The index's read path: a [`SearchQuery`] (checked) → the parsed query language
//! (`query.rs`) → tantivy queries over the folded-stemmed fields, with a bonus for the exact
//! wording on the unfolded fields → a page of [`SearchHit`]s with plain-text snippets and
//! highlight ranges.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::query::{self, FieldName, Leaf, Node};
use super::{SearchIndex, index_err, rank, union};
use crate::snippet::{Highlighter, Snippet};
use crate::text::lead;
use crate::{Error, Result};

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query: words (all must match), `"phrases"`, `-excluded`, `a OR b`, `title:word`.
    pub text: String,
    /// Only this country (id, name, alias, ISO or FIPS code).
    pub country: Option<String>,
    /// Only this book (id).
    pub book: Option<String>,
    /// Only sections whose data-as-of year is ≥ this (four digits).
    pub as_of_from: Option<i32>,
    /// Only sections whose data-as-of year is ≤ this (four digits).
    pub as_of_to: Option<i32>,
    /// Hits per page, 1..=[`MAX_LIMIT`].
    pub limit: usize,
    /// Hits to skip (pagination), 0..=[`MAX_OFFSET`].
    pub offset: usize,
}

/// One search hit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    /// The section's id (for `show`).
    pub section_id: String,
    /// The book's id.
    pub book_id: String,
    /// The country's id.
    pub country_id: String,
    /// Country name.
    pub country: String,
    /// Book title.
    pub book: String,
    /// The title the source gives the section (`None` when it gives none).
    pub section_title: Option<String>,
    /// A title to show: the source's title, else its heading, else its opening words.
    pub display_title: String,
    /// Data-as-of (`1989-05`, `1989`), if known.
    pub data_as_of: Option<String>,
    /// BM25 score.
    pub score: f32,
    /// Excerpt, plain text.
    pub snippet: String,
    /// Code-point ranges `[start, end)` of the matching words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The World Factbook editions that print this text, oldest first (empty for a section
    /// of a Country Study): a text unchanged from 1996 to 2003 is one hit.
    pub editions: Vec<u16>,
}

impl SearchHit {
    /// The snippet with its highlights, for renderers.
    pub fn snippet(&self) -> Snippet {
        Snippet {
            text: self.snippet.clone(),
            highlights: self.highlights.clone(),
        }
    }
}

/// A page of search hits and the total number of matching sections.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchResults {
    /// Matching sections in all.
    pub total: usize,
    /// This page of hits, best first (empty when the offset is past the last hit).
    pub hits: Vec<SearchHit>,
}

/// Length of a search snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// Largest page of hits.
pub const MAX_LIMIT: usize = 200;
/// Largest offset: deeper pages are refused (refine the query instead).
pub const MAX_OFFSET: usize = 10_000;
/// Earliest and latest as-of year a filter may name (years are four digits).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

impl SearchQuery {
    /// Check the numbers: limit, offset and years in range, the year range not empty.
    pub fn validate(&self) -> Result<()> {
        let bad = |name: &'static str, message: String| Err(Error::Argument { name, message });
        if !(1..=MAX_LIMIT).contains(&self.limit) {
            return bad(
                "limit",
                format!("{} is not between 1 and {MAX_LIMIT}", self.limit),
            );
        }
        if self.offset > MAX_OFFSET {
            return bad(
                "offset",
                format!(
                    "{} is past {MAX_OFFSET}; narrow the query instead",
                    self.offset
                ),
            );
        }
        for (name, year) in [("as_of_from", self.as_of_from), ("as_of_to", self.as_of_to)] {
            if let Some(y) = year.filter(|y| !YEARS.contains(y)) {
                return bad(name, format!("{y} is not a four-digit year"));
            }
        }
        if let (Some(from), Some(to)) = (self.as_of_from, self.as_of_to) {
            if from > to {
                return bad(
                    "as_of_from",
                    format!("the as-of range {from}-{to} is empty (from is after to)"),
                );
            }
        }
        Ok(())
    }
}

impl SearchIndex {
    pub(crate) fn search(
        &self,
        q: &SearchQuery,
        country_id: Option<&str>,
    ) -> Result<SearchResults> {
        q.validate()?;
        let parsed = query::parse(&q.text).map_err(|err| Error::Query {
            query: q.text.clone(),
            message: err.to_string(),
        })?;
        let f = &self.fields;
        let Some(text_query) = self.node_query(&parsed, false, true) else {
            return Err(Error::Query {
                query: q.text.clone(),
                message: "nothing to search for: the query has no words the index keeps (runs of letters or digits, at most 40 bytes long)".into(),
            });
        };
        let query = self.match_query(q, country_id, text_query);
        let bonus = self.exact_bonus(&parsed);
        let e = index_err(&self.path);
        let searcher = self.searcher()?;
        // The match query scores and counts; the exact-wording bonus is added to its hits
        // (rank.rs); equal scores rank by section id, so a library gives the same page
        // however its index was built (batch order, a rebuild after a kill).
        let ranked = rank::rank(&searcher, &query, &bonus, q.offset, q.limit).map_err(&e)?;
        let (top, total) = (ranked.page, ranked.total);
        let stems: Vec<String> = {
            let mut stems = Vec::new();
            for leaf in parsed.positive_leaves() {
                if leaf.field != Some(FieldName::Title) {
                    for t in self.terms(f.body, &leaf.text) {
                        if !stems.contains(&t) {
                            stems.push(t);
                        }
                    }
                }
            }
            stems
        };
        let mut highlighter = Highlighter::new(stems, self.analyzer(f.body));
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(&e)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned()
            };
            let body = get(f.body);
            let snippet = highlighter
                .snippet(&body, SNIPPET_CHARS)
                .unwrap_or_else(|| Snippet {
                    text: lead(&body, SNIPPET_CHARS),
                    highlights: Vec::new(),
                });
            let as_of = get(f.as_of_text);
            let source_title = get(f.source_title);
            hits.push(SearchHit {
                section_id: get(f.id),
                book_id: get(f.book),
                country_id: get(f.country),
                country: get(f.country_name),
                book: get(f.book_title),
                section_title: Some(source_title).filter(|t| !t.is_empty()),
                display_title: get(f.display_title),
                data_as_of: Some(as_of).filter(|a| !a.is_empty()),
                score,
                snippet: snippet.text,
                highlights: snippet.highlights,
                editions: crate::editions::versions::parse_editions(&get(f.editions)),
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// What a section must match: the text query and the filters (`Must` clauses, in this
    /// order: the score is their sum as tantivy's intersection adds it).
    fn match_query(
        &self,
        q: &SearchQuery,
        country_id: Option<&str>,
        text_query: Box<dyn Query>,
    ) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
        let raw = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        if let Some(c) = country_id {
            clauses.push((Occur::Must, raw(f.country, c)));
        }
        if let Some(b) = &q.book {
            clauses.push((Occur::Must, raw(f.book, b)));
        }
        if q.as_of_from.is_some() || q.as_of_to.is_some() {
            // Unknown as-of is stored as 0; a lower bound of at least 1 keeps it out.
            let year = |y: i32| Term::from_field_i64(f.as_of, i64::from(y));
            let lo = Bound::Included(year(q.as_of_from.unwrap_or(1)));
            let hi = q
                .as_of_to
                .map_or(Bound::Unbounded, |y| Bound::Included(year(y)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        BooleanQuery::new(clauses)
    }

    /// The terms the field's analyzer makes of `text`.
    fn terms(&self, field: Field, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer(field);
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    /// One node as a tantivy query; `exact` uses the unfolded, unstemmed fields, `either`
    /// makes a phrase's two fields an [`union::EitherQuery`] (tantivy's own union otherwise,
    /// for the test that the two rank alike). `None`
    /// when the node has no searchable words (punctuation only): it then constrains nothing.
    fn node_query(&self, node: &Node, exact: bool, either: bool) -> Option<Box<dyn Query>> {
        match node {
            Node::Leaf(leaf) => self.leaf_query(leaf, exact, either),
            Node::Or(any) => {
                let clauses: Vec<(Occur, Box<dyn Query>)> = any
                    .iter()
                    .filter_map(|n| self.node_query(n, exact, either))
                    .map(|q| (Occur::Should, q))
                    .collect();
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
            Node::And { all, not } => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = all
                    .iter()
                    .filter_map(|n| self.node_query(n, exact, either))
                    .map(|q| (Occur::Must, q))
                    .collect();
                let musts = clauses.len();
                clauses.extend(
                    not.iter()
                        .filter_map(|n| self.node_query(n, exact, either))
                        .map(|q| (Occur::MustNot, q)),
                );
                if musts == 0 {
                    if clauses.is_empty() {
                        return None;
                    }
                    // A group of exclusions only: everything but them.
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
        }
    }

    /// A word or phrase over its fields (title counts double). A word the analyzer splits
    /// (`123,201,945`, `Kuril-Sakhalin`) is matched as a phrase of its parts; one it drops
    /// entirely (punctuation) is `None`.
    fn leaf_query(&self, leaf: &Leaf, exact: bool, either: bool) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let (title, body) = if exact {
            (f.title_exact, f.body_exact)
        } else {
            (f.title, f.body)
        };
        let fields: Vec<(Field, f32)> = match leaf.field {
            Some(FieldName::Title) => vec![(title, 1.0)],
            Some(FieldName::Body) => vec![(body, 1.0)],
            None => vec![(title, 2.0), (body, 1.0)],
        };
        // Title and body share an analyzer: tokenize once.
        let words = self.terms(fields[0].0, &leaf.text);
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in fields {
            let mut terms: Vec<Term> = words
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            let q: Box<dyn Query> = match terms.len() {
                0 => return None,
                1 => Box::new(TermQuery::new(
                    terms.remove(0),
                    IndexRecordOption::WithFreqsAndPositions,
                )),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            per_field.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
        if either && words.len() > 1 && per_field.len() > 1 {
            // A phrase in either field, seeking each field's phrase (union.rs).
            let fields = per_field.into_iter().map(|(_, q)| q).collect();
            return Some(Box::new(union::EitherQuery(fields)));
        }
        Some(Box::new(BooleanQuery::new(per_field)))
    }

    /// The leaves of the exact-wording bonus with their boosts: each phrase, each word with
    /// an accent, a query's only word (boost 1), and plain words as one phrase (boost 2).
    /// (Plain unaccented words of a longer query are left to the phrase, which keeps such
    /// queries as cheap as before accents were folded.)
    fn exact_leaves(parsed: &Node) -> Vec<(Leaf, f32)> {
        let leaves = parsed.positive_leaves();
        let only = leaves.len() == 1;
        let mut out: Vec<(Leaf, f32)> = leaves
            .iter()
            .filter(|l| only || l.phrase || !l.text.is_ascii())
            .map(|l| ((*l).clone(), 1.0))
            .collect();
        if parsed.is_plain_words() && leaves.len() > 1 {
            let words: Vec<&str> = leaves.iter().map(|l| l.text.as_str()).collect();
            let phrase = Leaf {
                text: words.join(" "),
                phrase: true,
                field: None,
            };
            out.push((phrase, 2.0));
        }
        out
    }

    /// A bonus for the user's exact wording (accents, word forms), so `Côte` ranks the
    /// sections that write "Côte" above those that write "Cote", and "Northern Territories"
    /// ranks above "Northern Territory": the leaves of [`Self::exact_leaves`] on the
    /// unfolded, unstemmed fields (title double), the whole bonus doubled. Computed for the
    /// match query's hits only (`rank.rs`), as the optional clause
    /// [`Self::exact_boost_clause`] would score them.
    fn exact_bonus(&self, parsed: &Node) -> rank::Bonus {
        let f = &self.fields;
        let mut bonus = rank::Bonus::default();
        for (leaf, boost) in Self::exact_leaves(parsed) {
            let fields: Vec<(Field, f32)> = match leaf.field {
                Some(FieldName::Title) => vec![(f.title_exact, 1.0)],
                Some(FieldName::Body) => vec![(f.body_exact, 1.0)],
                None => vec![(f.title_exact, 2.0), (f.body_exact, 1.0)],
            };
            let words = self.terms(fields[0].0, &leaf.text);
            if words.is_empty() {
                continue;
            }
            let parts = fields
                .iter()
                .map(|&(field, field_boost)| rank::Part {
                    terms: words
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                    boost: 2.0 * boost * field_boost,
                })
                .collect();
            bonus.clauses.push(parts);
        }
        bonus
    }

    /// The exact-wording bonus as a tantivy query clause (`Should` beside the match query):
    /// how it was ranked before `rank.rs`, kept for the test that the two agree.
    #[cfg(test)]
    pub(crate) fn exact_boost_clause(&self, text: &str) -> Option<Box<dyn Query>> {
        let parsed = query::parse(text).ok()?;
        let clauses: Vec<(Occur, Box<dyn Query>)> = Self::exact_leaves(&parsed)
            .iter()
            .filter_map(|(l, boost)| {
                let q = self.leaf_query(l, true, false)?;
                Some((
                    Occur::Should,
                    Box::new(BoostQuery::new(q, *boost)) as Box<dyn Query>,
                ))
            })
            .collect();
        if clauses.is_empty() {
            return None;
        }
        Some(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            2.0,
        )))
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
