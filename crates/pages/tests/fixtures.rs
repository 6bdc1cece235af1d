//! Data-driven fixture tests: every page under `test_data/ok/` must be recognized and every page
//! under `test_data/err/` rejected with a reason; each is compared with the JSON snapshot next to
//! it (`<name>.expected.json`: the `Page` and its diagnostics). An optional `<name>.url` holds the
//! page's URL. Run with `UPDATE_EXPECT=1` to rewrite the snapshots after an intended change.

use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// The fixture pages of one directory (everything but snapshots and URL files), sorted.
fn cases(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(data_dir().join(dir))
        .unwrap_or_else(|e| panic!("test_data/{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.ends_with(".expected.json") && !name.ends_with(".url") && !name.starts_with('.')
        })
        .collect();
    out.sort();
    out
}

/// Parse one fixture and compare (or rewrite) its snapshot. Returns the page.
fn check(case: &Path, dir: &str) -> pages::Page {
    let bytes = std::fs::read(case).unwrap();
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let rel = format!("{dir}/{name}");
    let url_path = case.with_file_name(format!("{name}.url"));
    let url = std::fs::read_to_string(&url_path)
        .ok()
        .map(|u| u.trim().to_owned());
    let input = pages::Input {
        bytes: &bytes,
        path: Some(&rel),
        url: url.as_deref(),
    };
    let (page, diags) = pages::parse(&input);
    let actual = serde_json::to_string_pretty(&serde_json::json!({
        "page": page,
        "diagnostics": diags,
    }))
    .unwrap()
        + "\n";
    let expect_path = case.with_file_name(format!("{name}.expected.json"));
    if std::env::var("UPDATE_EXPECT").is_ok() {
        std::fs::write(&expect_path, &actual).unwrap();
    } else {
        let expected = std::fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("{rel}: no snapshot; run with UPDATE_EXPECT=1"));
        assert_eq!(
            actual, expected,
            "{rel}: output differs from its snapshot (UPDATE_EXPECT=1 rewrites)"
        );
    }
    page
}

#[test]
fn ok_fixtures_are_recognized() {
    let cases = cases("ok");
    assert!(cases.len() >= 10, "only {} ok fixtures", cases.len());
    for case in cases {
        let page = check(&case, "ok");
        let name = case.display();
        assert_eq!(
            page.kind,
            pages::PageKind::CountryStudy,
            "{name}: {:?}",
            page.reason
        );
        // A page that names no country has no book either, and says so; the library infers it.
        assert!(
            page.book.is_some() || page.country.is_none(),
            "{name}: no book"
        );
        assert!(
            !page.paragraphs.is_empty() || !page.fields.is_empty(),
            "{name}: no body"
        );
        if page.section_kind == pages::SectionKind::Profile {
            assert!(
                !page.fields.is_empty(),
                "{name}: a profile page without fields"
            );
        }
        for p in &page.paragraphs {
            assert!(
                !p.starts_with("Data as of"),
                "{name}: footer left in the body"
            );
            assert!(
                !p.contains("Table of Contents"),
                "{name}: nav left in the body"
            );
            assert!(
                !p.contains("NOTE--The Country Profile"),
                "{name}: editorial note left in"
            );
            assert!(!p.starts_with("Courtesy "), "{name}: credit line left in");
        }
    }
}

#[test]
fn err_fixtures_are_rejected_with_a_reason() {
    let cases = cases("err");
    assert!(cases.len() >= 5, "only {} err fixtures", cases.len());
    for case in cases {
        let page = check(&case, "err");
        let name = case.display();
        assert_eq!(page.kind, pages::PageKind::NotRecognized, "{name}");
        assert!(
            page.reason.as_deref().is_some_and(|r| !r.is_empty()),
            "{name}: no reason"
        );
        assert!(
            page.country.is_none(),
            "{name}: a rejected page names no country"
        );
    }
}
