//! [`Date`]: a calendar date of year, month or day granularity that cannot be built invalid.
//!
//! The fields are private; every public way to make a `Date` ([`Date::new`], [`Date::from_ymd`],
//! [`Date::parse`], ...) checks that the year is within [`MIN_YEAR`]`..=`[`MAX_YEAR`], that the
//! month is 1–12 and that the day exists in that month (and is only given with a month).
//!
//! **Year range.** TIMEX values write a year with four digits (`0800`, `1945`, `BC0490`), so a
//! date holds a year from 9999 BC to AD 9999: `-9999..=9999`. Years before the common era are
//! negative (490 BC is `-490`); year 0 is accepted and written `BC0000`, as TIMEX does. Inside
//! the crate every year computation ("two centuries later", "the turn of the century")
//! saturates at the ends of this range instead of overflowing.

use std::fmt;

use crate::calendar;

/// The earliest year a [`Date`] can hold: 9999 BC.
pub const MIN_YEAR: i32 = -9999;

/// The latest year a [`Date`] can hold: AD 9999.
pub const MAX_YEAR: i32 = 9999;

/// A calendar date of year, month or day granularity, always valid (see the module docs for
/// the year range). Years before the common era are negative (490 BC is `-490`).
///
/// ```
/// let d = timex::Date::from_ymd(1945, 8, 6).unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (1945, Some(8), Some(6)));
/// assert_eq!(d.to_string(), "1945-08-06");
/// assert!(timex::Date::new(1945, Some(0), None).is_err());
/// assert!(timex::Date::from_year(i32::MAX).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a [`Date`] could not be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// The year is outside [`MIN_YEAR`]`..=`[`MAX_YEAR`].
    YearOutOfRange(i32),
    /// The month is not 1–12.
    MonthOutOfRange(u8),
    /// The day does not exist in that month of that year (0, 32, February 30, ...).
    DayOutOfRange {
        /// The year asked for.
        year: i32,
        /// The month asked for.
        month: u8,
        /// The day asked for.
        day: u8,
    },
    /// A day was given without a month.
    DayWithoutMonth,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::YearOutOfRange(y) => write!(f, "year {y} is outside {MIN_YEAR}..={MAX_YEAR}"),
            DateError::MonthOutOfRange(m) => write!(f, "month {m} is not 1-12"),
            DateError::DayOutOfRange { year, month, day } => write!(f, "day {day} does not exist in {year}-{month:02}"),
            DateError::DayWithoutMonth => write!(f, "a day needs a month"),
        }
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// A date of year, month or day granularity, checked: the year must be within
    /// [`MIN_YEAR`]`..=`[`MAX_YEAR`], the month 1–12 and the day a day of that month.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Date, DateError> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(DateError::YearOutOfRange(year));
        }
        match (month, day) {
            (Some(m), _) if !(1..=12).contains(&m) => Err(DateError::MonthOutOfRange(m)),
            (None, Some(_)) => Err(DateError::DayWithoutMonth),
            (Some(m), Some(d)) if !calendar::valid(year, m, d) => Err(DateError::DayOutOfRange { year, month: m, day: d }),
            _ => Ok(Date { year, month, day }),
        }
    }

    /// A year: `Date::from_year(1945)`.
    pub fn from_year(year: i32) -> Result<Date, DateError> {
        Date::new(year, None, None)
    }

    /// A month of a year: `Date::from_year_month(1945, 8)`.
    pub fn from_year_month(year: i32, month: u8) -> Result<Date, DateError> {
        Date::new(year, Some(month), None)
    }

    /// A day: `Date::from_ymd(1945, 8, 6)`.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        Date::new(year, Some(month), Some(day))
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (anything after a `T` is ignored); `None` when
    /// the text is not such a date or the date does not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let text = text.split('T').next().unwrap_or("");
        let mut parts = text.split('-');
        let number = |part: &str, len: usize| (part.len() == len && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse::<u16>().ok()).flatten();
        let year = number(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(u8::try_from(number(m, 2)?).ok()?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(u8::try_from(number(d, 2)?).ok()?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Date::new(i32::from(year), month, day).ok()
    }

    /// The year; 490 BC is `-490`.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12, when known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when known (only with a month).
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// A date whose year is first clamped into the allowed range (the saturating form every
    /// year computation in the crate uses); `None` when the month or day is invalid.
    pub(crate) fn clamped(year: i32, month: Option<u8>, day: Option<u8>) -> Option<Date> {
        Date::new(calendar::clamp_year(year), month, day).ok()
    }

    /// A year, clamped into the allowed range.
    pub(crate) fn year_only(year: i32) -> Date {
        Date { year: calendar::clamp_year(year), month: None, day: None }
    }

    /// The weekday (Monday = 0) of a full date.
    pub(crate) fn weekday(&self) -> Option<u8> {
        Some(calendar::weekday(self.year, self.month?, self.day?))
    }
}

/// The TIMEX form: `1945`, `1945-08`, `1945-08-06`, `BC0490`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&calendar::year_string(self.year))?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constructor_refuses_invalid_dates() {
        assert_eq!(Date::new(1945, Some(0), None), Err(DateError::MonthOutOfRange(0)));
        assert_eq!(Date::new(1945, Some(13), None), Err(DateError::MonthOutOfRange(13)));
        assert_eq!(Date::from_ymd(1945, 1, 32), Err(DateError::DayOutOfRange { year: 1945, month: 1, day: 32 }));
        assert_eq!(Date::from_ymd(1945, 1, 0), Err(DateError::DayOutOfRange { year: 1945, month: 1, day: 0 }));
        assert_eq!(Date::from_ymd(1900, 2, 29), Err(DateError::DayOutOfRange { year: 1900, month: 2, day: 29 }));
        assert_eq!(Date::new(1945, None, Some(3)), Err(DateError::DayWithoutMonth));
        assert_eq!(Date::from_year(i32::MAX), Err(DateError::YearOutOfRange(i32::MAX)));
        assert_eq!(Date::from_year(i32::MIN), Err(DateError::YearOutOfRange(i32::MIN)));
        assert_eq!(Date::from_year(MAX_YEAR + 1), Err(DateError::YearOutOfRange(10_000)));
        assert_eq!(Date::from_year(MIN_YEAR - 1), Err(DateError::YearOutOfRange(-10_000)));
        assert!(Date::from_ymd(2000, 2, 29).is_ok());
        assert!(Date::from_ymd(MAX_YEAR, 12, 31).is_ok());
        assert!(Date::from_ymd(MIN_YEAR, 1, 1).is_ok());
        assert!(Date::from_year(0).is_ok());
    }

    #[test]
    fn clamped_dates_saturate_the_year() {
        assert_eq!(Date::clamped(i32::MAX, Some(12), Some(31)), Date::from_ymd(MAX_YEAR, 12, 31).ok());
        assert_eq!(Date::year_only(i32::MIN).year(), MIN_YEAR);
        assert_eq!(Date::clamped(1945, Some(0), None), None);
    }

    #[test]
    fn display_is_the_timex_value() {
        assert_eq!(Date::from_year(-490).unwrap().to_string(), "BC0490");
        assert_eq!(Date::from_year(800).unwrap().to_string(), "0800");
        assert_eq!(Date::from_year_month(1945, 8).unwrap().to_string(), "1945-08");
    }

    #[test]
    fn parse_checks_every_field() {
        assert_eq!(Date::parse("1989-00"), None);
        assert_eq!(Date::parse("1989-13"), None);
        assert_eq!(Date::parse("1989-01-32"), None);
        assert_eq!(Date::parse("1989-01-00"), None);
        assert_eq!(Date::parse("1989--01"), None);
        assert_eq!(Date::parse("+989"), None);
        assert_eq!(Date::parse("0000").map(|d| d.year()), Some(0));
        assert_eq!(Date::parse("9999-12-31"), Date::from_ymd(9999, 12, 31).ok());
    }
}
