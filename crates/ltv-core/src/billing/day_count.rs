//! Day-count rules: how a service period's amount is shared between the calendar months it covers.

use crate::cohort::PeriodUnit;
use crate::error::{LtvError, Result, string_option};

/// How a line's amount is shared between the calendar months of its service period (`start .. end`,
/// end excluded). Every rule gives integer weights; the amount is then split in proportion to them, to the
/// cent, by largest remainder ([`allocate`](super::allocate)).
///
/// - `actual_days` (default): each month weighs the days of the period in it. `$310` for `Jan 15 .. Feb 15`
///   gives January 17/31 (`$170`) and February 14/31 (`$140`); an annual plan gives February 29/366 of a leap year.
/// - `thirty_360`: every month counts 30 days (day 31 counts as day 30): `$300` for `Jan 15 .. Feb 15` gives
///   January 16/30 (`$160`) and February 14/30 (`$140`), so a monthly plan renewing on the 15th has the
///   same MRR every month, and an annual plan exactly 1/12 a month. A period of zero 30/360 days (`Mar 30 ..
///   Mar 31`) falls back to actual days.
/// - `whole_months`: the period is cut at its monthly anniversaries (the start day, or the month's last day
///   when shorter); each service month counts whole in the calendar month it starts in, a last partial one
///   by its days over its anniversary month's days: `$100` for `Jan 15 .. Feb 15` is all in January.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DayCount {
    /// Actual days of the period in each month.
    #[default]
    ActualDays,
    /// 30/360: every month is 30 days.
    Thirty360,
    /// Whole service months, each in the calendar month it starts.
    WholeMonths,
}

string_option!(DayCount, field = "day_count", allowed = "'actual_days', 'thirty_360' or 'whole_months'", {
    ActualDays => "actual_days",
    Thirty360 => "thirty_360",
    WholeMonths => "whole_months",
});

/// The month index (months since 1970-01) of a day (days since 1970-01-01).
pub(crate) fn month_of(day: i64) -> Result<i64> {
    PeriodUnit::Month.index_of_day(day)
}

fn month_start(month: i64) -> Result<i64> {
    PeriodUnit::Month.start_day(month)
}

/// The 30/360 ordinal of a day: `360 y + 30 (m - 1) + min(d, 30)`, with `y, m` of months since 1970.
fn ordinal_30(day: i64) -> Result<i64> {
    let month = month_of(day)?;
    let day_of_month = day - month_start(month)? + 1;
    Ok(month * 30 + day_of_month.min(30))
}

/// The weights `(month, weight)` of the days `start .. end` (`start < end`, at most
/// [`MAX_SERVICE_DAYS`](super::MAX_SERVICE_DAYS) apart, checked by the caller: the loops run over at most
/// 122 months), months ascending, every weight `>= 0`, their sum `> 0`.
pub(crate) fn weights(rule: DayCount, start: i64, end: i64) -> Result<Vec<(i64, i64)>> {
    let first = month_of(start)?;
    let last = month_of(end - 1)?;
    let mut out = Vec::with_capacity(usize::try_from(last - first + 1).unwrap_or(0));
    match rule {
        DayCount::ActualDays => actual(first, last, start, end, &mut out)?,
        DayCount::Thirty360 => {
            let total = ordinal_30(end)? - ordinal_30(start)?;
            if total <= 0 {
                actual(first, last, start, end, &mut out)?;
            } else {
                for month in first..=last {
                    let from = ordinal_30(start.max(month_start(month)?))?;
                    let to = ordinal_30(end.min(month_start(month + 1)?))?;
                    out.push((month, (to - from).max(0)));
                }
            }
        }
        DayCount::WholeMonths => whole_months(start, end, &mut out)?,
    }
    if out.iter().all(|&(_, w)| w == 0) {
        return Err(LtvError::Undefined { field: "service_end", reason: "the service period has no days" });
    }
    Ok(out)
}

fn actual(first: i64, last: i64, start: i64, end: i64, out: &mut Vec<(i64, i64)>) -> Result<()> {
    for month in first..=last {
        let from = start.max(month_start(month)?);
        let to = end.min(month_start(month + 1)?);
        out.push((month, to - from));
    }
    Ok(())
}

/// The `k`-th monthly anniversary of the day `start` (day of month clamped to the month's length).
fn anniversary(start: i64, k: i64) -> Result<i64> {
    let month = month_of(start)?;
    let day_of_month = start - month_start(month)?;
    let target = month + k;
    let length = month_start(target + 1)? - month_start(target)?;
    Ok(month_start(target)? + day_of_month.min(length - 1))
}

fn whole_months(start: i64, end: i64, out: &mut Vec<(i64, i64)>) -> Result<()> {
    // Anniversaries a_0 = start < a_1 < ... ; a period of at most MAX_SERVICE_DAYS has at most 122 of them.
    let mut cuts = vec![start];
    let mut k = 1;
    while let Some(&last) = cuts.last() {
        if last >= end || k > 200 {
            break;
        }
        cuts.push(anniversary(start, k)?);
        k += 1;
    }
    let Some(&final_cut) = cuts.last() else { return Ok(()) };
    let service_months = cuts.len() - 1;
    // The last service month is partial when the period ends before its anniversary: weight
    // (end - a_{n-1}) out of (a_n - a_{n-1}); scale the whole ones by that denominator.
    let (partial, scale) = match cuts.get(service_months.saturating_sub(1)) {
        Some(&from) if final_cut > end => (end - from, final_cut - from),
        _ => (0, 1),
    };
    for (i, &from) in cuts.iter().take(service_months).enumerate() {
        let weight = if i + 1 == service_months && final_cut > end { partial } else { scale };
        let month = month_of(from)?;
        match out.last_mut() {
            Some((m, w)) if *m == month => *w += weight,
            _ => out.push((month, weight)),
        }
    }
    Ok(())
}
