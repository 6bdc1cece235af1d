//! The lexicon: every word the rules know, as plain tables, compiled once into a hash map.
//!
//! Adding a month spelling, a number word or a named period is a one-line change here; the
//! rules in `rules/` only ever see the `Lex` class of a word, never its spelling (except for
//! a handful of function words they compare directly). The word classes are defined here, the
//! word lists in `words`, and named periods, holidays, calendar names and the cues of recurring
//! observances in `events`.

mod events;
mod words;

pub(crate) use events::{
    CALENDAR_NAMES, HOLIDAYS, HolidayDate, NAMED_PERIODS, NamedPeriod, OBSERVANCE_NOUNS, OBSERVANCE_PARTICIPLES, OBSERVANCE_WORDS, RECURRENCE_WORDS,
};
use words::*;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::Mod;

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A season, in TIMEX order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

/// Words that pick a unit relative to an anchor ("the following year").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    Next,
    Previous,
    Same,
    Last,
    Past,
    Coming,
}

/// Words after a duration that make it a point ("two years later").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shift {
    Later,
    Earlier,
    Ago,
}

/// Deictic words resolved against the document or present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Deictic {
    Now,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Recently,
    Recent,
    Former,
    Current,
    Present,
    Future,
}

/// A part of the day: a vague one with a TIMEX code, or noon and midnight, which are clock
/// times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayPart {
    /// "morning", "daybreak": `MO`.
    Morning,
    /// `AF`.
    Afternoon,
    /// `EV`.
    Evening,
    /// "night", "nighttime": `NI`.
    Night,
    /// "daytime": `DT`.
    Daytime,
    /// "noon", "midday": 12:00.
    Noon,
    /// 24:00.
    Midnight,
}

impl DayPart {
    /// True for noon and midnight, which are clock times rather than parts with a code.
    pub(crate) fn is_clock(self) -> bool {
        matches!(self, DayPart::Noon | DayPart::Midnight)
    }
}

/// Lexical class of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    None,
    The,
    /// "that", "this", "these", "those": `true` for the proximal "this"/"these".
    Demo(bool),
    Month(u8),
    /// "Sept", "Oct": a month only before "." or a number.
    MonthAbbr(u8),
    Season(Season),
    Weekday(u8),
    Card(u32),
    /// "a", "an".
    A,
    Ordinal(u8),
    /// A unit word; the flag is true for the plural.
    Unit(Unit, bool),
    /// A position modifier: "early", "late", "mid", "end", ...
    Pos(Mod),
    /// "about", "around", "circa", "ca", "c", "approximately", "roughly", "some".
    Approx,
    /// A comparison word that starts "over", "more than", "nearly", ...
    Cmp(Mod),
    Rel(Rel),
    Shift(Shift),
    Deictic(Deictic),
    /// "annually", "daily", ...
    SetAdv(Unit),
    /// "several", "few", "many", "couple".
    Vague,
    /// "BC"/"BCE" (true) or "AD"/"CE" (false).
    Era(bool),
    /// A part of the day ("morning", "noon").
    PartOfDay(DayPart),
    /// Function words that can open an expression ("as of", "per", "every", "at least",
    /// "just seven hours").
    Cue,
    /// The first word of a holiday name ("Christmas", "Easter").
    Holiday,
    /// "am" (false) or "pm" (true).
    AmPm(bool),
    /// Prepositions after which a bare month or a three-digit year is likely temporal.
    Prep,
    Half,
}

/// A hasher for short ASCII keys (FNV-1a); the lexicon is looked up once per word.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Lexicon = HashMap<&'static [u8], Lex, BuildHasherDefault<Fnv>>;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut m = Lexicon::default();
        // Later insertions win, so the most specific classes come last.
        for &w in PREPOSITIONS {
            m.insert(w.as_bytes(), Lex::Prep);
        }
        for &w in APPROXIMATIONS {
            m.insert(w.as_bytes(), Lex::Approx);
        }
        for &(w, c) in COMPARISONS {
            m.insert(w.as_bytes(), Lex::Cmp(c));
        }
        for &(w, n) in CARDINALS {
            m.insert(w.as_bytes(), Lex::Card(n));
        }
        for &(w, n) in ORDINALS {
            m.insert(w.as_bytes(), Lex::Ordinal(n));
        }
        for &(w, u, p) in UNITS {
            m.insert(w.as_bytes(), Lex::Unit(u, p));
        }
        for &(w, p) in POSITIONS {
            m.insert(w.as_bytes(), Lex::Pos(p));
        }
        for &(w, r) in RELATIONS {
            m.insert(w.as_bytes(), Lex::Rel(r));
        }
        for &(w, s) in SHIFTS {
            m.insert(w.as_bytes(), Lex::Shift(s));
        }
        for &(w, d) in DEICTICS {
            m.insert(w.as_bytes(), Lex::Deictic(d));
        }
        for &(w, u) in SET_ADVERBS {
            m.insert(w.as_bytes(), Lex::SetAdv(u));
        }
        for &(w, c) in PARTS_OF_DAY {
            m.insert(w.as_bytes(), Lex::PartOfDay(c));
        }
        for &(w, n) in MONTH_ABBREVIATIONS {
            m.insert(w.as_bytes(), Lex::MonthAbbr(n));
        }
        for &(w, n) in MONTHS {
            m.insert(w.as_bytes(), Lex::Month(n));
        }
        for &(w, s) in SEASONS {
            m.insert(w.as_bytes(), Lex::Season(s));
        }
        for &(w, n) in WEEKDAYS {
            m.insert(w.as_bytes(), Lex::Weekday(n));
        }
        for w in ["several", "few", "many", "couple", "numerous"] {
            m.insert(w.as_bytes(), Lex::Vague);
        }
        for (w, bc) in [("bc", true), ("bce", true), ("ad", false), ("ce", false)] {
            m.insert(w.as_bytes(), Lex::Era(bc));
        }
        for (w, pm) in [("am", false), ("pm", true)] {
            m.insert(w.as_bytes(), Lex::AmPm(pm));
        }
        for w in [
            "christmas",
            "easter",
            "bastille",
            "armistice",
            "halloween",
            "valentine",
            "d",
            "new",
            "ramadan",
            "dry",
            "rainy",
            "wet",
            "monsoon",
            "boxing",
            "epiphany",
            "good",
            "palm",
            "ash",
            "pentecost",
            "whit",
            "remembrance",
            "veterans",
            "all",
            "guy",
            "st",
            "ve",
            "v",
            "vj",
            "thanksgiving",
            "memorial",
            "labor",
            "yom",
            "passover",
            "hanukkah",
            "diwali",
        ] {
            m.insert(w.as_bytes(), Lex::Holiday);
        }
        for w in
            ["as", "per", "every", "each", "right", "up", "at", "no", "not", "just", "only", "another", "barely", "close", "fiscal", "once", "twice", "date"]
        {
            m.insert(w.as_bytes(), Lex::Cue);
        }
        m.insert(b"the", Lex::The);
        m.insert(b"that", Lex::Demo(false));
        m.insert(b"those", Lex::Demo(false));
        m.insert(b"this", Lex::Demo(true));
        m.insert(b"these", Lex::Demo(true));
        m.insert(b"a", Lex::A);
        m.insert(b"an", Lex::A);
        m.insert(b"half", Lex::Half);
        m
    })
}

/// The lexical class of `word` (case-insensitive, ASCII only).
pub(crate) fn lookup(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.len() > 14 || !bytes.is_ascii() {
        return Lex::None;
    }
    let mut buf = [0u8; 14];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    lexicon().get(&*lower).copied().unwrap_or(Lex::None)
}
