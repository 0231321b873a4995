//! The normalisation: invoice lines to MRR, one-time revenue, pauses and the audit table.

use std::collections::HashMap;
use std::hash::Hash;

use rust_decimal::Decimal;

use super::audit::{AuditRow, MrrRow, Normalised, OneTimeRow, Pause};
use super::columns::{LineColumns, NormalisedColumns};
use super::currency::{Rate, RateDate};
use super::day_count::DayCount;
use super::error::{BillingError, BillingProblem as P};
use super::line::{BillingLine, LineKind};
use crate::cohort::{Date, PeriodUnit};
use crate::error::{LtvError, string_option};

/// The longest service period a line may have: 3,660 days (ten years and a few days), so a line covers at
/// most 122 months and the work per line is bounded.
pub const MAX_SERVICE_DAYS: i64 = 3_660;

/// The most lines one call takes (about 4.3 billion, the `u32` audit bound).
pub const MAX_LINES: usize = u32::MAX as usize;

/// Which months a credit note or refund reduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CreditPlacement {
    /// The months of the credit's own service period (usually the credited line's, or the unused part of
    /// it), under the same day-count rule as charges (default): revenue is restated where it was earned.
    #[default]
    ServicePeriod,
    /// The month the credit was issued (`issued`, else its service start): past months stay as reported.
    IssueMonth,
}

string_option!(CreditPlacement, field = "credit_applies_to", allowed = "'service_period' or 'issue_month'", {
    ServicePeriod => "service_period",
    IssueMonth => "issue_month",
});

/// The rules of a normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingOptions {
    /// How a service period is shared between months. Default [`DayCount::ActualDays`].
    pub day_count: DayCount,
    /// Which months credits reduce. Default [`CreditPlacement::ServicePeriod`].
    pub credit_applies_to: CreditPlacement,
    /// The reporting currency; `None` (default): every line must be in one currency, which is the one reported.
    pub reporting_currency: Option<String>,
    /// Which date of a line its rate is read on. Default [`RateDate::InvoiceDate`].
    pub rate_date: RateDate,
    /// Decimal places of the reporting currency (2 for cents, 0 for yen), at most 8. Default 2. A converted
    /// line is rounded to them, half away from zero, before it is spread.
    pub decimal_places: u32,
}

impl Default for BillingOptions {
    fn default() -> Self {
        Self {
            day_count: DayCount::default(),
            credit_applies_to: CreditPlacement::default(),
            reporting_currency: None,
            rate_date: RateDate::default(),
            decimal_places: 2,
        }
    }
}

/// Normalises invoice `lines` into MRR by customer and month, one-time revenue, pauses and the audit table.
///
/// Each line's net amount (`amount x quantity - discount`) is converted to the reporting currency at the
/// rate of its [`RateDate`] (the latest rate in `rates` on or before it), rounded to `decimal_places`, then:
/// - a **charge** is spread over its service period by [`DayCount`] and [`allocate`](super::allocate()): its monthly amounts sum
///   to the converted line amount to the cent; a zero-amount charge (trial) keeps the customer in the MRR
///   table with 0, flagged [`MonthStatus::Trial`](super::MonthStatus::Trial);
/// - a **credit note** or **refund** reduces the line it `credits`: over its own service period, or in its
///   issue month ([`CreditPlacement`]); a one-time line's credit reduces one-time revenue;
/// - a **one-time** charge is one-time revenue of the month of its service start, never MRR.
///
/// Months between two covered months of a customer are [`Pause`]s: MRR that comes back is a reactivation.
///
/// ```
/// use ltv_core::billing::{BillingLine, BillingOptions, normalise};
/// use ltv_core::cohort::{CohortAnalysis, Date, PeriodUnit};
/// use ltv_core::Decimal;
/// let d = |y, m, day| Date { year: y, month: m, day };
/// // An annual plan of $1,200 paid up front on 2024-01-01: twelve months of MRR, no churn in February.
/// let lines = [BillingLine::charge("in_1", "cus_A", Decimal::new(1200, 0), "USD", d(2024, 1, 1), d(2025, 1, 1))];
/// let out = normalise(&lines, &[], &BillingOptions::default())?;
/// assert_eq!(out.mrr.len(), 12);
/// // Actual days: January is 31/366 of the year, February 29/366 (2024 is a leap year).
/// assert_eq!((out.mrr[0].mrr, out.mrr[1].mrr), (Decimal::new(10164, 2), Decimal::new(9508, 2)));
/// let total: Decimal = out.mrr.iter().map(|r| r.mrr).sum();
/// assert_eq!(total, Decimal::new(1200, 0)); // to the cent
/// let rows = out.mrr.iter().map(|r| (r.customer, r.period, r.mrr));
/// let cohorts = CohortAnalysis::from_rows(rows, PeriodUnit::Month).map_err(|e| e.error)?;
/// assert_eq!(cohorts.movements()[1].mrr.churned(), Decimal::ZERO);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// A [`BillingError`] naming the line (row and line id), its [`BillingProblem`](super::BillingProblem) and
/// the field and value: a service end before its start or a period over [`MAX_SERVICE_DAYS`], a negative
/// amount or quantity, a discount above the total, a duplicate line id, an overlapping duplicate charge
/// (same customer, plan, currency and net amount, overlapping service periods), a credit without a line to
/// credit, of another customer or currency, or larger than what it credits, a currency without a rate, a
/// customer-month left negative by credits; without a line: no lines, several currencies and no
/// reporting currency, `decimal_places` above 8, a bad rate-table row.
pub fn normalise<C>(
    lines: &[BillingLine<C>],
    rates: &[Rate],
    options: &BillingOptions,
) -> Result<Normalised<C>, BillingError>
where
    C: Clone + Ord + Hash,
{
    super::core::check_options(lines.len(), options)?;
    let (ranks, by_rank) = customer_ranks(lines);
    let n = lines.len();
    let (mut starts, mut ends, mut issued) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut currencies, mut currency_ids) = (Vec::new(), HashMap::new());
    let (mut plan_ids, mut plans) = (HashMap::new(), Vec::with_capacity(n));
    let mut currency = Vec::with_capacity(n);
    for (row, line) in lines.iter().enumerate() {
        let id = line.line_id.as_str();
        starts.push(day_of(row, id, "service_start", line.service_start)?);
        ends.push(day_of(row, id, "service_end", line.service_end)?);
        issued.push(match line.issued {
            Some(date) => day_of(row, id, "issued", date)?,
            None => i64::MIN,
        });
        let next = u32::try_from(currency_ids.len()).unwrap_or(u32::MAX);
        currency.push(*currency_ids.entry(line.currency.as_str()).or_insert_with(|| {
            currencies.push(line.currency.clone());
            next
        }));
        let next = i64::try_from(plan_ids.len()).unwrap_or(i64::MAX);
        plans.push(line.plan.as_deref().map_or(-1, |p| *plan_ids.entry(p).or_insert(next)));
    }
    let line_id: Vec<&str> = lines.iter().map(|l| l.line_id.as_str()).collect();
    let kind: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
    let amount: Vec<Decimal> = lines.iter().map(|l| l.amount).collect();
    let quantity: Vec<Option<Decimal>> = lines.iter().map(|l| l.quantity).collect();
    let discount: Vec<Option<Decimal>> = lines.iter().map(|l| l.discount).collect();
    let credits: Vec<Option<&str>> = lines.iter().map(|l| l.credits.as_deref()).collect();
    let columns = LineColumns {
        line_id: &line_id,
        customer: &ranks,
        kind: &kind,
        amount: &amount,
        currency: &currency,
        currencies: &currencies,
        service_start: &starts,
        service_end: &ends,
        plan: Some(&plans),
        quantity: Some(&quantity),
        discount: Some(&discount),
        credits: Some(&credits),
        issued: Some(&issued),
    };
    let out = super::core::run(&columns, rates, options)?;
    rows_of(lines, &by_rank, out, options.decimal_places)
}

fn day_of(row: usize, id: &str, field: &'static str, date: Date) -> Result<i64, BillingError> {
    PeriodUnit::Day.index_of(date).map_err(|_| {
        BillingError::invalid(
            P::InvalidDate,
            row,
            id,
            field,
            date.to_string(),
            "a calendar date from 0001-01-01 to 9999-12-31",
        )
    })
}

/// The dense rank of each line's customer (customers in `Ord` order), and the customer of each rank.
fn customer_ranks<C: Ord>(lines: &[BillingLine<C>]) -> (Vec<u32>, Vec<&C>) {
    let mut order: Vec<(&C, u32)> = lines.iter().zip(0_u32..).map(|(l, i)| (&l.customer, i)).collect();
    order.sort_unstable();
    let mut ranks = vec![0_u32; lines.len()];
    let mut by_rank: Vec<&C> = Vec::new();
    for &(who, i) in &order {
        if by_rank.last().is_none_or(|&last| last != who) {
            by_rank.push(who);
        }
        if let Some(r) = ranks.get_mut(i as usize) {
            *r = u32::try_from(by_rank.len() - 1).unwrap_or(u32::MAX);
        }
    }
    (ranks, by_rank)
}

fn overflow(row: usize, id: &str) -> BillingError {
    BillingError::at_line(P::Overflow, row, id, LtvError::Overflow { field: "amount" })
}

/// The column tables as rows of [`Normalised`], customers back from their ranks.
fn rows_of<C: Clone>(
    lines: &[BillingLine<C>],
    by_rank: &[&C],
    out: NormalisedColumns,
    places: u32,
) -> Result<Normalised<C>, BillingError> {
    let who = |code: u32| by_rank.get(code as usize).map(|&c| c.clone());
    let id = |row: usize| lines.get(row).map_or("", |l| l.line_id.as_str());
    let money =
        |units: i128, row: usize| Decimal::try_from_i128_with_scale(units, places).map_err(|_| overflow(row, id(row)));
    let a = &out.audit;
    let mut audit = Vec::with_capacity(a.row.len());
    for k in 0..a.row.len() {
        let (Some(&row), Some(customer)) = (a.row.get(k), a.customer.get(k).and_then(|&c| who(c))) else { continue };
        let row = row as usize;
        audit.push(AuditRow {
            row,
            customer,
            period: a.period.get(k).copied().unwrap_or_default(),
            amount: money(a.units.get(k).copied().unwrap_or_default(), row)?,
            recurring: a.recurring.get(k).copied().unwrap_or_default(),
            rule: a.rule.get(k).copied().unwrap_or(super::AuditRule::Trial),
        });
    }
    let m = &out.mrr;
    let mut mrr = Vec::with_capacity(m.customer.len());
    for (((&code, &period), &units), &status) in m.customer.iter().zip(&m.period).zip(&m.units).zip(&m.status) {
        let Some(customer) = who(code) else { continue };
        mrr.push(MrrRow { customer, period, mrr: money(units, 0)?, status });
    }
    let o = &out.one_time;
    let mut one_time = Vec::with_capacity(o.customer.len());
    for ((&code, &period), &units) in o.customer.iter().zip(&o.period).zip(&o.units) {
        let Some(customer) = who(code) else { continue };
        one_time.push(OneTimeRow { customer, period, amount: money(units, 0)? });
    }
    let p = &out.pauses;
    let pauses = p
        .customer
        .iter()
        .zip(&p.first_period)
        .zip(&p.periods)
        .filter_map(|((&code, &first_period), &periods)| Some(Pause { customer: who(code)?, first_period, periods }))
        .collect();
    Ok(Normalised { reporting_currency: out.reporting_currency, mrr, one_time, pauses, audit })
}
