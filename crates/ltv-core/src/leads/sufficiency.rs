//! Data-sufficiency warnings for a segment (channel) table: too short a history, too few conversions, or a
//! conversion window still open for most leads. They are [`LeadWarning`]s, the same list the segment table
//! carries.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::error::{LtvError, Result, RowError};
use crate::leads::segments::{LeadWarning, WarningKind, label};
use crate::number::{Calc, Number};
use crate::quantity::validate::{fraction, non_negative};

/// One lead for [`sufficiency_warnings`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SufficiencyObservation<T = Decimal> {
    /// Index of the lead's segment in the labels.
    pub segment: usize,
    /// Whether the lead became a customer.
    pub converted: bool,
    /// Days from lead to close, for a converted lead (ignored otherwise; optional).
    pub days_to_close: Option<T>,
    /// Days from the lead's creation to the end of observation, `>= 0`.
    pub age_days: T,
}

/// Thresholds of [`sufficiency_warnings`]. Defaults: 2 sales cycles, 30 conversions, the median days to
/// close as the conversion window, and "most" meaning more than half (0.5).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SufficiencyOptions<T = Decimal> {
    /// How many sales cycles (median days to close) the observed history must span.
    pub cycles: T,
    /// The fewest conversions a segment's estimate may rest on.
    pub min_conversions: u32,
    /// The conversion window in days; `None`: the segment's median days to close (the pooled median when the
    /// segment has none).
    pub conversion_window_days: Option<T>,
    /// A segment warns when the share of its leads still inside the window is above this.
    pub open_share: T,
}

impl<T: Number> Default for SufficiencyOptions<T> {
    fn default() -> Self {
        Self { cycles: T::from_u32(2), min_conversions: 30, conversion_window_days: None, open_share: half() }
    }
}

fn half<T: Number>() -> T {
    Calc("open_share").div(T::from_u32(1), T::from_u32(2)).unwrap_or(T::ZERO)
}

impl<T: Number> SufficiencyOptions<T> {
    /// Validated thresholds: `cycles >= 0`, `conversion_window_days >= 0`, `open_share` in `[0, 1]`.
    ///
    /// # Errors
    /// [`LtvError::InvalidInput`] / [`LtvError::NotFinite`] naming the option.
    pub fn new(cycles: T, min_conversions: u32, conversion_window_days: Option<T>, open_share: T) -> Result<Self> {
        let window = conversion_window_days.map(|w| non_negative("conversion_window_days", w)).transpose()?;
        Ok(Self {
            cycles: non_negative("cycles", cycles)?,
            min_conversions,
            conversion_window_days: window,
            open_share: fraction("open_share", open_share)?,
        })
    }
}

#[derive(Clone)]
struct Seg<T> {
    leads: u32,
    conversions: u32,
    days: Vec<T>,
    ages: Vec<T>,
    max_age: T,
}

/// The exact median of `values` (the mean of the two middle values for an even count); `None` when empty.
fn median<T: Number>(values: &mut [T]) -> Result<Option<T>> {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(Ordering::Equal));
    let n = values.len();
    let (Some(&lo), Some(&hi)) = (values.get(n.saturating_sub(1) / 2), values.get(n / 2)) else { return Ok(None) };
    let calc = Calc("median_days_to_close");
    Ok(Some(calc.div(calc.add(lo, hi)?, T::from_u32(2))?))
}

/// Data-sufficiency warnings per segment, in label order (per segment: history, conversions, window):
///
/// - [`WarningKind::ShortHistory`]: the observed history (the oldest lead's `age_days`) is shorter than
///   `cycles` (2) x the median days to close (the segment's, the pooled one when it has none); `ratio` =
///   observed / needed.
/// - [`WarningKind::FewConversions`]: fewer than `min_conversions` (30) conversions; `ratio` = conversions /
///   minimum.
/// - [`WarningKind::OpenConversionWindow`]: more than `open_share` (half) of the leads are unconverted and
///   younger than the conversion window (by default the median days to close): their outcome is not known
///   yet; `ratio` = that share.
///
/// Without any `days_to_close` the history and window checks (which need a cycle length) are skipped unless
/// `conversion_window_days` is given (then the window check runs).
///
/// ```
/// use ltv_core::{sufficiency_warnings, SufficiencyObservation, SufficiencyOptions, WarningKind, Decimal};
/// let d = |v| Decimal::new(v, 0);
/// // 4 leads observed for 50 days at most; 2 closed after 30 and 40 days: median 35, two cycles 70 > 50.
/// let lead = |converted, close: Option<i64>, age| SufficiencyObservation {
///     segment: 0, converted, days_to_close: close.map(d), age_days: d(age) };
/// let leads = [lead(true, Some(30), 50), lead(true, Some(40), 45), lead(false, None, 10), lead(false, None, 5)];
/// let w = sufficiency_warnings(&["ads"], leads, SufficiencyOptions::default())?;
/// let kinds: Vec<_> = w.iter().map(|w| w.kind).collect();
/// assert_eq!(kinds, [WarningKind::ShortHistory, WarningKind::FewConversions]);
/// assert_eq!(w[0].ratio.map(|r| r.round_dp(4)), Some(Decimal::new(7143, 4))); // 50 / 70
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// A [`RowError`] naming the row for a segment index outside `labels`, a negative or non-finite `age_days`
/// or `days_to_close`; [`LtvError::Overflow`].
pub fn sufficiency_warnings<T, S, I>(
    labels: &[S],
    leads: I,
    options: SufficiencyOptions<T>,
) -> Result<Vec<LeadWarning<T>>, RowError>
where
    T: Number,
    S: AsRef<str>,
    I: IntoIterator<Item = SufficiencyObservation<T>>,
{
    let empty = Seg { leads: 0, conversions: 0, days: Vec::new(), ages: Vec::new(), max_age: T::ZERO };
    let mut segs = vec![empty; labels.len()];
    for (row, lead) in leads.into_iter().enumerate() {
        let seg = segs.get_mut(lead.segment).ok_or_else(|| {
            RowError::in_row(
                row,
                LtvError::InvalidInput {
                    field: "segment",
                    value: lead.segment.to_string(),
                    allowed: "an index into the segment labels",
                    suggestion: None,
                },
            )
        })?;
        let age = non_negative("age_days", lead.age_days).map_err(RowError::at(row))?;
        seg.leads = seg.leads.checked_add(1).ok_or(RowError::in_row(row, LtvError::Overflow { field: "leads" }))?;
        if age > seg.max_age {
            seg.max_age = age;
        }
        if lead.converted {
            seg.conversions += 1; // conversions <= leads, which did not overflow
            if let Some(days) = lead.days_to_close {
                seg.days.push(non_negative("days_to_close", days).map_err(RowError::at(row))?);
            }
        } else {
            seg.ages.push(age);
        }
    }
    let mut all_days: Vec<T> = segs.iter().flat_map(|s| s.days.iter().copied()).collect();
    let pooled = median(&mut all_days)?;
    let mut warnings = Vec::new();
    for (i, seg) in segs.iter_mut().enumerate().filter(|(_, s)| s.leads > 0) {
        let name = label(labels, i, "segment")?;
        let cycle = median(&mut seg.days)?.or(pooled);
        if let Some(cycle) = cycle {
            let needed = Calc("sales_cycles").mul(cycle, options.cycles)?;
            if seg.max_age < needed {
                let ratio = if needed > T::ZERO { Some(Calc("history_ratio").div(seg.max_age, needed)?) } else { None };
                let message = format!(
                    "segment '{name}' is observed for {:.0} days, less than {} sales cycles ({:.0} days at a median \
                     {:.1} days to close): its late conversions are not seen yet",
                    seg.max_age.to_f64(),
                    options.cycles,
                    needed.to_f64(),
                    cycle.to_f64()
                );
                warnings.push(warning(WarningKind::ShortHistory, "observed_days", &name, ratio, message));
            }
        }
        if seg.conversions < options.min_conversions {
            let ratio =
                Calc("conversions_ratio").div(T::from_u32(seg.conversions), T::from_u32(options.min_conversions))?;
            let message = format!(
                "segment '{name}' has {} conversions, fewer than the minimum {}: its conversion rate and average \
                 customer LTV rest on too few customers",
                seg.conversions, options.min_conversions
            );
            warnings.push(warning(WarningKind::FewConversions, "conversions", &name, Some(ratio), message));
        }
        if let Some(window) = options.conversion_window_days.or(cycle) {
            let open = u32::try_from(seg.ages.iter().filter(|&&a| a < window).count()).unwrap_or(u32::MAX);
            let share = Calc("open_share").div(T::from_u32(open), T::from_u32(seg.leads))?;
            if share > options.open_share {
                let message = format!(
                    "segment '{name}': {open} of its {} leads are unconverted and younger than the {:.0}-day \
                     conversion window, so their outcome is not known yet: its conversion rate is understated",
                    seg.leads,
                    window.to_f64()
                );
                warnings.push(warning(WarningKind::OpenConversionWindow, "open_leads", &name, Some(share), message));
            }
        }
    }
    Ok(warnings)
}

fn warning<T>(
    kind: WarningKind,
    metric: &'static str,
    segment: &str,
    ratio: Option<T>,
    message: String,
) -> LeadWarning<T> {
    LeadWarning {
        kind,
        metric,
        segment: Some(segment.to_owned()),
        max_segment: None,
        min_segment: None,
        ratio,
        message,
    }
}

impl<T: Number> crate::leads::segments::SegmentTable<T> {
    /// Appends [`sufficiency_warnings`] over `leads` to this table's warnings (the one list Python's
    /// `segment_table(..., age_days=...)` returns too).
    ///
    /// ```
    /// use ltv_core::{segment_table, LeadObservation, SegmentOptions, SufficiencyObservation, SufficiencyOptions};
    /// use ltv_core::{Decimal, WarningKind};
    /// let d = |v| Decimal::new(v, 0);
    /// let lead = LeadObservation { segment: 0, converted: true, customer_ltv: Some(d(1_000)),
    ///     cost_per_lead: d(10), days_to_close: Some(d(30)) };
    /// let mut table = segment_table(&["ads"], [lead], SegmentOptions::default())?;
    /// let ages = [SufficiencyObservation { segment: 0, converted: true, days_to_close: Some(d(30)), age_days: d(40) }];
    /// table.add_sufficiency_warnings(&["ads"], ages, SufficiencyOptions::default())?;
    /// let kinds: Vec<_> = table.warnings.iter().map(|w| w.kind).collect();
    /// assert_eq!(kinds, [WarningKind::ShortHistory, WarningKind::FewConversions]); // 40 < 2 x 30; 1 < 30
    /// # Ok::<(), ltv_core::RowError>(())
    /// ```
    ///
    /// # Errors
    /// As [`sufficiency_warnings`].
    pub fn add_sufficiency_warnings<S, I>(
        &mut self,
        labels: &[S],
        leads: I,
        options: SufficiencyOptions<T>,
    ) -> Result<(), RowError>
    where
        S: AsRef<str>,
        I: IntoIterator<Item = SufficiencyObservation<T>>,
    {
        self.warnings.extend(sufficiency_warnings(labels, leads, options)?);
        Ok(())
    }
}
