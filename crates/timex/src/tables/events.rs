//! Named periods with known dates ("World War II"), holidays and how to find their date in a
//! year, and calendar names without a fixed date ("Ramadan", "the dry season").

use crate::Date;

/// A named period with known dates: the words (lowercase), start and end (year, month, day;
/// a month or day of 0 is not known).
pub(crate) struct NamedPeriod {
    /// The words of the name, lowercase.
    pub words: &'static [&'static str],
    /// The first day.
    pub start: (i32, u8, u8),
    /// The last day.
    pub end: (i32, u8, u8),
}

impl NamedPeriod {
    /// The start (or the end) as a date of month granularity (year granularity when the month
    /// is not known).
    pub(crate) fn month_of(&self, start: bool) -> Date {
        let (y, m, _) = if start { self.start } else { self.end };
        Date::clamped(y, (m > 0).then_some(m), None).unwrap_or(Date::year_only(y))
    }
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

/// Nouns that end (or head) the name of a yearly observance: a month-day written right after
/// such a name ("Independence Day (August 15)", "Liberation Day, 15 August", "Anniversary of
/// the Revolution, 1 January", "Official birthday of King X, 4 July") is the observance's
/// date, every year.
pub(crate) const OBSERVANCE_NOUNS: &[&str] = &[
    "day",
    "days",
    "festival",
    "feast",
    "fête",
    "fete",
    "fiesta",
    "anniversary",
    "holiday",
    "eve",
    "celebration",
    "commemoration",
    "jubilee",
    "remembrance",
    "birthday",
];

/// Words that make every yearless date of their clause recurring, whatever the tense ("is
/// celebrated annually", "a movable date in March or April"). "every year" and "each year"
/// are read as phrases by the rule.
pub(crate) const RECURRENCE_WORDS: &[&str] = &["annually", "yearly", "movable", "moveable"];

/// Words that mark a clause as describing a yearly observance ("holidays", "commemorates",
/// "the anniversary of"); they make a yearless date recurring unless the clause is in the
/// past tense (the WikiWars "declared 24 March a national holiday" is one day of 1918).
pub(crate) const OBSERVANCE_WORDS: &[&str] = &[
    "holiday",
    "holidays",
    "celebrate",
    "celebrates",
    "celebration",
    "celebrations",
    "observance",
    "observances",
    "commemorate",
    "commemorates",
    "commemoration",
    "commemorations",
    "anniversary",
    "anniversaries",
    "festival",
    "festivals",
    "feast",
];

/// Participles that mark an observance only in the passive or as an apposition ("is
/// celebrated on", "Independence Day, observed on"), not as a past verb ("monitors observed").
pub(crate) const OBSERVANCE_PARTICIPLES: &[&str] = &["celebrated", "observed", "commemorated"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_periods_and_holidays_are_real_dates() {
        for p in NAMED_PERIODS {
            for (y, m, d) in [p.start, p.end] {
                assert!(Date::new(y, (m > 0).then_some(m), (d > 0).then_some(d)).is_ok(), "{:?}", p.words);
            }
            assert_eq!(p.month_of(true).year(), p.start.0);
        }
        for (words, rule, _) in HOLIDAYS {
            if let HolidayDate::Fixed(m, d) = rule {
                assert!(Date::from_ymd(2000, *m, *d).is_ok(), "{words:?}");
            }
        }
    }
}
