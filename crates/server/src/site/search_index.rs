//! The static site's search index: every section's words (title, heading, paragraphs,
//! fields), lowercased, accents folded and plurals cut ([`words`], the same rules as
//! `site-search.js`), with postings delta-encoded in base 36.
//!
//! Written as `static/site-index.js`: `window.AREABOOK_INDEX = {"docs": [[file, title,
//! country, book, data_as_of, lead], …], "terms": {"word": "delta,delta,…", …}}` where a
//! posting names the document's position in `docs` and title words are also indexed under
//! `"t:" + word`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use library::ExportSection;

/// The words of a text as the offline search matches them.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold(c);
        if c.is_alphanumeric() {
            cur.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            continue;
        } else if !cur.is_empty() {
            out.push(stem(std::mem::take(&mut cur)));
        }
    }
    if !cur.is_empty() {
        out.push(stem(cur));
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' => 's',
        'ž' => 'z',
        other => other,
    }
}

/// Plurals cut: `territories` → `territory`, `taxes` → `tax`, `ports` → `port`.
fn stem(mut w: String) -> String {
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 4
        && (w.ends_with("ses")
            || w.ends_with("xes")
            || w.ends_with("zes")
            || w.ends_with("ches")
            || w.ends_with("shes"))
    {
        w.truncate(w.len() - 2);
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(w.len() - 1);
    }
    w
}

/// Builds the index one section at a time.
#[derive(Default)]
pub(crate) struct Builder {
    docs: Vec<[String; 6]>,
    terms: HashMap<String, Vec<u32>>,
}

impl Builder {
    /// Add a section.
    pub fn add(&mut self, s: &ExportSection) {
        let n = self.docs.len() as u32;
        let lead: String = s
            .paragraphs
            .first()
            .map(|p| p.chars().take(200).collect())
            .unwrap_or_default();
        self.docs.push([
            super::file_for(&super::Target::Section(s.section_id.clone())),
            s.display_title.clone(),
            s.country.clone(),
            s.book.clone(),
            s.data_as_of.clone().unwrap_or_default(),
            lead,
        ]);
        let mut post = |w: String| {
            let list = self.terms.entry(w).or_default();
            if list.last() != Some(&n) {
                list.push(n);
            }
        };
        let title = format!(
            "{} {}",
            s.display_title,
            s.heading.as_deref().unwrap_or_default()
        );
        for w in words(&title) {
            post(format!("t:{w}"));
            post(w);
        }
        for p in &s.paragraphs {
            for w in words(p) {
                post(w);
            }
        }
        for f in &s.fields {
            for w in words(&f.label).into_iter().chain(words(&f.value)) {
                post(w);
            }
        }
        for w in words(&s.country).into_iter().chain(words(&s.book)) {
            post(w);
        }
    }

    /// Write `site-index.js`.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        out.write_all(b"window.AREABOOK_INDEX={\"docs\":[")?;
        for (i, d) in self.docs.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, d)?;
            out.write_all(b"\n")?;
        }
        out.write_all(b"],\"terms\":{")?;
        let mut terms: Vec<(&String, &Vec<u32>)> = self.terms.iter().collect();
        terms.sort();
        for (i, (t, list)) in terms.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, t)?;
            out.write_all(b":\"")?;
            let mut prev = 0u32;
            for (j, &d) in list.iter().enumerate() {
                if j > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(base36(d - prev).as_bytes())?;
                prev = d;
            }
            out.write_all(b"\"")?;
        }
        out.write_all(b"}};\n")?;
        out.flush()
    }
}

fn base36(mut n: u32) -> String {
    const D: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if n == 0 {
        return "0".into();
    }
    let mut s = Vec::new();
    while n > 0 {
        s.push(D[(n % 36) as usize]);
        n /= 36;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The reader's empty search page with its `<main>` replaced: a words-only form, what the
/// offline search does, its results list and its scripts.
pub(crate) fn search_page(html: &str) -> String {
    // The reader's form has filters (country, book, as-of years, paging) and a query syntax
    // the offline search does not read: the site's page offers only what it does.
    let main = "<main><h1>Search</h1>\
        <form class=\"search-full\" action=\"search.html\" method=\"get\" role=\"search\" aria-label=\"Search this copy\">\
        <p><label for=\"q\">Words</label> <input id=\"q\" type=\"search\" name=\"q\" value=\"\" maxlength=\"1000\"></p>\
        <p><button type=\"submit\">Search</button></p></form>\
        <p class=\"tips\">This copy is searched offline, in your browser: every word must match \
        (plurals and accents are folded), words in a title weigh more, and the first 100 sections are listed.</p>\
        <div id=\"site-results\" aria-live=\"polite\"></div>\
        <noscript><p>The offline search needs JavaScript; every page is reachable from the country listing.</p></noscript>\
        <script src=\"static/site-index.js\"></script><script src=\"static/site-search.js\"></script></main>";
    let mut html = html.to_owned();
    let description = "<meta name=\"description\" content=\"";
    if let Some(i) = html.find(description) {
        let from = i + description.len();
        if let Some(len) = html[from..].find('"') {
            html.replace_range(
                from..from + len,
                "Search every section of this copy of the library, offline.",
            );
        }
    }
    match (html.find("<main>"), html.find("</main>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}{}", &html[..a], main, &html[b + 7..]),
        _ => format!("{html}{main}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_cut_plurals() {
        assert_eq!(
            words("Côte d'Ivoire's Territories, taxes; PORTS 1905 glass"),
            [
                "cote",
                "divoire",
                "territory",
                "tax",
                "port",
                "1905",
                "glass"
            ]
        );
    }

    #[test]
    fn the_search_page_offers_only_what_the_offline_search_reads() {
        let reader = "<head><meta name=\"description\" content=\"by words, country, book\"></head>\
            <header><form action=\"search.html\"><input name=\"q\"></form></header>\
            <main><h1>Search</h1><form><select name=\"country\"></select><input name=\"as_of_from\">\
            </form><p class=\"tips\"><code>title:word</code></p></main><footer>f</footer>";
        let page = search_page(reader);
        for gone in [
            "name=\"country\"",
            "as_of_from",
            "title:word",
            "by words, country",
        ] {
            assert!(!page.contains(gone), "{gone}: {page}");
        }
        for kept in [
            "<header><form action=\"search.html\"><input name=\"q\"></form></header>",
            "id=\"site-results\"",
            "<script src=\"static/site-search.js\"></script></main><footer>f</footer>",
            "name=\"q\" value=\"\"",
        ] {
            assert!(page.contains(kept), "{kept}: {page}");
        }
    }

    #[test]
    fn postings_are_delta_encoded() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(71), "1z");
    }
}
