//! URL → (mirror, country slug, page sequence, title slug), for every mirror in `page-layouts.md`.
//!
//! The URL is the most reliable witness of where a page sits: countrystudies.us `/<n>.htm`,
//! allrefer `<slug><n>.html` and country-data `r-<N>` all number pages in book order.

use crate::types::Mirror;

/// What a page URL says about the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlInfo {
    /// The mirror the host belongs to ([`Mirror::Unknown`] for other hosts).
    pub mirror: Mirror,
    /// The country slug in the path (`south-africa`, `Mauritania`, `soviet-union`).
    pub slug: Option<String>,
    /// The page's sequence number in its book (`9.htm` → 9, `r-7046` → 7046, `iq0023` → 23).
    pub sequence: Option<u64>,
    /// A section-title slug (`the_electoral_system`, `the-soviet-decision-to-withdraw,-1986-88`).
    pub title_slug: Option<String>,
    /// The LoC 2-letter book code (`iq` from `DOCID+iq0023` or `iqtoc.html`).
    pub loc_code: Option<String>,
    /// The URL is a book's table of contents, not a section page.
    pub is_toc: bool,
}

/// Parse a page URL. Never fails: unknown URLs give [`Mirror::Unknown`] and no slug.
pub fn parse_url(url: &str) -> UrlInfo {
    let mut info = UrlInfo {
        mirror: Mirror::Unknown,
        slug: None,
        sequence: None,
        title_slug: None,
        loc_code: None,
        is_toc: false,
    };
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = percent_decode(path);
    let path = path.split('#').next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let last = segs.last().copied().unwrap_or("");
    match host {
        "country-data.com" => {
            info.mirror = Mirror::CountryData;
            info.sequence = last
                .strip_prefix("r-")
                .and_then(|r| r.split('.').next())
                .and_then(|n| n.parse().ok());
        }
        "lcweb2.loc.gov" | "loc.gov" | "lcweb.loc.gov" | "memory.loc.gov" => {
            info.mirror = Mirror::Loc;
            if let Some(i) = path.find("DOCID+") {
                let id: String = path[i + 6..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                let letters: String = id.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if letters.len() == 2 {
                    info.loc_code = Some(letters.to_ascii_lowercase());
                    info.sequence = id[2..].parse().ok();
                }
            } else if let Some(code) = last.strip_suffix("toc.html").filter(|c| c.len() == 2) {
                info.loc_code = Some(code.to_ascii_lowercase());
                info.is_toc = true;
            }
        }
        "countrystudies.us" => {
            info.mirror = Mirror::CountryStudiesUs;
            info.slug = segs.first().map(|s| s.to_string());
            if segs.len() >= 2 {
                info.sequence = strip_ext(last).parse().ok();
            } else {
                info.is_toc = true;
            }
        }
        "reference.allrefer.com" | "allrefer.com" => {
            info.mirror = Mirror::Allrefer;
            // /country-guide-study/<slug>/<slug><n>.html
            let slug = segs
                .iter()
                .skip_while(|s| **s != "country-guide-study")
                .nth(1);
            if let Some(slug) = slug {
                info.slug = Some(slug.to_string());
                let stem = strip_ext(last);
                if let Some(n) = stem.strip_prefix(*slug) {
                    info.sequence = n.parse().ok();
                    info.is_toc = n.is_empty() || n == "index";
                }
            }
        }
        "mongabay.com" => {
            info.mirror = Mirror::Mongabay;
            if segs.first() == Some(&"history") && segs.len() >= 3 {
                let country = segs[1];
                info.slug = Some(country.to_string());
                let stem = strip_ext(last);
                if let Some(t) = stem.strip_prefix(country) {
                    if let Some(n) = t.strip_prefix('_').and_then(|n| n.parse().ok()) {
                        info.sequence = Some(n);
                    } else if let Some(t) = t.strip_prefix('-').filter(|t| !t.is_empty()) {
                        info.title_slug = Some(t.to_string());
                    }
                }
            }
        }
        h if h.ends_with(".tripod.com") && h.starts_with("countries") => {
            info.mirror = Mirror::Tripod;
            let stem = strip_ext(last);
            if let Some(body) = stem.strip_prefix('c') {
                let name = body.trim_end_matches(|c: char| c.is_ascii_digit());
                info.slug = Some(name.to_string()).filter(|s| !s.is_empty());
                info.sequence = body[name.len()..].parse().ok();
            }
        }
        "country-studies.com" => {
            info.mirror = Mirror::CountryStudiesCom;
            info.slug = segs.first().map(|s| s.to_string());
            if segs.len() >= 2 {
                let stem = strip_ext(last);
                info.title_slug = Some(stem.to_string()).filter(|s| !s.is_empty() && s != "index");
            } else {
                info.is_toc = true;
            }
        }
        "gl.iit.edu" => {
            info.mirror = Mirror::GlIit;
            let slug = segs.iter().skip_while(|s| **s != "govdocs").nth(1);
            info.slug = slug.map(|s| s.to_string());
        }
        "discmaster.textfiles.com" => info.mirror = Mirror::Discmaster,
        _ => {}
    }
    info
}

fn strip_ext(name: &str) -> &str {
    name.strip_suffix(".html")
        .or_else(|| name.strip_suffix(".htm"))
        .unwrap_or(name)
}

/// Decode `%XX` escapes (invalid escapes are kept as written).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A title slug as a title: `the_electoral_system` → `The Electoral System`.
pub fn title_from_slug(slug: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ];
    let words = slug.split(['_', '-', ' ']).filter(|w| !w.is_empty());
    let mut out = String::new();
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && SMALL.contains(&w) {
            out.push_str(w);
        } else {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(url: &str) -> (Mirror, Option<String>, Option<u64>, Option<String>) {
        let i = parse_url(url);
        (i.mirror, i.slug, i.sequence, i.title_slug)
    }

    #[test]
    fn country_data_and_loc() {
        assert_eq!(
            p("http://www.country-data.com/cgi-bin/query/r-7046.html"),
            (Mirror::CountryData, None, Some(7046), None)
        );
        let loc = parse_url("http://lcweb2.loc.gov/cgi-bin/query/r?frd/cstdy:@field(DOCID+iq0023)");
        assert_eq!(
            (loc.mirror, loc.loc_code.as_deref(), loc.sequence),
            (Mirror::Loc, Some("iq"), Some(23))
        );
        let toc = parse_url("http://lcweb2.loc.gov/frd/cs/nptoc.html");
        assert_eq!((toc.loc_code.as_deref(), toc.is_toc), (Some("np"), true));
        assert_eq!(
            parse_url("http://www.loc.gov/rr/frd/cs/profiles.html").mirror,
            Mirror::Loc
        );
    }

    #[test]
    fn countrystudies_us() {
        assert_eq!(
            p("http://countrystudies.us/south-africa/9.htm"),
            (
                Mirror::CountryStudiesUs,
                Some("south-africa".into()),
                Some(9),
                None
            )
        );
        let toc = parse_url("http://countrystudies.us/somalia/");
        assert!(toc.is_toc && toc.sequence.is_none());
    }

    #[test]
    fn allrefer() {
        assert_eq!(
            p("http://reference.allrefer.com/country-guide-study/soviet-union/soviet-union1.html"),
            (Mirror::Allrefer, Some("soviet-union".into()), Some(1), None)
        );
        assert_eq!(
            p("http://reference.allrefer.com/country-guide-study/somalia/somalia32.html").2,
            Some(32)
        );
    }

    #[test]
    fn mongabay() {
        assert_eq!(
            p("http://www.mongabay.com/history/brazil/brazil-the_electoral_system.html"),
            (
                Mirror::Mongabay,
                Some("brazil".into()),
                None,
                Some("the_electoral_system".into())
            )
        );
        assert_eq!(
            p("http://www.mongabay.com/history/bulgaria/bulgaria_1797.html").2,
            Some(1797)
        );
        assert_eq!(
            title_from_slug("the_electoral_system"),
            "The Electoral System"
        );
        assert_eq!(title_from_slug("sudan-population"), "Sudan Population");
    }

    #[test]
    fn tripod() {
        assert_eq!(
            p("https://countries5.tripod.com/cMauritania2.htm"),
            (Mirror::Tripod, Some("Mauritania".into()), Some(2), None)
        );
        assert_eq!(
            p("https://countries1.tripod.com/cChad3.htm").1.as_deref(),
            Some("Chad")
        );
    }

    #[test]
    fn country_studies_com_gliit_discmaster() {
        let i = parse_url(
            "http://country-studies.com/afghanistan/the-soviet-decision-to-withdraw,-1986-88.html",
        );
        assert_eq!(i.mirror, Mirror::CountryStudiesCom);
        assert_eq!(i.slug.as_deref(), Some("afghanistan"));
        assert_eq!(
            i.title_slug.as_deref(),
            Some("the-soviet-decision-to-withdraw,-1986-88")
        );
        let i = parse_url(
            "http://country-studies.com/afghanistan/the-soviet-decision-to-withdraw%2C-1986-88.html",
        );
        assert_eq!(
            i.title_slug.as_deref(),
            Some("the-soviet-decision-to-withdraw,-1986-88")
        );
        let g = parse_url("http://www.gl.iit.edu/govdocs/afghanistan/foreward.html");
        assert_eq!(
            (g.mirror, g.slug.as_deref()),
            (Mirror::GlIit, Some("afghanistan"))
        );
        assert_eq!(
            parse_url("http://discmaster.textfiles.com/view/1234/x.txt").mirror,
            Mirror::Discmaster
        );
        assert_eq!(
            parse_url("http://www.historycentral.com/nationbytes/austria.html").mirror,
            Mirror::Unknown
        );
        assert_eq!(parse_url("").mirror, Mirror::Unknown);
        assert_eq!(parse_url("%").mirror, Mirror::Unknown);
    }
}
