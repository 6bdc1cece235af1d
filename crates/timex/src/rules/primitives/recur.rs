//! Recurring dates: a month-day, a bare month or a holiday written without a year whose
//! context marks it as the date of a yearly observance has no year (`XXXX-08-15`, `XXXX-03`),
//! and it does not move the narrative anchor.
//!
//! The context is the clause around the date: at most [`WINDOW`] tokens either side, not past
//! ". ! ? ;". A date recurs when
//!
//! 1. the clause says so, whatever its tense: "annually", "yearly", "every year", "each
//!    year", "movable"/"moveable" (`tables::RECURRENCE_WORDS`) — "Easter Monday, movable date
//!    in March or April";
//! 2. or it follows the name of an observance and the clause is not in the past tense: a
//!    capitalized name (two words or more) with a noun such as "Day", "Festival", "Feast",
//!    "Anniversary" or "birthday" (`tables::OBSERVANCE_NOUNS`), then "(", ",", ":" or a dash —
//!    "Independence Day (August 15)", "Liberation Day, 15 August", "Anniversary of the
//!    Revolution, 1 January". The name may hold or be followed by an aside ("Jamhuri Day
//!    (Independence Day), 12 December", "Fiji (Independence) Day, 10 October"), and a few
//!    words may stand before the date ("Constitution Day, the first Monday in August"). A
//!    preposition before the name makes it one occurrence ("on Liberation Day, 15 August").
//!    A holiday name is recurring the same way when such a yearless date follows it ("New
//!    Year's Day (January 1)");
//! 3. or the clause names an observance and the sentence is not in the past tense:
//!    "holiday(s)", "celebrate(s)", "celebration", "commemorates", "anniversary", "festival",
//!    "national day" (`tables::OBSERVANCE_WORDS`), or "celebrated", "observed",
//!    "commemorated" in the passive or an apposition ("is celebrated on 1 May", "Labor Day,
//!    observed in May").
//!
//! The past tense is "was", "were", "had" or "did" in the clause (for 2) or within
//! [`SENTENCE`] tokens (for 3), or an "-ed" verb right before the date (both): the WikiWars
//! "declared 24 March a national holiday" is one day of 1918, and "The climax was reached with
//! the celebration of ... on 10 November" one day of 1793. A date in ordinary narrative ("In
//! 1948 ... On August 15 the army crossed the river") has none of these cues and keeps the
//! year of the story. The second day of a range ("28-29 July") is judged from the first.

use super::ctx::Ctx;
use super::scan::{day_at, month_at, range_joiner, year_at};
use crate::tables::{Lex, OBSERVANCE_NOUNS, OBSERVANCE_PARTICIPLES, OBSERVANCE_WORDS, RECURRENCE_WORDS};
use crate::token::Kind;

/// How many tokens either side of a date its clause may reach.
const WINDOW: usize = 12;

/// How many tokens either side of a date its sentence may reach (for the tense).
const SENTENCE: usize = 40;

/// Words that put a clause in the past tense.
const PAST_AUXILIARIES: &[&str] = &["was", "were", "had", "did"];

/// Prepositions that make an observance name one occurrence ("on Liberation Day, 15 August").
const OCCURRENCE_PREPOSITIONS: &[&str] = &["on", "by", "until", "till", "before", "after", "since", "from", "during", "at", "through", "throughout"];

/// Words before "celebrated", "observed", "commemorated" that make it passive or adverbial.
const PASSIVE: &[&str] = &["is", "are", "be", "being", "also", "still"];

/// Function words inside an observance name ("Feast of the Assumption", "New Year's Day",
/// "Independence and Republic Day", "Fête de la Fédération").
const NAME_LINKS: &[&str] = &["of", "the", "s", "'", "and", "de", "la", "du", "des", "del"];

/// Words that may stand between an observance name and its date, besides ordinals, weekdays
/// and the observance participles: "Constitution Day, the first Monday in August".
const DATE_FILLERS: &[&str] = &["the", "a", "in", "of", "on", "every", "usually", "traditionally", "last"];

/// How many filler words may stand between the connector and the date.
const MAX_FILLER: usize = 6;

/// How many tokens a parenthetical after an observance name may have, with its parentheses.
const MAX_ASIDE: usize = 40;

/// How many words (and asides) an observance name may have.
const MAX_NAME: usize = 8;

/// True when the yearless date at tokens `i..end` (a month-day or a bare month) recurs. The
/// second day of a range ("28-29 July") is read from the first.
pub(crate) fn recurring_date(ctx: &Ctx<'_>, i: usize, end: usize) -> bool {
    let i = match i.checked_sub(2) {
        Some(k) if range_joiner(ctx, i - 1) && day_at(ctx, k).is_some_and(|(_, e)| e == i - 1) => k,
        _ => i,
    };
    recurring(ctx, i, end, after_observance_name(ctx, i))
}

/// True when the holiday named at tokens `i..end`, written without a year, recurs.
pub(crate) fn recurring_holiday(ctx: &Ctx<'_>, i: usize, end: usize) -> bool {
    let glossed = !occurrence_preposition(ctx, i.wrapping_sub(1)) && yearless_date_follows(ctx, end);
    recurring(ctx, i, end, glossed)
}

/// The three tests of the module doc, with the name test already made.
fn recurring(ctx: &Ctx<'_>, i: usize, end: usize, named: bool) -> bool {
    let (lo, hi) = clause(ctx, i, end, WINDOW);
    if (lo..hi).any(|k| recurrence_word(ctx, k)) {
        return true;
    }
    if past_verb_before(ctx, i) {
        return false;
    }
    let past = |(first, last): (usize, usize)| (first..last).any(|k| PAST_AUXILIARIES.iter().any(|w| ctx.is(k, w)));
    if named {
        return !past((lo, hi));
    }
    !past(clause(ctx, i, end, SENTENCE)) && (lo..hi).any(|k| observance_word(ctx, k))
}

/// The clause around tokens `i..end`, at most `reach` tokens either side: (first token, one
/// past the last).
fn clause(ctx: &Ctx<'_>, i: usize, end: usize, reach: usize) -> (usize, usize) {
    let lo = (i.saturating_sub(reach)..i).rev().find(|&k| ctx.stop(k)).map_or(i.saturating_sub(reach), |k| k + 1);
    let last = (end + reach).min(ctx.toks.len());
    let hi = (end..last).find(|&k| ctx.stop(k)).unwrap_or(last);
    (lo, hi)
}

/// "annually", "movable", "every year", "each year" at token `k`.
fn recurrence_word(ctx: &Ctx<'_>, k: usize) -> bool {
    RECURRENCE_WORDS.iter().any(|w| ctx.is(k, w)) || ((ctx.is(k, "every") || ctx.is(k, "each")) && ctx.is(k + 1, "year"))
}

/// An observance word at token `k` ("holidays", "anniversary", "national day", a passive
/// "celebrated").
fn observance_word(ctx: &Ctx<'_>, k: usize) -> bool {
    if OBSERVANCE_WORDS.iter().any(|w| ctx.is(k, w)) || (ctx.is(k, "national") && ctx.is(k + 1, "day")) {
        return true;
    }
    if !OBSERVANCE_PARTICIPLES.iter().any(|w| ctx.is(k, w)) {
        return false;
    }
    let before = k.wrapping_sub(1);
    ctx.tok(before).is_none_or(|t| t.kind == Kind::Punct) || PASSIVE.iter().any(|w| ctx.is(before, w)) || ctx.text_of(before).ends_with("ly")
}

/// A past verb in "-ed" right before the date (or its "on"/"in"), other than an observance
/// participle: "declared 24 March", "postponed until May".
fn past_verb_before(ctx: &Ctx<'_>, i: usize) -> bool {
    let mut k = i.wrapping_sub(1);
    if ["on", "in", "until", "to"].iter().any(|w| ctx.is(k, w)) {
        k = k.wrapping_sub(1);
    }
    let Some(t) = ctx.tok(k) else { return false };
    let w = ctx.text_of(k);
    t.kind == Kind::Word && !t.cap && w.len() > 4 && w.ends_with("ed") && !OBSERVANCE_PARTICIPLES.iter().any(|p| w.eq_ignore_ascii_case(p))
}

/// True when token `k` is a preposition that dates one occurrence.
fn occurrence_preposition(ctx: &Ctx<'_>, k: usize) -> bool {
    OCCURRENCE_PREPOSITIONS.iter().any(|w| ctx.is(k, w))
}

/// True when the date at `i` follows an observance name and "(", ",", ":" or a dash, maybe
/// with a parenthetical after the name ("Jamhuri Day (Independence Day), 12 December") and a
/// few words before the date ("Constitution Day, the first Monday in August").
fn after_observance_name(ctx: &Ctx<'_>, i: usize) -> bool {
    let Some(mut c) = i.checked_sub(1) else { return false };
    for _ in 0..MAX_FILLER {
        if !date_filler(ctx, c) {
            break;
        }
        let Some(before) = c.checked_sub(1) else { return false };
        c = before;
    }
    // The name ends before `end`: at the connector, or after a parenthetical closed right
    // before the date ("Schoelcher Day (Slavery Abolition Day) 12 July").
    let mut end = if connector(ctx, c) {
        c
    } else if ctx.punct(c, ')') {
        c + 1
    } else {
        return false;
    };
    let mut noun = false;
    if let Some((open, inner)) = aside_before(ctx, end) {
        noun = inner;
        end = open;
    }
    // Walk back over the name: capitalized words, observance nouns, the links and asides
    // inside it ("Fiji (Independence) Day").
    let mut first = end;
    let mut capitalized = 0;
    let mut words = 0;
    while let Some(j) = first.checked_sub(1).filter(|_| words < MAX_NAME) {
        let Some(t) = ctx.tok(j) else { break };
        words += 1;
        if let Some((open, inner)) = aside_before(ctx, first) {
            noun |= inner;
            first = open;
            continue;
        }
        if NAME_LINKS.iter().any(|w| ctx.text_of(j).eq_ignore_ascii_case(w)) {
            // "of", "the", the "'s" of "New Year's Day": inside the name, not a word of it.
        } else if observance_noun(ctx, j) {
            noun = true;
            capitalized += usize::from(t.cap);
        } else if t.kind == Kind::Word && t.cap {
            capitalized += 1;
        } else {
            break;
        }
        first = j;
    }
    // The name ends with a capitalized word, names a kind of observance, and is not the
    // object of "on", "by", "until".
    let ends_capitalized = end.checked_sub(1).and_then(|k| ctx.tok(k)).is_some_and(|t| t.kind == Kind::Word && t.cap);
    ends_capitalized && noun && capitalized >= 2 && !occurrence_preposition(ctx, first.wrapping_sub(1)) && !occurrence_preposition(ctx, first)
}

/// The parenthetical that ends right before token `end`: its "(" and whether it holds a
/// capitalized observance noun ("Jamhuri Day (Independence Day)").
fn aside_before(ctx: &Ctx<'_>, end: usize) -> Option<(usize, bool)> {
    let close = end.checked_sub(1).filter(|&k| ctx.punct(k, ')'))?;
    let open = (close.saturating_sub(MAX_ASIDE)..close).rev().take_while(|&k| !ctx.punct(k, ')')).find(|&k| ctx.punct(k, '('))?;
    Some((open, (open..close).any(|k| ctx.tok(k).is_some_and(|t| t.cap) && observance_noun(ctx, k))))
}

/// True when token `k` is "(", ",", ":" or a dash.
fn connector(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.punct(k, '(') || ctx.punct(k, ',') || ctx.punct(k, ':') || ctx.dash(k)
}

/// True when token `k` is an observance noun ("Day", "Festival", "birthday").
fn observance_noun(ctx: &Ctx<'_>, k: usize) -> bool {
    OBSERVANCE_NOUNS.iter().any(|w| ctx.is(k, w))
}

/// True when token `k` may stand between an observance name and its date: "the first Monday
/// in", "usually celebrated on", "the last Sunday of".
fn date_filler(ctx: &Ctx<'_>, k: usize) -> bool {
    DATE_FILLERS.iter().any(|w| ctx.is(k, w)) || OBSERVANCE_PARTICIPLES.iter().any(|w| ctx.is(k, w)) || matches!(ctx.lex(k), Lex::Ordinal(_) | Lex::Weekday(_))
}

/// True when "(", ",", ":" or a dash and a month-day or a month without a year follow `end`
/// ("New Year's Day (January 1)").
fn yearless_date_follows(ctx: &Ctx<'_>, end: usize) -> bool {
    if !(ctx.punct(end, '(') || ctx.punct(end, ',') || ctx.punct(end, ':') || ctx.dash(end)) {
        return false;
    }
    let j = end + 1;
    let after = match (month_at(ctx, j), day_at(ctx, j)) {
        (Some((_, k)), _) => day_at(ctx, k).map_or(k, |(_, e)| e),
        (None, Some((_, k))) => match month_at(ctx, if ctx.is(k, "of") { k + 1 } else { k }) {
            Some((_, e)) => e,
            None => return false,
        },
        (None, None) => return false,
    };
    let k = if ctx.punct(after, ',') { after + 1 } else { after };
    year_at(ctx, k).is_none_or(|(y, _)| y < 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::primitives::ctx::testing::narrative;

    /// Runs `test` at the first token spelled `first`, for the `len` tokens from there.
    fn at(test: fn(&Ctx<'_>, usize, usize) -> bool, text: &str, first: &str, len: usize) -> bool {
        let toks = crate::token::tokenize(text);
        let config = narrative();
        let ctx = Ctx::new(text, &toks, &config);
        let i = (0..toks.len()).find(|&k| ctx.text_of(k) == first).unwrap_or_else(|| panic!("no token {first:?} in {text:?}"));
        test(&ctx, i, i + len)
    }

    #[test]
    fn observance_names_and_cues_make_a_date_recurring() {
        assert!(at(recurring_date, "Independence Day (August 15); Liberation Day, 15 August.", "August", 2));
        assert!(at(recurring_date, "Flag Day (June 1); Liberation Day, 15 August.", "15", 2));
        assert!(at(recurring_date, "Anniversary of the Revolution, 1 January (1959)", "1", 2));
        assert!(at(recurring_date, "Easter Monday, movable date in March or April", "April", 1));
        assert!(at(recurring_date, "The harvest festival falls in October.", "October", 1));
        assert!(at(recurring_date, "Labor Day is celebrated on 1 May.", "1", 2));
        assert!(at(recurring_date, "The fast was kept every year in March.", "March", 1));
        assert!(at(recurring_holiday, "Holidays: New Year's Day (January 1).", "New", 5));
        assert!(at(recurring_holiday, "New Year's Day (January 1), Independence Day (July 4)", "New", 5));
    }

    #[test]
    fn narrative_dates_keep_their_year() {
        assert!(!at(recurring_date, "In 1948 the war began. On August 15 the army crossed the river.", "August", 2));
        assert!(!at(recurring_date, "The Kaiser declared 24 March a national holiday.", "24", 2));
        assert!(!at(recurring_date, "The holiday was marred by riots on 15 August.", "15", 2));
        let long = "The climax was reached with the celebration of the flame of Reason in Notre Dame Cathedral on 10 November.";
        assert!(!at(recurring_date, long, "10", 2));
        assert!(!at(recurring_date, "The war ended on Liberation Day, 15 August.", "15", 2));
        assert!(!at(recurring_date, "Monitors observed on 15 August that the truce held.", "15", 2));
        assert!(!at(recurring_date, "The Day, 15 August.", "15", 2));
        assert!(!at(recurring_holiday, "They attacked on Christmas Day (December 25) at dawn.", "Christmas", 2));
        assert!(!at(recurring_holiday, "New Year's Day (January 1, 1942) was cold.", "New", 5));
    }
}
