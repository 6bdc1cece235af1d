//! Small parsers shared by the rule families: years, months, days, quantities, eras, and the
//! arithmetic that moves a reference date by a number of units.

use super::Ctx;
use crate::Date;
use crate::calendar::{add_days, add_months, date_string, iso_week, valid, year_string};
use crate::tables::{Lex, Unit};
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
pub(super) fn era_at(ctx: &Ctx<'_>, i: usize) -> Option<(bool, usize)> {
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
pub(super) fn year_at(ctx: &Ctx<'_>, i: usize) -> Option<(i32, usize)> {
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
        let ancient = ctx.anchor.is_some_and(|a| a.year < 0) && t.ndigits == 3;
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
pub(super) fn month_at(ctx: &Ctx<'_>, i: usize) -> Option<(u8, usize)> {
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
pub(super) fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<(u8, usize)> {
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

/// An amount: a number, a number word, "a", "a few", "half a", "several".
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Qty {
    N(f64),
    Vague,
}

/// A quantity at token `i`: (amount, end, was it the article "a"/"an"), with "and a half".
pub(super) fn quantity(ctx: &Ctx<'_>, i: usize) -> Option<(Qty, usize, bool)> {
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

/// Formats an amount for a duration value: `3`, `1.5`, `.5`, `X`.
pub(super) fn amount(q: Qty) -> String {
    match q {
        Qty::Vague => "X".to_string(),
        Qty::N(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Qty::N(v) => {
            let s = format!("{v}");
            s.strip_prefix('0').map(str::to_string).unwrap_or(s)
        }
    }
}

/// The TIMEX duration value of an amount of a unit: `P3Y`, `PT2H`, `P2CE`.
pub(super) fn duration_value(q: Qty, unit: Unit) -> String {
    let q = match (q, unit) {
        (Qty::N(v), Unit::Fortnight) => Qty::N(v * 2.0),
        _ => q,
    };
    let a = amount(q);
    match unit {
        Unit::Second => format!("PT{a}S"),
        Unit::Minute => format!("PT{a}M"),
        Unit::Hour => format!("PT{a}H"),
        Unit::Day | Unit::Night => format!("P{a}D"),
        Unit::Week | Unit::Fortnight => format!("P{a}W"),
        Unit::Month => format!("P{a}M"),
        Unit::Quarter => format!("P{a}Q"),
        Unit::Year => format!("P{a}Y"),
        Unit::Decade => format!("P{a}DE"),
        Unit::Century => format!("P{a}CE"),
    }
}

/// The decade value of a year: `194` for 1945, `BC048` for 485 BC.
pub(super) fn decade_string(year: i32) -> String {
    if year <= 0 { format!("BC{:03}", (year.unsigned_abs() / 10).min(999)) } else { format!("{:03}", (year / 10).min(999)) }
}

/// The century value of a year: `19` for 1945, `BC04` for 450 BC.
pub(super) fn century_string(year: i32) -> String {
    if year <= 0 { format!("BC{:02}", (year.unsigned_abs() / 100).min(99)) } else { format!("{:02}", (year / 100).min(99)) }
}

/// Moves `reference` by `k` units and formats the result at the unit's granularity:
/// (value, new anchor). `None` when the unit has no calendar granularity (hours and below).
pub(super) fn shift(reference: Option<Date>, unit: Unit, k: i64) -> Option<(String, Option<Date>)> {
    let Some(r) = reference else {
        let v = match unit {
            Unit::Year => "XXXX",
            Unit::Month => "XXXX-XX",
            Unit::Day | Unit::Night => "XXXX-XX-XX",
            Unit::Week | Unit::Fortnight => "XXXX-WXX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
            _ => return None,
        };
        return Some((v.to_string(), None));
    };
    let k32 = k.clamp(-10_000, 10_000) as i32;
    Some(match unit {
        Unit::Year => {
            let y = r.year.saturating_add(k32);
            (year_string(y), Some(Date { year: y, month: None, day: None }))
        }
        Unit::Decade => (decade_string(r.year.saturating_add(10 * k32)), None),
        Unit::Century => (century_string(r.year.saturating_add(100 * k32)), None),
        Unit::Quarter => match r.month {
            Some(m) => {
                let (y, m) = add_months(r.year, m, 3 * k);
                (format!("{}-Q{}", year_string(y), (m - 1) / 3 + 1), None)
            }
            None => (format!("{}-QX", year_string(r.year)), None),
        },
        Unit::Month => {
            let months = k;
            match r.month {
                Some(m) => {
                    let (y, m) = add_months(r.year, m, months);
                    let d = Date { year: y, month: Some(m), day: None };
                    (date_string(&d), Some(d))
                }
                None => (format!("{}-XX", year_string(r.year)), None),
            }
        }
        Unit::Day | Unit::Night => match (r.month, r.day) {
            (Some(m), Some(d)) if valid(r.year, m, d) => {
                let (y, m, d) = add_days(r.year, m, d, k);
                let d = Date { year: y, month: Some(m), day: Some(d) };
                (date_string(&d), Some(d))
            }
            (Some(m), None) => (format!("{}-{m:02}-XX", year_string(r.year)), None),
            _ => (format!("{}-XX-XX", year_string(r.year)), None),
        },
        Unit::Week | Unit::Fortnight => {
            let days = if unit == Unit::Fortnight { 14 * k } else { 7 * k };
            match (r.month, r.day) {
                (Some(m), Some(d)) if valid(r.year, m, d) && r.year > 0 => {
                    let (y, m, d) = add_days(r.year, m, d, days);
                    let (wy, w) = iso_week(y, m, d);
                    (format!("{}-W{w:02}", year_string(wy)), None)
                }
                _ => (format!("{}-WXX", year_string(r.year)), None),
            }
        }
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}
