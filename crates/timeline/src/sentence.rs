//! Sentence boundaries.
//!
//! The text is one paragraph of Country Studies or World Factbook prose: edited US government
//! English of 1986–1998, dense with dates, titles and abbreviations. [`split`] is a single
//! forward scan over it; no regular expression and no model, just the rules below, which are
//! the ones a reader applies without noticing.
//!
//! **Where a sentence can end.** Only at `.`, `?`, `!` or `…` (a run of them counts as one
//! terminator, so `?!` and `...` are single marks), and only when whitespace follows. That one
//! condition keeps "3.5 percent", "1.2 million", section numbers such as "3.2.1", "U.S.-Soviet",
//! "e.g.," and "Sen.'s" whole. Closing quotes and brackets right after the terminator belong to
//! the sentence that ends: `He said "enough." Then` ends after the quote, `(See Table 3.) The`
//! after the parenthesis. The `--` dash of these texts ("the Northern Territories-- the small
//! islands") is not a terminator and never ends anything.
//!
//! **What must follow.** The next sentence must look like one: its first letter, after any
//! opening quotes or brackets, is a capital (or a letter of a script without case), a digit or
//! a currency sign. A lowercase word never starts a sentence here, so `"Why?" he asked`, an
//! ellipsis in mid-sentence ("the army ... which") and "the U.S. government" stay together,
//! and so does anything followed by other punctuation.
//!
//! **Who wrote the period.** A `?`, `!` or an ellipsis ends the sentence whenever the next word
//! qualifies. A single `.` first asks which word it closes:
//!
//! * *Abbreviations that precede what they abbreviate* never end a sentence: titles and ranks
//!   ("Gen.", "Lt.", "Dr.", "Sen.", "St.", "Mt.", "Ft."), months ("Jan." … "Sept." … "Dec."),
//!   reference words ("No.", "vol.", "pp.", "p.", "ca.", "c.", "approx.", "vs.", "sq."), and
//!   "e.g.", "i.e.". "Gen. Smith", "Jan. 5, 1986", "No. 3" and "ca. 466 B.C." read on.
//! * *Abbreviations that can close a sentence* — "U.S.", "U.S.S.R.", "U.N.", any dotted acronym
//!   of one- and two-letter parts ("D.C.", "Ph.D.", "a.m."), "Inc.", "Co.", "Corp.", "Ltd.",
//!   "Bros.", "Jr.", "Sr.", "km.", "est.", "et al." and single capital initials ("John F.
//!   Kennedy", "H. G. Wells") — end one only when the next word is a typical sentence starter:
//!   a capitalized function word or sentence adverb such as "The", "In", "By", "After", "This",
//!   "It", "He", "They", "A", "But", "However", "Two" (the list is [`STARTERS`]). "aid from the
//!   U.S. The next year" splits; "the U.S. Congress" and "John F. Kennedy" do not, and neither
//!   does the rarer "trade with the U.S. Soviet aid", which is the price. A starter followed by
//!   a period is itself an initial ("E. A. Smith") and does not count.
//! * *Era markers* — "B.C.", "A.D." — end a sentence before any capitalized word, except
//!   after a short opening phrase (a preposition first, no comma, at most eight words): "in
//!   480 B.C. Pericles rose" is rare, "In 330 B.C. Alexander burned Persepolis" is common.
//! * *"etc."* ends a sentence before any capitalized word: a list that trails off is rarely
//!   followed by a proper name in the same sentence, and "etc. 1990" or "etc. and" read on.
//! * *A Roman "I"* after "War", "Phase", "Part", "Chapter", "Article", ... ("World War I.") is a
//!   plain word; after a name it stays an initial ("Isidor I. Rabi", but also "Charles I.").
//! * *Any other word* ends the sentence when the next word qualifies. A period right after a
//!   closing quote or bracket (`(the U.S.). Then`) is a plain full stop. A lone number or
//!   letter that is the whole sentence so far ("1.", "b.") is a list marker, not a sentence.
//!
//! **Lines.** A single line break is a space: hard-wrapped text splits exactly as its unwrapped
//! form, so a line ending in "U.S." followed by a line starting "The" splits by the rule above
//! and a line ending in "Gen." does not. A blank line (two line breaks with only spaces between,
//! or a Unicode paragraph separator) always ends a sentence, terminator or not. Text that ends
//! without a terminator still ends its last sentence.
//!
//! **Guarantees.** The ranges are byte ranges on `char` boundaries, in order, trimmed, never
//! empty and never overlapping; everything outside them is whitespace. Every character is
//! looked at a bounded number of times (the look-behind and look-ahead at a terminator stop
//! after a few dozen bytes), so the scan is linear, and it never panics.

use std::ops::Range;

/// The sentences of `text` as byte ranges into it, in order, trimmed of surrounding whitespace.
///
/// Never panics; every range lies on `char` boundaries; ranges do not overlap; text between
/// them is whitespace only. Empty or whitespace-only text gives no sentence. The rules are in
/// the [module documentation](self).
///
/// ```
/// let text = "Aid from the U.S. rose in Jan. 1986 to 3.5 percent. Gen. Smith said \"enough.\" Then\n\
///             he left the U.S. The talks ended.";
/// let sentences: Vec<&str> = timeline::sentence::split(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(
///     sentences,
///     [
///         "Aid from the U.S. rose in Jan. 1986 to 3.5 percent.",
///         "Gen. Smith said \"enough.\"",
///         "Then\nhe left the U.S.",
///         "The talks ended.",
///     ]
/// );
/// ```
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // The first byte of the sentence being read, and the end of its last non-space character.
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        if c.is_whitespace() {
            let (next, paragraph) = whitespace_run(text, i);
            if paragraph && let Some(s) = start.take() {
                out.push(s..end);
            }
            i = next;
            continue;
        }
        let s = *start.get_or_insert(i);
        if is_terminator(c) {
            let (after, boundary) = terminator(text, s, i);
            end = after;
            i = after;
            if boundary {
                out.push(s..after);
                start = None;
            }
            continue;
        }
        i += c.len_utf8();
        end = i;
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Capitalized words that typically open a sentence and rarely continue a name: after an
/// ambiguous abbreviation ("U.S.", "B.C.", "Jr.", an initial) the sentence ends only before one
/// of these. Sorted, for binary search.
#[rustfmt::skip]
pub const STARTERS: &[&str] = &[
    "A", "About", "Above", "According", "Accordingly", "Additionally", "After", "Afterward",
    "Afterwards", "Again", "Against", "All", "Almost", "Along", "Also", "Although", "Altogether",
    "Among", "An", "And", "Another", "Any", "Apart", "Around", "As", "Aside", "At", "Because",
    "Before", "Being", "Besides", "Between", "Beyond", "Both", "But", "By", "Consequently",
    "Currently", "Despite", "During", "Each", "Earlier", "Eight", "Either", "Even", "Eventually",
    "Every", "Except", "Few", "Finally", "Five", "Following", "For", "Formerly", "Four", "From",
    "Further", "Furthermore", "Given", "Having", "He", "Hence", "Her", "Here", "His", "How",
    "However", "If", "In", "Indeed", "Initially", "Instead", "It", "Its", "Later", "Likewise",
    "Many", "Meanwhile", "Moreover", "Most", "Much", "Neither", "Nevertheless", "Nine", "None",
    "Nonetheless", "Nor", "Not", "Now", "Of", "On", "Once", "One", "Only", "Or", "Other",
    "Otherwise", "Our", "Over", "Overall", "Perhaps", "Previously", "Recently", "Several", "She",
    "Shortly", "Similarly", "Since", "Six", "So", "Some", "Soon", "Subsequently", "Such", "Ten",
    "That", "The", "Their", "Then", "There", "Thereafter", "Therefore", "These", "They", "This",
    "Those", "Though", "Three", "Through", "Throughout", "Thus", "To", "Today", "Toward",
    "Towards", "Two", "Ultimately", "Under", "Unlike", "Until", "Upon", "We", "What", "When",
    "Where", "Whereas", "Whether", "Which", "While", "Who", "Why", "With", "Within", "Without",
    "Yet",
];

/// Abbreviations that precede what they abbreviate (a name, a number, a date) and so never end
/// a sentence. Entries in lowercase also match with a capital first letter ("Vol.").
#[rustfmt::skip]
const NEVER_FINAL: &[&str] = &[
    // Titles, ranks, offices.
    "Adm.", "Amb.", "Brig.", "Capt.", "Cdr.", "Cmdr.", "Col.", "Cpl.", "Dr.", "Flt.", "Fr.", "Gen.",
    "Gens.", "Gov.", "Hon.", "Lt.", "Maj.", "Messrs.", "Mr.", "Mrs.", "Ms.", "Msgr.", "Pres.",
    "Prof.", "Pvt.", "Rep.", "Rev.", "Sen.", "Sgt.",
    // Places before their names.
    "St.", "Ste.", "Mt.", "Ft.",
    // Months.
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
    "Dec.",
    // References, numbers, quantities.
    "No.", "Nos.", "art.", "arts.", "ch.", "chap.", "fig.", "figs.", "para.", "sec.", "vol.",
    "vols.", "pp.", "p.", "ca.", "c.", "cf.", "approx.", "vs.", "v.", "viz.", "sq.", "op.", "doc.",
    "Rs.", "e.g.", "i.e.",
];

/// Abbreviations that may close a sentence: they end one only before a [`STARTERS`] word.
/// (Dotted acronyms and single capital initials are recognized by shape, not listed.)
#[rustfmt::skip]
const MAYBE_FINAL: &[&str] = &[
    "Inc.", "Co.", "Corp.", "Ltd.", "Bros.", "Jr.", "Sr.", "km.", "est.", "al.", "cit.", "ibid.",
];

/// How the word before a single period decides the boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// An abbreviation that precedes what it abbreviates.
    Never,
    /// An abbreviation or initial that ends a sentence only before a sentence starter.
    Starter,
    /// "etc.": ends a sentence before a capitalized word.
    Etc,
    /// An era marker ("B.C.", "A.D.") closing an opening phrase ("In 330 B.C."): ends a
    /// sentence only before a sentence starter.
    EraOpening,
    /// An era marker anywhere else: ends a sentence before a capitalized word.
    Era,
    /// A list marker ("1.", "b.") that is the whole sentence so far.
    Marker,
    /// A plain word: the period is a full stop.
    Plain,
}

/// What the next sentence would begin with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    /// Nothing but whitespace or openers: the text ends.
    End,
    /// A capital, or a letter of a script without case.
    Capital,
    /// A digit or a currency sign.
    Number,
    /// A lowercase letter.
    Lower,
    /// Other punctuation or symbols.
    Other,
}

/// How far a look-behind or look-ahead at a terminator goes, in bytes. No abbreviation or
/// starter is longer.
const LOOK: usize = 24;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '{' | '«' | '‹')
}

/// The end of the whitespace run at `i`, and whether it holds a paragraph break (a blank line
/// or U+2029).
fn whitespace_run(text: &str, i: usize) -> (usize, bool) {
    let mut breaks = 0;
    let mut paragraph = false;
    let mut j = i;
    let mut chars = text.get(i..).unwrap_or("").chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            break;
        }
        match c {
            '\u{2029}' => paragraph = true,
            // CR LF is one break; the LF counts it.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => breaks += 1,
            _ => {}
        }
        j += c.len_utf8();
    }
    (j, paragraph || breaks >= 2)
}

/// At the terminator `text[i]` of the sentence starting at `start`: the end of the terminator
/// with its closing quotes and brackets, and whether the sentence ends there.
fn terminator(text: &str, start: usize, i: usize) -> (usize, bool) {
    let rest = text.get(i..).unwrap_or("");
    let mut j = i;
    let (mut periods, mut strong) = (0, false);
    for c in rest.chars() {
        match c {
            '.' => periods += 1,
            '?' | '!' | '‽' | '…' => strong = true,
            _ => break,
        }
        j += c.len_utf8();
    }
    let term_end = j;
    for c in text.get(j..).unwrap_or("").chars() {
        if !is_closer(c) {
            break;
        }
        j += c.len_utf8();
    }
    let after = j;
    let closed = after > term_end;
    match text.get(after..).and_then(|r| r.chars().next()) {
        None => return (after, true),
        Some(c) if !c.is_whitespace() => return (after, false),
        Some(_) => {}
    }
    let (ws_end, paragraph) = whitespace_run(text, after);
    if paragraph {
        return (after, true);
    }
    let (next_at, next) = next_start(text, ws_end);
    let plausible = matches!(next, Next::Capital | Next::Number | Next::End);
    if strong || periods > 1 {
        return (after, plausible);
    }
    let boundary = match word_before(text, start, i) {
        Word::Plain => plausible,
        Word::Marker => false,
        Word::Etc | Word::Era => matches!(next, Next::Capital | Next::End),
        Word::Never if !closed => false,
        Word::Never | Word::Starter | Word::EraOpening => {
            next == Next::End || is_starter(text, next_at)
        }
    };
    (after, boundary)
}

/// Where the next sentence's first word starts (after openers) at or after `at`, and its kind.
fn next_start(text: &str, at: usize) -> (usize, Next) {
    let mut j = at;
    for (n, c) in text.get(at..).unwrap_or("").chars().enumerate() {
        if n > LOOK {
            return (j, Next::Other);
        }
        if is_opener(c) || c.is_whitespace() {
            j += c.len_utf8();
            continue;
        }
        let kind = if c.is_lowercase() {
            Next::Lower
        } else if c.is_uppercase() || c.is_alphabetic() {
            Next::Capital
        } else if c.is_numeric() || matches!(c, '$' | '£' | '€' | '¥' | '₹') {
            Next::Number
        } else {
            Next::Other
        };
        return (j, kind);
    }
    (j, Next::End)
}

/// Whether the word at `at` is one of [`STARTERS`] (and not an initial such as "A.").
fn is_starter(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    let mut len = 0;
    for c in rest.chars() {
        if !c.is_alphabetic() {
            break;
        }
        len += c.len_utf8();
        if len > LOOK {
            return false;
        }
    }
    let word = &rest[..len];
    !word.is_empty() && !rest[len..].starts_with('.') && STARTERS.binary_search(&word).is_ok()
}

/// Classifies the word that the single period at `i` closes; `start` is the sentence's start.
fn word_before(text: &str, start: usize, i: usize) -> Word {
    let before = text.get(start..i).unwrap_or("");
    let Some(prev) = before.chars().next_back() else {
        return Word::Plain;
    };
    if prev.is_whitespace() || is_closer(prev) {
        return Word::Plain;
    }
    // The token: back to whitespace, an opener, or a hyphen or slash ("pro-U.S.", "mid-Jan.").
    let mut from = before.len();
    for (k, c) in before.char_indices().rev() {
        if c.is_whitespace() || is_opener(c) || matches!(c, '-' | '/' | '–' | '—') {
            break;
        }
        from = k;
        if before.len() - from > LOOK {
            return Word::Plain;
        }
    }
    let core = &before[from..];
    let Some(with_dot) = text.get(start + from..i + 1) else {
        return Word::Plain;
    };
    if core.is_empty() {
        return Word::Plain;
    }
    if listed(NEVER_FINAL, with_dot) {
        return Word::Never;
    }
    if listed(&["etc."], with_dot) {
        return Word::Etc;
    }
    if listed(MAYBE_FINAL, with_dot) {
        return Word::Starter;
    }
    let prefix = &before[..from];
    if ["B.C.", "A.D.", "B.C.E.", "C.E."].contains(&with_dot) {
        return if opening_phrase(prefix) {
            Word::EraOpening
        } else {
            Word::Era
        };
    }
    // A Roman numeral after a noun that takes one ("World War I."), not a middle initial.
    if core == "I" {
        const NUMBERED: &[&str] = &[
            "Act", "Article", "Book", "Chapter", "Class", "Part", "Phase", "Plan", "Section",
            "Stage", "Title", "Volume", "War",
        ];
        let last = prefix
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if NUMBERED.contains(&last) {
            return Word::Plain;
        }
    }
    let whole = prefix.trim().is_empty();
    let mut chars = core.chars();
    let first = chars.next();
    let single = chars.next().is_none();
    if whole && (single || (core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit()))) {
        return Word::Marker;
    }
    if single && first.is_some_and(char::is_uppercase) {
        return Word::Starter;
    }
    // A dotted acronym: "U.S", "U.S.S.R", "D.C", "Ph.D", "a.m".
    if core.contains('.')
        && core.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
    {
        return Word::Starter;
    }
    Word::Plain
}

/// Whether the sentence so far (`prefix`, up to a date's era marker) is a short opening phrase
/// such as "In 330" or "During the fifth century": a preposition first, no comma, at most
/// eight words. After such a phrase the sentence goes on ("In 330 B.C. Alexander burned").
fn opening_phrase(prefix: &str) -> bool {
    const OPENERS: &[&str] = &[
        "About", "After", "Around", "Before", "Between", "By", "Ca.", "Circa", "During", "From",
        "In", "Since", "Under", "Until",
    ];
    if prefix.len() > 80 || prefix.contains([',', ';', ':']) {
        return false;
    }
    let mut words = prefix.split_whitespace();
    words.next().is_some_and(|w| OPENERS.contains(&w)) && words.count() < 8
}

/// Whether `word` (with its period) is in `list`, exactly or with a capital first letter for a
/// lowercase entry.
fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|&entry| {
        entry == word
            || (entry.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                && word.len() == entry.len()
                && word.as_bytes()[0] == entry.as_bytes()[0].to_ascii_uppercase()
                && word.get(1..) == entry.get(1..))
    })
}

/// The evaluation set's reader (`eval/timeline/format.rs`), for the test that scores the
/// splitter on its gold sentences.
#[cfg(test)]
#[path = "../../../eval/timeline/format.rs"]
mod eval_format;

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases: `|` marks each boundary, and the text to split is the case without its `|`s
    /// (the whitespace on both sides of a `|` is kept).
    const CASES: &[&str] = &[
        // Plain sentences, the three terminators, and no terminator at the end.
        "The army grew. |It shrank in 1979.",
        "Was it a victory? |Few thought so! |The war went on",
        "One sentence only",
        // Abbreviations that precede their word.
        "Gen. Douglas MacArthur landed on Jan. 5, 1946. |He left in Sept. 1951.",
        "St. Petersburg and Mt. Ararat lay far apart. |Dr. Jones and Mrs. Smith, Lt. Col. Brown, \
         Maj. Gen. White, Capt. Lee, Adm. Nimitz, Sgt. York, Prof. Lin, Rev. Kim, Gov. Ruiz, \
         Sen. Ford, Rep. Hale and Pres. Tito attended. |Mr. and Ms. Moe did not.",
        "See No. 3, Nos. 4-6, vol. 2, pp. 14-19 and p. 7. |Ft. Knox held it.",
        "Crops (e.g. rice) and exports (i.e. cotton) grew ca. 1900 or c. 1910 to approx. 3,000 tons \
         vs. 2,000 in 1.2 million sq. km. of land. |Then it stopped.",
        "The Feb. 1986 and Dec. 1987 votes differed. |Oct. 4 was quiet.",
        "Vol. 3 appeared. |Approx. 40 percent voted.",
        // Ambiguous abbreviations: a sentence starter decides.
        "The aid came from the U.S. |The next year it stopped.",
        "The U.S. government and the U.S.S.R. signed. |In 1972 the U.N. met.",
        "The aid came from the U.S. Congress in 1986.",
        "He lived in Washington, D.C. |After 1990 he returned.",
        "Athens fell in 404 B.C. |The city never recovered.",
        "In 330 B.C. Alexander burned Persepolis.",
        "During the fourth century B.C. Macedon rose.",
        "Rome took the city in 146 B.C. |Greek culture survived.",
        "It fell in 30 B.C., and Rome took it. |Arab armies came in A.D. 639. |Coptic churches remained.",
        "The Greeks defeated Persia in 490 B.C. and 480 B.C. |Pericles rebuilt Athens.",
        "The treaty dates from A.D. 1200 and the fort from 466 B.C. |However, both decayed.",
        "The meeting began at 9 a.m. |By noon it was over.",
        "It was sold to Acme Inc. |Two years later the firm closed.",
        "Martin Luther King Jr. led the march.",
        "Martin Luther King Jr. |He led the march.",
        "The population was 5.2 million (1989 est.). |It grew.",
        "It covers 1,200 sq. km. |The island is flat.",
        "It was founded by Smith et al. |They disagreed.",
        // Initials.
        "John F. Kennedy and H. G. Wells met E. A. Smith.",
        "The army fought in World War I. |After the war it shrank.",
        "The mandate began after World War I. |Lebanon became independent later.",
        "The crown passed to Charles I. |The next year Parliament resisted.",
        "The plan had two parts, Phase I. |Phase II followed.",
        "It was named for Isidor I. Rabi and John V. Lindsay.",
        "Harry S. Truman spoke. |He was brief.",
        // etc.
        "Rice, cotton, etc. |Exports rose.",
        "Rice, cotton, etc. and tea were grown.",
        "Rice, cotton, etc. 1990 was a good year.",
        "They grew rice, tea, etc.). |Then it rained.",
        // Quotes and brackets.
        "He said \"enough.\" |Then he left.",
        "He said \u{201c}enough.\u{201d} |Then he left.",
        "(See Table 3.) |The figures are estimates.",
        "The slogan was \"Yankee go home!\" and it stuck.",
        "\"Why?\" he asked. |\"Because,\" she said.",
        "It fell (as the U.S. had warned). |Then it rose.",
        "Its report (U.N. Doc. A/1234) appeared. |It was brief.",
        "The aid ended. |\"The Soviets,\" he wrote, \"stayed.\" |(They did.)",
        // Ellipsis.
        "The army ... which had fought well ... withdrew.",
        "The army waited... |Then it struck.",
        "The army waited\u{2026} |Then it struck.",
        "The army . . . withdrew.",
        // Numbers.
        "Growth was 3.5 percent in 1.2 million households (section 3.2.1 explains).",
        "The treaty was signed in 1945. |1946 was worse.",
        "The plan cost 3. |$5 million was added.",
        "1. The first item. |2. The second item.",
        // Dashes.
        "Japan claims the Northern Territories-- the small islands --as its own. |It waits.",
        "The war--which began in 1914--ended in 1918. |Peace followed.",
        // Lines.
        "The aid came from\nthe U.S. in 1986 and\nrose. |In 1987 it\nfell.",
        "The aid came from the U.S.\n|The next year it fell.",
        "Gen.\nSmith arrived.",
        "The aid ended.\n|Then it rose.",
        "The first paragraph has no stop\n\n|The second begins",
        "Ends here.\r\n\r\n|Next one\r\nwraps.",
        "A line\u{2029}|Another",
        "He left the\nU.S. government.",
        // Lowercase after a period is no boundary.
        "It was in the Ky. area and the approx. range.",
        "The ratio was 2 vs. 3 in the Jan. data.",
        // Non-ASCII.
        "Côte d\u{2019}Ivoire\u{2019}s élite met. |Ça va. |Über alles.",
        "東京 was the capital. |大阪 was not.",
    ];

    fn marked(case: &str) -> (String, Vec<String>) {
        let text = case.replace('|', "");
        let sentences = case.split('|').map(|s| s.trim().to_string()).collect();
        (text, sentences)
    }

    #[test]
    fn table() {
        let mut failures = Vec::new();
        for case in CASES {
            let (text, want) = marked(case);
            let got: Vec<String> = split(&text)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect();
            if got != want {
                failures.push(format!("{case:?}\n   want {want:?}\n    got {got:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn starters_are_sorted_and_unique() {
        assert!(
            STARTERS.windows(2).all(|w| w[0] < w[1]),
            "STARTERS must be sorted for binary search"
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("").is_empty());
        assert!(split(" \n\t \u{2029} ").is_empty());
        assert_eq!(split("  x  "), vec![2..3]);
        assert_eq!(split("."), vec![0..1]);
        assert_eq!(split(". . ."), vec![0..5]);
    }

    /// The guarantees, for any text.
    fn check_invariants(text: &str) {
        let ranges = split(text);
        let mut last = 0;
        for r in &ranges {
            assert!(r.start < r.end, "empty range {r:?} in {text:?}");
            assert!(r.start >= last, "overlap or disorder at {r:?} in {text:?}");
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{r:?} in {text:?}"
            );
            assert!(
                text[last..r.start].chars().all(char::is_whitespace),
                "non-space between in {text:?}"
            );
            let s = &text[r.clone()];
            assert_eq!(s, s.trim(), "untrimmed {s:?} in {text:?}");
            last = r.end;
        }
        assert!(
            text[last..].chars().all(char::is_whitespace),
            "non-space after the last in {text:?}"
        );
    }

    /// A small xorshift generator: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn invariants_hold_on_arbitrary_text() {
        #[rustfmt::skip]
        const PIECES: &[&str] = &[
            ".", ". ", "?", "!", "...", "\u{2026}", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\u{2029}",
            "\u{a0}", "\u{3000}", "\"", "\u{201c}", "\u{201d}", "'", "(", ")", "[", "]", "--", "-",
            "U.S.", "Gen.", "etc.", "A.", "a", "The", "the", "In", "3.5", "1945", "é", "Ça", "東京",
            "\u{1f600}", "\u{301}", "x", "Z", "St", "p.m.", "B.C.", "1.", "$", "\t",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                if rng.below(4) == 0 {
                    // Any scalar value at all.
                    let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}');
                    text.push(c);
                } else {
                    text.push_str(PIECES[rng.below(PIECES.len())]);
                }
            }
            check_invariants(&text);
        }
    }

    #[test]
    fn invariants_hold_on_the_cases() {
        for case in CASES {
            check_invariants(&case.replace('|', ""));
        }
    }

    #[test]
    fn long_inputs_are_linear() {
        // Pathological shapes: one huge token of periods and letters, endless abbreviations,
        // endless initials, endless whitespace. Quadratic work would take minutes here.
        let n = 400_000;
        let inputs = [
            "a.".repeat(n),
            "U.S. ".repeat(n / 2),
            "A. ".repeat(n / 2),
            ". ".repeat(n),
            format!("{}.", "x".repeat(n * 2)),
            format!("{}. The", "x".repeat(n * 2)),
            format!("{} The", " \n".repeat(n)),
            "\u{201c}".repeat(n),
        ];
        let started = std::time::Instant::now();
        for text in &inputs {
            check_invariants(text);
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "took {:?}",
            started.elapsed()
        );
    }

    /// Scores the splitter on the evaluation set's gold sentences (`eval/timeline/`): a
    /// boundary is the end of every sentence but a paragraph's last. Prints precision, recall
    /// and F1 with the misses (`cargo test -p timeline eval_set -- --nocapture`) and guards
    /// against regressions.
    #[test]
    fn eval_set_boundaries() {
        let src = include_str!("../../../eval/timeline/paragraphs.txt");
        let paragraphs = super::eval_format::parse(src)
            .unwrap_or_else(|e| panic!("eval/timeline/paragraphs.txt: {e}"));
        let (mut tp, mut predicted, mut gold, mut exact) = (0usize, 0usize, 0usize, 0usize);
        let (mut sentences, mut entries) = (0, 0);
        let mut report = Vec::new();
        for p in &paragraphs {
            let ends = |ranges: &[Range<usize>]| -> Vec<usize> {
                ranges
                    .iter()
                    .take(ranges.len().saturating_sub(1))
                    .map(|r| r.end)
                    .collect()
            };
            let got_ranges = split(&p.text);
            let (want, got) = (ends(&p.gold_sentences), ends(&got_ranges));
            sentences += p.gold_sentences.len();
            entries += p.gold_entries.len();
            gold += want.len();
            predicted += got.len();
            tp += got.iter().filter(|e| want.contains(e)).count();
            exact += got_ranges
                .iter()
                .filter(|r| p.gold_sentences.contains(r))
                .count();
            for e in want.iter().filter(|e| !got.contains(e)) {
                report.push(format!("  missed  {}: {:?}", p.id, context(&p.text, *e)));
            }
            for e in got.iter().filter(|e| !want.contains(e)) {
                report.push(format!("  spurious {}: {:?}", p.id, context(&p.text, *e)));
            }
        }
        let precision = tp as f64 / predicted.max(1) as f64;
        let recall = tp as f64 / gold.max(1) as f64;
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        println!(
            "eval/timeline: {} paragraphs, {sentences} sentences, {entries} entries; boundaries P {precision:.3} \
             R {recall:.3} F1 {f1:.3} ({tp} of {gold} gold, {predicted} predicted); {exact} of {sentences} sentences exact",
            paragraphs.len()
        );
        for line in &report {
            println!("{line}");
        }
        assert!(
            f1 >= 0.95,
            "sentence-boundary F1 {f1:.3} fell below 0.95:\n{}",
            report.join("\n")
        );
    }

    /// A few words either side of byte `at`, with `|` at `at`.
    fn context(text: &str, at: usize) -> String {
        let mut from = at.saturating_sub(30);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + 30).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        format!("{}|{}", &text[from..at], &text[at..to])
    }
}
