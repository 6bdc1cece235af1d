//! Score the full-text rebuild against a book's truth (see `eval/fulltext/README.md`).
//!
//! ```sh
//! cargo run -p pages --example fulltext_eval -- BOOK.txt TRUTH.tsv [--dump]
//! ```
//!
//! TRUTH lists every section in book order as `depth<TAB>title`, then checks: `head<TAB>text`
//! (a running head no paragraph may contain), `keep<TAB>text` (text some paragraph must
//! contain), `meta<TAB>research_completed|lccn|country|chapters<TAB>value`. A section counts
//! as found when the rebuilt section at its place (aligned in order by title) has the same
//! title (case, spacing and OCR look-alikes aside) and the same depth. Exit 1 when the goal
//! (95% of sections, no furniture left) is missed.

use pages::fulltext::{Block, rebuild, title_key};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: fulltext_eval BOOK.txt TRUTH.tsv [--dump]");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[0]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[0]);
        std::process::exit(1)
    });
    let truth = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| {
        eprintln!("{}: {e}", args[1]);
        std::process::exit(1)
    });
    let book = rebuild(&text);
    if args.iter().any(|a| a == "--dump") {
        for s in &book.sections {
            let pages = s
                .pages
                .map(|p| format!("{}-{}", p.first, p.last))
                .unwrap_or_default();
            println!(
                "{}{} [{:?}{}] pp. {pages} ({} blocks, {} fields)",
                "  ".repeat(usize::from(s.level.saturating_sub(1))),
                s.title,
                s.kind,
                if s.in_contents {
                    ""
                } else {
                    ", not in Contents"
                },
                s.blocks.len(),
                s.fields.len()
            );
            for b in &s.blocks {
                match b {
                    Block::Paragraph(p) => println!("      | {p}"),
                    Block::Caption(c) => println!("      caption: {c}"),
                    Block::Table(t) => println!(
                        "      table: {} rows={:?} source={:?}",
                        t.title, t.rows, t.source
                    ),
                }
            }
        }
        println!("catalog: {:?}", book.catalog);
        println!(
            "research: {:?} {:?}",
            book.research_completed, book.research_statement
        );
        for d in &book.diagnostics {
            println!("diagnostic: {}", d.message);
        }
    }
    let mut expected: Vec<(u8, String)> = Vec::new();
    let mut heads = Vec::new();
    let mut keeps = Vec::new();
    let mut metas = Vec::new();
    for line in truth
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols[0] {
            "head" => heads.push(cols[1].to_owned()),
            "keep" => keeps.push(cols[1].to_owned()),
            "meta" => metas.push((
                cols[1].to_owned(),
                cols.get(2).copied().unwrap_or("").to_owned(),
            )),
            d => expected.push((d.parse().unwrap_or(0), cols[1].to_owned())),
        }
    }
    // Align in order by title (longest common subsequence), then check depth.
    let got: Vec<(u8, String)> = book
        .sections
        .iter()
        .map(|s| {
            let title = match s
                .chapter
                .filter(|_| s.kind == pages::fulltext::PartKind::Chapter)
            {
                Some(n) => format!("Chapter {n}. {}", s.title),
                None => s.title.clone(),
            };
            (s.level, title_key(&title))
        })
        .collect();
    let want: Vec<(u8, String)> = expected.iter().map(|(d, t)| (*d, title_key(t))).collect();
    let n = want.len();
    let m = got.len();
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if want[i].1 == got[j].1 {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut right = 0usize;
    let mut misses = Vec::new();
    while i < n && j < m {
        if want[i].1 == got[j].1 {
            if want[i].0 == got[j].0 {
                right += 1;
            } else {
                misses.push(format!(
                    "depth {} instead of {}: {}",
                    got[j].0, want[i].0, expected[i].1
                ));
            }
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            misses.push(format!("missing: {}", expected[i].1));
            i += 1;
        } else {
            misses.push(format!("extra: {}", book.sections[j].title));
            j += 1;
        }
    }
    for e in &expected[i..] {
        misses.push(format!("missing: {}", e.1));
    }
    for s in &book.sections[j..] {
        misses.push(format!("extra: {}", s.title));
    }
    let extras = misses.iter().filter(|m| m.starts_with("extra")).count();
    // The Index is page numbers by nature: it is not checked for furniture.
    let paragraphs: Vec<&str> = book
        .sections
        .iter()
        .filter(|s| s.kind != pages::fulltext::PartKind::Index)
        .flat_map(|s| s.paragraphs())
        .collect();
    let is_folio = |w: &str| {
        pages::fulltext::PageNo::parse(w.trim_matches(|c: char| !c.is_alphanumeric())).is_some_and(
            |n| match n {
                pages::fulltext::PageNo::Arabic(n) => n < 1000,
                pages::fulltext::PageNo::Roman(_) => true,
            },
        )
    };
    let mut furniture = Vec::new();
    for p in &paragraphs {
        // A running head left in a paragraph sits beside its page number, or is all there is.
        for h in &heads {
            for (at, _) in p.match_indices(h.as_str()) {
                let before = p[..at].split_whitespace().last().unwrap_or("");
                let after = p[at + h.len()..].split_whitespace().next().unwrap_or("");
                if p.trim() == h || is_folio(before) || is_folio(after) {
                    furniture.push(format!("running head `{h}` in: {p}"));
                }
            }
        }
        let words: Vec<&str> = p.split_whitespace().collect();
        for w in [words.first(), words.last()].into_iter().flatten() {
            if is_folio(w) && !w.ends_with('.') {
                furniture.push(format!("page number `{w}` in: {p}"));
            }
        }
    }
    let mut kept = 0;
    for k in &keeps {
        if paragraphs.iter().any(|p| p.contains(k.as_str())) {
            kept += 1;
        } else {
            misses.push(format!("text not found: {k}"));
        }
    }
    let mut meta_ok = 0;
    for (key, value) in &metas {
        let got = match key.as_str() {
            "research_completed" => book.research_completed.map(|d| d.to_string()),
            "lccn" => book.catalog.lccn.clone(),
            "country" => book.catalog.country.clone(),
            "chapters" => Some(
                book.sections
                    .iter()
                    .filter(|s| s.kind == pages::fulltext::PartKind::Chapter)
                    .count()
                    .to_string(),
            ),
            _ => None,
        };
        if got.as_deref() == Some(value.as_str()) {
            meta_ok += 1;
        } else {
            misses.push(format!("meta {key}: {got:?} instead of {value}"));
        }
    }
    let share = if n == 0 { 0.0 } else { right as f64 / n as f64 };
    println!(
        "sections: {right}/{n} right title and depth ({:.1}%), {extras} extra",
        share * 100.0
    );
    println!("furniture left in paragraphs: {}", furniture.len());
    println!("text checks: {kept}/{}", keeps.len());
    println!("metadata: {meta_ok}/{}", metas.len());
    for m in misses.iter().chain(&furniture) {
        println!("  {m}");
    }
    if share < 0.95 || !furniture.is_empty() {
        std::process::exit(1);
    }
}
