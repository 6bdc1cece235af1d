//! `/countries/{id}`: the page a student starts from.

use axum::http::StatusCode;

use crate::{assert_page, element, factbook_id, get, library, position, shared, visible};

#[tokio::test]
async fn a_country_page_has_background_cited_key_facts_books_succession_and_search() {
    let l = library();
    let fb = factbook_id(&l.state, "russia");
    let detail = l.state.library.country("russia").unwrap();
    let r = get(&l.state, "/countries/russia").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Russia</h1>"), "{b}");
    assert!(b.contains("ISO RU · FIPS RS"), "{b}");
    // The Factbook's Background, first paragraph only, cited and linked.
    let bg = element(b, "<section class=\"background\"", "</section>");
    assert!(bg.contains("A large northern state, described here in our own invented words"));
    assert!(!bg.contains("A second paragraph"));
    let bg_fact = detail.background.as_ref().unwrap();
    assert!(
        bg.contains(&format!(
            "<a href=\"/sections/{}\">Background</a>",
            bg_fact.section_id
        )),
        "{bg}"
    );
    assert!(
        visible(bg).contains(&format!("From Background, {}", bg_fact.book)),
        "{bg}"
    );
    // Key facts in order, each linked to the section it comes from, with its edition.
    let facts = element(b, "<dl class=\"facts\">", "</dl>");
    let order: Vec<usize> = ["Capital", "Area", "Population", "Government type"]
        .iter()
        .map(|l| position(facts, &format!("<dt>{l}</dt>")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{facts}");
    for f in &detail.key_facts {
        assert!(facts.contains(&format!("<dd>{}", f.value)), "{facts}");
        assert!(
            facts.contains(&format!("/sections/{}\"", f.section_id)),
            "{facts}"
        );
    }
    assert!(visible(facts).contains(&detail.key_facts[0].book));
    // The Soviet Union came before.
    assert!(
        b.contains(
            "Preceded by <a href=\"/countries/soviet-union\">Soviet Union</a> (until 1991)."
        ),
        "{b}"
    );
    // The Factbook with its data-as-of and its chapters, each one page.
    assert!(b.contains(&format!("<a href=\"/books/{fb}\">")), "{b}");
    assert!(b.contains("Data as of 2025"), "{b}");
    for chapter in [
        "Introduction",
        "Geography",
        "People%20and%20Society",
        "Government",
    ] {
        assert!(
            b.contains(&format!("href=\"/books/{fb}/chapters/{chapter}\"")),
            "{chapter}: {b}"
        );
    }
    // Search within the country.
    let form = element(
        b,
        "<section aria-labelledby=\"search-country\">",
        "</section>",
    );
    assert!(form.contains("<input type=\"hidden\" name=\"country\" value=\"russia\">"));
    assert!(form.contains("action=\"/search\""));
    assert!(crate::meta_description(b).starts_with("Russia: A large northern state"));
}

#[tokio::test]
async fn the_soviet_union_links_its_successors_and_its_study() {
    let l = library();
    let r = get(&l.state, "/countries/soviet-union").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        b.contains("Succeeded in 1991 by <a href=\"/countries/russia\">Russia</a>."),
        "{b}"
    );
    assert!(b.contains("<h3>Country Study</h3>"), "{b}");
    assert!(b.contains("<a href=\"/books/soviet-union\">Soviet Union</a>"));
    assert!(b.contains("Data as of May 1989"));
    assert!(!b.contains("Key facts"), "no Factbook, no key facts");
    // Names, aliases and codes lead to the page under its id.
    for alias in ["ussr", "Soviet%20Union", "SUN"] {
        let r = get(&l.state, &format!("/countries/{alias}")).await;
        if r.status == StatusCode::NOT_FOUND {
            assert_eq!(alias, "SUN", "{alias}: {}", r.body);
            continue;
        }
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{alias}");
        assert_eq!(r.headers["location"], "/countries/soviet-union");
    }
    let r = get(&l.state, "/countries/atlantis").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(
        visible(&r.body).contains("no country \"atlantis\""),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn real_factbook_country_pages() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/countries/russia").await;
    assert_page(&r, StatusCode::OK);
    let facts = element(&r.body, "<dl class=\"facts\">", "</dl>");
    assert!(facts.contains("<dd>Moscow"), "{facts}");
    assert!(facts.contains("<dt>Population</dt>"), "{facts}");
    assert!(
        r.body
            .contains("Preceded by <a href=\"/countries/soviet-union\">Soviet Union</a>")
    );
    let r = get(&state, "/countries/soviet-union").await;
    assert_page(&r, StatusCode::OK);
    let succession = element(&r.body, "Succeeded in 1991 by", "</p>");
    for c in ["russia", "ukraine", "kazakhstan", "estonia"] {
        assert!(
            succession.contains(&format!("/countries/{c}\"")),
            "{c}: {succession}"
        );
    }
    assert!(
        r.body
            .contains("<a href=\"/books/soviet-union\">Soviet Union</a>")
    );
}
