//! The timeline pages (`/timeline/{country}`, `/timeline/{a}/{b}`, `/timeline?q=`): entries in
//! time order with their date words marked and everything else escaped, links to the exact
//! paragraph, the server-drawn axis (bounded marks, zoom links that narrow the years, zoom
//! out), pagination, downloads, redirects, 400 and 404 pages; and the links to timelines
//! from the section, country and search pages.

use axum::http::StatusCode;

use crate::fixtures::{HOSTILE_DATED, dated, many_dated};
use crate::{Reply, assert_page, element, get, position, shared, visible};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = dated(dir.path());
    Lib { _dir: dir, state }
}

/// The `href`s of `<a class="…">` links in `body`, in order (`&amp;` undone).
fn hrefs(body: &str, class: &str) -> Vec<String> {
    let open = format!("<a class=\"{class}\" href=\"");
    body.match_indices(&open)
        .map(|(i, _)| {
            let rest = &body[i + open.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// The date labels of the entries on a page, in order.
fn whens(body: &str) -> Vec<String> {
    body.match_indices("<p class=\"when\">")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            visible(&rest[..rest.find("</p>").unwrap()])
        })
        .collect()
}

fn entry_count(r: &Reply) -> usize {
    r.body.matches("<li class=\"entry\">").count()
}

#[tokio::test]
async fn a_country_timeline_lists_its_entries_in_time_order() {
    let l = lib();
    let r = get(&l.state, "/timeline/japan").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Timeline of Japan</h1>"), "{b}");
    assert!(b.contains("<title>Timeline of Japan · areabook</title>"));
    assert_eq!(
        whens(b),
        ["1853", "1871", "1904–1905", "1910", "1941", "1945-08"]
    );
    assert!(b.contains("<p class=\"count\">Entries 1–6 of 6</p>"), "{b}");
    // The date words marked, in the sentence.
    assert!(
        b.contains("<p class=\"sentence\">In <mark>1853</mark> a foreign squadron"),
        "{b}"
    );
    // Each entry links to its paragraph: the envoys are the second paragraph of theirs.
    let envoys = l.state.library.timeline(&library::TimelineQuery {
        query: Some("envoys".into()),
        limit: 1,
        ..Default::default()
    });
    let id = &envoys.unwrap().entries[0].section_id;
    assert!(
        b.contains(&format!("<a class=\"source\" href=\"/sections/{id}#p2\">Japan: A Country Study, January 1990 — The Envoys, paragraph 2</a>")),
        "{b}"
    );
    // The states a sentence names link to their timelines; inherited ones say so.
    assert!(b.contains("Names <a href=\"/timeline/russia\">Russia</a> (from the sentence before)"));
    assert!(b.contains("Names <a href=\"/timeline/soviet-union\">Soviet Union</a>, <a href=\"/timeline/japan\">Japan</a>"));
    // The full citation of each entry.
    assert!(
        b.contains("<p class=\"cite\">“The Envoys.” In Japan: A Country Study."),
        "{b}"
    );
    // Breadcrumb: listing → Japan → Timeline.
    let crumbs = element(b, "<nav class=\"crumbs\"", "</nav>");
    assert!(
        crumbs.contains("<a href=\"/countries/japan\">Japan</a>"),
        "{crumbs}"
    );
    assert!(crumbs.contains("<li aria-current=\"page\">Timeline</li>"));
}

#[tokio::test]
async fn a_sentence_with_markup_is_escaped_and_only_its_date_is_marked() {
    let l = lib();
    let r = get(&l.state, "/timeline/japan").await;
    let b = &r.body;
    assert!(!b.contains("<script>alert"), "{b}");
    assert!(!b.contains("<b>bold</b>"), "{b}");
    let sentence = element(b, "<p class=\"sentence\">In <mark>1871</mark>", "</p>");
    assert_eq!(
        sentence,
        "<p class=\"sentence\">In <mark>1871</mark> the envoys wrote &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; sailed east; 'quoted' &lt;b&gt;bold&lt;/b&gt;.</p>"
    );
    assert_eq!(visible(sentence), HOSTILE_DATED);
    assert_eq!(b.matches("<mark>").count(), 6, "one mark per entry");
}

#[tokio::test]
async fn a_pair_timeline_and_the_timeline_of_a_search() {
    let l = lib();
    let r = get(&l.state, "/timeline/soviet-union/japan").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("<h1>Soviet Union and Japan</h1>"),
        "{}",
        r.body
    );
    assert_eq!(whens(&r.body), ["1941", "1945-08"]);
    let r = get(&l.state, "/timeline?q=envoys").await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("<h1>Timeline of “envoys”</h1>"),
        "{}",
        r.body
    );
    assert_eq!(whens(&r.body), ["1871"]);
    // The search box holds the query; the breadcrumb leads back to the search.
    assert!(r.body.contains("name=\"q\" value=\"envoys\""));
    assert!(r.body.contains("<a href=\"/search?q=envoys\">Search</a>"));
    // Every parameter on every route: a country narrows a search, years a pair.
    let r = get(&l.state, "/timeline?q=harbor&country=japan").await;
    assert_eq!(whens(&r.body), ["1853"]);
    let r = get(&l.state, "/timeline/soviet-union/japan?from=1945").await;
    assert_eq!(whens(&r.body), ["1945-08"]);
    assert!(
        r.body
            .contains("<h1>Soviet Union and Japan, from 1945</h1>")
    );
    let r = get(&l.state, "/timeline?a=soviet-union&b=japan&to=1941").await;
    assert_eq!(whens(&r.body), ["1941"]);
}

#[tokio::test]
async fn names_and_codes_redirect_to_the_ids() {
    let l = lib();
    for (uri, to) in [
        ("/timeline/JP", "/timeline/japan"),
        ("/timeline/Japan?from=1900", "/timeline/japan?from=1900"),
        ("/timeline/ussr/JPN", "/timeline/soviet-union/japan"),
    ] {
        let r = get(&l.state, uri).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_eq!(r.headers["location"], to, "{uri}");
    }
}

#[tokio::test]
async fn bad_years_and_unknown_states_are_explained_in_the_page() {
    let l = lib();
    for (uri, says) in [
        ("/timeline/japan?from=89", "From must be a four-digit year"),
        (
            "/timeline/japan?from=1950&to=1940",
            "From (1950) is after to (1940)",
        ),
        (
            "/timeline/japan?page=0",
            "Page must be a whole number from 1",
        ),
        ("/timeline/japan?page=x", "Page must be a whole number"),
        ("/timeline/japan?from=1900&from=1901", "cannot be read"),
        ("/timeline?from=1900", "Say whose timeline"),
        ("/timeline?q=-harbor", "Bad query"),
    ] {
        let r = get(&l.state, uri).await;
        assert_page(&r, StatusCode::BAD_REQUEST);
        let error = element(&r.body, "<p class=\"error\"", "</p>");
        assert!(visible(error).contains(says), "{uri}: {error}");
        assert!(r.body.contains("<form class=\"choose\""), "{uri}");
    }
    let r = get(&l.state, "/timeline/Japn").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    assert!(
        visible(&r.body).contains("No country \"Japn\" in the library"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("<a href=\"/timeline/Japan\">Japan</a>"),
        "{}",
        r.body
    );
    let r = get(&l.state, "/timeline/soviet-union/atlantis").await;
    assert_page(&r, StatusCode::NOT_FOUND);
    // `/timeline` alone offers the choice.
    let r = get(&l.state, "/timeline").await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains("<h1>Timelines</h1>"));
    assert!(r.body.contains("<option value=\"japan\">Japan</option>"));
}

#[tokio::test]
async fn the_axis_is_an_svg_whose_marks_zoom_in_and_a_link_zooms_out() {
    let l = lib();
    let r = get(&l.state, "/timeline/japan").await;
    let b = &r.body;
    let svg = element(b, "<svg class=\"axis\"", "</svg>");
    assert!(
        svg.contains("<title id=\"axis-title\">Dated statements per decade, 1850–1949</title>"),
        "{svg}"
    );
    // One mark per decade with entries, each with its count.
    assert_eq!(svg.matches("<rect class=\"bar\"").count(), 5, "{svg}");
    assert!(svg.contains("<title>1940s: 2 statements</title>"), "{svg}");
    assert!(svg.contains("<title>1850s: 1 statement</title>"), "{svg}");
    let zooms = hrefs(svg, "bucket");
    assert_eq!(zooms[0], "/timeline/japan?from=1850&to=1859");
    assert_eq!(zooms[2], "/timeline/japan?from=1900&to=1909");
    assert!(!b.contains("class=\"zoom\""), "nothing to zoom out of");
    // A decade: its years, and the way back out.
    let r = get(&l.state, &zooms[2]).await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains("<h1>Timeline of Japan, 1900–1909</h1>"));
    assert_eq!(whens(&r.body), ["1904–1905"]);
    let svg = element(&r.body, "<svg class=\"axis\"", "</svg>");
    assert!(
        svg.contains("Dated statements per year, 1900–1909"),
        "{svg}"
    );
    assert_eq!(hrefs(svg, "bucket"), ["/timeline/japan?from=1904&to=1904"]);
    let out = hrefs(&r.body, "zoom-out");
    assert_eq!(out, ["/timeline/japan?from=1900&to=1999"]);
    assert!(
        r.body
            .contains("<a href=\"/timeline/japan\">Whole timeline</a>")
    );
    // The form keeps the years; the downloads are the same timeline from the API.
    assert!(r.body.contains("name=\"from\" inputmode=\"numeric\" size=\"5\" maxlength=\"4\" placeholder=\"1900\" value=\"1900\""));
    assert!(r.body.contains("<a href=\"/api/timeline?country=japan&amp;from=1900&amp;to=1909&amp;limit=2000&amp;format=csv\" download=\"timeline-japan.csv\">CSV</a>"), "{}", r.body);
    for format in ["", "&format=csv", "&format=timelinejs"] {
        let api = get(
            &l.state,
            &format!("/api/timeline?country=japan&from=1900&to=1909&limit=2000{format}"),
        )
        .await;
        assert_eq!(api.status, StatusCode::OK, "{format}");
    }
    // A search timeline keeps its query in the zoom links and the form.
    let r = get(&l.state, "/timeline?q=war&from=1900&to=1999").await;
    assert!(
        hrefs(&r.body, "bucket")
            .iter()
            .all(|h| h.starts_with("/timeline?q=war&from=19")),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<input type=\"hidden\" name=\"q\" value=\"war\">")
    );
}

#[tokio::test]
async fn thousands_of_entries_page_by_a_hundred_under_a_bounded_axis() {
    let dir = tempfile::tempdir().unwrap();
    let state = many_dated(dir.path(), 210);
    let r = get(&state, "/timeline/japan").await;
    assert_page(&r, StatusCode::OK);
    assert_eq!(entry_count(&r), 100);
    assert!(
        r.body.contains("Entries 1–100 of 2,100"),
        "{:.3000}",
        r.body
    );
    let svg = element(&r.body, "<svg class=\"axis\"", "</svg>");
    let marks = svg.matches("<rect class=\"bar\"").count();
    assert!((5..=200).contains(&marks), "{marks} marks");
    assert!(
        svg.contains("Dated statements per century, 1000–2099"),
        "{svg}"
    );
    // Every century's count, from the years of the whole timeline.
    let counts: usize = svg
        .match_indices(": ")
        .filter_map(|(i, _)| {
            let rest = &svg[i + 2..];
            rest[..rest.find(' ')?]
                .replace(',', "")
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert_eq!(counts, 2100, "{svg}");
    assert!(
        r.body
            .contains("<a rel=\"next\" href=\"/timeline/japan?page=2\">Later →</a>")
    );
    assert!(r.body.contains("Page 1 of 21"));
    assert!(!r.body.contains("rel=\"prev\""));
    assert!(r.body.contains("(its first 2,000 entries)"));
    let r = get(&state, "/timeline/japan?page=2").await;
    assert_eq!(entry_count(&r), 100);
    assert!(r.body.contains("<ol class=\"timeline\" start=\"101\">"));
    assert!(
        r.body
            .contains("<a rel=\"prev\" href=\"/timeline/japan\">← Earlier</a>")
    );
    assert!(
        r.body
            .contains("<a rel=\"next\" href=\"/timeline/japan?page=3\">Later →</a>")
    );
    let r = get(&state, "/timeline/japan?page=21").await;
    assert_eq!(entry_count(&r), 100);
    assert!(!r.body.contains("rel=\"next\""));
    // Past the last page: said, with the way back.
    let r = get(&state, "/timeline/japan?page=40").await;
    assert_page(&r, StatusCode::OK);
    assert!(r.body.contains("No entries on this page"));
    assert!(r.body.contains("href=\"/timeline/japan?page=21\""));
    // Zooming into a century keeps the pages to its entries, and the years in the links.
    let century = hrefs(element(&r.body, "<svg class=\"axis\"", "</svg>"), "bucket")[3].clone();
    assert_eq!(century, "/timeline/japan?from=1300&to=1399");
    let r = get(&state, &century).await;
    let years: Vec<i32> = whens(&r.body).iter().map(|w| w.parse().unwrap()).collect();
    assert!(
        !years.is_empty() && years.iter().all(|y| (1300..=1399).contains(y)),
        "{years:?}"
    );
    assert!(years.windows(2).all(|w| w[0] <= w[1]));
    let svg = element(&r.body, "<svg class=\"axis\"", "</svg>");
    assert!(
        svg.contains("Dated statements per decade, 1300–1399"),
        "{svg}"
    );
}

#[tokio::test]
async fn sections_country_and_search_pages_link_to_timelines() {
    let l = lib();
    let entry = &l
        .state
        .library
        .timeline(&library::TimelineQuery {
            query: Some("envoys".into()),
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .entries[0];
    // The section: every paragraph has its anchor; the timeline of its country.
    let r = get(&l.state, &format!("/sections/{}", entry.section_id)).await;
    assert_page(&r, StatusCode::OK);
    assert!(
        r.body.contains("<p id=\"p1\">A quiet paragraph first.</p>"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("<p id=\"p2\">In 1871 the envoys wrote &lt;script&gt;")
    );
    assert!(
        r.body
            .contains("<a class=\"timeline-link\" href=\"/timeline/japan\">Timeline of Japan</a>")
    );
    // The country page.
    let r = get(&l.state, "/countries/japan").await;
    assert!(
        r.body
            .contains("<a href=\"/timeline/japan\">Timeline of Japan</a>"),
        "{}",
        r.body
    );
    // The search results, with the query and the country filter.
    let r = get(&l.state, "/search?q=envoys&country=japan").await;
    assert!(
        r.body.contains(
            "<a href=\"/timeline?q=envoys&amp;country=japan\">Timeline of these results</a>"
        ),
        "{}",
        r.body
    );
    let r = get(&l.state, "/search?q=nothing+matches+this").await;
    assert!(!r.body.contains("Timeline of these results"));
}

#[tokio::test]
async fn chapter_paragraph_anchors_are_unique_in_the_page() {
    let l = crate::library();
    let fb = crate::factbook_id(&l.state, "russia");
    let r = get(&l.state, &format!("/books/{fb}/chapters/Geography")).await;
    assert_page(&r, StatusCode::OK);
    let ids: Vec<&str> = r
        .body
        .match_indices(" id=\"")
        .map(|(i, m)| {
            let rest = &r.body[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.contains(&"location-p1"), "{ids:?}");
}

#[tokio::test]
async fn the_seed_pair_on_the_shared_library() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/timeline/soviet-union/japan").await;
    assert_page(&r, StatusCode::OK);
    let b = &r.body;
    assert!(b.contains("<h1>Soviet Union and Japan</h1>"));
    let first = position(b, "<li class=\"entry\">");
    assert!(
        b[first..].starts_with("<li class=\"entry\"><p class=\"when\">1904–1905</p>"),
        "{:.400}",
        &b[first..]
    );
    assert!(b.contains("Russo-Japanese War of <mark>1904-05</mark>"));
    assert!(b.contains("href=\"/sections/45960972b9752109#p1\""));
    let r = get(&state, "/timeline/japan").await;
    assert_page(&r, StatusCode::OK);
    let svg = element(&r.body, "<svg class=\"axis\"", "</svg>");
    assert!(svg.matches("<rect class=\"bar\"").count() <= 200);
}
