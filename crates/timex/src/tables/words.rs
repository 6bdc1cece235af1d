//! The word lists of the lexicon: months, seasons, weekdays, numbers, units, modifiers,
//! relation and shift words, deictic words, set adverbs, parts of the day and prepositions.

use super::{DayPart, Deictic, Rel, Season, Shift, Unit};
use crate::Mod;

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
pub(crate) const PARTS_OF_DAY: &[(&str, DayPart)] = &[
    ("morning", DayPart::Morning),
    ("afternoon", DayPart::Afternoon),
    ("evening", DayPart::Evening),
    ("night", DayPart::Night),
    ("nights", DayPart::Night),
    ("nighttime", DayPart::Night),
    ("noon", DayPart::Noon),
    ("midday", DayPart::Noon),
    ("midnight", DayPart::Midnight),
    ("daybreak", DayPart::Morning),
    ("daytime", DayPart::Daytime),
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
