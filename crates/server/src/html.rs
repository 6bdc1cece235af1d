//! HTML building blocks: escaping, URL encoding, the shared page layout and the "as of"
//! wording. Pages are plain functions that write `String`s; there is no template engine.
//!
//! **Invariant**: text from the library or the request reaches HTML only through
//! [`escape`] (or [`snippet`], which admits the index's `<mark>` and nothing else).

use std::fmt::Write;

/// Escape text for HTML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    library::escape_html(s)
}

/// Percent-encode `s` for a URL path segment or query value (RFC 3986 unreserved kept).
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A search snippet from the library: already escaped, with matches in `<mark>`. Anything
/// else that looks like markup means the snippet is not what we expect, so it is escaped
/// whole rather than trusted.
pub(crate) fn snippet(s: &str) -> String {
    let rest = s.replace("<mark>", "").replace("</mark>", "");
    // Quotes are harmless in element content; only tags could do anything.
    if rest.contains('<') || rest.contains('>') {
        escape(s)
    } else {
        s.to_owned()
    }
}

/// `1989-05` → `May 1989` (the wording the original footers use).
pub(crate) fn as_of_text(as_of: &str) -> String {
    library::format_as_of(as_of)
}

/// The year of a data-as-of value (`1989-05` → 1989).
pub(crate) fn as_of_year(as_of: &str) -> Option<i32> {
    as_of.get(..4)?.parse().ok()
}

/// `1 year`, `36 years`.
pub(crate) fn years(n: i32) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

/// One step of the breadcrumb: a link, or the current page when `href` is `None`.
pub(crate) struct Crumb {
    /// Where it leads (already a safe URL path).
    pub href: Option<String>,
    /// What it says (unescaped).
    pub label: String,
}

impl Crumb {
    /// A linked step.
    pub fn link(href: String, label: &str) -> Crumb {
        Crumb {
            href: Some(href),
            label: label.to_owned(),
        }
    }
    /// The current page.
    pub fn here(label: &str) -> Crumb {
        Crumb {
            href: None,
            label: label.to_owned(),
        }
    }
}

/// A whole page: `<head>`, the site header with its search box, the breadcrumb, `body`
/// (already HTML), and the footer.
pub(crate) fn layout(title: &str, crumbs: &[Crumb], query: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title} · areabook</title>
<link rel="stylesheet" href="/static/style.css">
<script src="/static/search.js" defer></script>
</head>
<body>
<header class="site">
<a class="brand" href="/">areabook</a>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="{query}" placeholder="Search the library" aria-label="Search the library" maxlength="{max}">
<button type="submit">Search</button>
</form>
</header>
"#,
        title = escape(title),
        query = escape(query),
        max = library::MAX_QUERY_LEN,
    );
    if !crumbs.is_empty() {
        out.push_str("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol>");
        for c in crumbs {
            match &c.href {
                Some(href) => {
                    let _ = write!(
                        out,
                        "<li><a href=\"{}\">{}</a></li>",
                        escape(href),
                        escape(&c.label)
                    );
                }
                None => {
                    let _ = write!(out, "<li aria-current=\"page\">{}</li>", escape(&c.label));
                }
            }
        }
        out.push_str("</ol></nav>\n");
    }
    out.push_str("<main>\n");
    out.push_str(body);
    out.push_str(
        "\n</main>\n<footer class=\"site\"><p>Texts from the Library of Congress <em>Country Studies</em> (1986–1998) and the CIA <em>World Factbook</em>. Each section shows the date its data was current.</p></footer>\n</body>\n</html>\n",
    );
    out
}

/// An error page: the title, the message and the ways on.
pub(crate) fn error_page(title: &str, message: &str) -> String {
    let body = format!(
        "<h1>{}</h1>\n<p class=\"error\">{}</p>\n<p><a href=\"/\">Back to the country listing</a> or search the library above.</p>",
        escape(title),
        escape(message)
    );
    layout(
        title,
        &[Crumb::link("/".into(), "Country Listing")],
        "",
        &body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(
            encode("Côte d'Ivoire&x=1"),
            "C%C3%B4te%20d%27Ivoire%26x%3D1"
        );
        assert_eq!(encode("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn snippet_admits_only_mark() {
        assert_eq!(snippet("a <mark>b</mark> &amp;"), "a <mark>b</mark> &amp;");
        assert_eq!(snippet("\"q\" <mark>b</mark>"), "\"q\" <mark>b</mark>");
        assert_eq!(
            snippet("<mark>x</mark><script>"),
            "&lt;mark&gt;x&lt;/mark&gt;&lt;script&gt;"
        );
    }

    #[test]
    fn layout_escapes_title_and_query() {
        let page = layout("<t>", &[Crumb::here("<c>")], "\"><script>", "<p>ok</p>");
        assert!(page.contains("&lt;t&gt; · areabook"));
        assert!(page.contains("value=\"&quot;&gt;&lt;script&gt;\""));
        assert!(page.contains("&lt;c&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("<p>ok</p>"));
    }

    #[test]
    fn as_of_helpers() {
        assert_eq!(as_of_text("1989-05"), "May 1989");
        assert_eq!(as_of_year("1989-05"), Some(1989));
        assert_eq!(as_of_year("x"), None);
        assert_eq!(years(1), "1 year");
        assert_eq!(years(36), "36 years");
    }
}
