//! The state the rules share ([`Ctx`]: tokens, configuration, the anchor), the result of one
//! rule ([`M`]), and how a reference date is chosen: the anchor or the document date, the
//! tense of a news clause, the year of a month written without one.

use super::value::Value;
use crate::calendar::add_years;
use crate::tables::{Lex, Unit};
use crate::token::{Kind, Tok};
use crate::{Config, Date, Mod, Mode, Type};

/// The result of one rule at one token.
#[derive(Clone, Debug)]
pub(crate) struct M {
    /// Token index one past the last token of the match.
    pub end: usize,
    /// The TIMEX type.
    pub kind: Type,
    /// The normalized value.
    pub value: Value,
    /// The TIMEX modifier.
    pub modifier: Option<Mod>,
    /// The date this match makes the new anchor, if any.
    pub anchor: Option<Date>,
}

impl M {
    /// A DATE without modifier.
    pub(crate) fn date(end: usize, value: Value, anchor: Option<Date>) -> M {
        M { end, kind: Type::Date, value, modifier: None, anchor }
    }

    /// A match of another type without modifier or anchor.
    pub(crate) fn of(kind: Type, end: usize, value: Value) -> M {
        M { end, kind, value, modifier: None, anchor: None }
    }
}

/// A rule: the match starting at token `i`, if any.
pub(crate) type Rule = fn(&Ctx<'_>, usize) -> Option<M>;

/// The longest match of `rules` at `i` (the earlier rule wins a tie).
pub(crate) fn best_of(ctx: &Ctx<'_>, i: usize, rules: &[Rule]) -> Option<M> {
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

/// The tense of a clause, as far as cue words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    /// A past cue ("said", "was", a past form in "-ed").
    Past,
    /// A future cue ("will", "expects").
    Future,
    /// No cue.
    None,
}

/// Words that put a news clause in the future (besides `Ctx::future_tense`'s).
const FUTURE_CUES: &[&str] = &[
    "would",
    "shall",
    "scheduled",
    "due",
    "expects",
    "expected",
    "plans",
    "planned",
    "expect",
    "forecast",
    "forecasts",
    "predict",
    "predicts",
    "plan",
    "upcoming",
];

/// Irregular past forms and auxiliaries that put a news clause in the past.
const PAST_CUES: &[&str] = &[
    "was", "were", "had", "did", "said", "ago", "rose", "fell", "began", "took", "won", "went", "came", "saw", "made", "told", "grew", "struck", "led", "left",
    "lost", "met", "paid", "sold", "spent", "stood", "became", "broke", "brought", "bought", "gave", "held", "kept", "knew", "ran", "sent", "shut", "slid",
    "sank", "since", "last", "hit", "cut", "put", "set", "got", "found", "felt", "fought", "built", "thought", "wrote", "chose", "drew", "flew",
];

/// Words in "-ed" that are not past forms.
const NOT_PAST: &[&str] = &["scheduled", "expected", "planned", "proposed", "red", "need", "indeed", "speed", "feed", "seed", "hundred", "bed"];

/// The state shared by the rules.
pub(crate) struct Ctx<'a> {
    /// The input.
    pub text: &'a str,
    /// Its tokens.
    pub toks: &'a [Tok],
    /// Mode and document date.
    pub config: &'a Config,
    /// The last date mentioned that moves the narrative.
    pub anchor: Option<Date>,
    /// The value of the last DATE tagged, for "a year earlier" at its granularity in news
    /// ("the third quarter ... a year earlier" is the third quarter of the year before).
    pub last_value: Option<Value>,
    /// The token where the anchor was set.
    pub anchor_at: usize,
    /// `stops[k]`: how many sentence or clause stops (". ! ? ;") precede token `k`, so "is
    /// there a stop between two tokens" takes constant time.
    stops: Vec<u32>,
}

impl<'a> Ctx<'a> {
    /// A context at the start of the text, with no anchor.
    pub(crate) fn new(text: &'a str, toks: &'a [Tok], config: &'a Config) -> Ctx<'a> {
        let mut ctx = Ctx { text, toks, config, anchor: None, last_value: None, anchor_at: 0, stops: Vec::with_capacity(toks.len() + 1) };
        let mut n = 0u32;
        for k in 0..toks.len() {
            ctx.stops.push(n);
            n += u32::from(ctx.stop(k));
        }
        ctx.stops.push(n);
        ctx
    }

    /// The token at `i`.
    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The text of token `i`.
    pub fn text_of(&self, i: usize) -> &str {
        self.toks.get(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// True when token `i` is the word `w` (ASCII, case-insensitive).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word) && self.text_of(i).eq_ignore_ascii_case(w)
    }

    /// True when token `i` is the punctuation character `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.text_of(i).starts_with(c)
    }

    /// True when token `i` is a hyphen or dash.
    pub fn dash(&self, i: usize) -> bool {
        self.punct(i, '-') || self.punct(i, '–') || self.punct(i, '—')
    }

    /// True when token `i` ends a sentence or clause: ". ! ? ;".
    pub fn stop(&self, i: usize) -> bool {
        self.punct(i, '.') || self.punct(i, '!') || self.punct(i, '?') || self.punct(i, ';')
    }

    /// True when token `i` touches the token before it.
    pub fn adjacent(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The lexical class of token `i`.
    pub fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::None, |t| t.lex)
    }

    /// True in news mode.
    pub fn news(&self) -> bool {
        self.config.mode == Mode::News
    }

    /// The date relative expressions resolve against. Deictic expressions ("yesterday") use
    /// the document date in news mode; everything else uses the last mentioned date.
    pub fn reference(&self, deictic: bool) -> Option<Date> {
        if deictic && self.news() { self.config.dct.or(self.anchor) } else { self.anchor.or(self.config.dct) }
    }

    /// The reference for a unit word (`lex`): in news, a year-only anchor ("in 2010") cannot
    /// place "a month earlier" or "the previous quarter", which then take the document date.
    pub fn reference_for(&self, deictic: bool, lex: Lex) -> Option<Date> {
        let r = self.reference(deictic);
        let fine = !matches!(lex, Lex::Unit(Unit::Year | Unit::Decade | Unit::Century, _));
        if self.news() && fine && r.is_some_and(|r| r.month().is_none()) {
            return self.config.dct.or(r);
        }
        r
    }

    /// The reference year for a month or day without a year.
    pub fn reference_year(&self) -> Option<i32> {
        self.reference(false).map(|d| d.year())
    }

    /// The year of a month (and day) mentioned without one at token `i`. News: the occurrence
    /// nearest the document date in the direction of the tense. Narrative: a narrative moves
    /// forward, so a month well before the anchor's month ("December 1941 ... In January")
    /// belongs to the next year.
    pub fn year_for_month(&self, i: usize, month: u8, day: Option<u8>) -> Option<i32> {
        if self.news() {
            if let Some(dct) = self.config.dct {
                if let Some(y) = self.sentence_year(i) {
                    return Some(y);
                }
                let Some(dm) = dct.month() else {
                    return Some(dct.year());
                };
                return match (day, dct.day()) {
                    (Some(d), Some(dd)) => self.news_year(i, u32::from(month) * 32 + u32::from(d), u32::from(dm) * 32 + u32::from(dd), 96),
                    _ => self.news_year(i, u32::from(month), u32::from(dm), 3),
                };
            }
        }
        let r = self.reference(false)?;
        match r.month() {
            Some(am) if !self.news() && self.anchor.is_some() && u32::from(am) >= u32::from(month) + 8 => Some(add_years(r.year(), 1)),
            _ => Some(r.year()),
        }
    }

    /// True when the clause before token `i` talks about the future ("will meet in
    /// December"), looking back at most ten tokens and not past the start of the sentence.
    pub fn future_tense(&self, i: usize) -> bool {
        const CUES: &[&str] = &["will", "would", "shall", "plans", "planned", "expected", "expects", "scheduled", "due"];
        for k in (i.saturating_sub(10)..i).rev() {
            if self.stop(k) {
                return false;
            }
            if CUES.iter().any(|w| self.is(k, w)) || self.text_of(k).ends_with("'ll") {
                return true;
            }
        }
        false
    }

    /// The tense of the clause before token `i` in news text: future cues first ("will",
    /// "expects", "next"), then past cues ("said", "was", a past participle in "-ed"); looks
    /// back at most twelve tokens and not past the start of the sentence.
    pub fn tense(&self, i: usize) -> Tense {
        if self.future_tense(i) {
            return Tense::Future;
        }
        for k in (i.saturating_sub(12)..i).rev() {
            if self.stop(k) {
                break;
            }
            if let Some(t) = self.tense_cue(k) {
                return t;
            }
        }
        // No cue before: the verb may follow ("Sales in June rose").
        for k in i + 1..(i + 8).min(self.toks.len()) {
            if self.stop(k) {
                break;
            }
            if let Some(t) = self.tense_cue(k) {
                return t;
            }
        }
        Tense::None
    }

    /// The tense token `k` signals, if any.
    fn tense_cue(&self, k: usize) -> Option<Tense> {
        let w = self.text_of(k);
        if FUTURE_CUES.iter().any(|c| w.eq_ignore_ascii_case(c)) || w.eq_ignore_ascii_case("will") || w.ends_with("'ll") {
            return Some(Tense::Future);
        }
        let lower = w.to_ascii_lowercase();
        if PAST_CUES.contains(&lower.as_str()) || (lower.len() > 4 && lower.ends_with("ed") && !NOT_PAST.contains(&lower.as_str())) {
            return Some(Tense::Past);
        }
        None
    }

    /// The year of a month (and day) written without one in news: the occurrence nearest the
    /// document date in the direction of the tense; with no tense cue, the past one unless the
    /// date is at most `window` (in `per_year` units) ahead. `pos` and the document's position
    /// are counted in the same unit (months, quarters or days of a 32-day month).
    pub fn news_year(&self, i: usize, pos: u32, dct_pos: u32, window: u32) -> Option<i32> {
        let y = self.config.dct?.year();
        Some(match (self.tense(i), pos.cmp(&dct_pos)) {
            (Tense::Future, std::cmp::Ordering::Less) => add_years(y, 1),
            (Tense::Future, _) => y,
            (Tense::Past, std::cmp::Ordering::Greater) => add_years(y, -1),
            (Tense::None, std::cmp::Ordering::Greater) if pos - dct_pos > window => add_years(y, -1),
            _ => y,
        })
    }

    /// News: the value `years` years before or after the last DATE tagged, when that was a
    /// quarter, a half or a month (`2012-Q4`, `2012-H1`, `2012-02`); TimeBank gives "a year
    /// earlier" the granularity of the period it compares with.
    pub fn year_shift_of_last(&self, years: i32) -> Option<Value> {
        self.last_value.as_ref().filter(|_| self.news())?.years_later(years)
    }

    /// News: the year of an anchor set earlier in the same sentence, when it is not the
    /// document's ("In 2010 the plant was sold, and in March it closed" is March 2010).
    pub fn sentence_year(&self, i: usize) -> Option<i32> {
        let a = self.anchor?;
        if a.year() == self.config.dct?.year() || self.anchor_at >= i {
            return None;
        }
        let stops_before = |k: usize| self.stops[k.min(self.stops.len() - 1)];
        let boundary = stops_before(i) > stops_before(self.anchor_at);
        (!boundary).then_some(a.year())
    }
}

/// Helpers for the unit tests of the rule families: run one rule on a sentence.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Ctx, M, Rule};
    use crate::{Config, Date};

    /// Runs `rule` at the first token spelled `first` of `text` (with `anchor` as the last
    /// mentioned date): the matched text and TIMEX value.
    pub(crate) fn run_at(rule: Rule, text: &str, first: &str, config: &Config, anchor: Option<Date>) -> Option<(String, String)> {
        let toks = crate::token::tokenize(text);
        let mut ctx = Ctx::new(text, &toks, config);
        ctx.anchor = anchor;
        let i = (0..toks.len()).find(|&k| ctx.text_of(k) == first).unwrap_or_else(|| panic!("no token {first:?} in {text:?}"));
        let m: M = rule(&ctx, i)?;
        let span = &text[toks[i].start..toks[m.end - 1].end];
        Some((span.to_string(), m.value.to_timex()))
    }

    /// Narrative mode, document date May 1989.
    pub(crate) fn narrative() -> Config {
        Config::narrative(Date::parse("1989-05"))
    }

    /// News mode, document date Tuesday 2013-03-12.
    pub(crate) fn news() -> Config {
        Config::news(Date::parse("2013-03-12"))
    }

    /// Asserts that `rule` at `first` in `text` matches `span` with `value`.
    #[track_caller]
    pub(crate) fn expect(rule: Rule, config: &Config, anchor: Option<Date>, text: &str, first: &str, span: &str, value: &str) {
        assert_eq!(run_at(rule, text, first, config, anchor), Some((span.to_string(), value.to_string())), "in {text:?}");
    }

    /// Asserts that `rule` does not match at `first` in `text`.
    #[track_caller]
    pub(crate) fn expect_none(rule: Rule, config: &Config, text: &str, first: &str) {
        assert_eq!(run_at(rule, text, first, config, None), None, "in {text:?}");
    }
}
