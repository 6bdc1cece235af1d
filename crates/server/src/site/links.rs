//! Which reader pages the static site holds, the file each is written to, and the rewriting
//! of a rendered page's links into relative ones.

use super::Allowed;

/// A page (or asset) of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `/`: the country listing.
    Index,
    /// `/countries/{id}`.
    Country(String),
    /// `/books/{id}`.
    Book(String),
    /// `/books/{id}/chapters/{heading}` (the heading as it appears in the path, encoded).
    Chapter(String, String),
    /// `/sections/{id}`.
    Section(String),
    /// `/entities/{id}`.
    Entity(String),
    /// `/timeline/{country}`.
    Timeline(String),
    /// `/search`: the offline search page.
    Search,
    /// `/static/{file}`: the reader's stylesheet and script.
    Static(String),
}

/// Percent-decode a path segment (invalid escapes are kept as they are).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The site page a reader path (no query, no fragment) is, when the site holds it.
pub(crate) fn target(path: &str, allowed: &Allowed) -> Option<Target> {
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let t = match segs.as_slice() {
        [""] => Target::Index,
        ["search"] => Target::Search,
        ["static", f @ ("style.css" | "search.js")] => Target::Static((*f).to_owned()),
        ["countries", id] => Target::Country(decode(id)),
        ["books", id] => Target::Book(decode(id)),
        ["books", id, "chapters", h] if !h.is_empty() => {
            Target::Chapter(decode(id), (*h).to_owned())
        }
        ["sections", id] => Target::Section(decode(id)),
        ["entities", id] if !id.is_empty() => Target::Entity(decode(id)),
        ["timeline", c] if !c.is_empty() => Target::Timeline(decode(c)),
        _ => return None,
    };
    let ok = match &t {
        Target::Country(c) | Target::Timeline(c) => allowed.countries.contains(c),
        Target::Book(b) | Target::Chapter(b, _) => allowed.books.contains(b),
        Target::Section(s) => allowed.sections.contains(s),
        _ => true,
    };
    ok.then_some(t)
}

/// A name safe in any file system and in a relative URL: the id itself when it is made of
/// `[A-Za-z0-9_-]`, else those characters kept and a hash of the whole added (so two ids
/// never share a file).
fn safe(id: &str) -> String {
    if !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return id.to_owned();
    }
    let kept: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    // FNV-1a, 64 bits: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{kept}-{h:016x}")
}

/// The file (relative to the site's root, `/`-separated) a page is written to.
pub fn file_for(t: &Target) -> String {
    match t {
        Target::Index => "index.html".into(),
        Target::Search => "search.html".into(),
        Target::Static(f) => format!("static/{f}"),
        Target::Country(id) => format!("countries/{}.html", safe(id)),
        Target::Book(id) => format!("books/{}.html", safe(id)),
        Target::Chapter(b, h) => format!("books/{}/chapters/{}.html", safe(b), safe(&decode(h))),
        Target::Section(id) => format!("sections/{}.html", safe(id)),
        Target::Entity(id) => format!("entities/{}.html", safe(id)),
        Target::Timeline(c) => format!("timeline/{}.html", safe(c)),
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What a link becomes.
enum Link {
    /// Keep as it is (a fragment, an external or `data:` URL).
    Keep,
    /// Point at this relative URL; queue this reader path when it is a page.
    To(String, Option<String>),
    /// Drop the attribute: the site does not hold that page.
    Drop,
}

fn resolve(value: &str, from: &Target, allowed: &Allowed) -> Link {
    if !value.starts_with('/') || value.starts_with("//") {
        return Link::Keep;
    }
    let (rest, fragment) = match value.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (value, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let Some(t) = target(path, allowed) else {
        return Link::Drop;
    };
    // Paged and filtered views are not in the site; the search page reads its query itself.
    let query = match (&t, query) {
        (Target::Search, q) => q,
        (_, Some(q)) if !q.is_empty() => return Link::Drop,
        _ => None,
    };
    let depth = file_for(from).matches('/').count();
    let mut url = "../".repeat(depth);
    url.push_str(&file_for(&t));
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    let queue = (!matches!(t, Target::Search)).then(|| path.to_owned());
    Link::To(url, queue)
}

/// Rewrite every `href`, `src` and `action` of a rendered page; returns the page and the
/// reader paths it links to that the site holds.
pub(crate) fn rewrite(html: &str, from: &Target, allowed: &Allowed) -> (String, Vec<String>) {
    const ATTRS: [&str; 3] = [" href=\"", " src=\"", " action=\""];
    let mut out = String::with_capacity(html.len());
    let mut found = Vec::new();
    // Where each attribute next occurs, searched again only once the rewrite has passed it:
    // one pass over the page (searching all three from every link was quadratic in the
    // number of links, the site export's hottest spot on the 100 MB library).
    let mut next: [Option<usize>; 3] = [None; 3];
    let mut searched = [false; 3];
    let mut pos = 0;
    loop {
        for (k, attr) in ATTRS.iter().enumerate() {
            if !searched[k] || next[k].is_some_and(|i| i < pos) {
                next[k] = html[pos..].find(attr).map(|i| pos + i);
                searched[k] = true;
            }
        }
        let Some((i, attr)) = (0..3).filter_map(|k| next[k].map(|i| (i, ATTRS[k]))).min() else {
            out.push_str(&html[pos..]);
            break;
        };
        let start = i + attr.len();
        let Some(len) = html[start..].find('"') else {
            out.push_str(&html[pos..]);
            break;
        };
        let value = unescape(&html[start..start + len]);
        out.push_str(&html[pos..i]);
        match resolve(&value, from, allowed) {
            Link::Keep => out.push_str(&html[i..start + len + 1]),
            Link::To(url, queue) => {
                out.push_str(attr);
                out.push_str(&escape(&url));
                out.push('"');
                found.extend(queue);
            }
            Link::Drop => {}
        }
        pos = start + len + 1;
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Allowed {
        let mut a = Allowed::default();
        a.sections.insert("00ab".into());
        a.books.insert("japan".into());
        a.countries.insert("japan".into());
        a
    }

    #[test]
    fn links_become_relative_or_are_dropped() {
        let from = Target::Section("00ab".into());
        let html = r#"<a href="/">home</a><a href="/sections/00ab#p2">x</a><a href="/sections/ffff">out</a><a href="/api/sections/00ab">api</a><link href="/static/style.css"><form action="/search"><a href="/search?q=a&amp;b=c">s</a><a href="/entities/geonames%3A1">e</a><a href="https://example.org/">ext</a><a href="/entities/x?page=2">p</a>"#;
        let (out, found) = rewrite(html, &from, &allowed());
        assert_eq!(
            out,
            r#"<a href="../index.html">home</a><a href="../sections/00ab.html#p2">x</a><a>out</a><a>api</a><link href="../static/style.css"><form action="../search.html"><a href="../search.html?q=a&amp;b=c">s</a><a href="../entities/geonames_1-"#
                .to_owned()
                + &format!("{:016x}", {
                    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                    for b in "geonames:1".bytes() {
                        h ^= u64::from(b);
                        h = h.wrapping_mul(0x0100_0000_01b3);
                    }
                    h
                })
                + r#".html">e</a><a href="https://example.org/">ext</a><a>p</a>"#
        );
        assert_eq!(
            found,
            [
                "/",
                "/sections/00ab",
                "/static/style.css",
                "/entities/geonames%3A1"
            ]
        );
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        assert_eq!(
            file_for(&Target::Section("00ab".into())),
            "sections/00ab.html"
        );
        let a = file_for(&Target::Entity("a:b".into()));
        let b = file_for(&Target::Entity("a/b".into()));
        assert_ne!(a, b);
        assert!(!a.contains(':') && !b[9..].contains('/'));
        assert_eq!(
            file_for(&Target::Chapter(
                "japan".into(),
                "People%20and%20Society".into()
            )),
            format!("books/japan/chapters/{}.html", safe("People and Society"))
        );
    }
}
