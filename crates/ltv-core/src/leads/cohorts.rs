//! Lead cohorts: lead LTV by channel and acquisition month, to see drift.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::LtvError;
use crate::error::RowError;
use crate::leads::segments::{LtvBasis, Totals, label, pooled_ltv};
use crate::leads::shrinkage::{Shrinkage, raw_conversion_rate};
use crate::number::Number;

/// One historical lead for [`lead_cohorts`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeadCohortObservation<T = Decimal> {
    /// Index of the lead's channel in the labels passed alongside.
    pub channel: usize,
    /// Acquisition month as the index of [`PeriodUnit::Month`](crate::cohort::PeriodUnit::Month), the one
    /// month index of the crate: months since 1970-01 (2026-03 is 674; see
    /// [`parse_period`](crate::cohort::parse_period)).
    pub month: i64,
    /// Whether the lead became a customer.
    pub converted: bool,
    /// The customer's LTV, required for a converted lead, ignored otherwise.
    pub customer_ltv: Option<T>,
}

/// One (channel, month) cohort.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LeadCohortRow<T = Decimal> {
    /// The channel's label.
    pub channel: String,
    /// Acquisition month, the [`PeriodUnit::Month`](crate::cohort::PeriodUnit::Month) index (months since 1970-01).
    pub month: i64,
    /// Leads acquired that month in the channel.
    pub leads: u32,
    /// Of which converted.
    pub conversions: u32,
    /// Raw conversion rate.
    pub conversion_rate: T,
    /// Shrunk conversion rate, toward the channel's blended rate (all its months) by default.
    pub shrunk_rate: T,
    /// Average customer LTV of the cohort's converted leads, `None` without conversions.
    pub avg_customer_ltv: Option<T>,
    /// [`LtvBasis::Pooled`] when the cohort has no conversions and lead LTV uses the table's pooled average.
    pub ltv_basis: LtvBasis,
    /// Lead LTV = shrunk rate x average customer LTV.
    pub lead_ltv: T,
}

/// Lead LTV by acquisition month per channel: one row per (channel, month) with leads, conversions, raw and
/// shrunk conversion rates and lead LTV, sorted by channel index then month.
///
/// The same definitions as [`crate::segment_table`], with one difference in the prior: with
/// [`crate::PriorRate::Blended`] a cohort is shrunk toward **its channel's** blended rate over all months, so a
/// thin month is pulled toward its own channel, not toward the whole table. A cohort without conversions uses
/// the pooled average customer LTV of the whole table.
///
/// ```
/// use ltv_core::{lead_cohorts, LeadCohortObservation, Shrinkage};
/// use ltv_core::Decimal;
/// let lead = |month, converted: bool| LeadCohortObservation {
///     channel: 0, month, converted, customer_ltv: converted.then(|| Decimal::new(1_000, 0)),
/// };
/// // January: 4 leads, 2 sales; February: 4 leads, 0 sales.
/// let leads = (0..8).map(|i| lead(672 + i / 4, i < 2)); // 2026-01 and 2026-02
/// let rows = lead_cohorts(&["ads"], leads, Shrinkage::none())?;
/// assert_eq!(rows.len(), 2);
/// assert_eq!(rows[0].lead_ltv, Decimal::new(500, 0));
/// assert_eq!(rows[1].lead_ltv, Decimal::ZERO); // measured: 0 of 4 converted
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// As [`crate::segment_table`].
pub fn lead_cohorts<T, S, I>(
    labels: &[S],
    observations: I,
    shrinkage: Shrinkage<T>,
) -> Result<Vec<LeadCohortRow<T>>, RowError>
where
    T: Number,
    S: AsRef<str>,
    I: IntoIterator<Item = LeadCohortObservation<T>>,
{
    let mut cohorts: BTreeMap<(usize, i64), Totals<T>> = BTreeMap::new();
    for (row, lead) in observations.into_iter().enumerate() {
        if lead.channel >= labels.len() {
            return Err(RowError::at(row)(LtvError::InvalidInput {
                field: "channel",
                value: lead.channel.to_string(),
                allowed: "an index into the channel labels",
                suggestion: None,
            }));
        }
        cohorts
            .entry((lead.channel, lead.month))
            .or_insert_with(Totals::new)
            .add(lead.converted, lead.customer_ltv, T::ZERO, None)
            .map_err(RowError::at(row))?;
    }
    let mut channels = vec![Totals::new(); labels.len()];
    let mut overall = Totals::new();
    for (&(channel, _), t) in &cohorts {
        if let Some(c) = channels.get_mut(channel) {
            c.merge(t)?;
        }
        overall.merge(t)?;
    }
    if overall.leads == 0 {
        return Err(LtvError::Undefined { field: "lead_cohorts", reason: "there are no leads" }.into());
    }
    let pooled = pooled_ltv(&overall)?;
    let mut rows = Vec::with_capacity(cohorts.len());
    for (&(channel, month), t) in &cohorts {
        let blended = match channels.get(channel) {
            Some(c) => raw_conversion_rate(c.conversions, c.leads)?,
            None => raw_conversion_rate(overall.conversions, overall.leads)?,
        };
        let prior = shrinkage.resolve_prior(blended);
        let parts = t.rates(prior, shrinkage.prior_strength(), pooled)?;
        rows.push(LeadCohortRow {
            channel: label(labels, channel, "channel")?,
            month,
            leads: t.leads,
            conversions: t.conversions,
            conversion_rate: parts.raw,
            shrunk_rate: parts.shrunk,
            avg_customer_ltv: parts.avg,
            ltv_basis: parts.basis,
            lead_ltv: parts.lead_ltv,
        });
    }
    Ok(rows)
}
