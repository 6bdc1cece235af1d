//! The rules: a single left-to-right pass over the tokens that tries every rule family at each
//! token that can start an expression and keeps the longest match.
//!
//! Rule families live in their own files: `absolute` (calendar dates, years, decades,
//! centuries, seasons, modifiers and named periods), `relative` (anaphoric and deictic
//! expressions, durations, sets and times of day). Each rule reads the `Lex` class of tokens,
//! never raw spellings of content words, so vocabulary lives in `tables`.
//!
//! **Invariant:** matches never overlap and are emitted in text order. The anchor (the last
//! date mentioned) is updated only by matches that denote a calendar date.

mod absolute;
mod anchored;
mod holidays;
mod relative;
mod scan;

use crate::token::{Kind, Tok};
use crate::{Config, Date, Mod, Mode, Type};

/// A match in byte offsets, before conversion to a `Tag`.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Type,
    pub value: String,
    pub modifier: Option<Mod>,
}

/// The result of one rule at one token.
pub(super) struct M {
    /// Token index one past the last token of the match.
    pub end: usize,
    pub kind: Type,
    pub value: String,
    pub modifier: Option<Mod>,
    /// The date this match makes the new anchor, if any.
    pub anchor: Option<Date>,
}

impl M {
    fn date(end: usize, value: String, anchor: Option<Date>) -> M {
        M { end, kind: Type::Date, value, modifier: None, anchor }
    }
}

/// The tense of a clause, as far as cue words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
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

/// Words before a bare year that make it a point of comparison in news.
const NEWS_COMPARISON: &[&str] = &["since", "than", "from", "until", "before"];

/// The state shared by the rules.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub config: &'a Config,
    pub anchor: Option<Date>,
    /// The value of the last DATE tagged, for "a year earlier" at its granularity in news
    /// ("the third quarter ... a year earlier" is the third quarter of the year before).
    pub last_value: Option<String>,
    /// The token where the anchor was set.
    pub anchor_at: usize,
}

/// A rule family: returns the match starting at token `i`, if any.
type Rule = fn(&Ctx<'_>, usize) -> Option<M>;

/// Every rule family, in priority order (earlier wins ties on length).
const RULES: &[Rule] = &[
    absolute::modified,
    absolute::explicit,
    absolute::decade,
    absolute::century,
    absolute::season,
    absolute::elided_year,
    relative::anaphoric,
    relative::shifted,
    relative::duration,
    relative::set,
    relative::deictic,
    relative::clock,
    relative::part_of_day,
    relative::weekday,
    relative::year_earlier,
    anchored::range_day,
    anchored::unit_end,
    anchored::day_around,
    anchored::early_hours,
    anchored::calendar_name,
    anchored::period_phrase,
    anchored::range_first,
    anchored::the_time,
    relative::the_quarter,
    anchored::vague_time,
];

/// Runs all rules over the tokens.
pub(crate) fn run(text: &str, toks: &[Tok], config: &Config) -> Vec<Found> {
    let mut ctx = Ctx { text, toks, config, anchor: None, last_value: None, anchor_at: 0 };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let starter = match t.kind {
            Kind::Num => true,
            // Prepositions never open an expression; "at" ("at least") is a `Cue`.
            Kind::Word => !matches!(t.lex, crate::tables::Lex::None | crate::tables::Lex::Prep),
            Kind::Punct => ctx.punct(i, '\''),
        };
        if !starter {
            i += 1;
            continue;
        }
        let mut best: Option<M> = None;
        for rule in RULES {
            if let Some(m) = rule(&ctx, i) {
                if m.end > i && best.as_ref().is_none_or(|b| m.end > b.end) {
                    best = Some(m);
                }
            }
        }
        if let Some(ext) = best.as_ref().and_then(|m| anchored::extend_over_event(&ctx, i, m)) {
            best = Some(ext);
        }
        match best {
            Some(m) => {
                let end_tok = m.end.min(toks.len());
                // A date in parentheses is an aside: it does not move the narrative.
                let aside = (i > 0 && ctx.punct(i - 1, '(') && ctx.punct(end_tok, ')')) || ctx.future_tense(i);
                // A bare year earlier than the anchor ("in late 1943" after "May 1944") is a
                // look back; the story resumes where it was.
                // (News anchors "two years later" on the year just named, earlier or not.)
                let look_back = |a: &Date| !ctx.news() && a.month.is_none() && ctx.anchor.is_some_and(|cur| cur.month.is_some() && a.year < cur.year);
                // News: a bare year moves the anchor only as the time of an event ("in 2010"),
                // not as a point of comparison ("since 2008", "than 2008").
                let comparison = ctx.news() && i > 0 && NEWS_COMPARISON.iter().any(|w| ctx.is(i - 1, w));
                if let Some(a) = m.anchor.filter(|a| !(aside || look_back(a) || (comparison && a.month.is_none()))) {
                    ctx.anchor = Some(a);
                    ctx.anchor_at = i;
                }
                // A comparison ("a year earlier") does not become the period compared with.
                if m.kind == Type::Date && !toks[i..end_tok].iter().any(|t| matches!(t.lex, crate::tables::Lex::Shift(_))) {
                    ctx.last_value = Some(m.value.clone());
                }
                out.push(Found { start: toks[i].start, end: toks[end_tok - 1].end, kind: m.kind, value: m.value, modifier: m.modifier });
                i = end_tok;
            }
            None => i += 1,
        }
    }
    out
}

impl Ctx<'_> {
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

    /// True when token `i` touches the token before it.
    pub fn adjacent(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The lexical class of token `i`.
    pub fn lex(&self, i: usize) -> crate::tables::Lex {
        self.toks.get(i).map_or(crate::tables::Lex::None, |t| t.lex)
    }

    /// The date relative expressions resolve against. Deictic expressions ("yesterday") use
    /// the document date in news mode; everything else uses the last mentioned date.
    pub fn reference(&self, deictic: bool) -> Option<Date> {
        if deictic && self.config.mode == Mode::News { self.config.dct.or(self.anchor) } else { self.anchor.or(self.config.dct) }
    }

    /// The reference for a unit word (`lex`): in news, a year-only anchor ("in 2010") cannot
    /// place "a month earlier" or "the previous quarter", which then take the document date.
    pub fn reference_for(&self, deictic: bool, lex: crate::tables::Lex) -> Option<Date> {
        use crate::tables::{Lex, Unit};
        let r = self.reference(deictic);
        let fine = !matches!(lex, Lex::Unit(Unit::Year | Unit::Decade | Unit::Century, _));
        if self.news() && fine && r.is_some_and(|r| r.month.is_none()) {
            return self.config.dct.or(r);
        }
        r
    }

    /// True when the clause before token `i` talks about the future ("will meet in
    /// December"), looking back at most ten tokens and not past the start of the sentence.
    pub fn future_tense(&self, i: usize) -> bool {
        const CUES: &[&str] = &["will", "would", "shall", "plans", "planned", "expected", "expects", "scheduled", "due"];
        for k in (i.saturating_sub(10)..i).rev() {
            if self.punct(k, '.') || self.punct(k, '!') || self.punct(k, '?') || self.punct(k, ';') {
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
            if self.punct(k, '.') || self.punct(k, '!') || self.punct(k, '?') || self.punct(k, ';') {
                break;
            }
            if let Some(t) = self.tense_cue(k) {
                return t;
            }
        }
        // No cue before: the verb may follow ("Sales in June rose").
        for k in i + 1..(i + 8).min(self.toks.len()) {
            if self.punct(k, '.') || self.punct(k, '!') || self.punct(k, '?') || self.punct(k, ';') {
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
        let y = self.config.dct?.year;
        Some(match (self.tense(i), pos.cmp(&dct_pos)) {
            (Tense::Future, std::cmp::Ordering::Less) => y.saturating_add(1),
            (Tense::Future, _) => y,
            (Tense::Past, std::cmp::Ordering::Greater) => y.saturating_sub(1),
            (Tense::None, std::cmp::Ordering::Greater) if pos - dct_pos > window => y.saturating_sub(1),
            _ => y,
        })
    }

    /// News: the value `years` years before or after the last DATE tagged, when that was a
    /// quarter, a half or a month (`2012-Q4`, `2012-H1`, `2012-02`); TimeBank gives "a year
    /// earlier" the granularity of the period it compares with.
    pub fn year_shift_of_last(&self, years: i32) -> Option<String> {
        let v = self.last_value.as_deref().filter(|_| self.news())?;
        let (year, rest) = v.split_at_checked(4)?;
        let year: i32 = year.parse().ok()?;
        let fine = rest.len() == 3
            && rest.starts_with('-')
            && (rest[1..].starts_with('Q') || rest[1..].starts_with('H') || rest[1..].bytes().all(|b| b.is_ascii_digit()));
        fine.then(|| format!("{}{rest}", crate::calendar::year_string(year.saturating_add(years))))
    }

    /// News: the year of an anchor set earlier in the same sentence, when it is not the
    /// document's ("In 2010 the plant was sold, and in March it closed" is March 2010).
    pub fn sentence_year(&self, i: usize) -> Option<i32> {
        let a = self.anchor?;
        if a.year == self.config.dct?.year || self.anchor_at >= i {
            return None;
        }
        let boundary = (self.anchor_at..i).any(|k| self.punct(k, '.') || self.punct(k, '!') || self.punct(k, '?') || self.punct(k, ';'));
        (!boundary).then_some(a.year)
    }

    /// True in news mode.
    pub fn news(&self) -> bool {
        self.config.mode == Mode::News
    }
}
