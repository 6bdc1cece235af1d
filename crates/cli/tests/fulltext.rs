//! `areabook ingest BOOK.txt [--pdf BOOK.pdf]`: a Library of Congress full text rebuilt as a
//! book, merged with the web copy of a section already in the library.

mod common;

use common::run;

const BOOK: &str = include_str!("../../pages/tests/fulltext/mongolia.txt");

/// A crawl-text web copy of the fixture's "Revolution of 1921" (no title, other wrapping,
/// other closing words: the bodies differ).
const WEB: &str = "Country Listing\n\nMongolia Table of Contents\n\nMongolia\n\n\
In 1921 a small group of revolutionaries, supported by Soviet troops, drove a White Russian \
force out of the capital and formed a government. The religious ruler kept his throne until \
his death in 1924, when the country was proclaimed a people's republic. The Soviet-Mongolian \
friendship treaty of that period set the pattern for sixty years.\n\n\
Data as of June 1989\n";

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn ingest_a_full_text_with_its_pdf_beside_a_web_copy() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let web = dir.path().join("web.txt");
    std::fs::write(&web, WEB).unwrap();
    let book = dir.path().join("mongolia.txt");
    std::fs::write(&book, BOOK).unwrap();
    let pdf = dir.path().join("mongolia.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n").unwrap();
    let out = run(&lib, &["--json", "ingest", web.to_str().unwrap()]);
    assert!(out.status.success());
    let out = run(
        &lib,
        &[
            "--json",
            "ingest",
            book.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    let b = &report["books"][0];
    assert_eq!(b["book_id"], "mongolia");
    assert_eq!(b["sections"], 31);
    assert_eq!(b["matched_web"], 1);
    assert_eq!(b["research_completed"], "1989-06");
    assert_eq!(report["merged"], 1);
    assert_eq!(report["new_sections"], 30);
    // The web copy now has the book's title and both copies.
    let out = run(
        &lib,
        &["--json", "search", "Soviet-Mongolian friendship treaty"],
    );
    let hits = json(&out);
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["hits"][0]["section_title"], "Revolution of 1921");
    let id = hits["hits"][0]["section_id"].as_str().unwrap().to_owned();
    let shown = json(&run(&lib, &["--json", "show", &id]));
    let mirrors: Vec<&str> = shown["provenance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["mirror"].as_str().unwrap())
        .collect();
    assert!(
        mirrors.contains(&"loc-fulltext") && mirrors.contains(&"crawl-text"),
        "{mirrors:?}"
    );
    assert_eq!(shown["data_as_of"], "1989-06");
    // The book's own sections are searchable, with no running head in them.
    let out = run(&lib, &["--json", "search", "molybdenum combine"]);
    assert_eq!(json(&out)["hits"][0]["section_title"], "Modern Industry");
    // Ingesting the book again changes nothing.
    let again = json(&run(&lib, &["--json", "ingest", book.to_str().unwrap()]));
    assert_eq!(again["new_sections"], 0);
    assert_eq!(again["merged"], 0);
}

#[test]
fn a_missing_pdf_is_named_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("mongolia.txt");
    std::fs::write(&book, BOOK).unwrap();
    let out = run(
        &dir.path().join("lib"),
        &[
            "ingest",
            book.to_str().unwrap(),
            "--pdf",
            "/nonexistent/book.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/book.pdf"));
}

#[test]
fn a_full_text_of_no_known_country_fails_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("atlantis.txt");
    std::fs::write(
        &book,
        BOOK.replace("MONGOLIA", "ATLANTIS")
            .replace("Mongolia", "Atlantis"),
    )
    .unwrap();
    let out = run(&dir.path().join("lib"), &["ingest", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("atlantis.txt") && err.contains("Atlantis"),
        "{err}"
    );
}
