//! The typed value of a match, and its one renderer, [`Value::to_timex`].
//!
//! Rules build values from parts (a year, a month, a unit and an amount) and read them back by
//! pattern matching; no rule parses another rule's output text. A year of `None` is unknown
//! (`XXXX`), as are a month, day, week or quarter of `None` (`XX`, `WXX`, `QX`).

use crate::Date;
use crate::calendar::year_string;
use crate::tables::{DayPart, Season, Unit};

/// An amount of a unit: a number ("three", "1.5", "half a") or a vague one ("several", "a few").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Qty {
    /// A known amount.
    N(f64),
    /// An unknown amount: `X` in a duration.
    Vague,
}

/// A decade or century count with its era: the decade 194 (the 1940s), the century `BC04`
/// (the fifth century BC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Count {
    /// Before the common era.
    pub bc: bool,
    /// Decades or centuries since year 0 (1945 is decade 194, century 19).
    pub n: u32,
}

impl Count {
    /// The decade of a year: 194 for 1945, BC 048 for 485 BC.
    pub(crate) fn decade_of(year: i32) -> Count {
        Count { bc: year <= 0, n: year.unsigned_abs() / 10 }
    }

    /// The century of a year: 19 for 1945, BC 04 for 450 BC.
    pub(crate) fn century_of(year: i32) -> Count {
        Count { bc: year <= 0, n: year.unsigned_abs() / 100 }
    }
}

/// A time of day after the `T` of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeOfDay {
    /// A vague part of the day: `MO`, `AF`, `EV`, `NI`, `DT` (never noon or midnight).
    Part(DayPart),
    /// A clock time: `10:30`, `24:00`.
    Clock(u32, u32),
}

impl TimeOfDay {
    /// The time of a part of the day: noon and midnight are clock times.
    pub(crate) fn of(part: DayPart) -> TimeOfDay {
        match part {
            DayPart::Noon => TimeOfDay::Clock(12, 0),
            DayPart::Midnight => TimeOfDay::Clock(24, 0),
            p => TimeOfDay::Part(p),
        }
    }
}

/// The TIMEX reference values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ref {
    /// `PRESENT_REF`.
    Present,
    /// `PAST_REF`.
    Past,
    /// `FUTURE_REF`.
    Future,
}

/// The normalized value of a temporal expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A year: `1945`, `BC0490`, `XXXX`.
    Year(Option<i32>),
    /// A month: `1945-08`, `XXXX-08`, `1945-XX`.
    Month(Option<i32>, Option<u8>),
    /// A day: `1945-08-06`, `XXXX-08-06`, `1945-08-XX`, `XXXX-XX-XX`.
    Day(Option<i32>, Option<u8>, Option<u8>),
    /// An ISO week: `2013-W10`, `1945-WXX`.
    Week(Option<i32>, Option<u8>),
    /// The weekend of an ISO week: `2013-W10-WE`.
    Weekend(Option<i32>, Option<u8>),
    /// A weekday (Monday = 0) of an unknown week: `XXXX-WXX-1`.
    Weekday(u8),
    /// A quarter: `1998-Q3`, `XXXX-Q3`, `1998-QX`.
    Quarter(Option<i32>, Option<u8>),
    /// A half year (1 or 2): `1998-H1`.
    Half(i32, u8),
    /// A season: `1945-SU`, `XXXX-WI`.
    Season(Option<i32>, Season),
    /// A decade: `194`, `BC048`, `XXX`.
    Decade(Option<Count>),
    /// A century: `19`, `BC04`, `XX`.
    Century(Option<Count>),
    /// A time of day on a day (a `Day` or a `Weekday`): `1945-08-06T10:30`, `XXXX-XX-XXTNI`.
    Time(Box<Value>, TimeOfDay),
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Ref(Ref),
    /// A duration: `P3Y`, `PT2H`, `PXM`, `P1.5Y`, `P2DE`.
    Duration(Qty, Unit),
}

impl From<Date> for Value {
    /// A date at its own granularity.
    fn from(d: Date) -> Value {
        match (d.month(), d.day()) {
            (None, _) => Value::Year(Some(d.year())),
            (Some(m), None) => Value::Month(Some(d.year()), Some(m)),
            (Some(m), Some(day)) => Value::Day(Some(d.year()), Some(m), Some(day)),
        }
    }
}

impl Value {
    /// This day (a `Day` or a `Weekday`) at a time of day.
    pub(crate) fn at(self, time: TimeOfDay) -> Value {
        Value::Time(Box::new(self), time)
    }

    /// True for `PRESENT_REF`, `PAST_REF` and `FUTURE_REF`.
    pub(crate) fn is_ref(&self) -> bool {
        matches!(self, Value::Ref(_))
    }

    /// True when the value opens with a year of the common era (its TIMEX form starts with a
    /// digit): `1945-08`, `19`, but not `BC0490`, `XXXX-08`, `P3Y` or `PRESENT_REF`.
    pub(crate) fn is_dated(&self) -> bool {
        match self {
            Value::Year(y)
            | Value::Month(y, _)
            | Value::Day(y, _, _)
            | Value::Week(y, _)
            | Value::Weekend(y, _)
            | Value::Quarter(y, _)
            | Value::Season(y, _) => y.is_some_and(|y| y > 0),
            Value::Half(y, _) => *y > 0,
            Value::Decade(c) | Value::Century(c) => c.is_some_and(|c| !c.bc),
            Value::Time(day, _) => day.is_dated(),
            Value::Weekday(_) | Value::Ref(_) | Value::Duration(..) => false,
        }
    }

    /// The year of a bare year of the common era (`1945`, `0800`).
    pub(crate) fn ce_year(&self) -> Option<i32> {
        match self {
            Value::Year(Some(y)) if *y > 0 => Some(*y),
            _ => None,
        }
    }

    /// True for a day of a year of the common era (`1945-08-06`, also `1945-08-XX`).
    pub(crate) fn is_ce_day(&self) -> bool {
        matches!(self, Value::Day(Some(y), _, _) if *y > 0)
    }

    /// True for a month-day of no particular year (`XXXX-08-15`), a recurring date.
    pub(crate) fn is_recurring_day(&self) -> bool {
        matches!(self, Value::Day(None, Some(_), Some(_)))
    }

    /// True for a duration of a vague amount (`PXY`).
    pub(crate) fn is_vague_duration(&self) -> bool {
        matches!(self, Value::Duration(Qty::Vague, _))
    }

    /// A month, quarter or half of a year of the common era moved by `years` (news: "a year
    /// earlier" after "the third quarter"); `None` for any other value.
    pub(crate) fn years_later(&self, years: i32) -> Option<Value> {
        let shift = |y: i32| crate::calendar::add_years(y, i64::from(years));
        match self {
            Value::Quarter(Some(y), q) if *y > 0 => Some(Value::Quarter(Some(shift(*y)), *q)),
            Value::Half(y, h) if *y > 0 => Some(Value::Half(shift(*y), *h)),
            Value::Month(Some(y), Some(m)) if *y > 0 => Some(Value::Month(Some(shift(*y)), Some(*m))),
            _ => None,
        }
    }

    /// The TIMEX value.
    pub(crate) fn to_timex(&self) -> String {
        let year = |y: &Option<i32>| y.map_or_else(|| "XXXX".to_string(), year_string);
        let two = |n: &Option<u8>| n.map_or_else(|| "XX".to_string(), |n| format!("{n:02}"));
        let bc = |c: &Count| if c.bc { "BC" } else { "" };
        match self {
            Value::Year(y) => year(y),
            Value::Month(y, m) => format!("{}-{}", year(y), two(m)),
            Value::Day(y, m, d) => format!("{}-{}-{}", year(y), two(m), two(d)),
            Value::Week(y, w) => format!("{}-W{}", year(y), two(w)),
            Value::Weekend(y, w) => format!("{}-W{}-WE", year(y), two(w)),
            Value::Weekday(w) => format!("XXXX-WXX-{}", w + 1),
            Value::Quarter(y, q) => format!("{}-Q{}", year(y), q.map_or_else(|| "X".to_string(), |q| q.to_string())),
            Value::Half(y, h) => format!("{}-H{h}", year_string(*y)),
            Value::Season(y, s) => format!("{}-{}", year(y), season_code(*s)),
            Value::Decade(None) => "XXX".to_string(),
            Value::Decade(Some(c)) => format!("{}{:03}", bc(c), c.n.min(999)),
            Value::Century(None) => "XX".to_string(),
            Value::Century(Some(c)) => format!("{}{:02}", bc(c), c.n.min(99)),
            Value::Time(day, t) => format!("{}T{}", day.to_timex(), time_string(*t)),
            Value::Ref(Ref::Present) => "PRESENT_REF".to_string(),
            Value::Ref(Ref::Past) => "PAST_REF".to_string(),
            Value::Ref(Ref::Future) => "FUTURE_REF".to_string(),
            Value::Duration(q, unit) => duration_string(*q, *unit),
        }
    }
}

/// The TIMEX code of a season.
fn season_code(s: Season) -> &'static str {
    match s {
        Season::Spring => "SP",
        Season::Summer => "SU",
        Season::Fall => "FA",
        Season::Winter => "WI",
    }
}

/// The text after `T`: `MO`, `10:30`.
fn time_string(t: TimeOfDay) -> String {
    match t {
        TimeOfDay::Clock(h, m) => format!("{h:02}:{m:02}"),
        TimeOfDay::Part(p) => match p {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
            DayPart::Daytime => "DT",
            DayPart::Noon => "12:00",
            DayPart::Midnight => "24:00",
        }
        .to_string(),
    }
}

/// Formats an amount for a duration value: `3`, `1.5`, `.5`, `X`.
fn amount(q: Qty) -> String {
    match q {
        Qty::Vague => "X".to_string(),
        Qty::N(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Qty::N(v) => {
            let s = format!("{v}");
            s.strip_prefix('0').map(str::to_string).unwrap_or(s)
        }
    }
}

/// The TIMEX duration value of an amount of a unit: `P3Y`, `PT2H`, `P2CE`; a fortnight is two
/// weeks.
fn duration_string(q: Qty, unit: Unit) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_shape_renders() {
        let cases: &[(Value, &str)] = &[
            (Value::Year(Some(1945)), "1945"),
            (Value::Year(Some(800)), "0800"),
            (Value::Year(Some(-490)), "BC0490"),
            (Value::Year(None), "XXXX"),
            (Value::Month(Some(1945), Some(8)), "1945-08"),
            (Value::Month(None, Some(8)), "XXXX-08"),
            (Value::Month(Some(1945), None), "1945-XX"),
            (Value::Day(Some(1945), Some(8), Some(6)), "1945-08-06"),
            (Value::Day(None, None, None), "XXXX-XX-XX"),
            (Value::Week(Some(2013), Some(10)), "2013-W10"),
            (Value::Week(None, None), "XXXX-WXX"),
            (Value::Weekend(Some(2013), Some(10)), "2013-W10-WE"),
            (Value::Weekday(2), "XXXX-WXX-3"),
            (Value::Quarter(Some(1998), Some(3)), "1998-Q3"),
            (Value::Quarter(Some(1998), None), "1998-QX"),
            (Value::Half(1998, 1), "1998-H1"),
            (Value::Season(None, Season::Winter), "XXXX-WI"),
            (Value::Decade(Some(Count::decade_of(1945))), "194"),
            (Value::Decade(Some(Count::decade_of(-485))), "BC048"),
            (Value::Decade(None), "XXX"),
            (Value::Century(Some(Count::century_of(1945))), "19"),
            (Value::Century(Some(Count::century_of(-450))), "BC04"),
            (Value::Century(None), "XX"),
            (Value::Day(Some(1945), Some(8), Some(6)).at(TimeOfDay::Clock(10, 30)), "1945-08-06T10:30"),
            (Value::Day(None, None, None).at(TimeOfDay::Part(DayPart::Night)), "XXXX-XX-XXTNI"),
            (Value::Ref(Ref::Present), "PRESENT_REF"),
            (Value::Duration(Qty::N(3.0), Unit::Year), "P3Y"),
            (Value::Duration(Qty::N(1.5), Unit::Year), "P1.5Y"),
            (Value::Duration(Qty::N(0.5), Unit::Century), "P.5CE"),
            (Value::Duration(Qty::N(2.0), Unit::Hour), "PT2H"),
            (Value::Duration(Qty::N(1.0), Unit::Fortnight), "P2W"),
            (Value::Duration(Qty::Vague, Unit::Month), "PXM"),
        ];
        for (v, s) in cases {
            assert_eq!(v.to_timex(), *s, "{v:?}");
        }
    }

    #[test]
    fn predicates_agree_with_the_text() {
        let values = [
            Value::Year(Some(1945)),
            Value::Year(Some(-490)),
            Value::Year(None),
            Value::Day(Some(1945), Some(8), None),
            Value::Day(None, Some(8), Some(15)),
            Value::Day(None, None, None),
            Value::Half(-3, 1),
            Value::Century(Some(Count::century_of(-450))),
            Value::Weekday(0),
            Value::Ref(Ref::Past),
            Value::Duration(Qty::Vague, Unit::Year),
            Value::Day(Some(1945), Some(8), Some(6)).at(TimeOfDay::Part(DayPart::Morning)),
        ];
        for v in &values {
            let s = v.to_timex();
            assert_eq!(v.is_dated(), s.as_bytes()[0].is_ascii_digit(), "{s}");
            assert_eq!(v.is_ref(), s.ends_with("_REF"), "{s}");
            assert_eq!(v.is_vague_duration(), s.starts_with("PX"), "{s}");
            assert_eq!(v.is_ce_day(), s.len() == 10 && s.as_bytes()[0].is_ascii_digit(), "{s}");
            assert_eq!(
                v.is_recurring_day(),
                s.len() == 10 && s.starts_with("XXXX-") && s.as_bytes()[5].is_ascii_digit() && s.as_bytes()[8].is_ascii_digit(),
                "{s}"
            );
        }
    }

    #[test]
    fn years_later_moves_months_quarters_and_halves() {
        assert_eq!(Value::Quarter(Some(2012), Some(4)).years_later(-1), Some(Value::Quarter(Some(2011), Some(4))));
        assert_eq!(Value::Half(2012, 1).years_later(1), Some(Value::Half(2013, 1)));
        assert_eq!(Value::Month(Some(9999), Some(2)).years_later(5), Some(Value::Month(Some(9999), Some(2))));
        assert_eq!(Value::Year(Some(2012)).years_later(1), None);
        assert_eq!(Value::Season(Some(2012), Season::Fall).years_later(1), None);
    }
}
