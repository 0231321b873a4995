//! Campaign comparison: total and per-lead value, cost and value per unit of cost, ranked.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::error::{LtvError, RowError, string_option};
use crate::leads::segments::label;
use crate::number::{Calc, Number};
use crate::quantity::validate::{finite, non_negative};

/// What [`compare_campaigns`] ranks by (descending; ties by campaign name, ascending).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CampaignRanking {
    /// Total value of the campaign's leads (the default: what the campaign brought).
    #[default]
    TotalValue,
    /// Total value / total cost (return per unit spent); campaigns with cost 0 rank last.
    ValuePerCost,
    /// Value per lead.
    ValuePerLead,
}

string_option!(
    CampaignRanking,
    field = "rank_by",
    allowed = "'total_value', 'value_per_cost' or 'value_per_lead'",
    {
        TotalValue => "total_value",
        ValuePerCost => "value_per_cost",
        ValuePerLead => "value_per_lead",
    }
);

/// One campaign of [`compare_campaigns`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CampaignRow<T = Decimal> {
    /// 1 for the best.
    pub rank: u32,
    /// The campaign's label.
    pub campaign: String,
    /// Leads of the campaign.
    pub leads: u32,
    /// Sum of the leads' values.
    pub total_value: T,
    /// total value / leads.
    pub value_per_lead: T,
    /// Sum of the leads' costs.
    pub cost: T,
    /// total value / cost; `None` when the cost is 0 (undefined).
    pub value_per_cost: Option<T>,
}

/// Compares campaigns from their leads: `campaigns[i]` indexes `labels`, `values[i]` is lead `i`'s value
/// (e.g. [`crate::lead_value`] or P x LTV; it may be negative for a net value) and `costs[i]` its cost
/// (`>= 0`). One row per campaign with leads, ranked by `ranking` (descending), ties broken by name.
///
/// ```
/// use ltv_core::{compare_campaigns, CampaignRanking};
/// use ltv_core::Decimal;
/// let d = |v| Decimal::new(v, 0);
/// // "webinar": 2 leads worth 500 each, cost 100 each; "ads": 3 leads worth 100, cost 10 each.
/// let rows = compare_campaigns(
///     &["ads", "webinar"],
///     &[0, 0, 0, 1, 1],
///     &[d(100), d(100), d(100), d(500), d(500)],
///     &[d(10), d(10), d(10), d(100), d(100)],
///     CampaignRanking::TotalValue,
/// )?;
/// assert_eq!((rows[0].campaign.as_str(), rows[0].total_value), ("webinar", d(1_000)));
/// assert_eq!(rows[1].value_per_cost, Some(d(10)));
/// let by_return = compare_campaigns(&["ads", "webinar"], &[0, 0, 0, 1, 1],
///     &[d(100), d(100), d(100), d(500), d(500)], &[d(10), d(10), d(10), d(100), d(100)],
///     CampaignRanking::ValuePerCost)?;
/// assert_eq!(by_return[0].campaign, "ads");
/// # Ok::<(), ltv_core::RowError>(())
/// ```
///
/// # Errors
/// A [`RowError`] naming the row for a campaign index outside `labels`, a non-finite value or a negative cost;
/// [`LtvError::InvalidInput`] when the three columns differ in length; [`LtvError::Overflow`].
pub fn compare_campaigns<T: Number, S: AsRef<str>>(
    labels: &[S],
    campaigns: &[usize],
    values: &[T],
    costs: &[T],
    ranking: CampaignRanking,
) -> Result<Vec<CampaignRow<T>>, RowError> {
    if values.len() != campaigns.len() || costs.len() != campaigns.len() {
        return Err(LtvError::InvalidInput {
            field: "values",
            value: format!("{} values and {} costs for {} leads", values.len(), costs.len(), campaigns.len()),
            allowed: "one value and one cost per lead",
            suggestion: None,
        }
        .into());
    }
    let mut totals = vec![(0_u32, T::ZERO, T::ZERO); labels.len()];
    for (row, ((&c, &v), &cost)) in campaigns.iter().zip(values).zip(costs).enumerate() {
        let at = RowError::at(row);
        let slot = totals.get_mut(c).ok_or_else(|| {
            RowError::at(row)(LtvError::InvalidInput {
                field: "campaign",
                value: c.to_string(),
                allowed: "an index into the campaign labels",
                suggestion: None,
            })
        })?;
        let v = finite("value", v).map_err(RowError::at(row))?;
        let cost = non_negative("cost", cost).map_err(RowError::at(row))?;
        slot.0 = slot.0.checked_add(1).ok_or_else(|| at(LtvError::Overflow { field: "leads" }))?;
        slot.1 = Calc("total_value").add(slot.1, v).map_err(RowError::at(row))?;
        slot.2 = Calc("cost").add(slot.2, cost).map_err(RowError::at(row))?;
    }
    let mut rows = Vec::new();
    for (i, &(leads, total_value, cost)) in totals.iter().enumerate().filter(|(_, t)| t.0 > 0) {
        let calc = Calc("compare_campaigns");
        rows.push(CampaignRow {
            rank: 0,
            campaign: label(labels, i, "campaign")?,
            leads,
            total_value,
            value_per_lead: calc.div(total_value, T::from_u32(leads))?,
            cost,
            value_per_cost: if cost > T::ZERO { Some(calc.div(total_value, cost)?) } else { None },
        });
    }
    let key = |r: &CampaignRow<T>| match ranking {
        CampaignRanking::TotalValue => Some(r.total_value),
        CampaignRanking::ValuePerLead => Some(r.value_per_lead),
        CampaignRanking::ValuePerCost => r.value_per_cost,
    };
    rows.sort_by(|a, b| {
        let by_key = match (key(a), key(b)) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_key.then_with(|| a.campaign.cmp(&b.campaign))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    Ok(rows)
}
