//! Times of day dated by a day: clock times ("10:30 a.m. Tuesday", "9 p.m. yesterday"), parts
//! of the day ("the night of 20 June 1791", "noon today", "at night") and "the early hours of
//! 22 June 1941". They combine the clock scanner with the date, weekday and deictic families.

use super::dates::explicit;
use crate::rules::atomic::anaphoric::weekday;
use crate::rules::atomic::deictic::deictic;
use crate::rules::primitives::scan::clock_time;
use crate::rules::primitives::{Ctx, M, TimeOfDay, Value};
use crate::tables::{DayPart, Lex};
use crate::{Date, Type};

/// Clock times as expressions of their own, dated by the day after them or the reference day.
pub(crate) fn clock(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let (time, end) = clock_time(ctx, i)?;
    // "10:30 a.m. Tuesday", "9 p.m. yesterday": the day after the time dates it.
    let k = if ctx.punct(end, ',') { end + 1 } else { end };
    if let Some(m) = weekday(ctx, k).or_else(|| deictic(ctx, k)).filter(|m| m.end == k + 1 && m.kind == Type::Date) {
        if m.value.is_ce_day() {
            return Some(M::of(Type::Time, m.end, m.value.at(time)));
        }
    }
    Some(M::of(Type::Time, end, day_or_x(ctx.reference(true)).at(time)))
}

/// The day of a reference date with a day, or an unknown day.
fn day_or_x(reference: Option<Date>) -> Value {
    reference.filter(|r| r.day().is_some()).map_or(Value::Day(None, None, None), Value::from)
}

/// Parts of the day: "the night of 20 June 1791", "the morning", "at night", "noon".
pub(crate) fn part_of_day(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    let j = if ctx.is(i, "the") { i + 1 } else { i };
    let Lex::PartOfDay(part) = ctx.lex(j) else {
        return None;
    };
    let at = TimeOfDay::of(part);
    if ctx.is(j + 1, "of") {
        let m = explicit(ctx, j + 2)?;
        let d = m.anchor.filter(|d| d.day().is_some())?;
        return Some(M { end: m.end, kind: Type::Time, value: Value::from(d).at(at), modifier: None, anchor: Some(d) });
    }
    let time = |value: Value, end: usize| Some(M::of(Type::Time, end, value));
    let reference = ctx.reference(true);
    if part.is_clock() {
        // noon, midnight; "midnight Monday", "noon today"
        if let Some(m) = weekday(ctx, j + 1).or_else(|| deictic(ctx, j + 1)).filter(|m| m.end == j + 2 && m.kind == Type::Date) {
            if m.value.is_ce_day() {
                return time(m.value.at(at), m.end);
            }
        }
        return time(day_or_x(reference).at(at), j + 1);
    }
    if j > i {
        // "the morning" in news is the morning of the document date.
        if ctx.news() {
            return time(day_or_x(reference).at(at), j + 1);
        }
        return None;
    }
    let cue = i > 0 && ["at", "by", "during", "through", "overnight", "all", "every", "each"].iter().any(|w| ctx.is(i - 1, w));
    if matches!(part, DayPart::Night | DayPart::Daytime) && (cue || !ctx.news()) {
        // "night-time"
        let end = if ctx.dash(j + 1) && ctx.is(j + 2, "time") { j + 3 } else { j + 1 };
        return time(Value::Day(None, None, None).at(at), end);
    }
    None
}

/// "the early hours of 22 June 1941", "the early morning hours of 30 April", "the small hours
/// of 9 May": the morning of that day.
pub(crate) fn early_hours(ctx: &Ctx<'_>, i: usize) -> Option<M> {
    if !(ctx.is(i, "the") && (ctx.is(i + 1, "early") || ctx.is(i + 1, "small") || ctx.is(i + 1, "wee"))) {
        return None;
    }
    let j = if ctx.is(i + 2, "morning") { i + 3 } else { i + 2 };
    if !(ctx.is(j, "hours") && ctx.is(j + 1, "of")) {
        return None;
    }
    let m = explicit(ctx, j + 2)?;
    let d = m.anchor.filter(|d| d.day().is_some())?;
    Some(M { end: m.end, kind: Type::Time, value: Value::from(d).at(TimeOfDay::Part(DayPart::Morning)), modifier: None, anchor: Some(d) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::{expect, expect_none, narrative, news};

    #[test]
    fn clock_times_and_parts_of_the_day() {
        expect(clock, &news(), None, "at 10:30 a.m. Tuesday the", "10", "10:30 a.m. Tuesday", "2013-03-12T10:30");
        expect(clock, &news(), None, "at 9 p.m. yesterday", "9", "9 p.m. yesterday", "2013-03-11T21:00");
        expect(clock, &narrative(), None, "at 5 o'clock", "5", "5 o'clock", "XXXX-XX-XXT05:00");
        expect(part_of_day, &narrative(), None, "on the night of 20 June 1791", "the", "the night of 20 June 1791", "1791-06-20TNI");
        expect(part_of_day, &news(), None, "at noon today", "noon", "noon today", "2013-03-12T12:00");
        expect(part_of_day, &narrative(), None, "attacked at night", "night", "night", "XXXX-XX-XXTNI");
        expect(part_of_day, &news(), None, "in the morning", "the", "the morning", "2013-03-12TMO");
        expect_none(part_of_day, &narrative(), "in the morning", "the");
        expect(early_hours, &narrative(), None, "in the early hours of 22 June 1941", "the", "the early hours of 22 June 1941", "1941-06-22TMO");
    }
}
