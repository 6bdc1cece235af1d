//! A book's table of contents (`/books/{id}`) and one section (`/sections/{id}`).

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::response::Response;

use super::html_page;
use crate::api::blocking;
use crate::html::{Crumb, as_of_text, as_of_year, encode, escape, layout, years};
use crate::{AppError, AppState, Sources};

/// `GET /books/{id}`: the nested table of contents in book order, with data-as-of.
pub(crate) async fn book(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let book = blocking(&state, move |lib| lib.book(&id))
        .await?
        .map_err(|e| AppError::from(e).html())?;
    let mut body = String::with_capacity(8192);
    let kind = if book.kind == "factbook" {
        "World Factbook"
    } else {
        "Country Study"
    };
    let _ = write!(
        body,
        "<p class=\"kicker\">{kind}</p>\n<h1>{}</h1>\n",
        escape(&book.title)
    );
    if let Some(as_of) = &book.data_as_of {
        let _ = writeln!(
            body,
            "<p class=\"asof-line\">Data as of {}</p>",
            escape(&as_of_text(as_of))
        );
    }
    if !book.countries.is_empty() {
        body.push_str(if book.countries.len() > 1 {
            "<p class=\"lede\">Countries: "
        } else {
            "<p class=\"lede\">Country: "
        });
        for (i, c) in book.countries.iter().enumerate() {
            if i > 0 {
                body.push_str(", ");
            }
            let _ = write!(
                body,
                "<a href=\"/countries/{}\">{}</a>",
                encode(&c.id),
                escape(&c.title)
            );
        }
        body.push_str("</p>\n");
    }
    body.push_str("<h2>Table of Contents</h2>\n");
    if book.toc.is_empty() {
        body.push_str("<p class=\"empty\">No sections stored for this book.</p>\n");
    } else {
        toc(&mut body, &book.toc, book.data_as_of.as_deref());
    }
    let mut crumbs = vec![Crumb::link("/".into(), "Country Listing")];
    if let Some(c) = book.countries.first() {
        crumbs.push(Crumb::link(
            format!("/countries/{}", encode(&c.id)),
            &c.title,
        ));
    }
    crumbs.push(Crumb::here(&book.title));
    Ok(html_page(layout(&book.title, &crumbs, "", &body)))
}

/// A nested `<ol>`; an entry's as-of is shown only where it differs from the book's.
fn toc(out: &mut String, nodes: &[library::TocNode], book_as_of: Option<&str>) {
    out.push_str("<ol class=\"toc\">\n");
    for n in nodes {
        out.push_str("<li>");
        match &n.section_id {
            Some(id) => {
                let _ = write!(
                    out,
                    "<a href=\"/sections/{}\">{}</a>",
                    encode(id),
                    escape(&n.title)
                );
                if let Some(as_of) = n.data_as_of.as_deref().filter(|a| Some(*a) != book_as_of) {
                    let _ = write!(
                        out,
                        " <span class=\"asof\">{}</span>",
                        escape(&as_of_text(as_of))
                    );
                }
            }
            None => {
                let _ = write!(out, "<span class=\"group\">{}</span>", escape(&n.title));
            }
        }
        if !n.children.is_empty() {
            toc(out, &n.children, book_as_of);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// `GET /sections/{id}`: breadcrumb, titles, paragraphs, `Data as of <Month Year>`, how old
/// that is beside the newest source on the country, previous/next, and provenance.
pub(crate) async fn section(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let sources = state.sources();
    let page = blocking(&state, move |lib| {
        lib.section(&id).map(|s| render_section(&s, &sources))
    })
    .await?
    .map_err(|e| AppError::from(e).html())?;
    Ok(html_page(page))
}

fn render_section(s: &library::SectionView, sources: &Sources) -> String {
    let mut body =
        String::with_capacity(4096 + s.paragraphs.iter().map(String::len).sum::<usize>());
    body.push_str("<article class=\"section\">\n");
    if let Some(h) = s
        .heading
        .as_deref()
        .filter(|h| Some(*h) != s.section_title.as_deref())
    {
        let _ = writeln!(body, "<p class=\"kicker\">{}</p>", escape(h));
    }
    let _ = writeln!(body, "<h1>{}</h1>", escape(&s.display_title));
    let _ = writeln!(
        body,
        "<p class=\"source\">Book: <a href=\"/books/{}\">{}</a> · Country: <a href=\"/countries/{}\">{}</a></p>",
        encode(&s.book_id),
        escape(&s.book),
        encode(&s.country_id),
        escape(&s.country)
    );
    age_cue(&mut body, s, sources);
    for p in &s.paragraphs {
        let _ = writeln!(body, "<p>{}</p>", escape(p));
    }
    if !s.fields.is_empty() {
        body.push_str("<dl class=\"fields\">\n");
        for f in &s.fields {
            let _ = writeln!(
                body,
                "<dt>{}</dt><dd>{}</dd>",
                escape(&f.label),
                escape(&f.value)
            );
        }
        body.push_str("</dl>\n");
    }
    if let Some(as_of) = &s.data_as_of {
        // As the original footer prints it.
        let _ = writeln!(
            body,
            "<p class=\"asof-line footer\">Data as of {}</p>",
            escape(&as_of_text(as_of))
        );
    }
    body.push_str("</article>\n<nav class=\"prevnext\" aria-label=\"Sections\">\n");
    match &s.prev {
        Some(p) => {
            let _ = writeln!(
                body,
                "<a class=\"prev\" rel=\"prev\" href=\"/sections/{}\">← {}</a>",
                encode(&p.id),
                escape(&p.title)
            );
        }
        None => body.push_str("<span class=\"prev\"></span>\n"),
    }
    let _ = writeln!(
        body,
        "<a class=\"up\" href=\"/books/{}\">Contents</a>",
        encode(&s.book_id)
    );
    match &s.next {
        Some(n) => {
            let _ = writeln!(
                body,
                "<a class=\"next\" rel=\"next\" href=\"/sections/{}\">{} →</a>",
                encode(&n.id),
                escape(&n.title)
            );
        }
        None => body.push_str("<span class=\"next\"></span>\n"),
    }
    body.push_str("</nav>\n");
    provenance(&mut body, &s.provenance);
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::link(format!("/countries/{}", encode(&s.country_id)), &s.country),
        Crumb::link(format!("/books/{}", encode(&s.book_id)), &s.book),
        Crumb::here(&s.display_title),
    ];
    layout(&s.display_title, &crumbs, "", &body)
}

/// How old this section's data is beside the newest source on the same country.
fn age_cue(out: &mut String, s: &library::SectionView, sources: &Sources) {
    let Some(as_of) = s.data_as_of.as_deref() else {
        out.push_str(
            "<p class=\"age unknown\">The date of this section's data is not known.</p>\n",
        );
        return;
    };
    let year = as_of_year(as_of);
    let newest = sources.newest_by_country.get(&s.country_id);
    let newest_year = newest.and_then(|n| as_of_year(&n.data_as_of));
    let _ = write!(
        out,
        "<p class=\"age{}\"><strong>Data as of {}</strong>",
        match (year, newest_year) {
            (Some(y), Some(n)) if n > y => " old",
            _ => " current",
        },
        escape(&as_of_text(as_of))
    );
    match (year, newest, newest_year) {
        (Some(y), Some(n), Some(ny)) if ny > y => {
            let _ = write!(
                out,
                " — {} older than the newest source on {} in this library, <a href=\"/books/{}\">{}</a> (data as of {}).",
                years(ny - y),
                escape(&s.country),
                encode(&n.book_id),
                escape(&n.book_title),
                escape(&as_of_text(&n.data_as_of))
            );
        }
        _ => {
            let _ = write!(
                out,
                " — the newest source on {} in this library.",
                escape(&s.country)
            );
            let overall = sources.newest_overall.as_deref().and_then(as_of_year);
            if let (Some(y), Some(o)) = (year, overall)
                && o > y
            {
                let _ = write!(
                    out,
                    " The newest data in the library, from {o}, is {} more recent.",
                    years(o - y)
                );
            }
        }
    }
    out.push_str("</p>\n");
}

/// Every mirror the section was found on; only `http(s)` URLs become links.
fn provenance(out: &mut String, copies: &[library::ProvenanceView]) {
    if copies.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"provenance\">\n<h2>Found on {} {}</h2>\n<ul>\n",
        copies.len(),
        if copies.len() == 1 {
            "source"
        } else {
            "sources"
        }
    );
    for p in copies {
        let _ = write!(
            out,
            "<li><span class=\"mirror\">{}</span>",
            escape(&p.mirror)
        );
        if let Some(url) = &p.url {
            let lower = url.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                let _ = write!(
                    out,
                    " <a href=\"{0}\" rel=\"nofollow noopener noreferrer\">{0}</a>",
                    escape(url)
                );
            } else {
                let _ = write!(out, " <span class=\"url\">{}</span>", escape(url));
            }
        }
        if let Some(path) = &p.path {
            let _ = write!(out, " <code>{}</code>", escape(path));
        }
        if let Some(seen) = &p.seen_at {
            let _ = write!(out, " <span class=\"seen\">seen {}</span>", escape(seen));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}
