//! The Country Studies books table: which books exist and which chapter countries each covers.
//!
//! The table lives in `data/books.tsv` (curated from public knowledge of the series, itself a
//! US-government public-domain work) and is parsed once, lazily, on first use. Page headers name a
//! book's *chapter country* (`Bahrain`), not the book (`Persian Gulf States`), so lookups go from
//! any spelling of a country — canonical name, alias, `[USSR]`-style short form, or a mirror slug
//! such as `soviet-union` — to the canonical chapter country, and from there to its book.

use std::collections::HashMap;
use std::sync::OnceLock;

const BOOKS_TSV: &str = include_str!("../data/books.tsv");

/// One book of the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookInfo {
    /// The book title, e.g. `Soviet Union` or `Persian Gulf States`.
    pub title: &'static str,
    /// The book's chapter countries, in the book's order.
    pub chapters: Vec<ChapterInfo>,
    /// Data-as-of year when attested by a footer, else the approximate research-completed year.
    pub year: Option<u16>,
}

/// One chapter country of a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterInfo {
    /// The canonical country name, e.g. `Côte d'Ivoire`.
    pub country: &'static str,
    /// The 2-letter code of the LoC query system (`DOCID+iq0023`), when known.
    pub loc_code: Option<&'static str>,
    /// Other names and slugs that mean this chapter country.
    pub aliases: Vec<&'static str>,
}

impl BookInfo {
    /// The book's URL slug in the mirrors' convention (`persian-gulf-states`).
    pub fn slug(&self) -> String {
        slugify(self.title)
    }

    /// The chapter for a country name, alias or slug, if the book has it.
    pub fn chapter(&self, name: &str) -> Option<&ChapterInfo> {
        let country = chapter_country(name)?;
        self.chapters.iter().find(|c| c.country == country)
    }
}

impl ChapterInfo {
    /// The country's URL slug in the convention of countrystudies.us, allrefer and mongabay
    /// (`soviet-union`, `cote-divoire`): accents folded, apostrophes and periods dropped, other
    /// runs of punctuation and spaces become one hyphen. Lookups accept any spelling anyway.
    pub fn slug(&self) -> String {
        slugify(self.country)
    }
}

fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in name.chars().map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '.' && c != '’' {
            pending_dash = true;
        }
    }
    out
}

struct Table {
    books: Vec<BookInfo>,
    /// Normalized name → (book index, chapter index). Chapter index `None` = the book title.
    by_key: HashMap<String, (usize, Option<usize>)>,
    by_loc: HashMap<&'static str, (usize, usize)>,
    /// Names with non-ASCII letters, keyed with those letters dropped, for text whose accents
    /// were lost to a bad decoding (`C\u{FFFD}te d'Ivoire`).
    by_skeleton: HashMap<String, (usize, Option<usize>)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| build(BOOKS_TSV))
}

fn dash_none(s: &'static str) -> Option<&'static str> {
    let s = s.trim();
    if s.is_empty() || s == "-" {
        None
    } else {
        Some(s)
    }
}

fn build(tsv: &'static str) -> Table {
    let mut books: Vec<BookInfo> = Vec::new();
    let mut by_key = HashMap::new();
    let mut by_loc = HashMap::new();
    let mut by_skeleton = HashMap::new();
    for line in tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("book\t") {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let (title, country) = (cols[0].trim(), cols[1].trim());
        let loc_code = dash_none(cols[2]);
        let year = dash_none(cols[3]).and_then(|y| y.parse().ok());
        let aliases: Vec<&'static str> = dash_none(cols[4])
            .map(|a| {
                a.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if books.last().map(|b| b.title) != Some(title) {
            books.push(BookInfo {
                title,
                chapters: Vec::new(),
                year,
            });
        }
        let book_idx = books.len() - 1;
        let book = &mut books[book_idx];
        let chapter_idx = book.chapters.len();
        for name in std::iter::once(country).chain(aliases.iter().copied()) {
            by_key
                .entry(normalize(name))
                .or_insert((book_idx, Some(chapter_idx)));
            if !name.is_ascii() {
                by_skeleton
                    .entry(skeleton(name))
                    .or_insert((book_idx, Some(chapter_idx)));
            }
        }
        if let Some(code) = loc_code {
            by_loc.insert(code, (book_idx, chapter_idx));
        }
        book.chapters.push(ChapterInfo {
            country,
            loc_code,
            aliases,
        });
    }
    for (i, book) in books.iter().enumerate() {
        by_key.entry(normalize(book.title)).or_insert((i, None));
    }
    Table {
        books,
        by_key,
        by_loc,
        by_skeleton,
    }
}

/// The lookup key of only the ASCII characters of a name: `Côte d'Ivoire` → `ctedivoire`.
fn skeleton(name: &str) -> String {
    normalize(&name.chars().filter(char::is_ascii).collect::<String>())
}

/// Look a name up by its key, falling back to the skeleton key when the name holds U+FFFD.
fn lookup(t: &Table, name: &str) -> Option<(usize, Option<usize>)> {
    let key = normalize(name);
    if key.is_empty() {
        return None;
    }
    t.by_key.get(&key).copied().or_else(|| {
        name.contains('\u{FFFD}')
            .then(|| t.by_skeleton.get(&skeleton(name)).copied())
            .flatten()
    })
}

/// Fold a name to a lookup key: lowercase ASCII letters and digits only, accents removed.
///
/// `Côte d'Ivoire`, `cote-divoire` and `COTE D'IVOIRE` all give `cotedivoire`. A leading `the`
/// is dropped and `saint` is folded to `st`.
pub(crate) fn normalize(name: &str) -> String {
    let trimmed = name.trim();
    let body = match trimmed.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("the ") && trimmed.len() > 4 => &trimmed[4..],
        _ => trimmed,
    };
    let mut out = String::with_capacity(body.len());
    for c in body.chars().map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out.replace("saint", "st")
}

/// Map common Latin accented letters to their base letter.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'I',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ø' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ō' | 'Ø' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Every book of the series, in table order (the FRD books alphabetically, then older Foreign
/// Area Studies editions).
pub fn books() -> &'static [BookInfo] {
    &table().books
}

/// The book whose chapters include `name` (any spelling [`chapter_country`] accepts), or whose
/// title is `name`.
pub fn book_for_country(name: &str) -> Option<&'static BookInfo> {
    let t = table();
    lookup(t, &strip_brackets(name)).map(|(b, _)| &t.books[b])
}

/// The canonical chapter-country name for a name, alias or slug: `Soviet Union [USSR]`, `ussr`,
/// `soviet-union`, `COTE D'IVOIRE` … Book titles of multi-country books give `None`.
pub fn chapter_country(name: &str) -> Option<&'static str> {
    let t = table();
    let cleaned = strip_brackets(name);
    let try_key = |s: &str| -> Option<&'static str> {
        match lookup(t, s) {
            Some((b, Some(c))) => Some(t.books[b].chapters[c].country),
            Some((b, None)) if t.books[b].chapters.len() == 1 => {
                Some(t.books[b].chapters[0].country)
            }
            _ => None,
        }
    };
    try_key(&cleaned).or_else(|| {
        // `Soviet Union [USSR]`: the bracketed alias alone.
        let inner = name.split_once('[')?.1.split_once(']')?.0;
        try_key(inner)
    })
}

/// The chapter country and its book for a LoC 2-letter code (`iq` → Iraq).
pub fn by_loc_code(code: &str) -> Option<(&'static str, &'static BookInfo)> {
    let t = table();
    let code = code.to_ascii_lowercase();
    t.by_loc
        .get(code.as_str())
        .map(|&(b, c)| (t.books[b].chapters[c].country, &t.books[b]))
}

/// `Soviet Union [USSR]` → `Soviet Union`.
fn strip_brackets(name: &str) -> String {
    match name.split_once('[') {
        Some((head, tail)) if tail.contains(']') && !head.trim().is_empty() => {
            head.trim().to_owned()
        }
        _ => name.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_the_series() {
        assert!(books().len() >= 80, "{} books", books().len());
        let gulf = book_for_country("Bahrain").unwrap();
        assert_eq!(gulf.title, "Persian Gulf States");
        assert!(gulf.chapters.iter().any(|c| c.country == "Oman"));
        assert_eq!(
            book_for_country("Maldives").unwrap().title,
            "Indian Ocean: Five Island Countries"
        );
        assert_eq!(
            book_for_country("Haiti").unwrap().title,
            "Dominican Republic and Haiti"
        );
        assert_eq!(
            book_for_country("Estonia").unwrap().title,
            "Estonia, Latvia, and Lithuania"
        );
        assert_eq!(
            book_for_country("Persian Gulf States").unwrap().title,
            "Persian Gulf States"
        );
    }

    #[test]
    fn chapter_country_tolerates_spellings() {
        assert_eq!(chapter_country("Soviet Union [USSR]"), Some("Soviet Union"));
        assert_eq!(chapter_country("USSR"), Some("Soviet Union"));
        assert_eq!(chapter_country("soviet-union"), Some("Soviet Union"));
        assert_eq!(chapter_country("cote-divoire"), Some("Côte d'Ivoire"));
        assert_eq!(chapter_country("COTE D'IVOIRE"), Some("Côte d'Ivoire"));
        assert_eq!(chapter_country("Ivory Coast"), Some("Côte d'Ivoire"));
        assert_eq!(
            chapter_country("C\u{FFFD}te d'Ivoire"),
            Some("Côte d'Ivoire")
        );
        assert_eq!(chapter_country("Kazakhstan"), Some("Kazakstan"));
        assert_eq!(chapter_country("The Philippines"), Some("Philippines"));
        assert_eq!(chapter_country("Saint Lucia"), Some("St. Lucia"));
        assert_eq!(chapter_country("Japan"), Some("Japan"));
        assert_eq!(chapter_country("Persian Gulf States"), None);
        assert_eq!(chapter_country("Atlantis"), None);
        assert_eq!(chapter_country(""), None);
        assert_eq!(chapter_country("The"), None);
    }

    #[test]
    fn slugs() {
        let su = book_for_country("Soviet Union").unwrap();
        assert_eq!(su.slug(), "soviet-union");
        let ci = book_for_country("Ivory Coast").unwrap();
        assert_eq!(ci.chapters[0].slug(), "cote-divoire");
        let gulf = book_for_country("Oman").unwrap();
        assert_eq!(gulf.slug(), "persian-gulf-states");
        assert_eq!(
            gulf.chapter("uae").map(|c| c.country),
            Some("United Arab Emirates")
        );
        assert!(gulf.chapter("Japan").is_none());
        let carib = book_for_country("St. Lucia").unwrap();
        assert_eq!(carib.chapter("Saint Lucia").unwrap().slug(), "st-lucia");
    }

    #[test]
    fn loc_codes() {
        assert_eq!(by_loc_code("iq").map(|(c, _)| c), Some("Iraq"));
        assert_eq!(
            by_loc_code("BH").map(|(_, b)| b.title),
            Some("Persian Gulf States")
        );
        assert!(by_loc_code("zz").is_none());
    }
}
