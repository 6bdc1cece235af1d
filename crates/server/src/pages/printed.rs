//! The printed book behind a Country Study, when it was rebuilt from its Library of Congress
//! full text: on the book page its catalogue facts (edition, LCCN, research-completed date,
//! rights), how complete each source is, and the printed outline with page numbers; on a
//! section page its printed pages and a link to that page of the scan.

use maud::{Markup, html};

use crate::html::{as_of_text, count, encode};

/// A link when `target` is a web address, else the text alone (a local scan's file name).
fn link_or_text(target: &str, text: &str) -> Markup {
    html! {
        @if target.starts_with("https://") || target.starts_with("http://") {
            a href=(target) { (text) }
        } @else {
            (text)
        }
    }
}

/// The book page's "printed book" block.
pub(crate) fn book_block(p: &library::PrintedBookView) -> Markup {
    html! {
        section class="printed" aria-labelledby="printed-h" {
            h2 id="printed-h" { "The printed book" }
            p class="printed-facts" {
                @if let Some(t) = &p.title { strong { (t) } }
                @if !p.editors.is_empty() { ", edited by " (p.editors.join(", ")) }
                @if let Some(e) = &p.edition { ". " (e) }
                @if let Some(s) = &p.series { ". Area Handbook Series, " (s) }
                "."
            }
            p class="printed-facts" {
                @if let Some(l) = &p.lccn {
                    "LCCN "
                    @match &p.item_url {
                        Some(u) => (link_or_text(u, l)),
                        None => (l),
                    }
                    " · "
                }
                @if let Some(r) = &p.research_completed {
                    "Research completed " strong { (as_of_text(r)) }
                }
                @if let Some(pdf) = &p.pdf_url {
                    " · " (link_or_text(pdf, "the printed book (PDF)"))
                }
            }
            @if let Some(r) = &p.rights { p class="rights" { "Rights: " (r) } }
            @if let Some(s) = &p.research_statement {
                p class="research" { "“" (s) "”" }
            }
            p class="completeness per-source" {
                "Printed book (Library of Congress full text): " (count(p.sections, "section", "sections"))
                ". Web copies found for " (p.with_web_copy) " of " (p.sections) " sections."
            }
            details class="printed-outline" {
                summary { "The printed Contents, with page numbers" }
                (outline(&p.outline, 1))
            }
        }
    }
}

/// The printed outline as nested lists, from a flat list with levels.
fn outline(entries: &[library::PrintedEntry], level: u8) -> Markup {
    // Each entry at `level` takes the deeper entries after it as its children.
    let mut items: Vec<(&library::PrintedEntry, &[library::PrintedEntry])> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let e = &entries[i];
        let mut j = i + 1;
        while j < entries.len() && entries[j].level > e.level.max(level) {
            j += 1;
        }
        items.push((e, &entries[i + 1..j]));
        i = j;
    }
    html! {
        ol class="toc printed" {
            @for (e, children) in items {
                li {
                    @match &e.section_id {
                        Some(id) => a href={ "/sections/" (encode(id)) } { (e.title) },
                        None => span { (e.title) },
                    }
                    @if let (Some(a), Some(b)) = (&e.first_page, &e.last_page) {
                        " " span class="pages" {
                            @if a == b { "p. " (a) } @else { "pp. " (a) "–" (b) }
                        }
                    }
                    @if e.web_copy { " · " em class="web-copy" { "web copy too" } }
                    @if !children.is_empty() {
                        (outline(children, e.level + 1))
                    }
                }
            }
        }
    }
}

/// The section page's line: printed pages and the scan opened at the first of them.
pub(crate) fn pages_line(p: &library::PrintedPages) -> Markup {
    let book = p.title.as_deref().unwrap_or("the printed book");
    html! {
        p class="printed-pages" {
            @if p.first_page == p.last_page {
                "Printed page " (p.first_page)
            } @else {
                "Printed pages " (p.first_page) "–" (p.last_page)
            }
            " of " (book)
            @if let Some(l) = &p.lccn { " (LCCN " (l) ")" }
            @if let Some(link) = &p.pdf_link {
                @if link.starts_with("https://") || link.starts_with("http://") {
                    " · " a href=(link) { "open page " (p.first_page) " of the scan" }
                } @else if let Some((file, page)) = link.split_once("#page=") {
                    " · in the scan " (file) ", PDF page " (page)
                }
            }
            "."
        }
    }
}
