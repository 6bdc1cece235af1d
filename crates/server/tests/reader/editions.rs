//! The Factbook editions in the reader, over a tiny archive of our own (`archive.rs`): an
//! entity's entry as an edition printed it (`/editions/{country}`, the edition form and
//! strip), a field's history (`/history/{country}/{field}`: the table, unchanged editions
//! collapsed, the names then, the chart's points linked to the rows), the redline
//! (`/diff/{country}`), redirects to canonical names, 400 and 404 pages, everything escaped;
//! and the links from the country and section pages.

use axum::http::StatusCode;

use crate::fixtures::archive::editions;
use crate::{Reply, assert_page, element, get, position, tiny, visible};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = editions(dir.path());
    Lib { _dir: dir, state }
}

/// A page of ours: the layout, no inline style, and the hostile field escaped wherever it is.
fn assert_editions_page(r: &Reply, status: StatusCode) {
    assert_page(r, status);
    assert!(
        !r.body.contains(" style=") && !r.body.contains("<style"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("<script>alert"), "{}", r.body);
    assert!(!r.body.contains("<b>Korean"), "{}", r.body);
}

fn location(r: &Reply) -> &str {
    r.headers.get("location").unwrap().to_str().unwrap()
}

#[tokio::test]
async fn an_entity_page_shows_an_edition_as_it_was_printed() {
    let l = lib();
    let r = get(&l.state, "/editions/Japan").await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        b.contains("<h1>Japan in the 2025 World Factbook</h1>"),
        "{b}"
    );
    assert!(b.contains("Japan has an entry in 4 editions of the World Factbook, 1990–2025."));
    // The latest edition by default: every field linked to its history, each marked.
    let entry = element(b, "<dl class=\"entry\">", "</dl>");
    assert_eq!(
        visible(entry),
        "Capital new in 2025TokyoEthnic groups changed since 1992Japanese 97.5%, other 2.5% (2022 est.)Population changed since 1992123,201,945 (2024 est.)"
    );
    assert!(entry.contains("<a href=\"/history/Japan/Ethnic%20groups\">Ethnic groups</a>"));
    assert!(entry.contains("<a href=\"/diff/Japan?from=1992&amp;to=2025&amp;field=Ethnic%20groups\">changed since 1992</a>"));
    // A GET form and a strip of editions choose another; no script needed.
    let form = element(b, "<form class=\"edition-pick\"", "</form>");
    assert!(
        form.contains("action=\"/editions/Japan\" method=\"get\""),
        "{form}"
    );
    assert!(
        form.contains("<option value=\"2025\" selected>2025</option>"),
        "{form}"
    );
    assert_eq!(form.matches("<option").count(), 4);
    let strip = element(b, "<nav class=\"edition-strip\"", "</nav>");
    assert!(strip.contains(
        "<a class=\"step\" rel=\"prev\" href=\"/editions/Japan?edition=1992\">← 1992</a>"
    ));
    assert!(
        strip.contains("<li aria-current=\"page\">2025</li>"),
        "{strip}"
    );
    assert!(strip.contains("<li><a href=\"/editions/Japan?edition=1990\">1990</a></li>"));
    assert!(b.contains(
        "<a href=\"/diff/Japan?from=1992&amp;to=2025\">What changed from 1992 to 2025</a>"
    ));
    assert!(b.contains("<a href=\"/diff/Japan?from=1990&amp;to=2025\">From 1990 to 2025</a>"));
    assert!(
        !b.contains("In other editions only"),
        "2025 has every field"
    );
}

#[tokio::test]
async fn an_older_edition_with_its_name_then_and_the_fields_it_lacks() {
    let l = lib();
    let r = get(&l.state, "/editions/Japan?edition=1991").await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Japan in the 1991 World Factbook</h1>"));
    // The hostile text, escaped, and unchanged since 1990.
    assert!(b.contains("Japanese 99%, &lt;b&gt;Korean&lt;/b&gt; &amp; other &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; 1%"), "{b}");
    assert!(
        b.contains("<span class=\"status\">unchanged since 1990</span>"),
        "{b}"
    );
    let other = element(b, "<section class=\"other-fields\"", "</section>");
    assert!(other.contains("<a href=\"/history/Japan/Capital\">Capital</a> <span class=\"asof\">2025, 1 edition</span>"), "{other}");
    let r = get(&l.state, "/editions/Japan?edition=1990").await;
    assert!(
        r.body.contains("The 1990 edition printed it as “Nihon”."),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("<a class=\"step\" rel=\"prev\""),
        "nothing before 1990"
    );
    // An edition without the entity: a 404 that says which editions have it.
    let r = get(&l.state, "/editions/Soviet%20Union?edition=2025").await;
    assert_editions_page(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body
            .contains("The 2025 edition has no entry for Soviet Union; it has one in 1990–1991."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn other_names_redirect_and_bad_addresses_explain_themselves() {
    let l = lib();
    for (from, to) in [
        ("/editions/JA?edition=1990", "/editions/Japan?edition=1990"),
        ("/editions/nihon", "/editions/Japan"),
        (
            "/history/jp/ethnic%20divisions",
            "/history/Japan/Ethnic%20groups",
        ),
        ("/history/Japan/population", "/history/Japan/Population"),
        ("/diff/japan?from=1990", "/diff/Japan?from=1990"),
    ] {
        let r = get(&l.state, from).await;
        assert_eq!(
            r.status,
            StatusCode::PERMANENT_REDIRECT,
            "{from}: {}",
            r.body
        );
        assert_eq!(location(&r), to, "{from}");
    }
    for (uri, status, says) in [
        (
            "/editions/Japan?edition=1989",
            400,
            "Edition must be an edition of the Factbook, a year from 1990 to 2025, not \"1989\".",
        ),
        (
            "/diff/Japan?from=2025&to=1990",
            400,
            "From (2025) is after to (1990).",
        ),
        ("/diff/Japan?to=20255", 400, "To must be an edition"),
        ("/editions/Japn", 404, "did you mean"),
        ("/history/Japan/Populaton", 404, "did you mean"),
        ("/history/Japn/Population", 404, "did you mean"),
        ("/diff/Japan?field=Etnic%20groups", 404, "did you mean"),
    ] {
        let r = get(&l.state, uri).await;
        assert_editions_page(&r, StatusCode::from_u16(status).unwrap());
        let error = visible(element(&r.body, "<p class=\"error\"", "</p>"));
        assert!(error.contains(says), "{uri}: {error}");
    }
    // The closest names link to the same kind of page.
    let r = get(&l.state, "/editions/Japn").await;
    assert!(
        r.body.contains("<a href=\"/editions/Japan\">Japan</a>"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/history/Japan/Populaton").await;
    assert!(
        r.body
            .contains("<a href=\"/history/Japan/Population\">Population</a>"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/history/Japn/Population").await;
    assert!(
        r.body
            .contains("<a href=\"/history/Japan/Population\">Japan</a>"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/diff/Japan?field=Etnic%20groups").await;
    assert!(
        r.body
            .contains("<a href=\"/diff/Japan?field=Ethnic%20groups\">Ethnic groups</a>"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_history_is_a_table_with_a_chart_for_numbers() {
    let l = lib();
    let r = get(&l.state, "/history/Japan/Population").await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Population of Japan, 1990–2025</h1>"), "{b}");
    let row = element(b, "<tr id=\"e1990\">", "</tr>");
    assert_eq!(
        visible(row),
        "1990120,000,0001990-07120,000,000 (July 1990), growth rate 0.5% (1990)entry printed as “Nihon”"
    );
    let row = element(b, "<tr id=\"e2025\">", "</tr>");
    assert!(row.contains("<a href=\"/diff/Japan?from=1992&amp;to=2025&amp;field=Population\">What changed since 1992</a>"), "{row}");
    // The chart: one point per edition, each linked to its row, with its number.
    let svg = element(b, "<svg class=\"history-chart\"", "</svg>");
    for e in [1990, 1991, 1992, 2025] {
        assert!(
            svg.contains(&format!("<a class=\"point\" href=\"#e{e}\">")),
            "{e}: {svg}"
        );
    }
    assert!(
        svg.contains("<title>2025 edition: 123,201,945 (2024)</title>"),
        "{svg}"
    );
    assert!(
        svg.contains(">1990</text>") && svg.contains(">2025</text>"),
        "{svg}"
    );
    assert!(
        svg.contains("<title id=\"chart-title\">Population of Japan, 1990–2025 (persons)</title>")
    );
    // Downloads from the API.
    assert!(b.contains(
        "<a href=\"/api/history?country=Japan&amp;field=Population&amp;format=csv\">CSV</a>"
    ));
    // A field without numbers has no chart.
    let r = get(&l.state, "/history/Russia/Capital").await;
    assert_editions_page(&r, StatusCode::OK);
    assert!(!r.body.contains("<svg"), "{}", r.body);
}

#[tokio::test]
async fn unchanged_editions_collapse_and_old_names_show() {
    let l = lib();
    let r = get(&l.state, "/history/Japan/Ethnic%20groups").await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("Called “Ethnic divisions” in 1990–1991."), "{b}");
    let row = element(b, "<tr class=\"unchanged\" id=\"e1991\">", "</tr>");
    assert!(
        row.contains("<details><summary>Unchanged from 1990</summary>"),
        "{row}"
    );
    assert!(row.contains("&lt;script&gt;"), "{row}");
    let row = element(b, "<tr id=\"e1990\">", "</tr>");
    assert!(
        row.contains("Field printed as “Ethnic divisions” · entry printed as “Nihon”"),
        "{row}"
    );
    // Each row is an anchor; the table reads in edition order.
    assert!(position(b, "id=\"e1990\"") < position(b, "id=\"e1991\""));
    assert!(position(b, "id=\"e1992\"") < position(b, "id=\"e2025\""));
}

#[tokio::test]
async fn a_redline_marks_insertions_and_deletions() {
    let l = lib();
    let r = get(
        &l.state,
        "/diff/Japan?from=1990&to=2025&field=Ethnic%20groups",
    )
    .await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(
        b.contains("<h1>Ethnic groups of Japan: 1990 → 2025</h1>"),
        "{b}"
    );
    let redline = element(b, "<p class=\"redline\">", "</p>");
    assert!(
        redline.contains("<del>") && redline.contains("<ins>"),
        "{redline}"
    );
    assert!(redline.contains("&lt;script&gt;"), "{redline}");
    assert!(redline.contains("<ins>97.5%"), "{redline}");
    // The form keeps the choice.
    let form = element(b, "<form class=\"diff-pick\"", "</form>");
    assert!(form.contains("action=\"/diff/Japan\" method=\"get\""));
    assert!(
        form.contains("<option value=\"1990\" selected>1990</option>"),
        "{form}"
    );
    assert!(
        form.contains("<option value=\"2025\" selected>2025</option>"),
        "{form}"
    );
    assert!(form.contains("<option value=\"Ethnic groups\" selected>Ethnic groups</option>"));
    // Without a field and years: every field that changed from the first edition to the last.
    let r = get(&l.state, "/diff/Japan").await;
    assert_editions_page(&r, StatusCode::OK);
    assert!(r.body.contains("<h1>Japan: 1990 → 2025</h1>"));
    assert!(
        r.body.contains("3 fields of Japan’s entry changed"),
        "{}",
        r.body
    );
    let capital = element(
        &r.body,
        "<section class=\"redline-field\" id=\"f-capital\"",
        "</section>",
    );
    assert!(
        capital.contains("New in 2025.") && capital.contains("<ins>Tokyo</ins>"),
        "{capital}"
    );
    // A state that is gone: a note, and every field struck.
    let r = get(&l.state, "/diff/Soviet%20Union?from=1991&to=2025").await;
    assert_editions_page(&r, StatusCode::OK);
    assert!(
        r.body
            .contains("The 2025 edition has no entry for Soviet Union."),
        "{}",
        r.body
    );
    assert!(r.body.contains("<del>Moscow</del>"));
    assert!(
        r.body
            .contains("<option value=\"1992\">1992 (no entry)</option>"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/diff/Japan?from=1990&to=1991").await;
    assert!(!r.body.contains("<p class=\"empty\">"), "{}", r.body);
    assert!(r.body.contains("<ins>121,000,000</ins>"), "{}", r.body);
    let r = get(&l.state, "/diff/Japan?from=1992&to=1992").await;
    assert!(
        r.body
            .contains("Nothing changed between these two editions."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn country_and_section_pages_link_to_the_editions() {
    let l = lib();
    let r = get(&l.state, "/countries/japan").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains(
            "<a href=\"/editions/Japan\">Japan in every World Factbook edition</a>, 1990–2025"
        ),
        "{}",
        r.body
    );
    let r = get(&l.state, "/countries/soviet-union").await;
    assert!(r.body.contains("<a href=\"/editions/Soviet%20Union\">Soviet Union in every World Factbook edition</a>, 1990–1991"), "{}", r.body);
    // The Factbook's Population section: this field in other editions.
    let id = crate::fixtures::section_titled(&l.state, "Population");
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert_page(&r, StatusCode::OK);
    let p = element(&r.body, "<p class=\"other-editions\">", "</p>");
    assert_eq!(
        p,
        "<p class=\"other-editions\"><a href=\"/history/Japan/Population\">This field in other editions</a>: Population of Japan in 4 World Factbook editions, 1990–2025.</p>"
    );
    // A field the editions do not have: no link.
    let id = crate::fixtures::section_titled(&l.state, "Languages");
    let r = get(&l.state, &format!("/sections/{id}")).await;
    assert!(!r.body.contains("other-editions"), "{}", r.body);
}

#[tokio::test]
async fn a_library_without_editions_links_to_none_and_says_how_to_add_them() {
    let dir = tempfile::tempdir().unwrap();
    let state = tiny(dir.path());
    let r = get(&state, "/countries/japan").await;
    assert_page(&r, StatusCode::OK);
    assert!(!r.body.contains("/editions/"), "{}", r.body);
    let r = get(&state, "/editions/Japan").await;
    assert_editions_page(&r, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("holds no World Factbook editions yet") && !r.body.contains("/tmp"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn then_and_now_sets_the_study_beside_the_factbook_of_its_day_and_of_today() {
    let l = lib();
    let r = get(&l.state, "/compare/Soviet%20Union").await;
    assert_editions_page(&r, StatusCode::OK);
    let b = &r.body;
    let table = element(b, "<table class=\"compare\">", "</table>");
    // Three sides, each with the date of its data: the 1989 study, the 1990 edition nearest
    // it, and the latest entry, the successor's.
    assert!(table.contains("data as of May 1989"), "{table}");
    assert!(
        table.contains("The World Factbook 1990 — Soviet Union"),
        "{table}"
    );
    assert!(
        table.contains("The World Factbook 2025 — Russia"),
        "{table}"
    );
    // The study's section links to its page; the fields to their histories, under the
    // entity of each side.
    assert!(table.contains("The Railways</a>"), "{table}");
    assert!(
        table.contains("<a href=\"/history/Soviet%20Union/Population\">Population</a>"),
        "{table}"
    );
    assert!(
        table.contains("<a href=\"/history/Russia/Population\">Population</a>"),
        "{table}"
    );
    // Another edition by ?as_of=; one that is no edition is explained; an unknown country is a
    // 404 with the closest names.
    let r = get(&l.state, "/compare/Soviet%20Union?as_of=1991").await;
    assert!(
        r.body.contains("The World Factbook 1991 — Soviet Union"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/compare/Soviet%20Union?as_of=1989").await;
    assert_editions_page(&r, StatusCode::BAD_REQUEST);
    let r = get(&l.state, "/compare/Atlantis").await;
    assert_editions_page(&r, StatusCode::NOT_FOUND);
    // The country and edition pages link here.
    let r = get(&l.state, "/countries/soviet-union").await;
    assert!(
        r.body
            .contains("<a href=\"/compare/Soviet%20Union\">Then and now</a>"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn search_finds_a_factbook_text_once_with_its_editions_and_links_its_history() {
    let l = lib();
    // "Korean": the hostile text of 1990-1991 and the 1992 text, one hit each.
    let r = get(&l.state, "/search?q=Korean").await;
    assert_editions_page(&r, StatusCode::OK);
    let hits = element(&r.body, "<ol class=\"hits\"", "</ol>");
    assert!(hits.contains("Editions 1990–1991"), "{hits}");
    assert!(hits.contains("Edition 1992"), "{hits}");
    assert!(
        hits.contains("<a class=\"hit-title\" href=\"/history/japan/Ethnic%20groups\">"),
        "{hits}"
    );
    // One edition's view of the world.
    let r = get(&l.state, "/search?q=Korean&as_of_from=1992&as_of_to=1992").await;
    let hits = element(&r.body, "<ol class=\"hits\"", "</ol>");
    assert!(
        hits.contains("Edition 1992") && !hits.contains("1990–1991"),
        "{hits}"
    );
}

#[tokio::test]
async fn the_listing_files_former_states_under_their_successors_with_the_editions() {
    let l = lib();
    let r = get(&l.state, "/").await;
    assert_page(&r, StatusCode::OK);
    let russia = element(
        &r.body,
        "<a class=\"country\" href=\"/countries/russia\">",
        "</li>",
    );
    assert!(
        russia.contains("Factbook editions</a> <span class=\"asof\">1992–2025</span>"),
        "{russia}"
    );
    assert!(
        russia.contains(
            "predecessor: <a href=\"/countries/soviet-union\">Soviet Union</a> (to 1991)"
        ),
        "{russia}"
    );
}
