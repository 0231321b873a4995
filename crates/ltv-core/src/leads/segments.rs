//! The segment (channel) table of historical leads: conversion (raw and shrunk), lead LTV, LTV:CPL, bid cap.

use rust_decimal::Decimal;

use crate::error::{LtvError, Result, RowError, string_option};
use crate::leads::shrinkage::{Shrinkage, raw_conversion_rate, shrunk_conversion_rate};
use crate::leads::value::{bid_cap, lead_ltv};
use crate::ltv_cac::{HealthBands, LtvCacRatio, ltv_cac_ratio};
use crate::number::{Calc, Number};
use crate::quantity::Fraction;
use crate::quantity::Money;
use crate::quantity::Ratio;
use crate::quantity::validate::non_negative;

/// One historical lead.
///
/// `customer_ltv` is the LTV of the customer the lead became; it is required when `converted` and ignored
/// otherwise, as is `days_to_close` (optional even for a converted lead: the average is over the converted
/// leads that have one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadObservation<T = Decimal> {
    /// Index of the lead's segment (channel) in the labels passed alongside.
    pub segment: usize,
    /// Whether the lead became a customer.
    pub converted: bool,
    /// The customer's LTV, for a converted lead.
    pub customer_ltv: Option<T>,
    /// What the lead cost, `>= 0`.
    pub cost_per_lead: T,
    /// Days from lead to close, for a converted lead.
    pub days_to_close: Option<T>,
}

/// Where a row's average customer LTV comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LtvBasis {
    /// The segment's own converted leads.
    Segment,
    /// The segment has no conversions, so its average customer LTV is undefined: lead LTV uses the pooled
    /// average over every converted lead of the table instead (and a warning says so).
    Pooled,
}

string_option!(LtvBasis, field = "ltv_basis", allowed = "'segment' or 'pooled'", {
    Segment => "segment",
    Pooled => "pooled",
});

/// Options of [`segment_table`]. Defaults: [`Shrinkage::default`] (20 pseudo-leads toward the blended rate),
/// a 3:1 target LTV:CPL for the bid cap, the default [`HealthBands`] (3 to 5), and a spread warning at 10x.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SegmentOptions<T = Decimal> {
    /// How raw conversion rates are shrunk (lead LTV uses the shrunk rate; [`Shrinkage::none`] for raw).
    pub shrinkage: Shrinkage<T>,
    /// Target LTV:CPL ratio of the bid cap.
    pub target_ratio: Ratio<T>,
    /// The healthy LTV:CPL band.
    pub bands: HealthBands<T>,
    /// A spread of lead LTV between segments of at least this ratio is reported as a warning.
    pub spread_threshold: Ratio<T>,
}

impl<T: Number> Default for SegmentOptions<T> {
    fn default() -> Self {
        Self {
            shrinkage: Shrinkage::default(),
            target_ratio: Ratio::new_unchecked(T::from_u32(3)),
            bands: HealthBands::default(),
            spread_threshold: Ratio::new_unchecked(T::from_u32(10)),
        }
    }
}

impl<T: Number> SegmentOptions<T> {
    /// With another shrinkage.
    #[must_use]
    pub fn with_shrinkage(mut self, shrinkage: Shrinkage<T>) -> Self {
        self.shrinkage = shrinkage;
        self
    }
    /// With another bid-cap target ratio.
    #[must_use]
    pub fn with_target_ratio(mut self, target_ratio: Ratio<T>) -> Self {
        self.target_ratio = target_ratio;
        self
    }
    /// With other health bands.
    #[must_use]
    pub fn with_bands(mut self, bands: HealthBands<T>) -> Self {
        self.bands = bands;
        self
    }
    /// With another spread threshold.
    #[must_use]
    pub fn with_spread_threshold(mut self, spread_threshold: Ratio<T>) -> Self {
        self.spread_threshold = spread_threshold;
        self
    }
}

/// One row of the segment table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SegmentRow<T = Decimal> {
    /// The segment's label (`"all"` for the overall row).
    pub segment: String,
    /// Leads in the segment.
    pub leads: u32,
    /// Of which converted.
    pub conversions: u32,
    /// Raw conversion rate, conversions / leads.
    pub conversion_rate: T,
    /// Shrunk conversion rate (see [`shrunk_conversion_rate`]); equals the raw rate without shrinkage.
    pub shrunk_rate: T,
    /// Average customer LTV over the converted leads; `None` with no conversions.
    pub avg_customer_ltv: Option<T>,
    /// Which average customer LTV the lead LTV uses.
    pub ltv_basis: LtvBasis,
    /// Lead LTV = shrunk rate x average customer LTV (pooled when the segment has none).
    pub lead_ltv: T,
    /// Average cost per lead (CPL).
    pub cost_per_lead: T,
    /// LTV:CPL = lead LTV / CPL and its health band; `None` when CPL is 0 (the ratio is undefined).
    pub ltv_cpl: Option<LtvCacRatio<T>>,
    /// Bid cap: the most a lead may cost at the target ratio, lead LTV / target ratio.
    pub bid_cap: T,
    /// Average days to close over converted leads with a value; `None` if there are none.
    pub avg_days_to_close: Option<T>,
}

/// The kinds of [`LeadWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningKind {
    /// The blended lead LTV hides a spread of at least the threshold (10x by default) between segments.
    LeadLtvSpread,
    /// A segment without conversions: its average customer LTV is undefined and the pooled one is used.
    NoConversions,
    /// Fewer than two full sales cycles observed ([`sufficiency_warnings`](crate::sufficiency_warnings)).
    ShortHistory,
    /// Fewer conversions than the minimum ([`sufficiency_warnings`](crate::sufficiency_warnings)).
    FewConversions,
    /// The conversion window is still open for most of the segment's leads ([`sufficiency_warnings`](crate::sufficiency_warnings)).
    OpenConversionWindow,
}

string_option!(
    WarningKind,
    field = "kind",
    allowed = "'lead_ltv_spread', 'no_conversions', 'short_history', 'few_conversions' or 'open_conversion_window'",
    {
        LeadLtvSpread => "lead_ltv_spread",
        NoConversions => "no_conversions",
        ShortHistory => "short_history",
        FewConversions => "few_conversions",
        OpenConversionWindow => "open_conversion_window",
    }
);

/// A warning carried as data with a result (never printed).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LeadWarning<T = Decimal> {
    /// What it is about.
    pub kind: WarningKind,
    /// The metric concerned, e.g. `"lead_ltv"`.
    pub metric: &'static str,
    /// The segment concerned ([`WarningKind::NoConversions`]).
    pub segment: Option<String>,
    /// The segment with the largest value ([`WarningKind::LeadLtvSpread`]).
    pub max_segment: Option<String>,
    /// The segment with the smallest value ([`WarningKind::LeadLtvSpread`]).
    pub min_segment: Option<String>,
    /// max / min; `None` when the minimum is 0 (the spread is unbounded).
    pub ratio: Option<T>,
    /// A readable sentence.
    pub message: String,
}

/// The segment table: one row per segment with leads, the overall row, the prior used and the warnings.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SegmentTable<T = Decimal> {
    /// One row per segment that has leads, in label order.
    pub rows: Vec<SegmentRow<T>>,
    /// Every lead together (`segment` = `"all"`).
    pub overall: SegmentRow<T>,
    /// The prior rate the shrinkage used (the blended rate unless a fixed one was given).
    pub prior_rate: T,
    /// The prior strength in pseudo-leads.
    pub prior_strength: T,
    /// Spread and no-conversion warnings.
    pub warnings: Vec<LeadWarning<T>>,
}

/// Running totals of one group of leads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Totals<T> {
    pub(crate) leads: u32,
    pub(crate) conversions: u32,
    ltv_sum: T,
    cost_sum: T,
    days_sum: T,
    days_n: u32,
}

impl<T: Number> Totals<T> {
    pub(crate) fn new() -> Self {
        Self { leads: 0, conversions: 0, ltv_sum: T::ZERO, cost_sum: T::ZERO, days_sum: T::ZERO, days_n: 0 }
    }

    /// Adds one lead, validating what it uses.
    pub(crate) fn add(
        &mut self,
        converted: bool,
        customer_ltv: Option<T>,
        cost: T,
        days_to_close: Option<T>,
    ) -> Result<()> {
        let cost = non_negative("cost_per_lead", cost)?;
        self.leads = self.leads.checked_add(1).ok_or(LtvError::Overflow { field: "leads" })?;
        self.cost_sum = Calc("cost_per_lead").add(self.cost_sum, cost)?;
        if converted {
            let ltv = customer_ltv.ok_or_else(|| LtvError::InvalidInput {
                field: "customer_ltv",
                value: "missing".to_owned(),
                allowed: "a value >= 0 for a converted lead",
                suggestion: None,
            })?;
            let ltv = non_negative("customer_ltv", ltv)?;
            self.conversions += 1; // conversions <= leads, which did not overflow
            self.ltv_sum = Calc("customer_ltv").add(self.ltv_sum, ltv)?;
            if let Some(days) = days_to_close {
                self.days_sum = Calc("days_to_close").add(self.days_sum, non_negative("days_to_close", days)?)?;
                self.days_n += 1;
            }
        }
        Ok(())
    }

    pub(crate) fn merge(&mut self, other: &Self) -> Result<()> {
        let overflow = LtvError::Overflow { field: "leads" };
        self.leads = self.leads.checked_add(other.leads).ok_or(overflow)?;
        self.conversions += other.conversions;
        self.ltv_sum = Calc("customer_ltv").add(self.ltv_sum, other.ltv_sum)?;
        self.cost_sum = Calc("cost_per_lead").add(self.cost_sum, other.cost_sum)?;
        self.days_sum = Calc("days_to_close").add(self.days_sum, other.days_sum)?;
        self.days_n += other.days_n;
        Ok(())
    }

    /// Average customer LTV over the converted leads, `None` without conversions.
    pub(crate) fn avg_customer_ltv(&self) -> Result<Option<T>> {
        if self.conversions == 0 {
            return Ok(None);
        }
        Calc("avg_customer_ltv").div(self.ltv_sum, T::from_u32(self.conversions)).map(Some)
    }

    /// Raw rate, shrunk rate, average LTV and its basis, and lead LTV.
    pub(crate) fn rates(&self, prior_rate: T, prior_strength: T, pooled_ltv: T) -> Result<RateParts<T>> {
        let raw = raw_conversion_rate(self.conversions, self.leads)?;
        let prior = Fraction::named("prior_rate", prior_rate)?;
        let shrunk = shrunk_conversion_rate(self.conversions, self.leads, prior_strength, prior)?;
        let avg = self.avg_customer_ltv()?;
        let (ltv, basis) = match avg {
            Some(a) => (a, LtvBasis::Segment),
            None => (pooled_ltv, LtvBasis::Pooled),
        };
        let value = lead_ltv(Money::named("customer_ltv", ltv)?, Fraction::named("shrunk_rate", shrunk)?)?;
        Ok(RateParts { raw, shrunk, avg, basis, lead_ltv: value })
    }

    fn row(&self, segment: String, prior: T, k: T, pooled: T, options: &SegmentOptions<T>) -> Result<SegmentRow<T>> {
        let parts = self.rates(prior, k, pooled)?;
        let cpl = Calc("cost_per_lead").div(self.cost_sum, T::from_u32(self.leads))?;
        let ltv = Money::named("lead_ltv", parts.lead_ltv)?;
        let ltv_cpl = if cpl > T::ZERO {
            Some(ltv_cac_ratio(ltv, Money::named("cost_per_lead", cpl)?, options.bands)?)
        } else {
            None
        };
        let avg_days_to_close = if self.days_n == 0 {
            None
        } else {
            Some(Calc("avg_days_to_close").div(self.days_sum, T::from_u32(self.days_n))?)
        };
        Ok(SegmentRow {
            segment,
            leads: self.leads,
            conversions: self.conversions,
            conversion_rate: parts.raw,
            shrunk_rate: parts.shrunk,
            avg_customer_ltv: parts.avg,
            ltv_basis: parts.basis,
            lead_ltv: parts.lead_ltv,
            cost_per_lead: cpl,
            ltv_cpl,
            bid_cap: bid_cap(ltv, options.target_ratio)?,
            avg_days_to_close,
        })
    }
}

/// What [`Totals::rates`] computes.
pub(crate) struct RateParts<T> {
    pub(crate) raw: T,
    pub(crate) shrunk: T,
    pub(crate) avg: Option<T>,
    pub(crate) basis: LtvBasis,
    pub(crate) lead_ltv: T,
}

/// The pooled average customer LTV of `overall`, or the error that no lead converted.
pub(crate) fn pooled_ltv<T: Number>(overall: &Totals<T>) -> Result<T> {
    overall.avg_customer_ltv()?.ok_or(LtvError::Undefined {
        field: "avg_customer_ltv",
        reason: "no lead converted, so no customer LTV is known and no lead can be valued",
    })
}

pub(crate) fn label<S: AsRef<str>>(labels: &[S], index: usize, field: &'static str) -> Result<String> {
    labels.get(index).map(|s| s.as_ref().to_owned()).ok_or_else(|| LtvError::InvalidInput {
        field,
        value: index.to_string(),
        allowed: "an index into the labels",
        suggestion: None,
    })
}

/// Builds the segment (channel) table from historical leads.
///
/// Per segment: leads, conversions, the raw conversion rate and the shrunk one (beta-binomial posterior mean,
/// [`shrunk_conversion_rate`], toward the blended rate of all segments by default), the average customer LTV
/// over converted leads, **lead LTV = shrunk rate x average customer LTV** (the raw rate when shrinkage is
/// off), average cost per lead, LTV:CPL with its [`HealthBands`] band, the bid cap at the target ratio
/// ([`bid_cap`]) and the average days to close.
///
/// - A segment **without conversions** has no average customer LTV (`None`); its lead LTV uses the pooled
///   average over all converted leads ([`LtvBasis::Pooled`]) and a [`WarningKind::NoConversions`] warning says so.
/// - **Spread warning**: over segments with lead LTV `> 0`, when max / min `>=` the threshold (10x by default),
///   a [`WarningKind::LeadLtvSpread`] warning names both segments and the ratio. When some segments have lead
///   LTV 0 and others not, the spread is unbounded: the warning has `ratio` `None` and names a 0 segment as min.
///
/// ```
/// use ltv_core::{segment_table, LeadObservation, SegmentOptions, Shrinkage};
/// use ltv_core::Decimal;
/// let lead = |segment, converted: bool, ltv: i64| LeadObservation {
///     segment,
///     converted,
///     customer_ltv: converted.then(|| Decimal::new(ltv, 0)),
///     cost_per_lead: Decimal::new(100, 0),
///     days_to_close: converted.then(|| Decimal::new(30, 0)),
/// };
/// // "ads": 10 leads, 2 sales at 10,000; "referral": 3 leads, 1 sale at 10,000.
/// let mut leads: Vec<_> = (0..10).map(|i| lead(0, i < 2, 10_000)).collect();
/// leads.extend((0..3).map(|i| lead(1, i < 1, 10_000)));
/// let table = segment_table(&["ads", "referral"], leads, SegmentOptions::default())?;
/// // Blended rate 3 / 13; referral's 1 / 3 shrinks to (1 + 20 x 3/13) / 23 = 0.2441.
/// let referral = &table.rows[1];
/// assert_eq!(referral.conversion_rate.round_dp(4), Decimal::new(3333, 4));
/// assert_eq!(referral.shrunk_rate.round_dp(4), Decimal::new(2441, 4));
/// assert_eq!(referral.lead_ltv.round_dp(2), Decimal::new(244_147, 2));
/// // Without shrinkage lead LTV is the raw 1/3 x 10,000.
/// let raw = segment_table(&["ads", "referral"], (0..3).map(|i| lead(1, i < 1, 10_000)),
///     SegmentOptions::default().with_shrinkage(Shrinkage::none()))?;
/// assert_eq!(raw.rows[0].lead_ltv.round_dp(2), Decimal::new(333_333, 2));
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// A [`RowError`] naming the row for a negative cost, a converted lead without (or with a negative) customer
/// LTV, a negative `days_to_close`, or a segment index outside `labels`; without a row for no leads at all or
/// no conversion at all ([`LtvError::Undefined`]), and [`LtvError::Overflow`].
pub fn segment_table<T, S, I>(
    labels: &[S],
    observations: I,
    options: SegmentOptions<T>,
) -> Result<SegmentTable<T>, RowError>
where
    T: Number,
    S: AsRef<str>,
    I: IntoIterator<Item = LeadObservation<T>>,
{
    let mut totals = vec![Totals::new(); labels.len()];
    for (row, lead) in observations.into_iter().enumerate() {
        let at = RowError::at(row);
        let group = totals.get_mut(lead.segment).ok_or_else(|| {
            at(LtvError::InvalidInput {
                field: "segment",
                value: lead.segment.to_string(),
                allowed: "an index into the segment labels",
                suggestion: None,
            })
        })?;
        group
            .add(lead.converted, lead.customer_ltv, lead.cost_per_lead, lead.days_to_close)
            .map_err(RowError::at(row))?;
    }
    let mut overall = Totals::new();
    for t in &totals {
        overall.merge(t)?;
    }
    if overall.leads == 0 {
        return Err(LtvError::Undefined { field: "segment_table", reason: "there are no leads" }.into());
    }
    let pooled = pooled_ltv(&overall)?;
    let blended = raw_conversion_rate(overall.conversions, overall.leads)?;
    let prior = options.shrinkage.resolve_prior(blended);
    let k = options.shrinkage.prior_strength();
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for (i, t) in totals.iter().enumerate().filter(|(_, t)| t.leads > 0) {
        let row = t.row(label(labels, i, "segment")?, prior, k, pooled, &options)?;
        if row.ltv_basis == LtvBasis::Pooled {
            warnings.push(no_conversions_warning(&row, pooled));
        }
        rows.push(row);
    }
    let overall = overall.row("all".to_owned(), prior, k, pooled, &options)?;
    if let Some(w) = spread_warning(&rows, overall.lead_ltv, options.spread_threshold.get())? {
        warnings.insert(0, w);
    }
    Ok(SegmentTable { rows, overall, prior_rate: prior, prior_strength: k, warnings })
}

fn no_conversions_warning<T: Number>(row: &SegmentRow<T>, pooled: T) -> LeadWarning<T> {
    LeadWarning {
        kind: WarningKind::NoConversions,
        metric: "avg_customer_ltv",
        segment: Some(row.segment.clone()),
        max_segment: None,
        min_segment: None,
        ratio: None,
        message: format!(
            "segment '{}' has 0 conversions in {} leads: its average customer LTV is undefined, so its lead LTV \
             uses the pooled average customer LTV {:.2}",
            row.segment,
            row.leads,
            pooled.to_f64()
        ),
    }
}

/// The spread warning over `rows` (see [`segment_table`]), if any.
pub(crate) fn spread_warning<T: Number>(
    rows: &[SegmentRow<T>],
    blended: T,
    threshold: T,
) -> Result<Option<LeadWarning<T>>> {
    let positive = || rows.iter().filter(|r| r.lead_ltv > T::ZERO);
    let by_value = |a: &&SegmentRow<T>, b: &&SegmentRow<T>| {
        a.lead_ltv.partial_cmp(&b.lead_ltv).unwrap_or(std::cmp::Ordering::Equal)
    };
    let Some(max) = positive().max_by(by_value) else { return Ok(None) };
    let zero = rows.iter().find(|r| r.lead_ltv == T::ZERO);
    let (min, ratio) = match zero {
        Some(z) => (z, None),
        None => {
            let Some(min) = positive().min_by(by_value) else { return Ok(None) };
            let ratio = Calc("lead_ltv_spread").div(max.lead_ltv, min.lead_ltv)?;
            if ratio < threshold {
                return Ok(None);
            }
            (min, Some(ratio))
        }
    };
    let spread = match ratio {
        Some(r) => format!("a {:.1}x spread", r.to_f64()),
        None => "an unbounded spread (the minimum is 0)".to_owned(),
    };
    let message = format!(
        "the blended lead LTV {:.2} hides {spread} between segments: '{}' {:.2} (max) vs '{}' {:.2} (min); \
         value and bid per segment, not on the blend",
        blended.to_f64(),
        max.segment,
        max.lead_ltv.to_f64(),
        min.segment,
        min.lead_ltv.to_f64()
    );
    Ok(Some(LeadWarning {
        kind: WarningKind::LeadLtvSpread,
        metric: "lead_ltv",
        segment: None,
        max_segment: Some(max.segment.clone()),
        min_segment: Some(min.segment.clone()),
        ratio,
        message,
    }))
}
