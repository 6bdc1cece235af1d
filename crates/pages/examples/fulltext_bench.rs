//! Rebuild a generated 900-page full text (the fixture's chapters repeated, renumbered) and
//! report the median time; run by `bench/fulltext/run.sh` under `/usr/bin/time -v` for the peak
//! RSS.
//!
//! ```sh
//! cargo run --release -p pages --example fulltext_bench -- [PAGES] [RUNS] [--write FILE]
//! ```

use std::time::Instant;

const BOOK: &str = include_str!("../tests/fulltext/mongolia.txt");

/// Renumber a line's page number (bare, or beside a running head) and chapter number.
fn renumber(line: &str, page_offset: u32, chapter_offset: u32) -> String {
    let t = line.trim();
    if let Ok(n) = t.parse::<u32>() {
        return (n + page_offset).to_string();
    }
    if let Some((first, rest)) = t.split_once(' ')
        && let Ok(n) = first.parse::<u32>()
        && rest.contains("Country Study")
    {
        return format!("{} {rest}", n + page_offset);
    }
    if let Some((rest, last)) = t.rsplit_once(' ')
        && let Ok(n) = last.parse::<u32>()
        && (line.contains("....") || n < 50)
        && !rest.ends_with(" of")
    {
        let rest = renumber_chapter(rest, chapter_offset);
        let indent = &line[..line.len() - line.trim_start().len()];
        return format!("{indent}{rest} {}", n + page_offset);
    }
    renumber_chapter(line, chapter_offset)
}

fn renumber_chapter(line: &str, offset: u32) -> String {
    for (digit, n) in [("1", 1), ("l", 1), ("2", 2), ("3", 3)] {
        let needle = format!("Chapter {digit}.");
        if line.contains(&needle) {
            return line.replace(&needle, &format!("Chapter {}.", n + offset));
        }
    }
    line.to_owned()
}

/// The fixture with its chapters repeated until the book has about `pages` printed pages.
fn generate(pages: u32) -> String {
    let lines: Vec<&str> = BOOK.lines().collect();
    let find = |from: usize, f: &dyn Fn(&str) -> bool| {
        (from..lines.len())
            .find(|&i| f(lines[i]))
            .expect("fixture layout")
    };
    let c_start = find(0, &|l| l.starts_with("Chapter 1. Historical Setting ."));
    let c_end = find(c_start, &|l| l.starts_with("Bibliography ."));
    let b_start = find(c_end, &|l| l.starts_with("Chapter l. Historical Setting"));
    let b_end = find(b_start, &|l| l.trim() == "Bibliography");
    let body_pages = 9u32;
    let copies = pages.div_ceil(body_pages);
    let mut out: Vec<String> = lines[..c_start].iter().map(|l| (*l).to_owned()).collect();
    for k in 0..copies {
        for l in &lines[c_start..c_end] {
            // The Contents' own page numbers (roman) are printed once.
            if k > 0
                && pages::fulltext::PageNo::parse(l)
                    .is_some_and(|p| matches!(p, pages::fulltext::PageNo::Roman(_)))
            {
                continue;
            }
            out.push(renumber(l, k * body_pages, k * 3));
        }
    }
    out.extend(lines[c_end..b_start].iter().map(|l| (*l).to_owned()));
    for k in 0..copies {
        for l in &lines[b_start..b_end] {
            out.push(renumber(l, k * body_pages, k * 3));
        }
    }
    out.extend(
        lines[b_end..]
            .iter()
            .map(|l| renumber(l, (copies - 1) * body_pages, 0)),
    );
    out.join("\n")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pages: u32 = args.first().and_then(|a| a.parse().ok()).unwrap_or(900);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let text = generate(pages);
    if let Some(i) = args.iter().position(|a| a == "--write") {
        std::fs::write(&args[i + 1], &text).expect("write the generated book");
    }
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let book = pages::fulltext::rebuild(&text);
        times.push(t.elapsed().as_secs_f64());
        let sections = book.sections.len();
        let chapters = book
            .sections
            .iter()
            .filter(|s| s.kind == pages::fulltext::PartKind::Chapter)
            .count();
        let last = book
            .sections
            .iter()
            .rev()
            .find_map(|s| s.pages)
            .map(|p| p.last);
        if times.len() == 1 {
            println!(
                "book: {} bytes, {} lines, last printed page {}, {sections} sections, {chapters} chapters, {} diagnostics",
                text.len(),
                text.lines().count(),
                last.map(|p| p.to_string()).unwrap_or_default(),
                book.diagnostics.len()
            );
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let t = Instant::now();
    let lines = text.lines().count();
    let floor = t.elapsed().as_secs_f64();
    println!(
        "rebuild: median {median:.3} s over {runs} runs (min {:.3}, max {:.3}); reading the lines alone: {:.4} s ({lines} lines); ratio {:.0}x",
        times[0],
        times[times.len() - 1],
        floor,
        median / floor.max(1e-9)
    );
}
