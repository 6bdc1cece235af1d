//! The reader's book and section pages for a book rebuilt from its Library of Congress full
//! text: the printed book's facts, completeness per source, printed pages and the PDF link.

use tower::ServiceExt;

const BOOK: &str = include_str!("../../pages/tests/fulltext/mongolia.txt");
const WEB: &str = "Country Listing\n\nMongolia Table of Contents\n\nMongolia\n\n\
In 1921 a small group of revolutionaries, supported by Soviet troops, drove a White Russian \
force out of the capital and formed a government. The religious ruler kept his throne until \
his death in 1924, when the country was proclaimed a people's republic. The Soviet-Mongolian \
friendship treaty of that period set the pattern for the next six decades.\n\n\
Data as of June 1989\n";

fn provenance(mirror: &str, url: Option<&str>) -> library::Provenance {
    library::Provenance {
        mirror: mirror.into(),
        url: url.map(str::to_owned),
        path: None,
        label: None,
        seen_at: None,
    }
}

async fn get(state: &server::AppState, uri: &str) -> (u16, String) {
    let req = axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = server::app(state.clone()).oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn book_and_section_pages_show_the_printed_book() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut lib = library::Library::open(dir.path()).unwrap();
        lib.set_timelines(false);
        let (page, _) = pages::parse(&pages::Input {
            bytes: WEB.as_bytes(),
            path: None,
            url: Some("http://www.country-data.com/cgi-bin/query/r-9001.html"),
        });
        lib.ingest(&[library::Item::Page {
            page,
            provenance: provenance(
                "country-data",
                Some("http://www.country-data.com/cgi-bin/query/r-9001.html"),
            ),
        }])
        .unwrap();
        let source = library::PrintedSource {
            lccn: Some("91007247".into()),
            title: Some("Mongolia : a country study".into()),
            date: Some("1991".into()),
            rights: Some("No known restrictions on publication.".into()),
            item_url: Some("https://www.loc.gov/item/91007247/".into()),
            pdf_url: Some("https://tile.loc.gov/storage/91007247.pdf".into()),
            fulltext_url: Some("https://tile.loc.gov/storage/91007247.txt".into()),
        };
        lib.ingest_printed(
            &pages::fulltext::rebuild(BOOK),
            &source,
            &provenance("", Some("https://www.loc.gov/item/91007247/")),
        )
        .unwrap();
    }
    let lib = library::Library::open_read_only(dir.path()).unwrap();
    let id = lib
        .printed_book("mongolia")
        .unwrap()
        .unwrap()
        .outline
        .iter()
        .find(|e| e.title == "Revolution of 1921")
        .unwrap()
        .section_id
        .clone()
        .unwrap();
    let state = server::AppState::new(lib);
    let (status, html) = get(&state, "/books/mongolia").await;
    assert_eq!(status, 200);
    assert!(html.contains("The printed book"), "{html}");
    assert!(
        html.contains(r#"<a href="https://www.loc.gov/item/91007247/">91007247</a>"#),
        "{html}"
    );
    assert!(
        html.contains("Research completed <strong>June 1989</strong>"),
        "{html}"
    );
    assert!(html.contains("Second Edition, First Printing, 1991"));
    assert!(
        html.contains("Web copies found for 1 of 31 sections"),
        "{html}"
    );
    assert!(html.contains("No known restrictions on publication."));
    // The printed outline nests as the Contents does, with pages.
    assert!(
        html.contains("Early Peoples of the Plateau</a> <span class=\"pages\">pp. 1–2</span>"),
        "{html}"
    );
    let (status, html) = get(&state, &format!("/sections/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Printed page 3 of Mongolia: A Country Study (LCCN 91007247)"),
        "{html}"
    );
    assert!(
        html.contains(r#"href="https://tile.loc.gov/storage/91007247.pdf#page=13""#),
        "{html}"
    );
}

#[tokio::test]
async fn a_book_without_a_printed_copy_has_no_printed_block() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut lib = library::Library::open(dir.path()).unwrap();
        lib.set_timelines(false);
        let (page, _) = pages::parse(&pages::Input {
            bytes: WEB.as_bytes(),
            path: None,
            url: None,
        });
        lib.ingest(&[library::Item::Page {
            page,
            provenance: provenance("crawl-text", None),
        }])
        .unwrap();
    }
    let state = server::AppState::new(library::Library::open_read_only(dir.path()).unwrap());
    let (status, html) = get(&state, "/books/mongolia").await;
    assert_eq!(status, 200);
    assert!(!html.contains("The printed book"));
}
