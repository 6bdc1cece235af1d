//! Modified expressions: a position or approximation word around a date, decade, century,
//! season, anaphoric or deictic expression ("mid-1986", "early October", "the late 1980s",
//! "about 1910", "later today"), "the end of 1917", "the first half of 1916", "the turn of the
//! century", and named periods ("the waning days of World War II").

use super::dates::explicit;
use super::times::{clock, part_of_day};
use crate::rules::atomic::anaphoric::{anaphoric, weekday};
use crate::rules::atomic::deictic::deictic;
use crate::rules::atomic::periods::{century, decade, season};
use crate::rules::primitives::resolve::shift;
use crate::rules::primitives::{Count, Ctx, M, Value, best_of};
use crate::tables::{Lex, NAMED_PERIODS, NamedPeriod};
use crate::{MAX_YEAR, MIN_YEAR, Mod, Type};

/// Position phrases that take "of" and a period: (words, modifier, half of the year).
const POSITION_PHRASES: &[(&[&str], Option<Mod>, Option<u8>)] = &[
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
    (&["first", "half"], None, Some(1)),
    (&["second", "half"], None, Some(2)),
    (&["latter", "half"], None, Some(2)),
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
pub(crate) fn modified(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let t = ctx.tok(i)?;
    match t.lex {
        // early / mid / late + core
        Lex::Pos(m) if ["early", "mid", "late", "middle"].iter().any(|w| ctx.is(i, w)) => {
            let j = if ctx.dash(i + 1) && ctx.adjacent(i + 1) { i + 2 } else { i + 1 };
            // "early in 1914", "late in the summer"
            let j = if ctx.is(j, "in") && !ctx.is(i, "mid") { j + 1 } else { j };
            let core = best_of(ctx, j, &[explicit, decade, century, season, anaphoric, part_of_day, weekday, deictic])?;
            let dated = !core.value.is_ref();
            if (core.kind != Type::Date && core.kind != Type::Time) || !dated {
                return None;
            }
            Some(M { modifier: Some(m), ..core })
        }
        // News: "earlier Monday", "later today" (TimeML keeps the adverb inside, no modifier).
        Lex::Shift(_) if ctx.news() && (ctx.is(i, "later") || ctx.is(i, "earlier")) && !ctx.is(i + 1, "in") => {
            let core = best_of(ctx, i + 1, &[weekday, deictic])?;
            core.value.is_dated().then_some(core)
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
            let core = best_of(ctx, j, &[explicit, decade, clock])?;
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
        // The nearest century boundary; past AD 9999 it saturates.
        let r = ctx.reference(false)?;
        let boundary = (i64::from(r.year()) + 50).div_euclid(100) * 100;
        (boundary.clamp(i64::from(MIN_YEAR), i64::from(MAX_YEAR)) as i32, i + 5)
    } else {
        let m = century(ctx, i + 4)?;
        let Value::Century(Some(Count { bc: false, n })) = m.value else {
            return None;
        };
        (i32::try_from(n).ok()?.saturating_mul(100), m.end)
    };
    Some(M { modifier: Some(Mod::Approx), ..M::date(end, Value::Year(Some(year)), None) })
}

/// "[the] end of X", "[the] first half of X" with `i` after "the".
fn position_of(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (words, modifier, half) = POSITION_PHRASES.iter().find(|(words, _, _)| words.iter().enumerate().all(|(k, w)| ctx.is(i + k, w)))?;
    let j = i + words.len();
    if !ctx.is(j, "of") {
        // News: "the second half" alone is the half of the document's year.
        let year = ctx.config.dct.filter(|_| ctx.news() && ctx.is(i.wrapping_sub(1), "the"))?.year();
        return half.map(|h| M::date(j, Value::Half(year, h), None));
    }
    let j = j + 1;
    // A named period?
    if let Some((period, end)) = named_period(ctx, j) {
        let anchor = period.month_of(*modifier == Some(Mod::Start));
        let value = Value::Year(Some(anchor.year()));
        return Some(M { end, kind: Type::Date, value, modifier: *modifier, anchor: Some(anchor) });
    }
    // "the year", "the month", "the decade", "that year"
    let core = best_of(ctx, j, &[explicit, decade, century, season, anaphoric, this_unit])?;
    if core.kind != Type::Date {
        return None;
    }
    if let Some(h) = *half {
        let Some(year) = core.value.ce_year() else {
            // "the first half of the 19th century": a decade or century has no H1/H2 value.
            let modifier = if h == 1 { Mod::Start } else { Mod::End };
            return Some(M { modifier: Some(modifier), ..core });
        };
        return Some(M { value: Value::Half(year, h), modifier: None, ..core });
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
    let (value, _) = shift(ctx.reference(true), unit, 0)?;
    Some(M::date(i + 2, value, None))
}

/// A named period at token `i`: (period, end).
fn named_period(ctx: &Ctx<'_>, i: usize) -> Option<(&'static NamedPeriod, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Date;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, run_at};

    #[test]
    fn positions_and_approximations() {
        let c = narrative();
        expect(modified, &c, None, "in mid-1986 the", "mid", "mid-1986", "1986");
        expect(modified, &c, None, "in the late 1980s the", "the", "the late 1980s", "198");
        expect(modified, &c, None, "at the end of 1917 the", "the", "the end of 1917", "1917");
        expect(modified, &c, None, "in the first half of 1916 the", "the", "the first half of 1916", "1916-H1");
        expect(modified, &c, None, "about 1910 the", "about", "about 1910", "1910");
        expect(modified, &c, None, "in the waning days of World War II", "the", "the waning days of World War II", "1945");
        expect_none(modified, &c, "early now", "early");
    }

    #[test]
    fn the_turn_of_the_century_saturates() {
        let c = narrative();
        expect(modified, &c, Date::from_year(1897).ok(), "at the turn of the century,", "the", "the turn of the century", "1900");
        expect(modified, &c, None, "at the turn of the twentieth century,", "the", "the turn of the twentieth century", "1900");
        expect_none(modified, &c, "at the turn of the 9th century BC,", "the");
        for (year, value) in [(MAX_YEAR, "9999"), (MAX_YEAR - 49, "9999"), (MAX_YEAR - 50, "9900"), (MIN_YEAR, "BC9999")] {
            let got = run_at(modified, "at the turn of the century,", "the", &c, Date::from_year(year).ok()).map(|(_, v)| v);
            assert_eq!(got.as_deref(), Some(value), "{year}");
        }
    }
}
