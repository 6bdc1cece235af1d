//! How to cite a section: plain text (Chicago style), BibTeX and CSL-JSON.
//!
//! A [`Citation`] holds only facts the catalog has: the section's title (or, for an untitled
//! crawl page, its opening words), the book and its series, the Factbook's edition, the
//! data-as-of, the copy it was read from (its URL, else its file) and the day that copy was
//! read. Facts the catalog lacks — a Country Study's editor or year of publication — are left
//! out rather than guessed. The Factbook's publisher (the Central Intelligence Agency) and
//! year (its edition) are facts of the series, so its citations carry them.

use serde::Serialize;

use crate::views::format_as_of;

/// The series of the Library of Congress Country Studies.
pub const COUNTRY_STUDIES: &str = "Library of Congress Country Studies";
/// The series of the CIA World Factbook.
pub const FACTBOOK: &str = "The World Factbook";

/// What a citation of one section says.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Citation {
    /// The section's id (the citation key is `areabook:<id>`).
    pub section_id: String,
    /// The section's title as cited.
    pub title: String,
    /// The book: `Soviet Union: A Country Study`, `The World Factbook 2025`.
    pub book: String,
    /// The series: [`COUNTRY_STUDIES`] or [`FACTBOOK`].
    pub series: &'static str,
    /// The Factbook's edition year, or the year a printed Country Study was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// The printed book's Library of Congress Control Number, when the section was rebuilt
    /// from the Library's full text (`library::printed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lccn: Option<String>,
    /// The publisher, where the series names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'static str>,
    /// Data as of (`1989-05`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_as_of: Option<String>,
    /// The URL of the copy read, when it came from the web.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The file of the copy read (relative label), when there is no URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The day the copy was read or captured (`2026-11-29`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accessed: Option<String>,
}

/// The formats `cite` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteFormat {
    /// Chicago-style plain text.
    Text,
    /// A BibTeX `@incollection` entry.
    Bibtex,
    /// A CSL-JSON array with one item (what Zotero imports).
    CslJson,
}

impl Citation {
    /// The citation in `format`.
    pub fn render(&self, format: CiteFormat) -> String {
        match format {
            CiteFormat::Text => self.text(),
            CiteFormat::Bibtex => self.bibtex(),
            CiteFormat::CslJson => {
                serde_json::to_string_pretty(&[self.csl_json()]).unwrap_or_default()
            }
        }
    }

    /// Chicago style: `"Title." In Book. Series. Data as of May 1989. URL (accessed 2026-11-29).`
    pub fn text(&self) -> String {
        let title = trim_stop(&self.title);
        let stop = if title.ends_with(['…', '?', '!']) {
            ""
        } else {
            "."
        };
        let mut s = format!("\u{201c}{title}{stop}\u{201d} In {}.", self.book);
        if self.series != FACTBOOK {
            s.push_str(&format!(" {}.", self.series));
        }
        if let Some(p) = self.publisher {
            s.push_str(&format!(" Washington, DC: {p}"));
            match &self.edition {
                Some(e) => s.push_str(&format!(", {e}.")),
                None => s.push('.'),
            }
        }
        if let Some(l) = &self.lccn {
            s.push_str(&format!(" LCCN {l}."));
        }
        if let Some(a) = &self.data_as_of {
            s.push_str(&format!(" Data as of {}.", format_as_of(a)));
        }
        match (&self.url, &self.file) {
            (Some(u), _) => s.push_str(&format!(" {u}")),
            (None, Some(f)) => s.push_str(&format!(" File {f}")),
            _ => {}
        }
        match (&self.accessed, self.url.is_some() || self.file.is_some()) {
            (Some(d), true) => s.push_str(&format!(" (accessed {d}).")),
            (Some(d), false) => s.push_str(&format!(" Accessed {d}.")),
            (None, true) => s.push('.'),
            (None, false) => {}
        }
        s
    }

    /// A short form for the end of a timeline line: `Soviet Union: A Country Study, May 1989`.
    pub fn short(&self) -> String {
        match &self.data_as_of {
            Some(a) if self.series == COUNTRY_STUDIES => {
                format!("{}, {}", self.book, format_as_of(a))
            }
            _ => self.book.clone(),
        }
    }

    /// A BibTeX entry (`@incollection`), special characters escaped.
    pub fn bibtex(&self) -> String {
        let mut fields: Vec<(&str, String)> = vec![
            ("title", self.title.clone()),
            ("booktitle", self.book.clone()),
            ("series", self.series.to_string()),
        ];
        if let Some(p) = self.publisher {
            fields.push(("publisher", p.to_string()));
            fields.push(("address", "Washington, DC".into()));
        }
        if let Some(e) = &self.edition {
            fields.push(("year", e.clone()));
        }
        if let Some(a) = &self.data_as_of {
            fields.push(("note", format!("Data as of {}", format_as_of(a))));
        }
        if let Some(l) = &self.lccn {
            fields.push(("lccn", l.clone()));
        }
        if let Some(u) = &self.url {
            fields.push(("url", u.clone()));
        } else if let Some(f) = &self.file {
            fields.push(("howpublished", format!("File {f}")));
        }
        if let Some(d) = &self.accessed {
            fields.push(("urldate", d.clone()));
        }
        let mut s = format!("@incollection{{areabook:{},\n", self.section_id);
        for (k, v) in fields {
            let v = if k == "url" {
                v.replace(['{', '}'], "")
            } else {
                bibtex_escape(&v)
            };
            s.push_str(&format!("  {k} = {{{v}}},\n"));
        }
        s.push('}');
        s
    }

    /// One CSL-JSON item (`type: chapter`).
    pub fn csl_json(&self) -> serde_json::Value {
        let mut item = serde_json::json!({
            "id": format!("areabook:{}", self.section_id),
            "type": "chapter",
            "title": self.title,
            "container-title": self.book,
            "collection-title": self.series,
        });
        let obj = item
            .as_object_mut()
            .expect("json! of an object is an object");
        if let Some(p) = self.publisher {
            obj.insert("publisher".into(), p.into());
            obj.insert("publisher-place".into(), "Washington, DC".into());
        }
        if let Some(y) = self.edition.as_deref().and_then(|e| e.parse::<i32>().ok()) {
            obj.insert("issued".into(), serde_json::json!({"date-parts": [[y]]}));
        }
        let mut notes: Vec<String> = Vec::new();
        if let Some(a) = &self.data_as_of {
            notes.push(format!("Data as of {}", format_as_of(a)));
        }
        if let Some(l) = &self.lccn {
            notes.push(format!("LCCN {l}"));
        }
        if !notes.is_empty() {
            obj.insert("note".into(), notes.join(". ").into());
        }
        if let Some(u) = &self.url {
            obj.insert("URL".into(), u.clone().into());
        } else if let Some(f) = &self.file {
            obj.insert("source".into(), f.clone().into());
        }
        if let Some(parts) = self.accessed.as_deref().and_then(date_parts) {
            obj.insert(
                "accessed".into(),
                serde_json::json!({"date-parts": [parts]}),
            );
        }
        item
    }
}

fn trim_stop(s: &str) -> &str {
    s.trim().trim_end_matches(['.', ' '])
}

/// `2026-11-29` → `[2026, 11, 29]` (fewer parts for a partial date).
fn date_parts(d: &str) -> Option<Vec<i32>> {
    let parts: Option<Vec<i32>> = d.split('-').take(3).map(|p| p.parse().ok()).collect();
    parts.filter(|p| !p.is_empty())
}

fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study() -> Citation {
        Citation {
            section_id: "abc".into(),
            title: "Relations with Japan".into(),
            book: "Soviet Union: A Country Study".into(),
            series: COUNTRY_STUDIES,
            edition: None,
            lccn: None,
            publisher: None,
            data_as_of: Some("1989-05".into()),
            url: None,
            file: Some("pages/p1.txt".into()),
            accessed: Some("2026-11-29".into()),
        }
    }

    #[test]
    fn text_names_every_fact_and_no_guess() {
        assert_eq!(
            study().text(),
            "\u{201c}Relations with Japan.\u{201d} In Soviet Union: A Country Study. Library of Congress Country Studies. Data as of May 1989. File pages/p1.txt (accessed 2026-11-29)."
        );
        let fb = Citation {
            title: "Japan: Background".into(),
            book: "The World Factbook 2025".into(),
            series: FACTBOOK,
            edition: Some("2025".into()),
            publisher: Some("Central Intelligence Agency"),
            data_as_of: None,
            url: Some("https://example.org/ja".into()),
            file: None,
            ..study()
        };
        assert_eq!(
            fb.text(),
            "\u{201c}Japan: Background.\u{201d} In The World Factbook 2025. Washington, DC: Central Intelligence Agency, 2025. https://example.org/ja (accessed 2026-11-29)."
        );
        assert!(
            !study().bibtex().contains("year"),
            "no year is guessed for a Country Study"
        );
    }

    #[test]
    fn bibtex_escapes_and_csl_has_dates() {
        let mut c = study();
        c.title = "Oil & Gas_1 {50%}".into();
        let b = c.bibtex();
        assert!(b.starts_with("@incollection{areabook:abc,\n"), "{b}");
        assert!(b.contains("title = {Oil \\& Gas\\_1 \\{50\\%\\}},"), "{b}");
        assert!(b.contains("urldate = {2026-11-29}"), "{b}");
        let j = c.csl_json();
        assert_eq!(j["type"], "chapter");
        assert_eq!(
            j["accessed"]["date-parts"][0],
            serde_json::json!([2026, 11, 29])
        );
        assert_eq!(j["container-title"], "Soviet Union: A Country Study");
        assert!(j.get("issued").is_none());
    }
}
