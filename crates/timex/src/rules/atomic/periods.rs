//! Periods longer than a month: decades ("the 1920s", "the '90s", "the 470s BC"), centuries
//! ("the nineteenth century", "the 9th century BC", "eighteenth-century") and seasons ("the
//! summer", "the spring of 1915", "summer 2007", "the spring of next year").

use crate::Date;
use crate::rules::primitives::resolve::unit_phrase;
use crate::rules::primitives::scan::{era_at, year_at};
use crate::rules::primitives::{Count, Ctx, M, Value};
use crate::tables::{Lex, Season, Unit};
use crate::token::Kind;

/// Decades: "the 1920s", "1920's", "the '90s", "the 470s BC"; "the 1800s" is a century.
pub(crate) fn decade(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
    let num = i32::try_from(num).ok()?;
    let year = if bc { -num } else { num };
    let value = if ndigits == 4 && num % 100 == 0 && !bc { Value::Century(Some(Count::century_of(year))) } else { Value::Decade(Some(Count::decade_of(year))) };
    Some(M::date(end, value, None))
}

/// Centuries: "the nineteenth century", "the 19th century", "eighteenth-century", "the 9th
/// century BC", "the twenty-first century", "the late eighteenth and early nineteenth
/// centuries".
pub(crate) fn century(ctx: &Ctx<'_>, i: usize) -> Option<M> {
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
    if !matches!(ctx.lex(k), Lex::Unit(Unit::Century, _)) || n == 0 || n > 30 {
        return None;
    }
    let mut end = k + 1;
    let mut bc = false;
    if let Some((b, e)) = era_at(ctx, end) {
        bc = b;
        end = e;
    }
    Some(M::date(end, Value::Century(Some(Count { bc, n: n - 1 })), None))
}

/// Seasons: "the summer", "the spring of 1915", "summer 2007", "winter".
pub(crate) fn season(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::Season(s) = ctx.lex(j) else {
        return None;
    };
    let k = j + 1;
    let explicit_year = if ctx.is(k, "of") {
        // "the spring of 1915", "the spring of next year"
        year_at(ctx, k + 1).or_else(|| {
            let m = unit_phrase(ctx, k + 1)?;
            m.anchor.filter(|d| d.month().is_none()).map(|d| (d.year(), m.end))
        })
    } else {
        year_at(ctx, k).filter(|(y, _)| *y > 999)
    };
    if let Some((year, end)) = explicit_year {
        return Some(M::date(end, Value::Season(Some(year), s), Some(Date::year_only(year))));
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
    Some(M::date(k, Value::Season(ctx.reference_year(), s), None))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative};

    #[test]
    fn decades_and_centuries() {
        let c = narrative();
        expect(decade, &c, None, "in the 1920s trade", "the", "the 1920s", "192");
        expect(decade, &c, None, "in the 1800s trade", "the", "the 1800s", "18");
        expect(decade, &c, None, "in the '90s trade", "the", "the '90s", "199");
        expect(decade, &c, None, "in the 470s BC trade", "the", "the 470s BC", "BC047");
        expect_none(decade, &c, "in the 1925s", "the");
        expect(century, &c, None, "in the nineteenth century", "the", "the nineteenth century", "18");
        expect(century, &c, None, "in the twenty-first century", "the", "the twenty-first century", "20");
        expect(century, &c, None, "in the 9th century BC", "the", "the 9th century BC", "BC08");
        expect_none(century, &c, "the 31st century", "the");
    }

    #[test]
    fn seasons() {
        let c = narrative();
        expect(season, &c, None, "in the spring of 1915 the", "the", "the spring of 1915", "1915-SP");
        expect(season, &c, None, "in summer 2007 the", "summer", "summer 2007", "2007-SU");
        expect(season, &c, Date::from_year(1942).ok(), "in the spring of the following year", "the", "the spring of the following year", "1943-SP");
        expect(season, &c, None, "in the summer, he", "the", "the summer", "1989-SU");
        expect_none(season, &c, "after the fall of Budapest", "the");
        expect_none(season, &c, "the summer offensive", "the");
    }
}
