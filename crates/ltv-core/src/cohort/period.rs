//! Calendar periods: a [`PeriodUnit`] and an integer period index, with a parser for period strings.
//!
//! A period index counts whole periods from a fixed origin, so consecutive periods differ by 1:
//! - [`PeriodUnit::Month`]: months since January 1970 (`1970-01` is 0, `2024-03` is 650);
//! - [`PeriodUnit::Week`]: ISO weeks (Monday to Sunday) since the week of Monday 1969-12-29 (week 0 holds
//!   1970-01-01, a Thursday);
//! - [`PeriodUnit::Day`]: days since 1970-01-01 (the Unix epoch).
//!
//! Dates are proleptic Gregorian, years 0001 to 9999. A period is labelled by its first day.

use std::fmt;

use crate::error::{LtvError, Result, string_option};

/// The length of a calendar period. Default: [`PeriodUnit::Month`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PeriodUnit {
    /// Calendar months; index = months since 1970-01.
    #[default]
    Month,
    /// ISO weeks starting on Monday; index = weeks since Monday 1969-12-29.
    Week,
    /// Days; index = days since 1970-01-01.
    Day,
    /// Calendar quarters (January to March, ...); index = quarters since 1970-Q1.
    Quarter,
    /// Calendar years; index = years since 1970.
    Year,
}

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, 1 to 9999.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`), for days in range.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // day in 1..=31 and month in 1..=12 by construction.
    (year, u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

string_option!(PeriodUnit, field = "unit", allowed = "'month', 'week', 'day', 'quarter' or 'year'", {
    Month => "month",
    Week => "week",
    Day => "day",
    Quarter => "quarter",
    Year => "year",
});

impl PeriodUnit {
    /// Parses `"month"`, `"week"`, `"day"`, `"quarter"` or `"year"` (the same as [`str::parse`], through `FromStr`).
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `unit` for anything else.
    pub fn parse(text: &str) -> Result<Self> {
        text.parse()
    }

    /// The index of the period holding `date` (a date in a week maps to its ISO week, Monday to Sunday; in a
    /// quarter or year to the calendar quarter or year holding it).
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `period` for a date that does not exist or lies outside 0001..=9999.
    pub fn index_of(self, date: Date) -> Result<i64> {
        let Date { year, month, day } = date;
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(LtvError::InvalidInput {
                field: "period",
                value: date.to_string(),
                allowed: "a calendar date from 0001-01-01 to 9999-12-31",
                suggestion: None,
            });
        }
        Ok(match self {
            Self::Month => (i64::from(year) - 1970) * 12 + i64::from(month) - 1,
            Self::Week => (days_from_civil(year, month, day) + 3).div_euclid(7),
            Self::Day => days_from_civil(year, month, day),
            Self::Quarter => (i64::from(year) - 1970) * 4 + i64::from((month - 1) / 3),
            Self::Year => i64::from(year) - 1970,
        })
    }

    /// The smallest and largest valid period index (the periods of 0001-01-01 and 9999-12-31).
    #[must_use]
    pub fn index_range(self) -> (i64, i64) {
        let first = Date { year: 1, month: 1, day: 1 };
        let last = Date { year: 9999, month: 12, day: 31 };
        (self.index_of(first).unwrap_or(i64::MIN), self.index_of(last).unwrap_or(i64::MAX))
    }

    /// Checks that `index` is a period index of this unit (0001-01-01 to 9999-12-31).
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `period`.
    pub fn check_index(self, index: i64) -> Result<i64> {
        let (lo, hi) = self.index_range();
        if (lo..=hi).contains(&index) {
            Ok(index)
        } else {
            Err(LtvError::InvalidInput {
                field: "period",
                value: index.to_string(),
                allowed: "a period index of a date from 0001-01-01 to 9999-12-31",
                suggestion: None,
            })
        }
    }

    /// The index of the period holding the day `days` (days since 1970-01-01, as numpy's `datetime64[D]`):
    /// the calendar arithmetic of every date input, done here once (bindings hand over day counts).
    ///
    /// ```
    /// use ltv_core::cohort::PeriodUnit;
    /// assert_eq!(PeriodUnit::Month.index_of_day(19_797)?, 650); // 2024-03-15 is in 2024-03
    /// assert_eq!(PeriodUnit::Week.index_of_day(-3)?, 0); // Monday 1969-12-29 starts week 0
    /// assert_eq!(PeriodUnit::Day.index_of_day(19_797)?, 19_797);
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `period` for a day outside 0001-01-01..=9999-12-31.
    pub fn index_of_day(self, days: i64) -> Result<i64> {
        let days = Self::Day.check_index(days)?;
        let (year, month, _) = civil_from_days(days);
        Ok(match self {
            Self::Month => (year - 1970) * 12 + i64::from(month) - 1,
            Self::Week => (days + 3).div_euclid(7),
            Self::Day => days,
            Self::Quarter => (year - 1970) * 4 + i64::from((month - 1) / 3),
            Self::Year => year - 1970,
        })
    }

    /// The first day of period `index` as days since 1970-01-01 (the inverse of [`Self::index_of_day`] on
    /// first days).
    ///
    /// ```
    /// use ltv_core::cohort::PeriodUnit;
    /// assert_eq!(PeriodUnit::Month.start_day(650)?, 19_783); // 2024-03-01
    /// assert_eq!(PeriodUnit::Week.start_day(0)?, -3); // 1969-12-29
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] naming `period` when the period lies outside 0001..=9999.
    pub fn start_day(self, index: i64) -> Result<i64> {
        let index = self.check_index(index)?;
        Ok(match self {
            Self::Month | Self::Quarter | Self::Year => {
                let Date { year, month, day } = self.start(index)?;
                days_from_civil(year, month, day)
            }
            Self::Week => index * 7 - 3,
            Self::Day => index,
        })
    }

    /// The first day of period `index`: the 1st of the month, the Monday of the week, the day itself, the 1st
    /// of the quarter's first month, or January 1st.
    ///
    /// ```
    /// use ltv_core::cohort::{Date, PeriodUnit};
    /// assert_eq!(PeriodUnit::Month.start(650)?.to_string(), "2024-03-01");
    /// assert_eq!(PeriodUnit::Week.start(0)?.to_string(), "1969-12-29");
    /// assert_eq!(PeriodUnit::Day.start(19_797)?, Date { year: 2024, month: 3, day: 15 });
    /// assert_eq!(PeriodUnit::Quarter.start(217)?.to_string(), "2024-04-01"); // 2024-Q2
    /// assert_eq!(PeriodUnit::Year.start(54)?.to_string(), "2024-01-01");
    /// # Ok::<(), ltv_core::LtvError>(())
    /// ```
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] when the period lies outside 0001..=9999.
    pub fn start(self, index: i64) -> Result<Date> {
        let index = self.check_index(index)?;
        let (year, month, day) = match self {
            Self::Month => (1970 + index.div_euclid(12), u32::try_from(index.rem_euclid(12) + 1).unwrap_or(1), 1),
            Self::Week => civil_from_days(index * 7 - 3),
            Self::Day => civil_from_days(index),
            Self::Quarter => (1970 + index.div_euclid(4), u32::try_from(index.rem_euclid(4) * 3 + 1).unwrap_or(1), 1),
            Self::Year => (1970 + index, 1, 1),
        };
        // In range: check_index bounds the year to 1..=9999.
        Ok(Date { year: i32::try_from(year).unwrap_or(1), month, day })
    }
}

fn digits(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Parses a period string into the period index of `unit`.
///
/// Accepted: `"YYYY-MM-DD"` for every unit (a day maps to its month, its ISO week (the Monday to Sunday
/// holding it), itself, its quarter or its year), and `"YYYY-MM"` for months, quarters and years.
/// Surrounding whitespace is ignored. (The Python package reads more spellings and hands over day counts.)
///
/// ```
/// use ltv_core::cohort::{PeriodUnit, parse_period};
/// assert_eq!(parse_period("2024-03", PeriodUnit::Month)?, 650);
/// assert_eq!(parse_period("2024-03-15", PeriodUnit::Month)?, 650);
/// // 2024-03-15 is a Friday: its ISO week starts on Monday 2024-03-11.
/// let week = parse_period("2024-03-15", PeriodUnit::Week)?;
/// assert_eq!(PeriodUnit::Week.start(week)?.to_string(), "2024-03-11");
/// assert_eq!(parse_period("1970-01-02", PeriodUnit::Day)?, 1);
/// assert_eq!(parse_period("2024-05", PeriodUnit::Quarter)?, 217); // 2024-Q2
/// assert!(parse_period("2024-13", PeriodUnit::Month).is_err());
/// # Ok::<(), ltv_core::LtvError>(())
/// ```
///
/// # Errors
/// [`LtvError::InvalidInput`] naming `period`: any other shape, a date that does not exist, a month string
/// for weeks or days.
pub fn parse_period(text: &str, unit: PeriodUnit) -> Result<i64> {
    let trimmed = text.trim();
    let invalid = |allowed: &'static str| LtvError::InvalidInput {
        field: "period",
        value: format!("'{trimmed}'"),
        allowed,
        suggestion: None,
    };
    let coarse = matches!(unit, PeriodUnit::Month | PeriodUnit::Quarter | PeriodUnit::Year);
    let shape = match unit {
        PeriodUnit::Month | PeriodUnit::Quarter | PeriodUnit::Year => "a month 'YYYY-MM' or a date 'YYYY-MM-DD'",
        PeriodUnit::Week | PeriodUnit::Day => "a date 'YYYY-MM-DD'",
    };
    let mut parts = trimmed.split('-');
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    if parts.next().is_some() {
        return Err(invalid(shape));
    }
    let (Some(year), Some(month)) =
        (year.filter(|y| y.len() == 4).and_then(digits), month.filter(|m| m.len() == 2).and_then(digits))
    else {
        return Err(invalid(shape));
    };
    let day = match day {
        None if coarse => 1,
        None => return Err(invalid(shape)),
        Some(d) => match (d.len() == 2).then(|| digits(d)).flatten() {
            Some(d) => d,
            None => return Err(invalid(shape)),
        },
    };
    let year = i32::try_from(year).map_err(|_| invalid(shape))?;
    unit.index_of(Date { year, month, day })
        .map_err(|_| invalid("an existing calendar date from 0001-01-01 to 9999-12-31"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_unit() {
        for unit in PeriodUnit::ALL.iter().copied() {
            let (lo, hi) = unit.index_range();
            for index in [lo, lo + 1, -1, 0, 1, 650, 2_000, hi - 1, hi] {
                let start = unit.start(index).unwrap();
                assert_eq!(unit.index_of(start).unwrap(), index, "{unit} {index}");
            }
        }
        assert_eq!(PeriodUnit::Week.start(-1).unwrap().to_string(), "1969-12-22");
        assert_eq!(PeriodUnit::Month.start(-1).unwrap().to_string(), "1969-12-01");
        assert_eq!(PeriodUnit::Day.start(-1).unwrap().to_string(), "1969-12-31");
        assert_eq!(parse_period("2024-02-29", PeriodUnit::Day).unwrap(), 19_782);
        assert_eq!(PeriodUnit::Quarter.start(-1).unwrap().to_string(), "1969-10-01");
        assert_eq!(PeriodUnit::Year.start(-1).unwrap().to_string(), "1969-01-01");
        // 2024-12-31 is in 2024-Q4 (index 54 x 4 + 3) and 2024 (index 54).
        assert_eq!(PeriodUnit::Quarter.index_of_day(20_088).unwrap(), 219);
        assert_eq!(PeriodUnit::Year.index_of_day(20_088).unwrap(), 54);
        assert_eq!(parse_period("2024-03", PeriodUnit::Quarter).unwrap(), 216);
        assert_eq!(parse_period("2024-03-31", PeriodUnit::Year).unwrap(), 54);
    }

    #[test]
    fn day_counts_round_trip() {
        for unit in PeriodUnit::ALL.iter().copied() {
            let (lo, hi) = unit.index_range();
            for index in [lo, lo + 1, -1, 0, 1, 650, 2_000, hi - 1, hi] {
                let first = unit.start_day(index).unwrap();
                assert_eq!(unit.index_of_day(first).unwrap(), index, "{unit} {index}");
                let start = unit.start(index).unwrap();
                assert_eq!(PeriodUnit::Day.index_of(start).unwrap(), first, "{unit} {index}");
            }
        }
        // Every day of 2023-12-25 .. 2024-03-10 maps to the period holding it.
        for day in 19_716..19_792 {
            let date = PeriodUnit::Day.start(day).unwrap();
            for unit in PeriodUnit::ALL.iter().copied() {
                assert_eq!(unit.index_of_day(day).unwrap(), unit.index_of(date).unwrap(), "{unit} {date}");
            }
        }
        let (lo, hi) = PeriodUnit::Day.index_range();
        for unit in PeriodUnit::ALL.iter().copied() {
            assert_eq!(unit.index_of_day(lo - 1).unwrap_err().field(), "period");
            assert_eq!(unit.index_of_day(hi + 1).unwrap_err().field(), "period");
        }
    }

    #[test]
    fn units_parse_through_from_str() {
        for unit in PeriodUnit::ALL.iter().copied() {
            assert_eq!(unit.as_str().parse::<PeriodUnit>().unwrap(), unit);
            assert_eq!(PeriodUnit::parse(unit.as_str()).unwrap(), unit);
        }
        let err = "hour".parse::<PeriodUnit>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unit = 'hour' is out of range: expected 'month', 'week', 'day', 'quarter' or 'year'"
        );
    }

    #[test]
    fn rejects_bad_periods() {
        for (text, unit) in [
            ("2023-02-29", PeriodUnit::Day),
            ("2024-3", PeriodUnit::Month),
            ("2024-03", PeriodUnit::Week),
            ("2024-03", PeriodUnit::Day),
            ("24-03-01", PeriodUnit::Day),
            ("2024-03-01-01", PeriodUnit::Day),
            ("2024/03/01", PeriodUnit::Day),
            ("", PeriodUnit::Month),
            ("0000-01", PeriodUnit::Month),
            ("2024-00", PeriodUnit::Month),
            ("+202-03", PeriodUnit::Month),
        ] {
            let err = parse_period(text, unit).unwrap_err();
            assert_eq!((err.kind(), err.field()), ("invalid_input", "period"), "{text}");
        }
        assert_eq!(PeriodUnit::parse("hour").unwrap_err().field(), "unit");
        assert!(PeriodUnit::Month.start(i64::MAX).is_err());
    }
}
