//! Which states a sentence names.
//!
//! A [`Names`] table maps written forms ("Japan", "Japanese", "Soviet", "U.S.S.R.") to a
//! caller's state ids. Matching is case-sensitive, as the forms are proper names and
//! adjectives ("Turkey", never "turkey"), and whole-word: a form must not run on into a letter
//! or digit on either side, so "Japan's" and "Soviet-Japanese" name both states while
//! "Omani" does not name Oman. Where forms overlap the longest wins ("East Germany" over
//! "Germany"). The gazetteer issue will replace this table with resolved, dated names; the
//! interface — text in, ids out — stays.

use aho_corasick::{AhoCorasick, MatchKind};

/// A name table: written forms → state ids (`u32`, the caller's numbering).
#[derive(Clone, Debug)]
pub struct Names {
    matcher: Option<AhoCorasick>,
    ids: Vec<u32>,
}

/// One name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The state's id.
    pub id: u32,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

impl Names {
    /// Build a table from `(id, form)` pairs. Forms shorter than two characters are ignored;
    /// a form given for two ids keeps the first.
    pub fn new<'a>(forms: impl IntoIterator<Item = (u32, &'a str)>) -> Names {
        let mut seen = std::collections::HashSet::new();
        let mut patterns = Vec::new();
        let mut ids = Vec::new();
        for (id, form) in forms {
            let form = form.trim();
            if form.chars().count() < 2 || !seen.insert(form.to_string()) {
                continue;
            }
            patterns.push(form.to_string());
            ids.push(id);
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        Names { matcher, ids }
    }

    /// Every whole-word name in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        m.find_iter(text)
            .filter(|hit| {
                !word(text[..hit.start()].chars().next_back())
                    && !word(text[hit.end()..].chars().next())
            })
            .map(|hit| Mention {
                id: self.ids[hit.pattern().as_usize()],
                start: hit.start(),
                end: hit.end(),
            })
            .collect()
    }

    /// The distinct ids named in `text`, in order of first mention.
    pub fn ids_in(&self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for m in self.find(text) {
            if !out.contains(&m.id) {
                out.push(m.id);
            }
        }
        out
    }

    /// Whether the table holds no form.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Names {
        Names::new([
            (1, "Soviet Union"),
            (1, "Soviet"),
            (2, "Japan"),
            (2, "Japanese"),
            (3, "Germany"),
            (4, "East Germany"),
            (5, "Oman"),
            (6, "Turkey"),
        ])
    }

    #[test]
    fn names_by_name_and_adjective_whole_words_only() {
        let t = table();
        assert_eq!(
            t.ids_in("Soviet-Japanese relations thawed; Japan's ports"),
            vec![1, 2]
        );
        assert_eq!(t.ids_in("the Soviet Union and East Germany"), vec![1, 4]);
        assert_eq!(t.ids_in("Omani dates and roast turkey"), Vec::<u32>::new());
        assert_eq!(t.ids_in("Turkey, Oman."), vec![6, 5]);
        let found = t.find("in East Germany");
        assert_eq!((found[0].start, found[0].end), (3, 15));
    }

    #[test]
    fn empty_tables_and_odd_text_are_fine() {
        assert!(Names::new([]).find("Japan").is_empty());
        assert!(Names::new([(1, "J")]).is_empty());
        assert_eq!(table().ids_in("日本 Japan\u{301} Japan"), vec![2]);
    }
}
