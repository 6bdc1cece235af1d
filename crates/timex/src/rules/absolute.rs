//! Absolute expressions: calendar dates in every order, years (with eras and elided range
//! ends), decades, centuries, seasons, position modifiers ("mid-1986", "the end of 1917") and
//! named periods ("the waning days of World War II").

use super::scan::{century_string, day_at, decade_string, era_at, month_at, year_at};
use super::{Ctx, M, relative};
use crate::calendar::{date_string, valid, weekday, year_string};
use crate::tables::{Lex, NAMED_PERIODS, Rel, Season, Unit};
use crate::token::Kind;
use crate::{Date, Mod, Type};

/// Position phrases that take "of" and a period: (words, modifier, half of the year).
const POSITION_PHRASES: &[(&[&str], Option<Mod>, Option<&str>)] = &[
    (&["end"], Some(Mod::End), None),
    (&["close"], Some(Mod::End), None),
    (&["beginning"], Some(Mod::Start), None),
    (&["start"], Some(Mod::Start), None),
    (&["dawn"], Some(Mod::Start), None),
    (&["outset"], Some(Mod::Start), None),
    (&["middle"], Some(Mod::Mid), None),
    (&["midst"], Some(Mod::Mid), None),
    (&["height"], Some(Mod::Mid), None),
    (&["rest"], None, None),
    (&["remainder"], None, None),
    (&["latter", "part"], Some(Mod::End), None),
    (&["later", "part"], Some(Mod::End), None),
    (&["last", "part"], Some(Mod::End), None),
    (&["early", "part"], Some(Mod::Start), None),
    (&["earlier", "part"], Some(Mod::Start), None),
    (&["first", "part"], Some(Mod::Start), None),
    (&["first", "half"], None, Some("H1")),
    (&["second", "half"], None, Some("H2")),
    (&["latter", "half"], None, Some("H2")),
    (&["waning", "days"], Some(Mod::End), None),
    (&["waning", "months"], Some(Mod::End), None),
    (&["closing", "days"], Some(Mod::End), None),
    (&["closing", "months"], Some(Mod::End), None),
    (&["closing", "stages"], Some(Mod::End), None),
    (&["final", "days"], Some(Mod::End), None),
    (&["final", "months"], Some(Mod::End), None),
    (&["final", "year"], Some(Mod::End), None),
    (&["final", "stages"], Some(Mod::End), None),
    (&["last", "days"], Some(Mod::End), None),
    (&["last", "months"], Some(Mod::End), None),
    (&["last", "year"], Some(Mod::End), None),
    (&["early", "days"], Some(Mod::Start), None),
    (&["early", "months"], Some(Mod::Start), None),
    (&["early", "years"], Some(Mod::Start), None),
    (&["early", "stages"], Some(Mod::Start), None),
    (&["first", "days"], Some(Mod::Start), None),
    (&["first", "months"], Some(Mod::Start), None),
    (&["opening", "days"], Some(Mod::Start), None),
    (&["opening", "months"], Some(Mod::Start), None),
];

/// Modified expressions: "mid-1986", "early October", "the late 1980s", "the end of 1917",
/// "the first half of 1916", "about 1910", "the waning days of World War II".
pub(super) fn modified(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    match t.lex {
        // early / mid / late + core
        Lex::Pos(m) if ["early", "mid", "late", "middle"].iter().any(|w| ctx.is(i, w)) => {
            let j = if ctx.dash(i + 1) && ctx.adjacent(i + 1) { i + 2 } else { i + 1 };
            // "early in 1914", "late in the summer"
            let j = if ctx.is(j, "in") && !ctx.is(i, "mid") { j + 1 } else { j };
            let core = best_of(ctx, j, &[explicit, decade, century, season, relative::anaphoric, relative::part_of_day, relative::weekday, relative::deictic])?;
            let dated = !core.value.ends_with("_REF");
            if (core.kind != Type::Date && core.kind != Type::Time) || !dated {
                return None;
            }
            Some(M { modifier: Some(m), ..core })
        }
        // News: "earlier Monday", "later today" (TimeML keeps the adverb inside, no modifier).
        Lex::Shift(_) if ctx.news() && (ctx.is(i, "later") || ctx.is(i, "earlier")) && !ctx.is(i + 1, "in") => {
            let core = best_of(ctx, i + 1, &[relative::weekday, relative::deictic])?;
            core.value.as_bytes().first().is_some_and(u8::is_ascii_digit).then_some(core)
        }
        // "Later in 1792", "Earlier in the summer"
        Lex::Shift(_) if (ctx.is(i, "later") || ctx.is(i, "earlier")) && ctx.is(i + 1, "in") => {
            let core = best_of(ctx, i + 2, &[explicit, season])?;
            (core.kind == Type::Date).then_some(core)
        }
        Lex::The => {
            // the early 1990s, the late nineteenth century
            if let Lex::Pos(m) = ctx.lex(i + 1) {
                if ["early", "mid", "late"].iter().any(|w| ctx.is(i + 1, w)) {
                    let j = if ctx.dash(i + 2) && ctx.adjacent(i + 2) { i + 3 } else { i + 2 };
                    if let Some(core) = best_of(ctx, j, &[decade, century, season]) {
                        return Some(M { modifier: Some(m), ..core });
                    }
                }
            }
            turn_of_century(ctx, i).or_else(|| position_of(ctx, i + 1))
        }
        Lex::Approx => {
            let mut j = i + 1;
            if (ctx.is(i, "ca") || ctx.is(i, "c")) && ctx.punct(j, '.') {
                j += 1;
            } else if ctx.is(i, "c") || ctx.is(i, "some") {
                return None;
            }
            let core = best_of(ctx, j, &[explicit, decade, relative::clock])?;
            if core.kind != Type::Date && core.kind != Type::Time {
                return None;
            }
            Some(M { modifier: Some(Mod::Approx), ..core })
        }
        _ => None,
    }
}

/// "the turn of the century" (the century boundary nearest the reference) and "the turn of
/// the twentieth century" (1900), approximately.
fn turn_of_century(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !(ctx.is(i + 1, "turn") && ctx.is(i + 2, "of") && ctx.is(i + 3, "the")) {
        return None;
    }
    let (year, end) = if ctx.is(i + 4, "century") {
        let r = ctx.reference(false)?;
        ((r.year + 50).div_euclid(100) * 100, i + 5)
    } else {
        let m = century(ctx, i + 4)?;
        let n: i32 = m.value.parse().ok()?;
        (n * 100, m.end)
    };
    Some(M { modifier: Some(Mod::Approx), ..M::date(end, year_string(year), None) })
}

/// "[the] end of X", "[the] first half of X" with `i` after "the".
fn position_of(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (words, modifier, half) = POSITION_PHRASES.iter().find(|(words, _, _)| words.iter().enumerate().all(|(k, w)| ctx.is(i + k, w)))?;
    let j = i + words.len();
    if !ctx.is(j, "of") {
        // News: "the second half" alone is the half of the document's year.
        let year = ctx.config.dct.filter(|_| ctx.news() && ctx.is(i.wrapping_sub(1), "the"))?.year;
        return half.map(|h| M::date(j, format!("{}-{h}", year_string(year)), None));
    }
    let j = j + 1;
    // A named period?
    if let Some((period, end)) = named_period(ctx, j) {
        let (y, m) = match modifier {
            Some(Mod::Start) => (period.start.0, period.start.1),
            _ => (period.end.0, period.end.1),
        };
        let value = year_string(y);
        let anchor = Date { year: y, month: (m > 0).then_some(m), day: None };
        return Some(M { end, kind: Type::Date, value, modifier: *modifier, anchor: Some(anchor) });
    }
    // "the year", "the month", "the decade", "that year"
    let core = best_of(ctx, j, &[explicit, decade, century, season, relative::anaphoric, this_unit])?;
    if core.kind != Type::Date {
        return None;
    }
    if let Some(h) = half {
        let is_year = core.value.len() == 4 && core.value.bytes().all(|b| b.is_ascii_digit());
        if !is_year {
            // "the first half of the 19th century": a decade or century has no H1/H2 value.
            let modifier = if *h == "H1" { Mod::Start } else { Mod::End };
            return Some(M { modifier: Some(modifier), ..core });
        }
        let value = format!("{}-{h}", core.value);
        return Some(M { value, modifier: None, ..core });
    }
    Some(M { modifier: *modifier, ..core })
}

/// "the year", "the month", "the decade", "the century" resolved to the reference.
fn this_unit(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !ctx.is(i, "the") {
        return None;
    }
    let Lex::Unit(unit, false) = ctx.lex(i + 1) else {
        return None;
    };
    let (value, _) = super::scan::shift(ctx.reference(true), unit, 0)?;
    Some(M::date(i + 2, value, None))
}

/// A named period at token `i`: (period, end).
fn named_period(ctx: &Ctx<'_>, i: usize) -> Option<(&'static crate::tables::NamedPeriod, usize)> {
    NAMED_PERIODS.iter().find_map(|p| {
        let mut k = i;
        for w in p.words {
            if ctx.text_of(k).eq_ignore_ascii_case(w) {
                k += 1;
            } else if *w == "the" {
                continue;
            } else {
                return None;
            }
        }
        Some((p, k))
    })
}

/// The longest match of `rules` at `i`.
fn best_of(ctx: &Ctx<'_>, i: usize, rules: &[super::Rule]) -> Option<M> {
    let mut best: Option<M> = None;
    for rule in rules {
        if let Some(m) = rule(ctx, i) {
            if best.as_ref().is_none_or(|b| m.end > b.end) {
                best = Some(m);
            }
        }
    }
    best
}

/// Calendar dates: "September 1, 1939", "1 September 1939", "September 1939", "June 20 of
/// 1792", "September 1", "26 January", "1939", "490 BC", a lone month "in April", with an
/// optional weekday before ("Thursday, March 5, 1998") and clock time after ("May 8 1:00AM").
pub(super) fn explicit(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    // Weekday, date
    if let Lex::Weekday(_) = ctx.lex(i) {
        let j = if ctx.punct(i + 1, ',') { i + 2 } else { i + 1 };
        let m = explicit(ctx, j)?;
        let d = m.anchor.filter(|d| d.day.is_some())?;
        // News: a weekday fixes the year of a date written without one ("Sunday, March 17").
        if ctx.news() && !(m.end > j && ctx.tok(m.end - 1).is_some_and(|t| t.kind == Kind::Num && t.ndigits == 4)) {
            if let Some(fixed) = weekday_year(ctx, i, d) {
                return Some(M::date(m.end, date_string(&fixed), Some(fixed)));
            }
        }
        return Some(m);
    }
    if let Some(m) = quarter(ctx, i) {
        return Some(m);
    }
    // "fiscal 2012", "fiscal year 2012": the year.
    if ctx.is(i, "fiscal") {
        let j = if ctx.is(i + 1, "year") { i + 2 } else { i + 1 };
        let (year, end) = year_at(ctx, j).filter(|(y, _)| *y > 999)?;
        return Some(M::date(end, year_string(year), Some(Date { year, month: None, day: None })));
    }
    // "the 25th of August", "the 20 September", "the 20th"
    if ctx.is(i, "the") {
        if ctx.tok(i + 1).is_some_and(|t| t.kind == Kind::Num) {
            let full_date = |m: &M| m.anchor.is_some_and(|d| d.day.is_some()) || (m.value.len() == 10 && m.value.as_bytes()[0].is_ascii_digit());
            let m = calendar_date(ctx, i + 1).filter(full_date).or_else(|| lone_day(ctx, i + 1))?;
            return Some(m);
        }
        // "the year 1950", "the years 1955"
        if let Lex::Unit(crate::tables::Unit::Year, _) = ctx.lex(i + 1) {
            let m = calendar_date(ctx, i + 2)?;
            return (m.anchor.is_some_and(|d| d.month.is_none())).then_some(m);
        }
        return None;
    }
    let m = calendar_date(ctx, i).or_else(|| super::holidays::holiday(ctx, i))?;
    // A clock time right after a full date.
    if let Some(d) = m.anchor.filter(|d| d.day.is_some()) {
        let j = if ctx.is(m.end, "at") || ctx.punct(m.end, ',') { m.end + 1 } else { m.end };
        if let Some((time, end)) = relative::clock_time(ctx, j) {
            return Some(M { end, kind: Type::Time, value: format!("{}T{time}", date_string(&d)), modifier: None, anchor: m.anchor });
        }
    }
    Some(m)
}

/// The date on the weekday at token `i` nearest `d` (a year either side), if `d` is not on it.
fn weekday_year(ctx: &Ctx<'_>, i: usize, d: Date) -> Option<Date> {
    let Lex::Weekday(w) = ctx.lex(i) else { return None };
    if weekday_of(&d) == Some(w) {
        return None;
    }
    [d.year.saturating_sub(1), d.year.saturating_add(1)].into_iter().map(|year| Date { year, ..d }).find(|c| weekday_of(c) == Some(w))
}

/// "the 20th" (after "the"): a day of the reference month.
fn lone_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (day, end) = day_at(ctx, i)?;
    // "the 20th," but not "the 24th Infantry Division" or "the 28 soldiers".
    let next_ok = ctx.tok(end).is_none_or(|t| t.kind == Kind::Punct && !ctx.dash(end))
        || (end > i + 1 && ["and", "to", "when", "until", "as", "at", "in", "after", "before"].iter().any(|w| ctx.is(end, w)));
    if !next_ok {
        return None;
    }
    let r = ctx.reference(false)?;
    let month = r.month?;
    full(ctx, end, r.year, month, day)
}

fn full(ctx: &Ctx<'_>, end: usize, year: i32, month: u8, day: u8) -> Option<M> {
    let _ = ctx;
    if !valid(year, month, day) {
        return None;
    }
    let d = Date { year, month: Some(month), day: Some(day) };
    Some(M::date(end, date_string(&d), Some(d)))
}

fn month_year(end: usize, year: i32, month: u8) -> M {
    let d = Date { year, month: Some(month), day: None };
    M::date(end, date_string(&d), Some(d))
}

/// The reference year for a month or day without a year.
pub(super) fn reference_year(ctx: &Ctx<'_>) -> Option<i32> {
    ctx.reference(false).map(|d| d.year)
}

/// The year of a month mentioned without one. A narrative moves forward, so a month well
/// before the anchor's month ("December 1941 ... In January") belongs to the next year.
pub(super) fn year_for_month(ctx: &Ctx<'_>, i: usize, month: u8, day: Option<u8>) -> Option<i32> {
    if ctx.news() {
        // News: the occurrence nearest the document date, in the direction of the tense.
        if let Some(dct) = ctx.config.dct {
            if let Some(y) = ctx.sentence_year(i) {
                return Some(y);
            }
            let Some(dm) = dct.month else {
                return Some(dct.year);
            };
            return match (day, dct.day) {
                (Some(d), Some(dd)) => ctx.news_year(i, u32::from(month) * 32 + u32::from(d), u32::from(dm) * 32 + u32::from(dd), 96),
                _ => ctx.news_year(i, u32::from(month), u32::from(dm), 3),
            };
        }
    }
    let r = ctx.reference(false)?;
    match r.month {
        Some(am) if !ctx.news() && ctx.anchor.is_some() && am >= month + 8 => Some(r.year.saturating_add(1)),
        _ => Some(r.year),
    }
}

/// A year after a month or day: optional comma or "of", then the year.
fn trailing_year(ctx: &Ctx<'_>, j: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_at(ctx, j).filter(|(y, _)| *y > 999 || *y < 0) {
        return Some(y);
    }
    if ctx.punct(j, ',') || ctx.is(j, "of") {
        if let Some(y) = year_at(ctx, j + 1).filter(|(y, _)| *y > 999 || *y < 0) {
            return Some(y);
        }
    }
    // News: "March last year", "June 5 next year"
    if ctx.news() && matches!(ctx.lex(j), Lex::Rel(Rel::Last | Rel::Next) | Lex::Demo(true)) && ctx.lex(j + 1) == Lex::Unit(Unit::Year, false) {
        let m = relative::anaphoric(ctx, j)?;
        return Some((m.value.parse().ok()?, m.end));
    }
    // "August of that year", "January 24 of the same year"
    if ctx.is(j, "of") {
        let m = relative::anaphoric(ctx, j + 1)?;
        let d = m.anchor.filter(|d| d.month.is_none())?;
        return Some((d.year, m.end));
    }
    None
}

/// Numeric dates: ISO "1998-10-21" and US "10/21/1998", "10/21/98".
fn numeric_date(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    let num = |k: usize, digits: &[u8]| ctx.tok(k).filter(|t| t.kind == Kind::Num && t.plain && digits.contains(&t.ndigits) && !t.space_before).map(|t| t.num);
    if t.kind != Kind::Num || !t.plain {
        return None;
    }
    if t.ndigits == 4 && ctx.punct(i + 1, '-') && ctx.punct(i + 3, '-') {
        let (m, d) = (num(i + 2, &[2])?, num(i + 4, &[2])?);
        if !ctx.adjacent(i + 1) || !ctx.adjacent(i + 3) {
            return None;
        }
        return full(ctx, i + 5, t.num as i32, m as u8, d as u8);
    }
    if (1..=2).contains(&t.ndigits) && ctx.punct(i + 1, '/') && ctx.punct(i + 3, '/') && ctx.adjacent(i + 1) && ctx.adjacent(i + 3) {
        let (a, b) = (t.num, num(i + 2, &[1, 2])?);
        let y = num(i + 4, &[2, 4])?;
        let year = match ctx.tok(i + 4)?.ndigits {
            2 if y > 30 => 1900 + y,
            2 => 2000 + y,
            _ => y,
        } as i32;
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return full(ctx, i + 5, year, m as u8, d as u8);
    }
    None
}

/// Quarters: "the third quarter", "the fourth quarter of 1998", "the first fiscal quarter".
fn quarter(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let o = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::Ordinal(n) = ctx.lex(o) else {
        return None;
    };
    // "first-quarter earnings" without "the"
    let k = if ctx.dash(o + 1) && ctx.adjacent(o + 1) {
        o + 2
    } else if o == i {
        return None;
    } else if ctx.is(o + 1, "fiscal") {
        o + 2
    } else {
        o + 1
    };
    if !(1..=4).contains(&n) || !ctx.is(k, "quarter") {
        return None;
    }
    let (year, end) = match trailing_year(ctx, k + 1).filter(|_| ctx.is(k + 1, "of")) {
        Some((y, e)) => (Some(y), e),
        // News: the quarter nearest the document date in the direction of the tense.
        None => match ctx.config.dct.and_then(|d| d.month).filter(|_| ctx.news()) {
            Some(dm) => (ctx.news_year(i, u32::from(n), u32::from(dm - 1) / 3 + 1, 0), k + 1),
            None => (ctx.reference(true).map(|d| d.year), k + 1),
        },
    };
    let year = year.map_or("XXXX".to_string(), year_string);
    Some(M::date(end, format!("{year}-Q{n}"), None))
}

fn calendar_date(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if let Some(m) = numeric_date(ctx, i) {
        return Some(m);
    }
    let t = ctx.tok(i)?;
    // Month first.
    if let Some((month, j)) = month_at(ctx, i) {
        // day_at takes one or two digits only, so "May 1940" is not read as a day.
        if let Some((day, k)) = day_at(ctx, j) {
            if let Some((year, end)) = trailing_year(ctx, k) {
                return full(ctx, end, year, month, day);
            }
            if let Some(year) = year_for_month(ctx, i, month, Some(day)) {
                return full(ctx, k, year, month, day);
            }
            let value = format!("XXXX-{month:02}-{day:02}");
            return Some(M::date(k, value, None));
        }
        if let Some((year, end)) = trailing_year(ctx, j) {
            return Some(month_year(end, year, month));
        }
        // A lone month: "May" and abbreviations need a preposition before them.
        let prep_before = i > 0 && (matches!(ctx.lex(i - 1), Lex::Prep | Lex::Pos(_) | Lex::The) || ctx.punct(i - 1, '(') || ctx.dash(i - 1));
        let lone_ok = t.cap && (prep_before || !(month == 5 || month == 3 || matches!(t.lex, Lex::MonthAbbr(_))));
        if !lone_ok {
            return None;
        }
        return Some(match year_for_month(ctx, i, month, None) {
            Some(year) => month_year(j, year, month),
            None => M::date(j, format!("XXXX-{month:02}"), None),
        });
    }
    // Day first: "1 September 1939", "26 January", "the 15th of May".
    if let Some((day, j)) = day_at(ctx, i) {
        // "26-30 November", "15 to 22 February", "the 28 and 29 August": the first day takes
        // the month of the second.
        if super::anchored::range_joiner(ctx, j) {
            if let Some((_, k)) = day_at(ctx, j + 1) {
                if let Some((month, l)) = month_at(ctx, k) {
                    let year = trailing_year(ctx, l).map(|(y, _)| y).or_else(|| reference_year(ctx))?;
                    let m = full(ctx, j, year, month, day)?;
                    return Some(M { anchor: None, ..m });
                }
            }
        }
        let j = if ctx.is(j, "of") { j + 1 } else { j };
        if let Some((month, k)) = month_at(ctx, j) {
            if let Some((year, end)) = trailing_year(ctx, k) {
                return full(ctx, end, year, month, day);
            }
            let year = year_for_month(ctx, i, month, Some(day))?;
            return full(ctx, k, year, month, day);
        }
    }
    // "'99": a two-digit year in the reference century.
    if (ctx.punct(i, '\'') || ctx.punct(i, '’'))
        && !ctx.tok(i).is_some_and(|t| !t.space_before && i > 0 && ctx.tok(i - 1).is_some_and(|p| p.kind == Kind::Word))
    {
        let t = ctx.tok(i + 1)?;
        if t.kind != Kind::Num || t.ndigits != 2 || !ctx.adjacent(i + 1) || ctx.tok(i + 2).is_some_and(|n| !n.space_before && n.kind == Kind::Word) {
            return None;
        }
        let century = ctx.reference(false).map_or(1900, |r| r.year.div_euclid(100) * 100);
        let mut year = century.saturating_add(t.num as i32);
        if ctx.reference(false).is_some_and(|r| year > r.year) {
            year = year.saturating_sub(100);
        }
        return Some(M::date(i + 2, year_string(year), Some(Date { year, month: None, day: None })));
    }
    // A year.
    let (year, end) = year_at(ctx, i)?;
    // "1982 summer"
    if let Lex::Season(s) = ctx.lex(end) {
        if year > 999 && !(s == Season::Fall && ctx.is(end + 1, "of")) {
            return Some(M::date(end + 1, format!("{}-{}", year_string(year), season_code(s)), Some(Date { year, month: None, day: None })));
        }
    }
    if let Some(dct) = ctx.config.dct {
        // "As of 1989" in a section whose data are as of May 1989 resolves to the section date.
        if i >= 2 && ctx.is(i - 2, "as") && ctx.is(i - 1, "of") && dct.year == year {
            return Some(M::date(end, date_string(&dct), Some(dct)));
        }
    }
    Some(M::date(end, year_string(year), Some(Date { year, month: None, day: None })))
}

/// The second year of an elided range: the "21" of "1918-21", the "05" of "1904-05".
pub(super) fn elided_year(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits != 2 || i < 2 {
        return None;
    }
    if !(ctx.dash(i - 1) || ctx.punct(i - 1, '/')) || ctx.tok(i + 1).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
        return None;
    }
    let first = ctx.tok(i - 2)?;
    if first.kind != Kind::Num || first.ndigits != 4 || !(1000..=2100).contains(&first.num) {
        return None;
    }
    if ctx.tok(i + 1).is_some_and(|n| n.kind == Kind::Word && !n.space_before) {
        return None;
    }
    // "1998-10-21" is a numeric date, not a range.
    if (ctx.punct(i + 1, '-') || ctx.punct(i + 1, '/')) && ctx.adjacent(i + 1) && ctx.tok(i + 2).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
        return None;
    }
    let century = first.num / 100 * 100;
    let mut year = century + t.num;
    if year <= first.num {
        year += 100;
    }
    let year = year as i32;
    Some(M::date(i + 1, year_string(year), Some(Date { year, month: None, day: None })))
}

/// Decades: "the 1920s", "1920's", "the '90s", "the 470s BC"; "the 1800s" is a century.
pub(super) fn decade(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let (num, ndigits, k) = if ctx.punct(j, '\'') || ctx.punct(j, '’') {
        let t = ctx.tok(j + 1)?;
        if t.ndigits != 2 || !ctx.adjacent(j + 1) {
            return None;
        }
        (1900 + t.num, 4, j + 2)
    } else {
        let t = ctx.tok(j)?;
        if t.kind != Kind::Num || !t.plain || !(t.ndigits == 3 || t.ndigits == 4) {
            return None;
        }
        (t.num, t.ndigits, j + 1)
    };
    if num % 10 != 0 {
        return None;
    }
    let mut end = if ctx.is(k, "s") && ctx.adjacent(k) {
        k + 1
    } else if (ctx.punct(k, '\'') || ctx.punct(k, '’')) && ctx.is(k + 1, "s") && ctx.adjacent(k) && ctx.adjacent(k + 1) {
        k + 2
    } else {
        return None;
    };
    let mut bc = false;
    if let Some((b, e)) = era_at(ctx, end) {
        bc = b;
        end = e;
    }
    let year = if bc { -(num as i32) } else { num as i32 };
    let value = if ndigits == 4 && num % 100 == 0 && !bc { century_string(year) } else { decade_string(year) };
    Some(M::date(end, value, None))
}

/// Centuries: "the nineteenth century", "the 19th century", "eighteenth-century", "the 9th
/// century BC", "the twenty-first century".
pub(super) fn century(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let (n, k) = match ctx.lex(j) {
        Lex::Ordinal(n) => (u32::from(n), j + 1),
        Lex::Card(20) if ctx.dash(j + 1) => match ctx.lex(j + 2) {
            Lex::Ordinal(n) if n < 10 => (20 + u32::from(n), j + 3),
            _ => return None,
        },
        _ => {
            let t = ctx.tok(j)?;
            if t.kind != Kind::Num || t.ndigits > 2 || !["st", "nd", "rd", "th"].iter().any(|s| ctx.is(j + 1, s)) || !ctx.adjacent(j + 1) {
                return None;
            }
            (t.num, j + 2)
        }
    };
    let k = if ctx.dash(k) { k + 1 } else { k };
    // "centuries" too: "the late eighteenth and early nineteenth centuries"
    if !matches!(ctx.lex(k), crate::tables::Lex::Unit(crate::tables::Unit::Century, _)) || n == 0 || n > 30 {
        return None;
    }
    let mut end = k + 1;
    let mut bc = false;
    if let Some((b, e)) = era_at(ctx, end) {
        bc = b;
        end = e;
    }
    let value = if bc { format!("BC{:02}", n - 1) } else { format!("{:02}", n - 1) };
    Some(M::date(end, value, None))
}

/// Seasons: "the summer", "the spring of 1915", "summer 2007", "winter".
pub(super) fn season(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::Season(s) = ctx.lex(j) else {
        return None;
    };
    let k = j + 1;
    let explicit_year = if ctx.is(k, "of") {
        // "the spring of 1915", "the spring of next year"
        year_at(ctx, k + 1).or_else(|| {
            let m = relative::anaphoric(ctx, k + 1)?;
            m.anchor.filter(|d| d.month.is_none()).map(|d| (d.year, m.end))
        })
    } else {
        year_at(ctx, k).filter(|(y, _)| *y > 999)
    };
    if let Some((year, end)) = explicit_year {
        let value = format!("{}-{}", year_string(year), season_code(s));
        return Some(M::date(end, value, Some(Date { year, month: None, day: None })));
    }
    // "the fall of Budapest" is not a season; "fall" needs "the" before and no "of" after.
    if s == Season::Fall
        && ctx.is(j, "fall")
        && (j == i || ctx.is(k, "of") || (matches!(ctx.lex(k), Lex::Prep | Lex::Cmp(_)) && !ctx.is(k, "and") && !ctx.is(k, "or")))
    {
        return None;
    }
    if ctx.is(k, "of") {
        return None;
    }
    // "the summer offensive", "the Spring Offensive": the season alone modifies the noun (the
    // article belongs to the noun phrase).
    if j > i && season_modifies_noun(ctx, j, k) {
        return None;
    }
    let value = match reference_year(ctx) {
        Some(y) => format!("{}-{}", year_string(y), season_code(s)),
        None => format!("XXXX-{}", season_code(s)),
    };
    Some(M::date(k, value, None))
}

/// Words after a season that do not make it a noun modifier.
const NOT_MODIFIED: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "and", "or", "but", "when", "as", "that", "which", "is", "are", "was", "were", "had", "has", "have", "saw", "came",
    "began", "brought", "went", "fell", "passed", "arrived", "months", "weeks", "days", "season",
];

/// True when the season word at `j` modifies the noun at `k` ("summer offensive").
fn season_modifies_noun(ctx: &Ctx<'_>, j: usize, k: usize) -> bool {
    let Some(t) = ctx.tok(k) else { return false };
    let season_cap = ctx.tok(j).is_some_and(|s| s.cap);
    t.kind == Kind::Word && t.lex == Lex::None && (!t.cap || season_cap) && !NOT_MODIFIED.iter().any(|w| ctx.is(k, w)) && !ctx.text_of(k).ends_with("ed")
}

/// The TIMEX code of a season.
pub(super) fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

/// The weekday (Monday = 0) of a full date, for the weekday rule.
pub(super) fn weekday_of(d: &Date) -> Option<u8> {
    let (m, day) = (d.month?, d.day?);
    valid(d.year, m, day).then(|| weekday(d.year, m, day))
}
