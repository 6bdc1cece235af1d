//! A book's table-of-contents page as links: what `fetch study` walks.
//!
//! Every mirror's TOC page is a list of links to section pages, nested by lists (`<ul>`, `<ol>`,
//! `<dl>`, `<blockquote>`) and broken by chapter titles that are not links (bold lines or
//! headings). [`read_toc`] returns them in page order: each link with its text, its `href` as
//! written (the caller resolves it against the page's URL) and its nesting depth; each chapter
//! title as an entry without `href`. Nothing is fetched or resolved here.

use crate::html::decode_entities;

/// One entry of a table of contents, in page order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocLink {
    /// The entry's text (entities decoded, whitespace collapsed).
    pub title: String,
    /// The link target as written; `None` for a chapter title that is not a link.
    pub href: Option<String>,
    /// List nesting depth (0 at the top).
    pub depth: u8,
}

/// Tags whose nesting is the TOC's nesting.
const NESTING: [&str; 4] = ["ul", "ol", "dl", "blockquote"];
/// Tags whose text, outside a link, is a chapter title.
const TITLE_TAGS: [&str; 6] = ["b", "strong", "h2", "h3", "h4", "dt"];

/// The links (and unlinked chapter titles) of a TOC page, in order.
///
/// ```
/// let html = r#"<ul><li><a href="1.htm">Foreword</a></li>
///   <li><b>Chapter 1. Kuwait</b><ul><li><a href="2.htm">Geography</a></li></ul></li></ul>"#;
/// let toc = pages::read_toc(html);
/// assert_eq!(toc[0].title, "Foreword");
/// assert_eq!(toc[1].href, None);
/// assert_eq!((toc[2].href.as_deref(), toc[2].depth), (Some("2.htm"), 2));
/// ```
pub fn read_toc(html: &str) -> Vec<TocLink> {
    let mut out = Vec::new();
    let mut depth: u8 = 0;
    let mut link: Option<(String, String)> = None; // (href, text so far)
    let mut title: Option<String> = None; // text of an open title tag
    let mut skip = false; // inside script/style
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(rest, &mut link, &mut title, skip);
            break;
        };
        push_text(&rest[..lt], &mut link, &mut title, skip);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("script" | "style", c) => skip = !c,
            (n, false) if NESTING.contains(&n) => depth = depth.saturating_add(1),
            (n, true) if NESTING.contains(&n) => depth = depth.saturating_sub(1),
            ("a", false) => {
                if let Some(href) = attribute(tag, "href") {
                    link = Some((decode_entities(&href), String::new()));
                }
            }
            ("a", true) => {
                if let Some((href, text)) = link.take() {
                    let text = collapse(&decode_entities(&text));
                    if !text.is_empty() && !href.starts_with('#') {
                        out.push(TocLink {
                            title: text,
                            href: Some(href),
                            depth,
                        });
                    }
                }
            }
            (n, false) if TITLE_TAGS.contains(&n) && link.is_none() => {
                title = Some(String::new());
            }
            (n, true) if TITLE_TAGS.contains(&n) => {
                if let Some(text) = title.take() {
                    let text = collapse(&decode_entities(&text));
                    if !text.is_empty() {
                        out.push(TocLink {
                            title: text,
                            href: None,
                            depth,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn push_text(
    text: &str,
    link: &mut Option<(String, String)>,
    title: &mut Option<String>,
    skip: bool,
) {
    if skip {
        return;
    }
    if let Some((_, t)) = link {
        t.push_str(text);
        t.push(' ');
    } else if let Some(t) = title {
        t.push_str(text);
        t.push(' ');
    }
}

/// An attribute's value in a start tag (`href="x"`, `href='x'`, `href=x`), case-insensitive.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - after.len() + 1;
        let value = tag[value_at..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_owned(),
            _ => value
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_owned(),
        });
    }
    None
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_titles_and_depth() {
        let html = "<html><script>var a='<a href=x>no</a>';</script><body>\
            <h2>Qatar Table of Contents</h2>\
            <A HREF='r?frd/cstdy:@field(DOCID+qa0001)'>Foreword</A>\
            <ul><li><b>Chapter 1.&nbsp;Qatar</b>\
            <ul><li><a href=\"r?frd/cstdy:@field(DOCID+qa0002)\">Early   History</a>\
            <li><a href=#top>top</a><li><a href=\"x.htm\"><img src=i.gif></a></ul></ul>\
            <!-- <a href=\"c.htm\">commented</a> --></body>";
        let toc = read_toc(html);
        let got: Vec<(String, Option<String>, u8)> = toc
            .into_iter()
            .map(|t| (t.title, t.href, t.depth))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Qatar Table of Contents".into(), None, 0),
                (
                    "Foreword".into(),
                    Some("r?frd/cstdy:@field(DOCID+qa0001)".into()),
                    0
                ),
                ("Chapter 1. Qatar".into(), None, 1),
                (
                    "Early History".into(),
                    Some("r?frd/cstdy:@field(DOCID+qa0002)".into()),
                    2
                ),
            ]
        );
    }

    #[test]
    fn attributes() {
        assert_eq!(
            attribute("a class=x href=\"1.htm\"", "href").as_deref(),
            Some("1.htm")
        );
        assert_eq!(
            attribute("a data-href=2 href=3.htm", "href").as_deref(),
            Some("3.htm")
        );
        assert_eq!(attribute("a name=x", "href"), None);
    }
}
