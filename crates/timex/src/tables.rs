//! The lexicon: every word the rules know, as plain tables, compiled once into a hash map.
//!
//! Adding a month spelling, a number word or a named period is a one-line change here; the
//! rules in `rules/` only ever see the `Lex` class of a word, never its spelling (except for
//! a handful of function words they compare directly).

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
    /// Parts of the day, with the TIMEX code ("MO", "AF", "EV", "NI") or a clock time ("12:00").
    PartOfDay(&'static str),
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

/// Month names and their numbers.
pub(crate) const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Month abbreviations, accepted only before a period or a number.
pub(crate) const MONTH_ABBREVIATIONS: &[(&str, u8)] =
    &[("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12)];

/// Season words.
pub(crate) const SEASONS: &[(&str, Season)] = &[
    ("spring", Season::Spring),
    ("summer", Season::Summer),
    ("fall", Season::Fall),
    ("autumn", Season::Fall),
    ("winter", Season::Winter),
    ("springtime", Season::Spring),
    ("summertime", Season::Summer),
    ("wintertime", Season::Winter),
];

/// Weekdays, Monday = 0.
pub(crate) const WEEKDAYS: &[(&str, u8)] = &[("monday", 0), ("tuesday", 1), ("wednesday", 2), ("thursday", 3), ("friday", 4), ("saturday", 5), ("sunday", 6)];

/// Cardinal number words.
pub(crate) const CARDINALS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
];

/// Ordinal number words.
pub(crate) const ORDINALS: &[(&str, u8)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
];

/// Unit words, singular and plural.
pub(crate) const UNITS: &[(&str, Unit, bool)] = &[
    ("minute", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("hour", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("fortnight", Unit::Fortnight, false),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("year", Unit::Year, false),
    ("years", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
    ("seconds", Unit::Second, true),
];

/// Position modifiers, alone ("early 1916") or as the head of "the end of".
pub(crate) const POSITIONS: &[(&str, Mod)] = &[
    ("early", Mod::Start),
    ("beginning", Mod::Start),
    ("start", Mod::Start),
    ("dawn", Mod::Start),
    ("outset", Mod::Start),
    ("opening", Mod::Start),
    ("mid", Mod::Mid),
    ("middle", Mod::Mid),
    ("midst", Mod::Mid),
    ("late", Mod::End),
    ("end", Mod::End),
    ("close", Mod::End),
    ("latter", Mod::End),
    ("waning", Mod::End),
    ("closing", Mod::End),
    ("final", Mod::End),
    ("eve", Mod::End),
];

/// Words that open a comparison ("over two years", "nearly four weeks").
pub(crate) const COMPARISONS: &[(&str, Mod)] = &[
    ("over", Mod::MoreThan),
    ("more", Mod::MoreThan),
    ("nearly", Mod::LessThan),
    ("almost", Mod::LessThan),
    ("less", Mod::LessThan),
    ("under", Mod::LessThan),
    ("least", Mod::EqualOrMore),
    ("fewer", Mod::LessThan),
];

/// Approximation words.
pub(crate) const APPROXIMATIONS: &[&str] = &["about", "around", "circa", "ca", "c", "approximately", "roughly", "some"];

/// Words that relate a unit to an anchor.
pub(crate) const RELATIONS: &[(&str, Rel)] = &[
    ("following", Rel::Next),
    ("next", Rel::Next),
    ("subsequent", Rel::Next),
    ("succeeding", Rel::Next),
    ("previous", Rel::Previous),
    ("preceding", Rel::Previous),
    ("prior", Rel::Previous),
    ("same", Rel::Same),
    ("last", Rel::Last),
    ("past", Rel::Past),
    ("intervening", Rel::Past),
    ("ensuing", Rel::Next),
    ("coming", Rel::Coming),
    ("upcoming", Rel::Coming),
];

/// Words that turn a duration into a point.
pub(crate) const SHIFTS: &[(&str, Shift)] = &[
    ("later", Shift::Later),
    ("afterwards", Shift::Later),
    ("afterward", Shift::Later),
    ("thereafter", Shift::Later),
    ("earlier", Shift::Earlier),
    ("before", Shift::Earlier),
    ("previously", Shift::Earlier),
    ("ago", Shift::Ago),
];

/// Deictic words.
pub(crate) const DEICTICS: &[(&str, Deictic)] = &[
    ("now", Deictic::Now),
    ("nowadays", Deictic::Now),
    ("currently", Deictic::Now),
    ("today", Deictic::Today),
    ("yesterday", Deictic::Yesterday),
    ("tomorrow", Deictic::Tomorrow),
    ("tonight", Deictic::Tonight),
    ("recently", Deictic::Recently),
    ("recent", Deictic::Recent),
    ("former", Deictic::Former),
    ("current", Deictic::Current),
    ("present", Deictic::Present),
    ("future", Deictic::Future),
];

/// Adverbs that denote a set.
pub(crate) const SET_ADVERBS: &[(&str, Unit)] = &[
    ("annually", Unit::Year),
    ("yearly", Unit::Year),
    ("monthly", Unit::Month),
    ("weekly", Unit::Week),
    ("quarterly", Unit::Quarter),
    ("daily", Unit::Day),
    ("hourly", Unit::Hour),
    ("nightly", Unit::Night),
];

/// Parts of the day.
pub(crate) const PARTS_OF_DAY: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
    ("nights", "NI"),
    ("nighttime", "NI"),
    ("noon", "12:00"),
    ("midday", "12:00"),
    ("midnight", "24:00"),
    ("daybreak", "MO"),
    ("daytime", "DT"),
];

/// Prepositions and conjunctions before which a bare month or a short year may stand.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "of",
    "from",
    "to",
    "until",
    "till",
    "by",
    "since",
    "during",
    "through",
    "between",
    "and",
    "after",
    "before",
    "throughout",
    "into",
    "at",
    "or",
    "for",
    "late",
];

/// A named period with known dates: the words (lowercase), start and end (year, month, day).
pub(crate) struct NamedPeriod {
    pub words: &'static [&'static str],
    pub start: (i32, u8, u8),
    pub end: (i32, u8, u8),
}

/// Named periods. Sources: standard encyclopaedic dates (Britannica entries for each event).
pub(crate) const NAMED_PERIODS: &[NamedPeriod] = &[
    NamedPeriod { words: &["world", "war", "ii"], start: (1939, 9, 1), end: (1945, 9, 2) },
    NamedPeriod { words: &["world", "war", "two"], start: (1939, 9, 1), end: (1945, 9, 2) },
    NamedPeriod { words: &["world", "war", "2"], start: (1939, 9, 1), end: (1945, 9, 2) },
    NamedPeriod { words: &["the", "second", "world", "war"], start: (1939, 9, 1), end: (1945, 9, 2) },
    NamedPeriod { words: &["world", "war", "i"], start: (1914, 7, 28), end: (1918, 11, 11) },
    NamedPeriod { words: &["world", "war", "one"], start: (1914, 7, 28), end: (1918, 11, 11) },
    NamedPeriod { words: &["the", "first", "world", "war"], start: (1914, 7, 28), end: (1918, 11, 11) },
    NamedPeriod { words: &["the", "great", "war"], start: (1914, 7, 28), end: (1918, 11, 11) },
    NamedPeriod { words: &["the", "cold", "war"], start: (1947, 3, 12), end: (1991, 12, 26) },
    NamedPeriod { words: &["the", "meiji", "restoration"], start: (1868, 1, 3), end: (1868, 1, 3) },
    NamedPeriod { words: &["the", "meiji", "era"], start: (1868, 10, 23), end: (1912, 7, 30) },
    NamedPeriod { words: &["the", "russo", "-", "japanese", "war"], start: (1904, 2, 8), end: (1905, 9, 5) },
    NamedPeriod { words: &["the", "russian", "civil", "war"], start: (1917, 11, 7), end: (1922, 10, 25) },
    NamedPeriod { words: &["the", "korean", "war"], start: (1950, 6, 25), end: (1953, 7, 27) },
    NamedPeriod { words: &["the", "vietnam", "war"], start: (1955, 11, 1), end: (1975, 4, 30) },
    NamedPeriod { words: &["the", "great", "depression"], start: (1929, 10, 29), end: (1939, 0, 0) },
    NamedPeriod { words: &["the", "gulf", "war"], start: (1990, 8, 2), end: (1991, 2, 28) },
    NamedPeriod { words: &["the", "iran", "-", "iraq", "war"], start: (1980, 9, 22), end: (1988, 8, 20) },
    NamedPeriod { words: &["the", "spanish", "civil", "war"], start: (1936, 7, 17), end: (1939, 4, 1) },
    NamedPeriod { words: &["the", "american", "civil", "war"], start: (1861, 4, 12), end: (1865, 5, 9) },
    NamedPeriod { words: &["the", "french", "revolution"], start: (1789, 5, 5), end: (1799, 11, 9) },
    NamedPeriod { words: &["the", "napoleonic", "wars"], start: (1803, 5, 18), end: (1815, 11, 20) },
    NamedPeriod { words: &["the", "crimean", "war"], start: (1853, 10, 16), end: (1856, 3, 30) },
    NamedPeriod { words: &["the", "bolshevik", "revolution"], start: (1917, 11, 7), end: (1917, 11, 7) },
    NamedPeriod { words: &["the", "october", "revolution"], start: (1917, 11, 7), end: (1917, 11, 7) },
    NamedPeriod { words: &["the", "cultural", "revolution"], start: (1966, 5, 16), end: (1976, 10, 6) },
    NamedPeriod { words: &["the", "great", "leap", "forward"], start: (1958, 0, 0), end: (1962, 0, 0) },
];

/// How a holiday's date is found in a given year.
#[derive(Clone, Copy, Debug)]
pub(crate) enum HolidayDate {
    /// A fixed month and day.
    Fixed(u8, u8),
    /// Days from Easter Sunday (Good Friday is -2).
    Easter(i16),
    /// The n-th weekday (Monday = 0) of a month; n = -1 is the last one.
    NthWeekday(u8, u8, i8),
}

/// Holidays: (words, date, is a night). Longer names first.
pub(crate) const HOLIDAYS: &[(&[&str], HolidayDate, bool)] = &[
    (&["christmas", "eve"], HolidayDate::Fixed(12, 24), false),
    (&["christmas", "night"], HolidayDate::Fixed(12, 25), true),
    (&["christmas", "day"], HolidayDate::Fixed(12, 25), false),
    (&["christmas"], HolidayDate::Fixed(12, 25), false),
    (&["boxing", "day"], HolidayDate::Fixed(12, 26), false),
    (&["new", "year", "'", "s", "day"], HolidayDate::Fixed(1, 1), false),
    (&["new", "year", "'", "s", "eve"], HolidayDate::Fixed(12, 31), false),
    (&["epiphany"], HolidayDate::Fixed(1, 6), false),
    (&["easter", "sunday"], HolidayDate::Easter(0), false),
    (&["easter", "monday"], HolidayDate::Easter(1), false),
    (&["easter"], HolidayDate::Easter(0), false),
    (&["good", "friday"], HolidayDate::Easter(-2), false),
    (&["palm", "sunday"], HolidayDate::Easter(-7), false),
    (&["ash", "wednesday"], HolidayDate::Easter(-46), false),
    (&["pentecost"], HolidayDate::Easter(49), false),
    (&["whit", "sunday"], HolidayDate::Easter(49), false),
    (&["bastille", "day"], HolidayDate::Fixed(7, 14), false),
    (&["armistice", "day"], HolidayDate::Fixed(11, 11), false),
    (&["remembrance", "day"], HolidayDate::Fixed(11, 11), false),
    (&["veterans", "day"], HolidayDate::Fixed(11, 11), false),
    (&["all", "saints", "'", "day"], HolidayDate::Fixed(11, 1), false),
    (&["all", "saints", "day"], HolidayDate::Fixed(11, 1), false),
    (&["guy", "fawkes", "night"], HolidayDate::Fixed(11, 5), true),
    (&["st", ".", "patrick", "'", "s", "day"], HolidayDate::Fixed(3, 17), false),
    (&["st", "patrick", "'", "s", "day"], HolidayDate::Fixed(3, 17), false),
    (&["halloween"], HolidayDate::Fixed(10, 31), false),
    (&["valentine", "'", "s", "day"], HolidayDate::Fixed(2, 14), false),
    (&["may", "day"], HolidayDate::Fixed(5, 1), false),
    (&["d", "-", "day"], HolidayDate::Fixed(6, 6), false),
    (&["ve", "day"], HolidayDate::Fixed(5, 8), false),
    (&["v", "-", "e", "day"], HolidayDate::Fixed(5, 8), false),
    (&["vj", "day"], HolidayDate::Fixed(8, 15), false),
    (&["v", "-", "j", "day"], HolidayDate::Fixed(8, 15), false),
    (&["thanksgiving", "day"], HolidayDate::NthWeekday(11, 3, 4), false),
    (&["thanksgiving"], HolidayDate::NthWeekday(11, 3, 4), false),
    (&["memorial", "day"], HolidayDate::NthWeekday(5, 0, -1), false),
    (&["labor", "day"], HolidayDate::NthWeekday(9, 0, 1), false),
];

/// Calendar names without a fixed date (lunar or regional): tagged, with the reference year.
pub(crate) const CALENDAR_NAMES: &[&[&str]] = &[
    &["ramadan"],
    &["dry", "season"],
    &["rainy", "season"],
    &["wet", "season"],
    &["monsoon", "season"],
    &["the", "monsoon", "season"],
    &["the", "dry", "season"],
    &["the", "rainy", "season"],
    &["the", "wet", "season"],
    &["yom", "kippur"],
    &["passover"],
    &["hanukkah"],
    &["diwali"],
];

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
