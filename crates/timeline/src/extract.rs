//! From a section's paragraphs to its dated statements.
//!
//! The section is tagged once by `timex` in narrative mode (its paragraphs joined by blank
//! lines, so "two years later" can lean on the paragraph before), with the section's
//! data-as-of as the document date. Each DATE or TIME expression is then read as an interval;
//! durations and sets are not events, recurring dates (no year) and `PAST_REF`/`FUTURE_REF`
//! are not placed. Two dates joined as a range — "1904-05", "(1918-21)", "from 1975 to 1979",
//! "between 1960 and 1965", "June 1918–April 1920" — become one entry spanning both. A
//! present reference ("currently", "at present") takes the data-as-of at its precision.
//!
//! Each entry carries its sentence and the states that sentence names. A sentence that names
//! none continues the one before it ("As of 1989, however, relations had not improved."
//! follows a sentence about Soviet and Japanese diplomats), so it inherits the states the
//! paragraph last named, and says so (`from_context`).

use std::ops::Range;

use crate::interval::{Granularity, Interval, PartialDate, Reading, read_value};
use crate::mentions::Names;
use crate::sentence;

/// What [`extract`] needs besides the text.
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    /// The section's data-as-of: the document date for `timex` and the date of "currently".
    pub data_as_of: Option<timex::Date>,
    /// The states' names.
    pub names: &'a Names,
}

/// One dated statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Index of the paragraph it is in.
    pub paragraph: usize,
    /// The sentence, as a byte range of that paragraph.
    pub sentence: Range<usize>,
    /// The date words, as a byte range of that paragraph (inside `sentence`).
    pub expression: Range<usize>,
    /// The interval they denote.
    pub interval: Interval,
    /// START, MID, END, APPROX, BEFORE, AFTER … as `timex` read it.
    pub modifier: Option<timex::Mod>,
    /// The TIMEX value (two joined by `/` for a range: `1904/1905`).
    pub value: String,
    /// The states the sentence names (ids of the [`Names`] table), in order of mention.
    pub countries: Vec<u32>,
    /// `true` when the sentence names no state and `countries` are the paragraph's last.
    pub from_context: bool,
}

/// A date found by `timex`, in bytes of the joined text.
struct Found {
    start: usize,
    end: usize,
    interval: Interval,
    modifier: Option<timex::Mod>,
    value: String,
}

/// The dated statements of a section, in text order.
pub fn extract(paragraphs: &[&str], config: &Config<'_>) -> Vec<Entry> {
    const SEP: &str = "\n\n";
    let mut joined = String::with_capacity(paragraphs.iter().map(|p| p.len() + SEP.len()).sum());
    let mut starts = Vec::with_capacity(paragraphs.len());
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            joined.push_str(SEP);
        }
        starts.push(joined.len());
        joined.push_str(p);
    }
    let found = dates(&joined, config);
    let mut out = Vec::with_capacity(found.len());
    // Per paragraph, split on first use: its sentences and the states each names.
    type Read = (Vec<Range<usize>>, Vec<Vec<u32>>);
    let mut sentences: Vec<Option<Read>> = vec![None; paragraphs.len()];
    for f in found {
        // The paragraph holding the expression's start.
        let p = starts.partition_point(|&s| s <= f.start).saturating_sub(1);
        let (Some(&base), Some(text)) = (starts.get(p), paragraphs.get(p)) else {
            continue;
        };
        let (start, end) = (f.start - base, (f.end - base).min(text.len()));
        let (spans, named) = sentences[p].get_or_insert_with(|| {
            let spans = sentence::split(text);
            let named = spans
                .iter()
                .map(|r| config.names.ids_in(&text[r.clone()]))
                .collect();
            (spans, named)
        });
        let Some(s) = spans.iter().position(|r| r.start <= start && start < r.end) else {
            continue;
        };
        let mut countries = named[s].clone();
        let mut from_context = false;
        if countries.is_empty() {
            if let Some(prev) = named[..s].iter().rev().find(|n| !n.is_empty()) {
                countries = prev.clone();
                from_context = true;
            }
        }
        let sentence = spans[s].clone();
        out.push(Entry {
            paragraph: p,
            expression: start..end.min(sentence.end).max(start),
            sentence,
            interval: f.interval,
            modifier: f.modifier,
            value: f.value,
            countries,
            from_context,
        });
    }
    out
}

/// The placeable dates of `text`, ranges joined, in bytes.
fn dates(text: &str, config: &Config<'_>) -> Vec<Found> {
    let tags = timex::tag(text, &timex::Config::narrative(config.data_as_of));
    let bytes = char_to_byte(text, &tags);
    let mut found: Vec<Found> = Vec::with_capacity(tags.len());
    let mut last_joinable = false;
    for (tag, &(start, end)) in tags.iter().zip(&bytes) {
        let reading = match tag.kind {
            timex::Type::Date | timex::Type::Time => read_value(&tag.value),
            _ => Reading::Undated,
        };
        let interval = match reading {
            Reading::Dated(i) => i,
            Reading::Present => match config.data_as_of.and_then(as_of_interval) {
                Some(i) => i,
                None => {
                    last_joinable = false;
                    continue;
                }
            },
            Reading::Recurring | Reading::Undated => {
                last_joinable = false;
                continue;
            }
        };
        if last_joinable && matches!(reading, Reading::Dated(_)) {
            if let Some(prev) = found.last_mut() {
                if let Some(joined) = join(text, prev, start, end, &interval) {
                    prev.end = end;
                    prev.start = joined.0;
                    prev.interval = joined.1;
                    prev.value = format!("{}/{}", prev.value, tag.value);
                    last_joinable = false;
                    continue;
                }
            }
        }
        last_joinable = matches!(reading, Reading::Dated(_));
        found.push(Found {
            start,
            end,
            interval,
            modifier: tag.modifier,
            value: tag.value.clone(),
        });
    }
    found
}

/// Whether the date at `start..end` closes a range opened by `prev`; if so, the range's start
/// byte (widened over "from"/"between") and interval.
fn join(
    text: &str,
    prev: &Found,
    start: usize,
    _end: usize,
    next: &Interval,
) -> Option<(usize, Interval)> {
    let gap = text.get(prev.end..start)?;
    let before = text.get(..prev.start)?;
    let opener = last_word(before);
    let connector = gap.trim();
    let range = match connector {
        "-" | "\u{2013}" | "\u{2014}" | "--" => !gap.contains('\n'),
        "to" | "through" | "until" | "till" | "-to-" => {
            opener.eq_ignore_ascii_case("from")
                || opener.eq_ignore_ascii_case("between")
                || gap.len() <= 4
        }
        "and" => opener.eq_ignore_ascii_case("between"),
        _ => false,
    };
    if !range || connector.is_empty() && gap.is_empty() {
        return None;
    }
    let interval = prev.interval.through(next)?;
    let start = if ["from", "between"]
        .iter()
        .any(|w| opener.eq_ignore_ascii_case(w))
    {
        prev.start - before.len() + before.trim_end().len() - opener.len()
    } else {
        prev.start
    };
    Some((start, interval))
}

/// The last whitespace-separated word of `s` (empty when `s` ends in another character).
fn last_word(s: &str) -> &str {
    let t = s.trim_end_matches([' ', '\t']);
    if t.len() == s.len() {
        return "";
    }
    let from = t
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + t[i..].chars().next().map_or(1, char::len_utf8));
    &t[from..]
}

/// Tags' character offsets as byte offsets.
fn char_to_byte(text: &str, tags: &[timex::Tag]) -> Vec<(usize, usize)> {
    if text.is_ascii() {
        return tags.iter().map(|t| (t.start, t.end)).collect();
    }
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    let at = |c: usize| offsets.get(c).copied().unwrap_or(text.len());
    tags.iter().map(|t| (at(t.start), at(t.end))).collect()
}

/// The data-as-of as an interval at its own precision.
fn as_of_interval(d: timex::Date) -> Option<Interval> {
    let date = match (d.month(), d.day()) {
        (Some(m), Some(day)) => (PartialDate::day(d.year(), m, day)?, Granularity::Day),
        (Some(m), None) => (PartialDate::month(d.year(), m)?, Granularity::Month),
        _ => (PartialDate::year(d.year()), Granularity::Year),
    };
    Some(Interval::point(date.0, date.1))
}
