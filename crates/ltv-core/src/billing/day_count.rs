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

/// The days of month `month` (months since 1970-01).
fn days_in(month: i64) -> i64 {
    let year = 1970 + month.div_euclid(12);
    match month.rem_euclid(12) + 1 {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The months `first..=last` with their first days, walked by month lengths (one calendar lookup per line).
fn months(start: i64, end: i64) -> Result<impl Iterator<Item = (i64, i64, i64)>> {
    let first = month_of(start)?;
    let last = month_of(end - 1)?;
    let mut month_start = PeriodUnit::Month.start_day(first)?;
    Ok((first..=last).map(move |month| {
        let this = month_start;
        month_start += days_in(month);
        (month, this, month_start)
    }))
}

/// The 30/360 ordinal of day `day` of the month `month` starting on `month_start`:
/// `30 x month + min(day of month, 30)`.
fn ordinal_30(month: i64, month_start: i64, day: i64) -> i64 {
    month * 30 + (day - month_start + 1).min(30)
}

/// Fills `out` with the weights `(month, weight)` of the days `start .. end` (`start < end`, at most
/// [`MAX_SERVICE_DAYS`](super::MAX_SERVICE_DAYS) apart, checked by the caller: the loops run over at most
/// 122 months), months ascending, every weight `>= 0`, their sum `> 0`.
pub(crate) fn weights(rule: DayCount, start: i64, end: i64, out: &mut Vec<(i64, i64)>) -> Result<()> {
    out.clear();
    match rule {
        DayCount::ActualDays => actual(start, end, out)?,
        DayCount::Thirty360 => {
            let mut total = 0;
            for (month, from, next) in months(start, end)? {
                let a = ordinal_30(month, from, start.max(from));
                // The day after the month is day 1 of the next month: ordinal 30 (month + 1) + 1.
                let b = if end >= next { (month + 1) * 30 + 1 } else { ordinal_30(month, from, end) };
                out.push((month, (b - a).max(0)));
                total += (b - a).max(0);
            }
            if total <= 0 {
                out.clear();
                actual(start, end, out)?;
            }
        }
        DayCount::WholeMonths => whole_months(start, end, out)?,
    }
    if out.iter().all(|&(_, w)| w == 0) {
        return Err(LtvError::Undefined { field: "service_end", reason: "the service period has no days" });
    }
    Ok(())
}

fn actual(start: i64, end: i64, out: &mut Vec<(i64, i64)>) -> Result<()> {
    for (month, from, next) in months(start, end)? {
        out.push((month, end.min(next) - start.max(from)));
    }
    Ok(())
}

/// The `k`-th monthly anniversary of the day `start` in month `month` starting on `month_start` (day of month
/// clamped to the month's length), and the month it falls in.
fn anniversary(month: i64, day_of_month: i64, target_start: i64, k: i64) -> (i64, i64) {
    let target = month + k;
    (target, target_start + day_of_month.min(days_in(target) - 1))
}

fn whole_months(start: i64, end: i64, out: &mut Vec<(i64, i64)>) -> Result<()> {
    let month = month_of(start)?;
    let first_start = PeriodUnit::Month.start_day(month)?;
    let day_of_month = start - first_start;
    // Anniversaries a_0 = start < a_1 < ... ; a period of at most MAX_SERVICE_DAYS has at most 122 of them.
    let mut cuts: Vec<(i64, i64)> = vec![(month, start)];
    let mut target_start = first_start;
    let mut k = 1;
    while let Some(&(_, last)) = cuts.last() {
        if last >= end || k > 200 {
            break;
        }
        target_start += days_in(month + k - 1);
        cuts.push(anniversary(month, day_of_month, target_start, k));
        k += 1;
    }
    let Some(&(_, final_cut)) = cuts.last() else { return Ok(()) };
    let service_months = cuts.len() - 1;
    // The last service month is partial when the period ends before its anniversary: weight
    // (end - a_{n-1}) out of (a_n - a_{n-1}); scale the whole ones by that denominator.
    let (partial, scale) = match cuts.get(service_months.saturating_sub(1)) {
        Some(&(_, from)) if final_cut > end => (end - from, final_cut - from),
        _ => (0, 1),
    };
    for (i, &(cut_month, _)) in cuts.iter().take(service_months).enumerate() {
        let weight = if i + 1 == service_months && final_cut > end { partial } else { scale };
        match out.last_mut() {
            Some((m, w)) if *m == cut_month => *w += weight,
            _ => out.push((cut_month, weight)),
        }
    }
    Ok(())
}
