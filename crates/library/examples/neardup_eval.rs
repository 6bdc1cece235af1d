//! The near-duplicate merge against known truth.
//!
//! `cargo run --release -p library --example neardup_eval [-- SECTIONS]` generates a stress set
//! (default 400 sections of our own random sentences; each seen as 1–5 copies changed the way
//! mirrors change them: hard-wrapped, glued words, no punctuation, truncated to 40–95%, a few
//! words replaced, a caption line added; every section carries 0–3 of 6 shared boilerplate
//! sentences, and one in ten shares a whole paragraph with another section), groups the copies
//! with `library::neardup::group`, and prints pairwise precision and recall of the merge.
//! Then the same copies through `Library::ingest` in two separate ingests (the copies shuffled,
//! half in each, batches of 512 as `areabook ingest` makes them): the merge with the stored
//! sections. Then the same on the recognizer's own fixture pages (`crates/pages/test_data/ok`), as they
//! are and with a truncated and a glued copy of each: sections and copies found.

use library::neardup::{Copy, group};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "river",
    "council",
    "millet",
    "harbor",
    "railway",
    "parliament",
    "drought",
    "cattle",
    "province",
    "army",
    "treaty",
    "border",
    "school",
    "market",
    "coast",
    "plateau",
    "salt",
    "cotton",
    "mission",
    "governor",
    "election",
    "budget",
    "road",
    "port",
    "village",
    "clan",
    "trade",
    "union",
    "church",
    "mosque",
    "festival",
    "census",
    "tax",
    "loan",
    "bank",
    "mine",
    "copper",
    "rice",
    "fishing",
    "forest",
    "valley",
    "lake",
    "capital",
    "senate",
    "court",
    "police",
    "strike",
    "reform",
    "colony",
    "empire",
    "republic",
    "king",
    "chief",
    "minister",
];
const BOILER: &[&str] = &[
    "For the sources of the figures in this section, see the Bibliography.",
    "See the Glossary for the terms used in this chapter.",
    "The Country Profile contains updated information as available.",
    "Figures are estimates and may not add to totals because of rounding.",
    "Place names follow the usage of the Board on Geographic Names.",
    "Data for the most recent years are provisional.",
];

fn sentence(r: &mut Rng) -> String {
    let n = 8 + r.below(12) as usize;
    let mut s: Vec<String> = (0..n)
        .map(|_| WORDS[r.below(WORDS.len() as u64) as usize].to_owned())
        .collect();
    s[0] = format!("{}{}", s[0][..1].to_uppercase(), &s[0][1..]);
    let year = 1900 + r.below(90);
    format!("{} in {year}.", s.join(" "))
}

fn section(r: &mut Rng) -> Vec<String> {
    let paragraphs = 2 + r.below(5);
    (0..paragraphs)
        .map(|_| {
            (0..2 + r.below(4))
                .map(|_| sentence(r))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn variant(r: &mut Rng, original: &[String]) -> Vec<String> {
    let mut v = original.to_vec();
    match r.below(6) {
        0 => v = vec![v.join(" ")],
        1 => {
            v = v
                .iter()
                .map(|p| {
                    let mut n = 0;
                    p.chars()
                        .filter(|&c| {
                            n += usize::from(c == ' ');
                            c != ' ' || n % 6 != 0
                        })
                        .collect()
                })
                .collect()
        }
        2 => v = v.iter().map(|p| p.replace(['.', ','], "")).collect(),
        3 => {
            let total: usize = v.iter().map(String::len).sum();
            let keep = total * (40 + r.below(56) as usize) / 100;
            let mut out = Vec::new();
            let mut used = 0;
            for p in v {
                if used + p.len() <= keep {
                    used += p.len();
                    out.push(p);
                } else {
                    let mut cut = keep - used;
                    while !p.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    if cut > 0 {
                        out.push(p[..cut].to_owned());
                    }
                    break;
                }
            }
            v = out;
        }
        4 => {
            for _ in 0..3 {
                let i = r.below(v.len() as u64) as usize;
                let w = WORDS[r.below(WORDS.len() as u64) as usize];
                if let Some(pos) = v[i].find(' ') {
                    v[i].insert_str(pos, &format!(" {w}"));
                }
            }
        }
        _ => v.insert(
            0,
            "A caravan near the oasis (courtesy of the archive).".to_owned(),
        ),
    }
    v
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(400);
    let mut r = Rng(15);
    let mut sections: Vec<Vec<String>> = (0..n).map(|_| section(&mut r)).collect();
    for s in sections.iter_mut() {
        for _ in 0..r.below(4) {
            s.push(BOILER[r.below(BOILER.len() as u64) as usize].to_owned());
        }
    }
    for i in (0..n).step_by(10) {
        let j = (i + 1 + r.below(n as u64 - 1) as usize) % n;
        let shared = sections[j][0].clone();
        sections[i].push(shared);
    }
    let mut bodies: Vec<Vec<String>> = Vec::new();
    let mut truth: Vec<usize> = Vec::new();
    for (k, s) in sections.iter().enumerate() {
        bodies.push(s.clone());
        truth.push(k);
        for _ in 0..r.below(5) {
            bodies.push(variant(&mut r, s));
            truth.push(k);
        }
    }
    let copies: Vec<Copy<'_>> = bodies
        .iter()
        .map(|b| Copy {
            book: Some("stress"),
            paragraphs: b,
        })
        .collect();
    let started = std::time::Instant::now();
    let groups = group(&copies);
    let secs = started.elapsed().as_secs_f64();
    let mut predicted = vec![0usize; bodies.len()];
    for (g, grp) in groups.iter().enumerate() {
        for &m in &grp.members {
            predicted[m] = g;
        }
    }
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for i in 0..bodies.len() {
        for j in i + 1..bodies.len() {
            match (predicted[i] == predicted[j], truth[i] == truth[j]) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
    }
    let kept_original = groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .filter(|g| bodies[g.keep] == sections[truth[g.keep]])
        .count();
    // The rule before (longest first: letters within 2%, then paragraph breaks, then words),
    // for comparison.
    let longest_first = |p: &[String]| -> (usize, usize, usize) {
        let letters: usize = p
            .iter()
            .map(|x| x.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        let words = p.iter().map(|x| x.split_whitespace().count()).sum();
        (letters / 50, p.len(), words)
    };
    let kept_original_before = groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .filter(|g| {
            let keep = *g
                .members
                .iter()
                .max_by_key(|&&i| (longest_first(&bodies[i]), std::cmp::Reverse(i)))
                .unwrap_or(&g.keep);
            bodies[keep] == sections[truth[keep]]
        })
        .count();
    let multi = groups.iter().filter(|g| g.members.len() > 1).count();
    let letters = |p: &[String]| -> usize {
        p.iter()
            .map(|x| x.chars().filter(|c| c.is_alphanumeric()).count())
            .sum()
    };
    // A kept text at least as long as the original: nothing of the section lost (the others
    // keep a copy with an inserted caption or words, which is longer).
    let complete = groups
        .iter()
        .filter(|g| g.members.len() > 1)
        .filter(|g| letters(&bodies[g.keep]) >= letters(&sections[truth[g.keep]]))
        .count();
    println!(
        "stress: {} sections, {} copies -> {} groups ({} with several copies: {} keep the original text (longest first: {}), {} a text at least as complete); pairwise precision {:.4}, recall {:.4} (tp {tp}, fp {fp}, fn {fn_}); {:.2} s",
        n,
        bodies.len(),
        groups.len(),
        multi,
        kept_original,
        kept_original_before,
        complete,
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64,
        secs
    );

    across_ingests(&bodies, &truth, &sections, &mut r);

    // The recognizer's fixture pages: distinct sections, then each with two changed copies.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pages/test_data/ok");
    let mut pages: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = path.to_string_lossy().into_owned();
        if name.ends_with(".json") || name.ends_with(".url") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let url = std::fs::read_to_string(format!("{name}.url")).ok();
        let (page, _) = pages::parse(&pages::Input {
            bytes: &bytes,
            path: Some(&name),
            url: url.as_deref().map(str::trim),
        });
        if page.kind == pages::PageKind::CountryStudy && !page.paragraphs.is_empty() {
            pages.push((page.book.clone(), page.paragraphs.clone()));
        }
    }
    let alone: Vec<Copy<'_>> = pages
        .iter()
        .map(|(b, p)| Copy {
            book: b.as_deref(),
            paragraphs: p,
        })
        .collect();
    let g_alone = group(&alone).len();
    let mut changed: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for (b, p) in &pages {
        changed.push((b.clone(), p.clone()));
        let mut t = p.clone();
        if t.len() > 1 {
            t.pop();
        } else if let Some(first) = t.first_mut() {
            let cut = first.len() * 7 / 10;
            let mut cut = cut;
            while !first.is_char_boundary(cut) {
                cut -= 1;
            }
            first.truncate(cut);
        }
        changed.push((b.clone(), t));
        changed.push((b.clone(), variant(&mut Rng(1), p)));
    }
    let with: Vec<Copy<'_>> = changed
        .iter()
        .map(|(b, p)| Copy {
            book: b.as_deref(),
            paragraphs: p,
        })
        .collect();
    let g_with = group(&with);
    println!(
        "fixtures: {} pages -> {} sections; with a truncated and a changed copy of each, {} copies -> {} sections ({} with several copies)",
        pages.len(),
        g_alone,
        with.len(),
        g_with.len(),
        g_with.iter().filter(|g| g.members.len() > 1).count()
    );
}

/// The stress set through the library: the copies shuffled and split over two ingests (each a
/// fresh open of the library, batches of 512), then pairwise precision and recall of the
/// sections they became, and how many sections of several copies keep the original text.
fn across_ingests(bodies: &[Vec<String>], truth: &[usize], sections: &[Vec<String>], r: &mut Rng) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut order: Vec<usize> = (0..bodies.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, r.below(i as u64 + 1) as usize);
    }
    let item = |i: usize| library::Item::Page {
        page: pages::Page {
            path: None,
            url: None,
            kind: pages::PageKind::CountryStudy,
            reason: None,
            mirror: pages::Mirror::CrawlText,
            country: Some("Chad".into()),
            book: Some("Chad".into()),
            section_title: None,
            heading: None,
            data_as_of: None,
            paragraphs: bodies[i].clone(),
            fields: Vec::new(),
            section_kind: pages::SectionKind::Narrative,
            sequence: None,
        },
        provenance: library::Provenance {
            mirror: "crawl-text".into(),
            url: Some(format!("http://copy.example/{i}")),
            path: None,
            label: None,
            seen_at: None,
        },
    };
    let started = std::time::Instant::now();
    for run in order.chunks(order.len().div_ceil(2)) {
        let mut lib = library::Library::open(dir.path()).expect("a library");
        lib.set_timelines(false);
        for batch in run.chunks(512) {
            let items: Vec<library::Item> = batch.iter().map(|&i| item(i)).collect();
            lib.ingest(&items).expect("ingest");
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let lib = library::Library::open_read_only(dir.path()).expect("the library");
    let book = lib.books(None).expect("books")[0].id.clone();
    fn ids(nodes: &[library::TocNode], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.section_id.clone());
            ids(&n.children, out);
        }
    }
    let mut all = Vec::new();
    ids(&lib.book(&book).expect("the book").toc, &mut all);
    let mut predicted = vec![usize::MAX; bodies.len()];
    let (mut multi, mut kept_original) = (0, 0);
    for (k, id) in all.iter().enumerate() {
        let s = lib.section(id).expect("a section");
        let copies: Vec<usize> = s
            .provenance
            .iter()
            .filter_map(|p| p.url.as_deref()?.rsplit('/').next()?.parse().ok())
            .collect();
        for &c in &copies {
            predicted[c] = k;
        }
        if copies.len() > 1 {
            multi += 1;
            kept_original += usize::from(s.paragraphs == sections[truth[copies[0]]]);
        }
    }
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for i in 0..bodies.len() {
        for j in i + 1..bodies.len() {
            match (predicted[i] == predicted[j], truth[i] == truth[j]) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
    }
    println!(
        "stress, two ingests: {} copies -> {} sections ({} with several copies: {} keep the original text); pairwise precision {:.4}, recall {:.4} (tp {tp}, fp {fp}, fn {fn_}); {:.2} s",
        bodies.len(),
        all.len(),
        multi,
        kept_original,
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64,
        secs
    );
}
