//! Ranking by `rank.rs` and `union.rs` against tantivy's own clause and union.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};

use super::*;
use crate::{Item, Library, Provenance};

/// Sections with shared words, accents, word forms, repeated phrases and exact ties
/// (the same text in several countries), ingested in batches (several segments, and a
/// section stored again).
fn library() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let words = [
        "the",
        "president",
        "of",
        "national",
        "assembly",
        "Côte",
        "Cote",
        "islands",
        "island",
        "territories",
        "territory",
        "northern",
        "law",
        "first",
        "years",
        "and",
    ];
    let countries = ["Japan", "Chad", "Peru", "Kenya", "Nepal", "Oman"];
    let mut n = 0u64;
    for batch in 0..3 {
        let mut items = Vec::new();
        for i in 0..40usize {
            let k = batch * 40 + i;
            // A text of 6..30 words, some sections the same text (ties) in other countries.
            let seed = if k % 7 == 0 { 3 } else { k };
            let text: Vec<&str> = (0..6 + seed % 25)
                .map(|j| words[(seed * 7 + j * j * 3 + j / 2) % words.len()])
                .collect();
            let text = format!("{} the president of the national assembly.", text.join(" "));
            let title = words[k % words.len()];
            n += 1;
            let mut page = crate::tests::page(
                countries[k % countries.len()],
                countries[k % countries.len()],
                Some(title),
                &[&text],
                (1990, None),
            );
            page.sequence = Some(n);
            items.push(Item::Page {
                page,
                provenance: Provenance {
                    mirror: "m".into(),
                    url: Some(format!("https://example.org/{n}")),
                    path: None,
                    label: None,
                    seen_at: None,
                },
            });
        }
        lib.ingest(&items).unwrap();
    }
    drop(lib);
    let index = SearchIndex::open_read_only(&dir.path().join("index")).unwrap();
    (dir, index)
}

/// What search ranked before `rank.rs`: the bonus as an optional clause, ties broken by
/// `tweak_score`, the total by `Count`.
fn as_a_clause(
    index: &SearchIndex,
    q: &SearchQuery,
    country: Option<&str>,
) -> (Vec<(f32, String)>, usize) {
    let parsed = query::parse(&q.text).unwrap();
    let text_query = index.node_query(&parsed, false, false).unwrap();
    let matching = index.match_query(q, country, text_query);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(matching))];
    if let Some(exact) = index.exact_boost_clause(&q.text) {
        clauses.push((Occur::Should, exact));
    }
    let searcher = index.searcher().unwrap();
    let ranked = TopDocs::with_limit(q.limit)
        .and_offset(q.offset)
        .tweak_score(move |segment: &tantivy::SegmentReader| {
            let ids = segment.fast_fields().u64("order").ok();
            let versions = segment.fast_fields().u64("version").ok();
            move |doc: tantivy::DocId, score: f32| {
                let key = ids.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
                let version = versions.as_ref().and_then(|c| c.first(doc)) == Some(1);
                let score = if version {
                    score * super::super::VERSION_WEIGHT
                } else {
                    score
                };
                (score, std::cmp::Reverse(key))
            }
        });
    let (top, total) = searcher
        .search(&BooleanQuery::new(clauses), &(ranked, Count))
        .unwrap();
    let id = |a| {
        let doc: TantivyDocument = searcher.doc(a).unwrap();
        doc.get_first(index.fields.id)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    (
        top.into_iter().map(|((s, _), a)| (s, id(a))).collect(),
        total,
    )
}

#[test]
fn ranking_without_the_clause_gives_the_same_scores_order_and_total() {
    let (_dir, index) = library();
    let queries = [
        "the",
        "president",
        "Côte",
        "Cote",
        "islands",
        "national assembly",
        "the president of",
        "\"the president of\"",
        "\"of the\"",
        "\"island\" law",
        "northern territories",
        "Côte islands",
        "title:law",
        "body:\"first years\"",
        "law OR first",
        "the -Côte",
        "\"national\" \"the first\"",
    ];
    let mut nonempty = 0;
    for text in queries {
        for (country, offset, limit) in [
            (None, 0, 10),
            (None, 3, 5),
            (Some("chad"), 0, 10),
            (None, 0, 200),
        ] {
            let q = SearchQuery {
                text: text.into(),
                offset,
                limit,
                ..SearchQuery::default()
            };
            let ours = index.search(&q, country).unwrap();
            let got: Vec<(f32, String)> = ours
                .hits
                .iter()
                .map(|h| (h.score, h.section_id.clone()))
                .collect();
            let (want, total) = as_a_clause(&index, &q, country);
            // Bit for bit: the same sums in the same order.
            assert_eq!(got, want, "{text:?} {country:?} {offset} {limit}");
            assert_eq!(ours.total, total, "{text:?} {country:?}");
            nonempty += usize::from(!got.is_empty());
        }
    }
    assert!(nonempty > 40, "the queries must find something: {nonempty}");
}
