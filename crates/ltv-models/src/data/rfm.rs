//! The RFM summary: frequency, recency, age and monetary value per customer from a transaction log.

use ltv_core::cohort::PeriodUnit;

use super::group::{CustomerRow, group, summarize};
use crate::error::ModelError;

/// The most transaction rows one call accepts (`2^32 - 1`), checked before anything is allocated.
pub const MAX_TRANSACTIONS: usize = u32::MAX as usize;

/// The largest [`RfmOptions::unit_multiple`] (periods of up to 10,000 units).
pub const MAX_UNIT_MULTIPLE: u32 = 10_000;

/// The largest monetary value of one transaction row (`1e15`), so that no sum of values overflows.
pub const MAX_VALUE: f64 = 1e15;

/// What the integers of the time column count (all since the Unix epoch, 1970-01-01T00:00:00 UTC, which is
/// time 0): days (numpy `datetime64[D]`, polars `Date`), or seconds to nanoseconds (`datetime64[s]` to
/// `datetime64[ns]`, polars `Datetime`). `i64::MIN` (numpy's `NaT`) is a missing time. Default: days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimeBase {
    /// Days since 1970-01-01.
    #[default]
    Days,
    /// Seconds since the epoch.
    Seconds,
    /// Milliseconds since the epoch.
    Milliseconds,
    /// Microseconds since the epoch.
    Microseconds,
    /// Nanoseconds since the epoch.
    Nanoseconds,
}

impl TimeBase {
    /// Ticks per second (`None` for days).
    fn per_second(self) -> Option<i64> {
        match self {
            Self::Days => None,
            Self::Seconds => Some(1),
            Self::Milliseconds => Some(1_000),
            Self::Microseconds => Some(1_000_000),
            Self::Nanoseconds => Some(1_000_000_000),
        }
    }

    /// The day (since 1970-01-01) and the hour (since the epoch) of time `t`.
    fn day_and_hour(self, t: i64) -> (i64, i64) {
        match self.per_second() {
            None => (t, t.saturating_mul(24)),
            Some(s) => (t.div_euclid(s.saturating_mul(86_400)), t.div_euclid(s.saturating_mul(3_600))),
        }
    }
}

/// The length of a period. Default: [`TimeUnit::Day`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimeUnit {
    /// Hours since the epoch (UTC).
    Hour,
    /// Calendar days (UTC).
    #[default]
    Day,
    /// ISO weeks, Monday to Sunday (`ltv_core::cohort::PeriodUnit::Week`).
    Week,
    /// Calendar months (`ltv_core::cohort::PeriodUnit::Month`).
    Month,
}

/// Which time the `recency` column holds. Default: [`Recency::SinceFirstPurchase`], the `t_x` the
/// purchase models take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Recency {
    /// `t_x`: from the first purchase to the last repeat purchase (0 when `x = 0`).
    #[default]
    SinceFirstPurchase,
    /// `T - t_x`: from the last purchase to the end of observation (the marketer's "days since last
    /// order").
    SinceLastPurchase,
}

/// The transaction log: one row per purchase, in any order.
///
/// - `customer`: the customer's key, any integer `>= 0`; a negative key is a **missing** id (the sentinel
///   of `pandas.factorize`), an error naming the row. Dense codes (`0..n`) are used as they are; sparse
///   keys are compacted first (a sort of the distinct keys), so dense codes are the fast path.
/// - `time`: integers in the [`TimeBase`], days 0001-01-01 to 9999-12-31; `i64::MIN` is a missing time.
/// - `value`: the monetary value of the row (finite, `0 <= value <= MAX_VALUE`), or `None` for no values.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Transactions<'a> {
    /// The customer key per row.
    pub customer: &'a [i64],
    /// The time per row, in `base`.
    pub time: &'a [i64],
    /// The monetary value per row, if any.
    pub value: Option<&'a [f64]>,
    /// What `time` (and the observation and calibration ends) count.
    pub base: TimeBase,
}

impl<'a> Transactions<'a> {
    /// The log from its columns, checked for equal lengths and [`MAX_TRANSACTIONS`] (the rows themselves are
    /// checked by the summaries).
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`] for columns of different lengths, [`ModelError::InvalidData`] naming
    /// `customer` for no rows or more than [`MAX_TRANSACTIONS`].
    pub fn new(
        customer: &'a [i64],
        time: &'a [i64],
        value: Option<&'a [f64]>,
        base: TimeBase,
    ) -> Result<Self, ModelError> {
        let n = customer.len();
        let mismatch = |field: &str, found: usize| ModelError::LengthMismatch {
            field: field.to_owned(),
            reference: "customer".to_owned(),
            expected: n,
            found,
        };
        if time.len() != n {
            return Err(mismatch("time", time.len()));
        }
        if let Some(v) = value.filter(|v| v.len() != n) {
            return Err(mismatch("value", v.len()));
        }
        if n == 0 || n > MAX_TRANSACTIONS {
            return Err(ModelError::InvalidData {
                field: "customer".to_owned(),
                row: None,
                reason: format!("got {n} rows, expected 1 to {MAX_TRANSACTIONS} transactions"),
            });
        }
        Ok(Self { customer, time, value, base })
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no rows (never true for a value built by [`Self::new`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }
}

/// How times become periods, and where observation ends.
///
/// **Periods.** Every row's time falls in one period of `unit_multiple` units of `unit`, on a grid fixed
/// at the epoch: period `p` of `k` days holds days `p k ..= p k + k - 1` since 1970-01-01; weeks are ISO
/// weeks (Monday to Sunday) counted from Monday 1969-12-29, months from January 1970 (so 3 months are the
/// calendar quarters), hours from the epoch (UTC). The calendar is `ltv-core`'s (`PeriodUnit`). A
/// customer's purchases in one period are **one** purchase (their values summed), and all times are
/// whole numbers of periods between period indices (the convention of `lifetimes`): a customer who bought
/// on days 3 and 7 with the observation ending on day 10 has `x = 1`, `t_x = 4`, `T = 7`.
///
/// **Fractional** (`fractional = true`, days and weeks only): purchases are merged per calendar day and
/// times are days divided by the unit's length in days (`7 k` for `k` weeks), so `T` and `t_x` are
/// fractional. This is the convention of Fader, Hardie & Lee's CDNOW summaries (BTYD's `cdnowSummary`,
/// "weeks" = days / 7); whole calendar weeks (`fractional = false`) count week boundaries instead.
///
/// **Observation end** (`observation_end`, in the data's [`TimeBase`]; default: the last transaction) is
/// inclusive of its whole period (its day when fractional): rows in a later period are ignored and
/// counted in [`RfmSummary::rows_after_observation_end`]. `age` is measured to the observation end's
/// period, so a customer first seen in that period has `age = 0` (the purchase models need `age > 0`).
///
/// Build it with struct-update syntax: `RfmOptions { unit_multiple: 2, ..RfmOptions::new(TimeUnit::Week) }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RfmOptions {
    /// The unit of a period. Default: days.
    pub unit: TimeUnit,
    /// Units per period, `1 ..= MAX_UNIT_MULTIPLE`. Default: 1.
    pub unit_multiple: u32,
    /// Days divided by the unit's length (days and weeks) instead of whole periods. Default: `false`.
    pub fractional: bool,
    /// Which time the `recency` column holds. Default: since the first purchase (`t_x`).
    pub recency: Recency,
    /// The last time observed (inclusive of its period), in the data's time base; `None`: the last
    /// transaction.
    pub observation_end: Option<i64>,
}

impl Default for RfmOptions {
    fn default() -> Self {
        Self {
            unit: TimeUnit::Day,
            unit_multiple: 1,
            fractional: false,
            recency: Recency::default(),
            observation_end: None,
        }
    }
}

impl RfmOptions {
    /// Options in `unit`, with every other option at its default.
    #[must_use]
    pub fn new(unit: TimeUnit) -> Self {
        Self { unit, ..Self::default() }
    }

    pub(crate) fn check(&self) -> Result<(), ModelError> {
        if !(1..=MAX_UNIT_MULTIPLE).contains(&self.unit_multiple) {
            return Err(ModelError::InvalidData {
                field: "unit_multiple".to_owned(),
                row: None,
                reason: format!("got {}, expected 1 to {MAX_UNIT_MULTIPLE} units per period", self.unit_multiple),
            });
        }
        if self.fractional && matches!(self.unit, TimeUnit::Hour | TimeUnit::Month) {
            return Err(ModelError::InvalidData {
                field: "fractional".to_owned(),
                row: None,
                reason: "fractional times are days divided by the unit's length: only for days and weeks \
                         (months have no fixed length; hours are whole periods)"
                    .to_owned(),
            });
        }
        Ok(())
    }

    /// The grain of time `t` of `base` (its hour for hourly periods, else its day), checked to lie in
    /// 0001-01-01 ..= 9999-12-31 (`days`: that range in days since 1970-01-01), or why `t` is not a time.
    pub(crate) fn grain_of(&self, t: i64, base: TimeBase, days: (i64, i64)) -> Result<i64, String> {
        if t == i64::MIN {
            return Err("missing time (NaT / null), expected a time".to_owned());
        }
        let (day, hour) = base.day_and_hour(t);
        if !(days.0..=days.1).contains(&day) {
            return Err(format!("got {t}, expected a time from 0001-01-01 to 9999-12-31 ({base:?} since 1970-01-01)"));
        }
        Ok(if self.unit == TimeUnit::Hour && !self.fractional { hour } else { day })
    }

    /// Whether a grain maps to its period through the calendar (weeks and months), not by a division.
    pub(crate) fn calendar(&self) -> bool {
        !self.fractional && matches!(self.unit, TimeUnit::Week | TimeUnit::Month)
    }

    /// The period holding grain `g` (a value of [`Self::grain_of`]): ltv-core's calendar index of the day
    /// for weeks and months, divided by the multiple; the day itself when fractional.
    pub(crate) fn period_of_grain(&self, g: i64) -> Result<i64, String> {
        let k = i64::from(self.unit_multiple);
        let index = match self.unit {
            _ if self.fractional => return Ok(g),
            TimeUnit::Hour | TimeUnit::Day => g,
            TimeUnit::Week => PeriodUnit::Week.index_of_day(g).map_err(|e| e.to_string())?,
            TimeUnit::Month => PeriodUnit::Month.index_of_day(g).map_err(|e| e.to_string())?,
        };
        Ok(index.div_euclid(k))
    }

    /// The period (or, fractional, the day) holding time `t` of `base`, or why `t` is not a time.
    pub(crate) fn period_of(&self, t: i64, base: TimeBase) -> Result<i64, String> {
        self.period_of_grain(self.grain_of(t, base, PeriodUnit::Day.index_range())?)
    }

    /// Periods (or days, fractional) per unit of the output times.
    pub(crate) fn scale(&self) -> f64 {
        let k = f64::from(self.unit_multiple);
        match (self.fractional, self.unit) {
            (true, TimeUnit::Week) => 7.0 * k,
            (true, _) => k,
            (false, _) => 1.0,
        }
    }

    /// The start of period `period` (a value of [`RfmSummary::first_period`]) in seconds since the epoch.
    ///
    /// ```
    /// use ltv_models::{RfmOptions, TimeUnit};
    /// // Week 2,351 since Monday 1969-12-29 starts on Monday 2015-01-19, 16,454 days after 1970-01-01.
    /// assert_eq!(RfmOptions::new(TimeUnit::Week).period_start(2_351)?, 16_454 * 86_400);
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// [`ModelError::InvalidData`] naming `period` for a period outside 0001..=9999 (or invalid options).
    pub fn period_start(&self, period: i64) -> Result<i64, ModelError> {
        self.check()?;
        let bad = || ModelError::InvalidData {
            field: "period".to_owned(),
            row: None,
            reason: format!("got {period}, expected a period from 0001-01-01 to 9999-12-31"),
        };
        let k = if self.fractional { 1 } else { i64::from(self.unit_multiple) };
        let first = period.checked_mul(k).ok_or_else(bad)?;
        let day = match self.unit {
            _ if self.fractional => PeriodUnit::Day.start_day(first),
            TimeUnit::Hour => {
                return PeriodUnit::Day.check_index(first.div_euclid(24)).map(|_| first * 3_600).map_err(|_| bad());
            }
            TimeUnit::Day => PeriodUnit::Day.start_day(first),
            TimeUnit::Week => PeriodUnit::Week.start_day(first),
            TimeUnit::Month => PeriodUnit::Month.start_day(first),
        }
        .map_err(|_| bad())?;
        Ok(day * 86_400)
    }
}

impl RfmOptions {
    /// [`Self::period_start`] of every period in `periods` (such as [`RfmSummary::first_period`]), in
    /// seconds since the epoch: the calendar is consulted once per distinct week or month in their span.
    ///
    /// ```
    /// use ltv_models::{RfmOptions, TimeUnit};
    /// let months = RfmOptions::new(TimeUnit::Month);
    /// assert_eq!(months.period_starts(&[0, 1, 0])?, [0, 31 * 86_400, 0]); // 1970-01-01, 1970-02-01
    /// # Ok::<(), ltv_models::ModelError>(())
    /// ```
    ///
    /// # Errors
    /// As [`Self::period_start`], for the first period outside 0001..=9999.
    pub fn period_starts(&self, periods: &[i64]) -> Result<Vec<i64>, ModelError> {
        let (Some(&lo), Some(&hi)) = (periods.iter().min(), periods.iter().max()) else {
            return Ok(Vec::new());
        };
        let (first, last) = (self.period_start(lo)?, self.period_start(hi)?);
        if !self.calendar() {
            // A linear grid: start = first + (p - lo) * period length, exact in i64 within the checked span.
            let step = if lo == hi { 0 } else { (last - first) / (hi - lo) };
            return Ok(periods.iter().map(|&p| first + (p - lo) * step).collect());
        }
        // At most the calendar's 522,000 weeks (or 120,000 months) between lo and hi.
        let table = (lo..=hi).map(|p| self.period_start(p)).collect::<Result<Vec<_>, _>>()?;
        Ok(periods.iter().map(|&p| table[(p - lo) as usize]).collect())
    }
}

/// One row per customer who bought in the observation period, ordered by customer key: the
/// [`rfm_summary`] of a transaction log.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RfmSummary {
    /// The customer key (as given in [`Transactions::customer`]), ascending.
    pub customer: Vec<i64>,
    /// `x`: the number of repeat purchases (purchase periods after the first).
    pub frequency: Vec<f64>,
    /// `t_x` (time of the last purchase since the first) or `T - t_x`, as [`Self::recency_convention`] says.
    pub recency: Vec<f64>,
    /// `T`: time from the first purchase to the end of observation.
    pub age: Vec<f64>,
    /// The mean value of the repeat purchase periods (each period's values summed), 0 when `x = 0`; `None`
    /// when the log has no values.
    pub monetary_value: Option<Vec<f64>>,
    /// The period of the first purchase (its day when fractional); [`RfmOptions::period_start`] dates it.
    pub first_period: Vec<i64>,
    /// What `recency` holds.
    pub recency_convention: Recency,
    /// The period of the observation end (its day when fractional).
    pub observation_end_period: i64,
    /// Rows after the observation end's period: ignored.
    pub rows_after_observation_end: usize,
}

impl RfmSummary {
    /// The number of customers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no customers (never true for a computed summary).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    pub(crate) fn from_rows(
        rows: &[CustomerRow],
        options: &RfmOptions,
        end: i64,
        has_value: bool,
        after: usize,
    ) -> Self {
        let scale = options.scale();
        let n = rows.len();
        let (mut customer, mut frequency, mut recency, mut age, mut first_period) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut monetary = Vec::with_capacity(if has_value { n } else { 0 });
        for r in rows {
            let t_x = (r.last - r.first) as f64 / scale;
            let t = (end - r.first) as f64 / scale;
            customer.push(r.key);
            frequency.push(r.repeats as f64);
            recency.push(match options.recency {
                Recency::SinceFirstPurchase => t_x,
                Recency::SinceLastPurchase => (end - r.last) as f64 / scale,
            });
            age.push(t);
            first_period.push(r.first);
            if has_value {
                monetary.push(if r.repeats == 0 { 0.0 } else { r.repeat_value / r.repeats as f64 });
            }
        }
        Self {
            customer,
            frequency,
            recency,
            age,
            monetary_value: has_value.then_some(monetary),
            first_period,
            recency_convention: options.recency,
            observation_end_period: end,
            rows_after_observation_end: after,
        }
    }
}

/// The RFM summary of a transaction log: per customer the frequency `x` (repeat purchase periods), the
/// recency (`t_x`, or `T - t_x` by [`Recency::SinceLastPurchase`]), the age `T` and the mean value of the
/// repeat purchases, in the periods of [`RfmOptions`] (see there for every time convention).
///
/// One pass maps the rows to periods and checks them (in parallel), a counting sort groups them by
/// customer, and each customer's periods are sorted, merged and summarised in parallel (rayon): linear
/// in the rows for dense customer codes.
///
/// The worked example of `lifetimes` and `pymc-marketing` (daily, observation end 2015-02-07):
///
/// ```
/// use ltv_models::{RfmOptions, TimeBase, Transactions, rfm_summary};
/// let day = |m: i64, d: i64| 16_436 + if m == 2 { 31 } else { 0 } + d - 1; // 2015-01-01 is day 16,436
/// let customer = [1, 1, 2, 3, 3, 3];
/// let time = [day(2, 1), day(2, 6), day(1, 1), day(1, 1), day(1, 2), day(1, 5)];
/// let log = Transactions::new(&customer, &time, None, TimeBase::Days)?;
/// let options = RfmOptions { observation_end: Some(day(2, 7)), ..RfmOptions::default() };
/// let summary = rfm_summary(&log, &options)?;
/// assert_eq!(summary.frequency, [1.0, 0.0, 2.0]);
/// assert_eq!(summary.recency, [5.0, 0.0, 4.0]);
/// assert_eq!(summary.age, [6.0, 37.0, 37.0]);
/// # Ok::<(), ltv_models::ModelError>(())
/// ```
///
/// # Errors
/// [`ModelError::InvalidData`] naming the column and row of the first bad row (`customer`: missing id;
/// `time`: missing or out of range; `value`: NaN, infinite, negative or above [`MAX_VALUE`]), naming
/// `observation_end` when it is not a time or lies before the first purchase, or naming an option
/// (`unit_multiple`, `fractional`) that is out of range.
pub fn rfm_summary(transactions: &Transactions<'_>, options: &RfmOptions) -> Result<RfmSummary, ModelError> {
    let grouped = group(transactions, options, options.observation_end, "observation_end")?;
    let rows = summarize(&grouped, grouped.end);
    Ok(RfmSummary::from_rows(
        &rows.customers,
        options,
        grouped.end,
        transactions.value.is_some(),
        grouped.rows_after_end,
    ))
}
