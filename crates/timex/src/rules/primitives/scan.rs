//! Token scanners shared by the rule families: years, eras, months, days, amounts, clock
//! times, range joiners and clause ends. Each reads a few tokens at a position and returns
//! what it found and where it ends; none of them produces a match on its own.

use super::ctx::Ctx;
use super::value::{Qty, TimeOfDay};
use crate::tables::Lex;
use crate::token::Kind;

/// Count nouns after which a four-digit number is a quantity, not a year.
const MEASURE_NOUNS: &[&str] = &[
    "men",
    "troops",
    "soldiers",
    "people",
    "casualties",
    "killed",
    "dead",
    "wounded",
    "tanks",
    "aircraft",
    "planes",
    "guns",
    "ships",
    "km",
    "miles",
    "feet",
    "meters",
    "metres",
    "kilometres",
    "kilometers",
    "tons",
    "tonnes",
    "prisoners",
    "civilians",
    "strong",
    "hours",
    "troop",
    "vehicles",
    "workers",
    "deaths",
    "persons",
    "rifles",
    "sailors",
    "marines",
    "infantry",
    "cavalry",
    "horses",
    "m",
    "ft",
    "mi",
    "kg",
    "lb",
    "pounds",
    "dollars",
    "villagers",
    "refugees",
    "fighters",
    "residents",
    "inhabitants",
    "families",
    "students",
    "votes",
    "seats",
    "members",
    "units",
    "cases",
    "square",
    "hectares",
    "acres",
    "barrels",
];

/// Nouns before which a four-digit number is an identifier, not a year.
const NUMBER_NOUNS: &[&str] = &[
    "no",
    "number",
    "resolution",
    "resolutions",
    "flight",
    "route",
    "highway",
    "page",
    "article",
    "paragraph",
    "section",
    "room",
    "unit",
    "model",
    "type",
    "class",
    "code",
    "hill",
    "height",
];

/// An era marker at token `i` ("BC", "B.C.", "BCE", "AD", "A.D."): (is BC, end).
pub(crate) fn era_at(ctx: &Ctx<'_>, i: usize) -> Option<(bool, usize)> {
    let t = ctx.tok(i)?;
    if let Lex::Era(bc) = t.lex {
        let w = ctx.text_of(i);
        if w.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some((bc, i + 1));
        }
        return None;
    }
    // Dotted forms: B . C [.] [E .] and A . D [.]
    let first = ctx.text_of(i);
    let bc = match first {
        "B" => true,
        "A" => false,
        _ => return None,
    };
    if !(ctx.punct(i + 1, '.') && ctx.adjacent(i + 1) && ctx.adjacent(i + 2)) {
        return None;
    }
    let second = ctx.text_of(i + 2);
    if (bc && second != "C") || (!bc && second != "D") {
        return None;
    }
    let mut end = i + 3;
    if ctx.punct(end, '.') && ctx.adjacent(end) {
        end += 1;
        if bc && ctx.text_of(end) == "E" && ctx.adjacent(end) && ctx.punct(end + 1, '.') {
            end += 2;
        }
    }
    Some((bc, end))
}

/// A year at token `i`: (year, end). Negative for BC.
pub(crate) fn year_at(ctx: &Ctx<'_>, i: usize) -> Option<(i32, usize)> {
    // "AD 1066", "A.D. 1066"
    if let Some((false, j)) = era_at(ctx, i) {
        let t = ctx.tok(j)?;
        if t.kind == Kind::Num && t.plain && (1..=4).contains(&t.ndigits) && t.num >= 1 {
            return Some((t.num as i32, j + 1));
        }
        return None;
    }
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits == 0 || t.ndigits > 4 {
        return None;
    }
    let n = t.num as i32;
    // A digit run glued to letters ("1920s", "10th", "F-1000") is not a bare year.
    if let Some(next) = ctx.tok(i + 1) {
        if next.kind == Kind::Word && !next.space_before && era_at(ctx, i + 1).is_none() {
            return None;
        }
        if ctx.punct(i + 1, ':') && ctx.tok(i + 2).is_some_and(|t| t.kind == Kind::Num && !t.space_before) {
            return None;
        }
    }
    if i > 0 {
        let prev = ctx.text_of(i - 1);
        if matches!(prev, "$" | "£" | "€" | "#" | "p" | "pp") || NUMBER_NOUNS.iter().any(|w| prev.eq_ignore_ascii_case(w)) {
            return None;
        }
    }
    if n >= 1 {
        if let Some((bc, end)) = era_at(ctx, i + 1) {
            return Some((if bc { -n } else { n }, end));
        }
    }
    if t.ndigits == 4 && (1000..=2100).contains(&n) {
        if ctx.punct(i + 1, '%') || ctx.is(i + 1, "percent") {
            return None;
        }
        if ctx.tok(i + 1).is_some_and(|t| t.kind == Kind::Word) && MEASURE_NOUNS.iter().any(|w| ctx.is(i + 1, w)) {
            return None;
        }
        return Some((n, i + 1));
    }
    // Three-digit years: in a text about antiquity, or in a range ending in BC.
    if (t.ndigits == 3 || t.ndigits == 2) && n >= 10 {
        let range_bc = (ctx.dash(i + 1) || ctx.is(i + 1, "to") || ctx.is(i + 1, "and"))
            && ctx.tok(i + 2).is_some_and(|t| t.kind == Kind::Num && t.plain)
            && matches!(era_at(ctx, i + 3), Some((true, _)));
        if range_bc {
            return Some((-n, i + 1));
        }
        let ancient = ctx.anchor.is_some_and(|a| a.year() < 0) && t.ndigits == 3;
        let before_ok = i > 0 && (matches!(ctx.lex(i - 1), Lex::Prep) || ctx.punct(i - 1, '(') || ctx.is(i - 1, "of"));
        let after_ok = match ctx.tok(i + 1) {
            None => true,
            Some(nt) => match nt.kind {
                Kind::Punct => !ctx.punct(i + 1, '%') && !ctx.punct(i + 1, '$'),
                Kind::Word => nt.cap || matches!(nt.lex, Lex::The | Lex::Prep) || ctx.is(i + 1, "when"),
                Kind::Num => false,
            },
        };
        if ancient && before_ok && after_ok {
            return Some((-n, i + 1));
        }
    }
    None
}

/// A month name at token `i`: (month, end). "May" and "March" must be capitalized;
/// abbreviations must be followed by a period or a number.
pub(crate) fn month_at(ctx: &Ctx<'_>, i: usize) -> Option<(u8, usize)> {
    let t = ctx.tok(i)?;
    match t.lex {
        Lex::Month(m) => {
            if (m == 5 || m == 3) && !t.cap {
                return None;
            }
            Some((m, i + 1))
        }
        Lex::MonthAbbr(m) if t.cap => {
            if ctx.punct(i + 1, '.') && ctx.adjacent(i + 1) {
                Some((m, i + 2))
            } else if ctx.tok(i + 1).is_some_and(|t| t.kind == Kind::Num) {
                Some((m, i + 1))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A day of the month at token `i` ("7", "7th", "21st"): (day, end).
pub(crate) fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<(u8, usize)> {
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits > 2 || !(1..=31).contains(&t.num) {
        return None;
    }
    let mut end = i + 1;
    if ctx.adjacent(i + 1) && ["st", "nd", "rd", "th"].iter().any(|s| ctx.is(i + 1, s)) {
        end += 1;
    }
    if ctx.punct(end, ':') {
        return None;
    }
    Some((t.num as u8, end))
}

/// A quantity at token `i`: (amount, end, was it the article "a"/"an"), with "and a half".
pub(crate) fn quantity(ctx: &Ctx<'_>, i: usize) -> Option<(Qty, usize, bool)> {
    let (q, end, article) = whole_quantity(ctx, i)?;
    if let Qty::N(v) = q {
        if !article && ctx.is(end, "and") {
            if ctx.lex(end + 1) == Lex::A && ctx.lex(end + 2) == Lex::Half {
                return Some((Qty::N(v + 0.5), end + 3, false));
            }
            if ctx.lex(end + 1) == Lex::Half {
                return Some((Qty::N(v + 0.5), end + 2, false));
            }
        }
    }
    Some((q, end, article))
}

fn whole_quantity(ctx: &Ctx<'_>, i: usize) -> Option<(Qty, usize, bool)> {
    let t = ctx.tok(i)?;
    match t.lex {
        Lex::A => {
            if matches!(ctx.lex(i + 1), Lex::Vague) {
                let j = if ctx.is(i + 2, "of") { i + 3 } else { i + 2 };
                return Some((Qty::Vague, j, false));
            }
            if let Lex::Card(12) = ctx.lex(i + 1) {
                return Some((Qty::N(12.0), i + 2, false));
            }
            Some((Qty::N(1.0), i + 1, true))
        }
        Lex::Vague => Some((Qty::Vague, i + 1, false)),
        Lex::Approx if ctx.is(i, "some") => None,
        Lex::Half => {
            if matches!(ctx.lex(i + 1), Lex::A) {
                Some((Qty::N(0.5), i + 2, false))
            } else {
                None
            }
        }
        Lex::Card(n) => {
            let mut n = n;
            let mut end = i + 1;
            if n >= 20 && n % 10 == 0 && n < 100 {
                let k = if ctx.dash(end) { end + 1 } else { end };
                if let Lex::Card(u) = ctx.lex(k) {
                    if u < 10 {
                        n += u;
                        end = k + 1;
                    }
                }
            }
            if ctx.is(end, "hundred") {
                n *= 100;
                end += 1;
            }
            Some((Qty::N(f64::from(n)), end, false))
        }
        _ if t.kind == Kind::Num => {
            if t.plain {
                if t.num > 100_000 {
                    return None;
                }
                Some((Qty::N(f64::from(t.num)), i + 1, false))
            } else {
                let s: String = ctx.text_of(i).chars().filter(|c| *c != ',').collect();
                let v: f64 = s.parse().ok()?;
                (v.is_finite() && v < 1e6).then_some((Qty::N(v), i + 1, false))
            }
        }
        _ => None,
    }
}

/// A clock time at `i`: (10:30, end). Accepts "10:30", "10:30 a.m.", "11 a.m.", "3 PM",
/// "1:00AM", "five o'clock".
pub(crate) fn clock_time(ctx: &Ctx<'_>, i: usize) -> Option<(TimeOfDay, usize)> {
    let t = ctx.tok(i)?;
    if t.kind != Kind::Num || !t.plain || t.ndigits > 2 {
        return None;
    }
    let hour = t.num;
    let (minute, j) = if ctx.punct(i + 1, ':') && ctx.adjacent(i + 1) {
        let m = ctx.tok(i + 2)?;
        if m.kind != Kind::Num || m.ndigits != 2 || m.num > 59 || !ctx.adjacent(i + 2) {
            return None;
        }
        (Some(m.num), i + 3)
    } else {
        (None, i + 1)
    };
    let (pm, end) = match ampm(ctx, j) {
        Some((pm, end)) => (Some(pm), end),
        None if ctx.is(j, "o'clock") => (None, j + 1),
        None => {
            minute?;
            if hour > 24 || ctx.punct(j, ':') {
                return None;
            }
            (None, j)
        }
    };
    let mut h = hour;
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if h > 24 || (pm.is_some() && !(1..=12).contains(&hour)) {
        return None;
    }
    let end = if (ctx.is(end, "hrs") || ctx.is(end, "hours")) && minute.is_some() && ctx.adjacent(end) { end + 1 } else { end };
    // A time zone is part of the expression.
    let end = if ["GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "ET", "PT", "CT"].iter().any(|z| ctx.text_of(end) == *z) {
        end + 1
    } else {
        end
    };
    Some((TimeOfDay::Clock(h, minute.unwrap_or(0)), end))
}

/// "a.m.", "am", "AM", "p.m." at `j`: (is pm, end).
fn ampm(ctx: &Ctx<'_>, j: usize) -> Option<(bool, usize)> {
    if let Lex::AmPm(pm) = ctx.lex(j) {
        let w = ctx.text_of(j);
        if w == "am" && !ctx.adjacent(j) {
            return None;
        }
        return Some((pm, j + 1));
    }
    let first = ctx.text_of(j);
    let pm = match first {
        "a" | "A" => false,
        "p" | "P" => true,
        _ => return None,
    };
    if ctx.punct(j + 1, '.') && ctx.adjacent(j + 1) && ctx.text_of(j + 2).eq_ignore_ascii_case("m") && ctx.adjacent(j + 2) {
        let end = if ctx.punct(j + 3, '.') && ctx.adjacent(j + 3) { j + 4 } else { j + 3 };
        return Some((pm, end));
    }
    None
}

/// Words that join the two days of a range.
const RANGE_JOINERS: &[&str] = &["and", "to", "or", "through", "till", "until"];

/// True when token `k` joins two days ("-", "to", "and").
pub(crate) fn range_joiner(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.dash(k) || RANGE_JOINERS.iter().any(|w| ctx.is(k, w))
}

/// The end of the clause starting at `k`: the next punctuation within twelve tokens.
/// A capitalized word right after a lowercase content word starts a new clause ("the day after
/// the battle Ludendorff told ...").
pub(crate) fn clause_end(ctx: &Ctx<'_>, k: usize) -> Option<usize> {
    let new_subject = |j: usize| {
        j > k
            && ctx.tok(j).is_some_and(|t| t.kind == Kind::Word && t.cap)
            && ctx.tok(j - 1).is_some_and(|p| p.kind == Kind::Word && !p.cap && matches!(p.lex, Lex::None | Lex::Unit(..)))
    };
    const CLAUSE_STOPS: &[&str] = &["and", "but", "while", "whereas", "which", "who"];
    let stop = |j: usize| CLAUSE_STOPS.iter().any(|w| ctx.is(j, w));
    (k..k + 12)
        .find(|&j| ctx.tok(j).is_none_or(|t| t.kind == Kind::Punct && !ctx.punct(j, '\'') && !ctx.dash(j)) || new_subject(j) || stop(j))
        .filter(|&j| j > k)
}
