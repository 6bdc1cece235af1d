//! A book's table of contents (`/books/{id}`) and one section (`/sections/{id}`: each
//! paragraph under its anchor `#p1`, `#p2` …, where timeline entries link; the names in it
//! linked to their entity pages, then a map of its places and the names by kind, see
//! `section_names`; a Factbook field links to its history through the editions).

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};

use super::editions::{history_href, span};
use super::html_page;
use super::section_names::{inferred_note, names_in_section};
use crate::api::blocking;
use crate::html::{
    Crumb, Head, as_of_text, as_of_year, count, encode, excerpt, layout, section_text, years,
};
use crate::{AppError, AppState, Sources};

/// `GET /books/{id}`: the nested table of contents in book order, with data-as-of.
pub(crate) async fn book(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    // With how complete it is, when a fetch recorded its table of contents.
    let (book, completeness, printed) = blocking(&state, move |lib| {
        let book = lib.book(&id)?;
        let completeness = lib.completeness(&book.id)?;
        let printed = lib.printed_book(&book.id)?;
        Ok::<_, library::Error>((book, completeness, printed))
    })
    .await?
    .map_err(|e| AppError::from(e).html())?;
    let factbook = book.kind == "factbook";
    let n_sections = count_sections(&book.toc);
    // Factbook chapters (the top-level groups) open as one page each.
    let chapters_of = factbook.then(|| book.id.clone());
    let body = html! {
        p class="kicker" {
            @if book.kind == "factbook" { "World Factbook" } @else { "Country Study" }
        }
        h1 { (book.title) }
        @if let Some(as_of) = &book.data_as_of {
            p class="asof-line" { "Data as of " (as_of_text(as_of)) }
        }
        p class="lede" {
            @if !book.countries.is_empty() {
                @if book.countries.len() > 1 { "Countries: " } @else { "Country: " }
                @for (i, c) in book.countries.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href={ "/countries/" (encode(&c.id)) } { (c.title) }
                }
                " · "
            }
            (count(n_sections, "section", "sections"))
        }
        @if let Some(c) = &completeness {
            p class="completeness" {
                (c.present) " of " (c.expected) " sections of the table of contents"
                @if !c.missing.is_empty() {
                    "; missing: "
                    @for (i, m) in c.missing.iter().take(12).enumerate() {
                        @if i > 0 { ", " }
                        (m.title)
                    }
                    @if c.missing.len() > 12 { ", …" }
                }
            }
        }
        @if factbook {
            p class="hint" { "Each chapter heading opens the whole chapter as one page." }
        }
        @if let Some(p) = &printed {
            (super::printed::book_block(p))
        }
        h2 { "Table of Contents" }
        @if book.toc.is_empty() {
            p class="empty" { "No sections stored for this book." }
        } @else {
            (toc(&book.toc, book.data_as_of.as_deref(), chapters_of.as_deref()))
        }
    };
    let mut crumbs = vec![Crumb::link("/".into(), "Country Listing")];
    if let Some(c) = book.countries.first() {
        crumbs.push(Crumb::link(
            format!("/countries/{}", encode(&c.id)),
            &c.title,
        ));
    }
    crumbs.push(Crumb::here(&book.title));
    let kind = if factbook {
        "the World Factbook"
    } else {
        "the Country Studies"
    };
    let as_of = book
        .data_as_of
        .as_deref()
        .map(|a| format!(", data as of {}", as_of_text(a)))
        .unwrap_or_default();
    let description = format!(
        "Table of contents of {}, from {kind}: {}{as_of}.",
        book.title,
        count(n_sections, "section", "sections"),
    );
    let head = Head {
        title: &book.title,
        description: &description,
    };
    Ok(html_page(layout(head, &crumbs, "", body)))
}

/// Sections in a table of contents, at every depth.
fn count_sections(nodes: &[library::TocNode]) -> usize {
    nodes
        .iter()
        .map(|n| usize::from(n.section_id.is_some()) + count_sections(&n.children))
        .sum()
}

/// Where one chapter of a book reads as one page.
pub(crate) fn chapter_href(book_id: &str, heading: &str) -> String {
    format!("/books/{}/chapters/{}", encode(book_id), encode(heading))
}

/// A nested `<ol>`; an entry's as-of is shown only where it differs from the book's. With
/// `chapters_of` (a Factbook book's id), the top-level groups link to their chapter pages.
fn toc(nodes: &[library::TocNode], book_as_of: Option<&str>, chapters_of: Option<&str>) -> Markup {
    html! {
        ol class="toc" {
            @for n in nodes {
                li {
                    @if let Some(id) = &n.section_id {
                        a href={ "/sections/" (encode(id)) } { (n.title) }
                        @if let Some(as_of) = n.data_as_of.as_deref().filter(|a| Some(*a) != book_as_of) {
                            " " span class="asof" { (as_of_text(as_of)) }
                        }
                    } @else if let Some(book_id) = chapters_of {
                        a class="group" href=(chapter_href(book_id, &n.title)) { (n.title) }
                    } @else {
                        span class="group" { (n.title) }
                    }
                    @if !n.children.is_empty() {
                        (toc(&n.children, book_as_of, None))
                    }
                }
            }
        }
    }
}

/// `GET /sections/{id}`: breadcrumb, titles, paragraphs, `Data as of <Month Year>`, how old
/// that is beside the newest source on the country, previous/next, and provenance.
pub(crate) async fn section(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let sources = state.sources();
    let page = blocking(&state, move |lib| {
        let s = lib.section(&id)?;
        let mentions = lib.section_entities(&id)?;
        // A Factbook field whose name the editions know: its history (none is no error).
        let history = (s.kind == "factbook-field")
            .then(|| lib.field_history(&s.country, &s.display_title).ok())
            .flatten()
            .filter(|h| h.editions.len() > 1);
        let printed = lib.printed_pages(&id)?;
        Ok::<_, library::Error>(render_section(
            &s,
            &mentions,
            &sources,
            history.as_ref(),
            printed.as_ref(),
        ))
    })
    .await?
    .map_err(|e| AppError::from(e).html())?;
    Ok(html_page(page))
}

fn render_section(
    s: &library::SectionView,
    mentions: &[library::MentionView],
    sources: &Sources,
    history: Option<&library::History>,
    printed: Option<&library::PrintedPages>,
) -> Markup {
    let kicker = s
        .heading
        .as_deref()
        .filter(|h| Some(*h) != s.section_title.as_deref());
    // A Factbook field also reads inside its whole chapter.
    let chapter = s
        .heading
        .as_deref()
        .filter(|h| s.kind == "factbook-field" && !h.is_empty());
    let body = html! {
        article class="section" {
            @if let Some(h) = kicker {
                p class="kicker" { (h) }
            }
            h1 { (s.display_title) }
            p class="source" {
                "Book: " a href={ "/books/" (encode(&s.book_id)) } { (s.book) }
                " · Country: " a href={ "/countries/" (encode(&s.country_id)) } { (s.country) }
                " · " a class="timeline-link" href={ "/timeline/" (encode(&s.country_id)) } {
                    "Timeline of " (s.country)
                }
            }
            (inferred_note(s.country_inferred.as_ref(), &s.country_id, &s.country))
            (age_cue(s, sources))
            @if let Some(p) = printed {
                (super::printed::pages_line(p))
            }
            (section_text(&s.paragraphs, &s.fields, s.kind == "factbook-field", "p", mentions))
            @if let Some(h) = history {
                p class="other-editions" {
                    a href=(history_href(&h.country, &h.field)) { "This field in other editions" }
                    ": " (h.field) " of " (h.country) " in " (count(h.editions.len(), "World Factbook edition", "World Factbook editions"))
                    @if let (Some(a), Some(b)) = (h.editions.first(), h.editions.last()) {
                        ", " (span(a.edition, b.edition))
                    }
                    "."
                }
            }
            @if let Some(heading) = chapter {
                p class="whole-chapter" {
                    a href={ (chapter_href(&s.book_id, heading)) "#" (library::anchor(&s.display_title)) } {
                        "Read the whole chapter: " (heading)
                    }
                }
            }
        }
        (names_in_section(mentions))
        nav class="prevnext" aria-label="Sections" {
            @if let Some(p) = &s.prev {
                a class="prev" rel="prev" href={ "/sections/" (encode(&p.id)) } { "← " (p.title) }
            } @else {
                span class="prev" {}
            }
            a class="up" href={ "/books/" (encode(&s.book_id)) } { "Contents" }
            @if let Some(n) = &s.next {
                a class="next" rel="next" href={ "/sections/" (encode(&n.id)) } { (n.title) " →" }
            } @else {
                span class="next" {}
            }
        }
        (provenance(&s.provenance))
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::link(format!("/countries/{}", encode(&s.country_id)), &s.country),
        Crumb::link(format!("/books/{}", encode(&s.book_id)), &s.book),
        Crumb::here(&s.display_title),
    ];
    let lead = s
        .paragraphs
        .first()
        .cloned()
        .or_else(|| {
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.label, f.value))
                .collect();
            (!fields.is_empty()).then(|| fields.join("; "))
        })
        .unwrap_or_default();
    let as_of = s
        .data_as_of
        .as_deref()
        .map(|a| format!(", data as of {}", as_of_text(a)))
        .unwrap_or_default();
    let description = excerpt(
        &format!("{} ({}{as_of}). {lead}", s.display_title, s.book),
        155,
    );
    let head = Head {
        title: &s.display_title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}

/// How old this section's data is beside the newest source on the same country.
fn age_cue(s: &library::SectionView, sources: &Sources) -> Markup {
    let Some(as_of) = s.data_as_of.as_deref() else {
        return html! {
            p class="age unknown" { "The date of this section's data is not known." }
        };
    };
    let year = as_of_year(as_of);
    let newest = sources.newest_by_country.get(&s.country_id);
    let newest_year = newest.and_then(|n| as_of_year(&n.data_as_of));
    let older = match (year, newest, newest_year) {
        (Some(y), Some(n), Some(ny)) if ny > y => Some((y, n, ny)),
        _ => None,
    };
    // How much newer the newest data in the whole library is, when this is the newest
    // source on its country.
    let overall = sources.newest_overall.as_deref().and_then(as_of_year);
    let behind_overall = match (year, overall) {
        (Some(y), Some(o)) if o > y => Some((y, o)),
        _ => None,
    };
    html! {
        p class={ "age " @if older.is_some() { "old" } @else { "current" } } {
            strong { "Data as of " (as_of_text(as_of)) }
            @if let Some((y, n, ny)) = older {
                " — " (years(ny - y)) " older than the newest source on " (s.country)
                " in this library, " a href={ "/books/" (encode(&n.book_id)) } { (n.book_title) }
                " (data as of " (as_of_text(&n.data_as_of)) ")."
            } @else {
                " — the newest source on " (s.country) " in this library."
                @if let Some((y, o)) = behind_overall {
                    " The newest data in the library, from " (o) ", is " (years(o - y))
                    " more recent."
                }
            }
        }
    }
}

/// Every mirror the section was found on; only `http(s)` URLs become links.
fn provenance(copies: &[library::ProvenanceView]) -> Markup {
    if copies.is_empty() {
        return html! {};
    }
    let is_web = |url: &str| {
        let lower = url.to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://")
    };
    html! {
        section class="provenance" {
            h2 {
                "Found on " (copies.len()) " "
                @if copies.len() == 1 { "source" } @else { "sources" }
            }
            ul {
                @for p in copies {
                    li {
                        span class="mirror" { (p.mirror) }
                        @if let Some(url) = &p.url {
                            " "
                            @if is_web(url) {
                                a href=(url) rel="nofollow noopener noreferrer" { (url) }
                            } @else {
                                span class="url" { (url) }
                            }
                        }
                        @if let Some(path) = &p.path {
                            " " code { (path) }
                        }
                        @if let Some(seen) = &p.seen_at {
                            " " span class="seen" { "seen " (seen) }
                        }
                    }
                }
            }
        }
    }
}
