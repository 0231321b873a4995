//! The normalisation: invoice lines to MRR, one-time revenue, pauses and the audit table.

use std::collections::HashMap;
use std::hash::Hash;

use rust_decimal::{Decimal, RoundingStrategy};

use super::allocate::allocate_into;
use super::audit::{AuditRow, AuditRule, MonthStatus, MrrRow, Normalised, OneTimeRow, Pause};
use super::currency::{Rate, RateDate, RateTable};
use super::day_count::{DayCount, month_of, weights};
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

/// A checked line: its days, net amount in its own currency, and converted minor units.
struct Checked {
    rank: u32,
    start: i64,
    end: i64,
    issued: i64,
    net: Decimal,
    units: i128,
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

fn check_line<C>(row: usize, line: &BillingLine<C>) -> Result<Checked, BillingError> {
    let id = line.line_id.as_str();
    let start = day_of(row, id, "service_start", line.service_start)?;
    let end = day_of(row, id, "service_end", line.service_end)?;
    let issued = match line.issued {
        Some(date) => day_of(row, id, "issued", date)?,
        None => start,
    };
    let recurring = line.kind != LineKind::OneTime;
    if end < start || (recurring && end == start) {
        return Err(BillingError::invalid(
            P::EndBeforeStart,
            row,
            id,
            "service_end",
            line.service_end.to_string(),
            if recurring { "a date after service_start" } else { "a date on or after service_start" },
        ));
    }
    if end - start > MAX_SERVICE_DAYS {
        return Err(BillingError::invalid(
            P::PeriodTooLong,
            row,
            id,
            "service_end",
            line.service_end.to_string(),
            "a service period of at most 3660 days (MAX_SERVICE_DAYS)",
        ));
    }
    let amount = |field: &'static str, value: Decimal, allowed: &'static str| {
        BillingError::invalid(P::InvalidAmount, row, id, field, value.to_string(), allowed)
    };
    if line.amount.is_sign_negative() && !line.amount.is_zero() {
        return Err(amount("amount", line.amount, "an amount >= 0 (the kind gives the sign of credits)"));
    }
    let quantity = line.quantity.unwrap_or(Decimal::ONE);
    if quantity.is_sign_negative() && !quantity.is_zero() {
        return Err(amount("quantity", quantity, "a quantity >= 0"));
    }
    let total = line.amount.checked_mul(quantity).ok_or_else(|| overflow(row, id))?;
    let discount = line.discount.unwrap_or(Decimal::ZERO);
    if discount < Decimal::ZERO || discount > total {
        return Err(amount("discount", discount, "a discount from 0 to the line total (amount x quantity)"));
    }
    Ok(Checked { rank: 0, start, end, issued, net: total - discount, units: 0 })
}

fn overflow(row: usize, id: &str) -> BillingError {
    BillingError::at_line(P::Overflow, row, id, LtvError::Overflow { field: "amount" })
}

/// One placed amount, before the tables are built.
struct Entry {
    rank: u32,
    row: usize,
    period: i64,
    units: i128,
    recurring: bool,
    rule: AuditRule,
    paying: bool,
}

/// Normalises invoice `lines` into MRR by customer and month, one-time revenue, pauses and the audit table.
///
/// Each line's net amount (`amount x quantity - discount`) is converted to the reporting currency at the
/// rate of its [`RateDate`] (the latest rate in `rates` on or before it), rounded to `decimal_places`, then:
/// - a **charge** is spread over its service period by [`DayCount`] and [`allocate`](super::allocate()): its monthly amounts sum
///   to the converted line amount to the cent; a zero-amount charge (trial) keeps the customer in the MRR
///   table with 0, flagged [`MonthStatus::Trial`];
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
    let option = |field, value: String, allowed| {
        BillingError::new(P::InvalidOption, LtvError::InvalidInput { field, value, allowed, suggestion: None })
    };
    if options.decimal_places > 8 {
        return Err(option("decimal_places", options.decimal_places.to_string(), "0 to 8"));
    }
    if lines.is_empty() || lines.len() > MAX_LINES {
        return Err(option("lines", lines.len().to_string(), "1 to 4294967295 lines"));
    }
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(lines.len());
    let mut checked = Vec::with_capacity(lines.len());
    for (row, line) in lines.iter().enumerate() {
        if let Some(first) = ids.insert(line.line_id.as_str(), row) {
            let value = format!("'{}' (also on row {first})", line.line_id);
            return Err(BillingError::invalid(
                P::DuplicateLineId,
                row,
                &line.line_id,
                "line_id",
                value,
                "a line id used once",
            ));
        }
        checked.push(check_line(row, line)?);
    }
    let targets = check_credits(lines, &checked, &ids)?;
    customer_ranks(lines, &mut checked);
    check_duplicates(lines, &checked)?;
    convert(lines, &mut checked, rates, options)?;
    let entries = place(lines, &checked, &targets, options)?;
    tables(lines, entries, reporting_currency(lines, options)?, options.decimal_places)
}

fn reporting_currency<C>(lines: &[BillingLine<C>], options: &BillingOptions) -> Result<String, BillingError> {
    if let Some(currency) = &options.reporting_currency {
        if currency.trim().is_empty() {
            return Err(BillingError::new(
                P::InvalidOption,
                LtvError::InvalidInput {
                    field: "reporting_currency",
                    value: format!("'{currency}'"),
                    allowed: "a currency code",
                    suggestion: None,
                },
            ));
        }
        return Ok(currency.clone());
    }
    let first = lines.first().map(|l| l.currency.clone()).unwrap_or_default();
    match lines.iter().position(|l| l.currency != first) {
        None => Ok(first),
        Some(row) => Err(BillingError::at_line(
            P::InvalidOption,
            row,
            &lines.get(row).map(|l| l.line_id.clone()).unwrap_or_default(),
            LtvError::InvalidInput {
                field: "reporting_currency",
                value: "None".to_owned(),
                allowed: "a reporting currency (and rates) when lines are in several currencies",
                suggestion: None,
            },
        )),
    }
}

/// The credited row of each credit, checking that credits exist, match and add up to at most the line.
fn check_credits<C: PartialEq>(
    lines: &[BillingLine<C>],
    checked: &[Checked],
    ids: &HashMap<&str, usize>,
) -> Result<Vec<Option<usize>>, BillingError> {
    let mut targets = vec![None; lines.len()];
    let mut credited: HashMap<usize, Decimal> = HashMap::new();
    for (row, (line, c)) in lines.iter().zip(checked).enumerate() {
        if !line.kind.is_credit() {
            continue;
        }
        let id = line.line_id.as_str();
        let reference = line.credits.as_deref().unwrap_or("");
        let Some((target, target_line)) = ids.get(reference).and_then(|&t| Some((t, lines.get(t)?))) else {
            let value = line.credits.as_ref().map_or_else(|| "None".to_owned(), |r| format!("'{r}'"));
            return Err(BillingError::invalid(
                P::UnknownCreditedLine,
                row,
                id,
                "credits",
                value,
                "the line_id of the line this credit note or refund credits",
            ));
        };
        let mismatch =
            |field, value: String, allowed| BillingError::invalid(P::CreditMismatch, row, id, field, value, allowed);
        if target_line.kind.is_credit() {
            return Err(mismatch(
                "credits",
                format!("'{reference}'"),
                "a charge or one-time line (not another credit)",
            ));
        }
        if target_line.customer != line.customer {
            return Err(mismatch("customer", format!("'{reference}'"), "the customer of the credited line"));
        }
        if target_line.currency != line.currency {
            return Err(mismatch("currency", format!("'{}'", line.currency), "the currency of the credited line"));
        }
        let total = credited.entry(target).or_insert(Decimal::ZERO);
        *total = total.checked_add(c.net).ok_or_else(|| overflow(row, id))?;
        let available = checked.get(target).map_or(Decimal::ZERO, |t| t.net);
        if *total > available {
            return Err(BillingError::invalid(
                P::CreditTooLarge,
                row,
                id,
                "amount",
                format!("{} (credits of '{reference}' total {total}, its net amount is {available})", c.net),
                "credits adding up to at most the net amount of the line they credit",
            ));
        }
        if let Some(t) = targets.get_mut(row) {
            *t = Some(target);
        }
    }
    Ok(targets)
}

/// The dense rank of each line's customer (customers in `Ord` order), into `checked`: the sort keys below
/// compare integers.
fn customer_ranks<C: Ord>(lines: &[BillingLine<C>], checked: &mut [Checked]) {
    let mut order: Vec<(&C, u32)> = lines.iter().zip(0_u32..).map(|(l, i)| (&l.customer, i)).collect();
    order.sort_unstable();
    let mut rank = 0_u32;
    for k in 0..order.len() {
        let (Some(&(who, i)), previous) = (order.get(k), k.checked_sub(1).and_then(|p| order.get(p))) else { continue };
        if previous.is_some_and(|&(p, _)| p != who) {
            rank += 1;
        }
        if let Some(c) = checked.get_mut(i as usize) {
            c.rank = rank;
        }
    }
}

/// A small id per distinct text (plans, currencies), for integer sort keys.
fn intern<'a>(ids: &mut HashMap<&'a str, u32>, text: &'a str) -> u32 {
    let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    *ids.entry(text).or_insert(next)
}

/// The sort key of a charge in the duplicate check: customer rank, plan id + 1 (0: none), currency id, net
/// mantissa and scale (normalised), start, end, row.
type DuplicateKey = (u32, u32, u32, i128, u32, i64, i64, usize);

/// Two charges are duplicates when they have the same customer, plan, currency and net amount and their
/// service periods share a day.
fn check_duplicates<C>(lines: &[BillingLine<C>], checked: &[Checked]) -> Result<(), BillingError> {
    let (mut plans, mut currencies) = (HashMap::new(), HashMap::new());
    let mut keys: Vec<DuplicateKey> = Vec::with_capacity(lines.len());
    for (row, (l, c)) in lines.iter().zip(checked).enumerate() {
        if l.kind != LineKind::Charge || c.net.is_zero() {
            continue;
        }
        let plan = l.plan.as_deref().map_or(0, |p| intern(&mut plans, p).saturating_add(1));
        let net = c.net.normalize();
        keys.push((
            c.rank,
            plan,
            intern(&mut currencies, &l.currency),
            net.mantissa(),
            net.scale(),
            c.start,
            c.end,
            row,
        ));
    }
    keys.sort_unstable();
    let group = |k: &DuplicateKey| (k.0, k.1, k.2, k.3, k.4);
    let mut open: Option<(usize, i64)> = None; // the line of the group reaching furthest, and its end
    for (k, key) in keys.iter().enumerate() {
        let same_group = k > 0 && keys.get(k - 1).is_some_and(|p| group(p) == group(key));
        let (start, end, i) = (key.5, key.6, key.7);
        match open {
            Some((other, reach)) if same_group && start < reach => {
                let (first, second) = (other.min(i), other.max(i));
                let id = lines.get(second).map_or("", |l| l.line_id.as_str());
                let other_id = lines.get(first).map_or("", |l| l.line_id.as_str());
                return Err(BillingError::invalid(
                    P::DuplicateLine,
                    second,
                    id,
                    "line_id",
                    format!("'{id}' (overlaps '{other_id}': same customer, plan, currency and amount)"),
                    "one charge per customer, plan, amount and service day",
                ));
            }
            Some((_, reach)) if same_group && end <= reach => {}
            _ => open = Some((i, end)),
        }
    }
    Ok(())
}

/// Minor units of `value` at `places` decimal places, rounded half away from zero.
fn to_units(value: Decimal, places: u32) -> Option<i128> {
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let scale_up = places.checked_sub(rounded.scale())?;
    rounded.mantissa().checked_mul(10_i128.checked_pow(scale_up)?)
}

fn convert<C>(
    lines: &[BillingLine<C>],
    checked: &mut [Checked],
    rates: &[Rate],
    options: &BillingOptions,
) -> Result<(), BillingError> {
    let reporting = reporting_currency(lines, options)?;
    let table = RateTable::new(rates)?;
    for (row, (line, c)) in lines.iter().zip(checked.iter_mut()).enumerate() {
        let rate = if line.currency == reporting {
            Decimal::ONE
        } else {
            let day = match options.rate_date {
                RateDate::InvoiceDate => c.issued,
                RateDate::ServiceStart => c.start,
            };
            table.rate(&line.currency, day).ok_or_else(|| {
                let date = PeriodUnit::Day.start(day).map(|d| d.to_string()).unwrap_or_default();
                BillingError::invalid(
                    P::MissingRate,
                    row,
                    &line.line_id,
                    "currency",
                    format!("'{}' on {date} ({})", line.currency, options.rate_date),
                    "a currency with a rate on or before the line's rate date",
                )
            })?
        };
        let converted = c.net.checked_mul(rate).ok_or_else(|| overflow(row, &line.line_id))?;
        c.units = to_units(converted, options.decimal_places).ok_or_else(|| overflow(row, &line.line_id))?;
    }
    Ok(())
}

fn month(row: usize, id: &str, day: i64) -> Result<i64, BillingError> {
    month_of(day).map_err(|e| BillingError::at_line(P::InvalidDate, row, id, e))
}

/// Reused buffers of [`spread`].
#[derive(Default)]
struct Scratch {
    weights: Vec<(i64, i64)>,
    parts: Vec<i128>,
    order: Vec<(i128, usize)>,
}

fn spread(
    row: usize,
    id: &str,
    c: &Checked,
    units: i128,
    rule: DayCount,
    scratch: &mut Scratch,
    mut push: impl FnMut(i64, i128),
) -> Result<(), BillingError> {
    weights(rule, c.start, c.end, &mut scratch.weights)
        .map_err(|e| BillingError::at_line(P::EndBeforeStart, row, id, e))?;
    allocate_into(units, scratch.weights.iter().map(|&(_, w)| w), &mut scratch.parts, &mut scratch.order)
        .ok_or_else(|| overflow(row, id))?;
    for (&(period, weight), &part) in scratch.weights.iter().zip(&scratch.parts) {
        if weight > 0 {
            push(period, part);
        }
    }
    Ok(())
}

fn place<C>(
    lines: &[BillingLine<C>],
    checked: &[Checked],
    targets: &[Option<usize>],
    options: &BillingOptions,
) -> Result<Vec<Entry>, BillingError> {
    let mut entries = Vec::with_capacity(lines.len() * 2);
    let mut scratch = Scratch::default();
    for (row, (line, c)) in lines.iter().zip(checked).enumerate() {
        let id = line.line_id.as_str();
        let prorated = AuditRule::Prorated(options.day_count);
        match line.kind {
            LineKind::Charge => {
                let (rule, paying) = if c.net.is_zero() { (AuditRule::Trial, false) } else { (prorated, true) };
                spread(row, id, c, c.units, options.day_count, &mut scratch, |period, units| {
                    entries.push(Entry { rank: c.rank, row, period, units, recurring: true, rule, paying });
                })?;
            }
            LineKind::OneTime => {
                let period = month(row, id, c.start)?;
                entries.push(Entry {
                    rank: c.rank,
                    row,
                    period,
                    units: c.units,
                    recurring: false,
                    rule: AuditRule::OneTime,
                    paying: false,
                });
            }
            LineKind::CreditNote | LineKind::Refund => {
                let target = targets.get(row).copied().flatten();
                let target_line = target.and_then(|t| lines.get(t).zip(checked.get(t)));
                let one_time = target_line.is_some_and(|(l, _)| l.kind == LineKind::OneTime);
                match (options.credit_applies_to, one_time) {
                    (CreditPlacement::ServicePeriod, false) => {
                        spread(row, id, c, -c.units, options.day_count, &mut scratch, |period, units| {
                            entries.push(Entry {
                                rank: c.rank,
                                row,
                                period,
                                units,
                                recurring: true,
                                rule: prorated,
                                paying: false,
                            });
                        })?;
                    }
                    (placement, _) => {
                        let day = match (placement, target_line) {
                            (CreditPlacement::ServicePeriod, Some((_, t))) => t.start,
                            _ => c.issued,
                        };
                        let rule = if one_time { AuditRule::OneTime } else { AuditRule::IssueMonth };
                        let period = month(row, id, day)?;
                        entries.push(Entry {
                            rank: c.rank,
                            row,
                            period,
                            units: -c.units,
                            recurring: !one_time,
                            rule,
                            paying: false,
                        });
                    }
                }
            }
        }
    }
    Ok(entries)
}

fn amount(units: i128, places: u32, row: usize, id: &str) -> Result<Decimal, BillingError> {
    Decimal::try_from_i128_with_scale(units, places).map_err(|_| overflow(row, id))
}

/// Sorts the entries by customer, period and row, and sums them into the tables.
fn tables<C: Clone>(
    lines: &[BillingLine<C>],
    mut entries: Vec<Entry>,
    reporting_currency: String,
    places: u32,
) -> Result<Normalised<C>, BillingError> {
    let rank = |e: &Entry| e.rank;
    entries.sort_unstable_by_key(|e| (e.rank, e.period, e.row));
    let mut out = Normalised {
        reporting_currency,
        mrr: Vec::new(),
        one_time: Vec::new(),
        pauses: Vec::new(),
        audit: Vec::with_capacity(entries.len()),
    };
    let mut last_covered: Option<(u32, i64)> = None;
    let mut start = 0;
    while start < entries.len() {
        let Some(first) = entries.get(start) else { break };
        let (Some(who), period) = (lines.get(first.row).map(|l| &l.customer), first.period) else { break };
        let who_rank = rank(first);
        let mut end = start;
        while entries.get(end).is_some_and(|e| e.period == period && rank(e) == who_rank) {
            end += 1;
        }
        let group = entries.get(start..end).unwrap_or_default();
        let (mut recurring, mut one_time) = (None::<i128>, None::<i128>);
        let (mut paying, mut trial) = (false, false);
        for e in group {
            let total = if e.recurring { &mut recurring } else { &mut one_time };
            *total = Some(total.unwrap_or(0) + e.units);
            paying |= e.paying;
            trial |= e.rule == AuditRule::Trial;
            let id = lines.get(e.row).map_or("", |l| l.line_id.as_str());
            out.audit.push(AuditRow {
                row: e.row,
                customer: who.clone(),
                period,
                amount: amount(e.units, places, e.row, id)?,
                recurring: e.recurring,
                rule: e.rule,
            });
        }
        for (total, is_recurring) in [(recurring, true), (one_time, false)] {
            let Some(total) = total else { continue };
            if total < 0 {
                let culprit =
                    group.iter().find(|e| e.recurring == is_recurring && e.units < 0).map_or(start, |e| e.row);
                let id = lines.get(culprit).map_or("", |l| l.line_id.as_str());
                let month = PeriodUnit::Month
                    .start(period)
                    .map(|d| format!("{:04}-{:02}", d.year, d.month))
                    .unwrap_or_default();
                return Err(BillingError::invalid(
                    P::NegativeRevenue,
                    culprit,
                    id,
                    if is_recurring { "mrr" } else { "one_time" },
                    format!("{} in {month}", amount(total, places, culprit, id)?),
                    "credits of a customer-month adding up to at most its charges",
                ));
            }
        }
        if let Some(total) = recurring {
            let status = if paying {
                MonthStatus::Paying
            } else if trial {
                MonthStatus::Trial
            } else {
                MonthStatus::CreditOnly
            };
            let row = group.first().map_or(0, |e| e.row);
            out.mrr.push(MrrRow { customer: who.clone(), period, mrr: amount(total, places, row, "")?, status });
            if status != MonthStatus::CreditOnly {
                if let Some((previous, last)) = last_covered
                    && previous == who_rank
                    && period > last + 1
                {
                    out.pauses.push(Pause {
                        customer: who.clone(),
                        first_period: last + 1,
                        periods: period - last - 1,
                    });
                }
                last_covered = Some((who_rank, period));
            }
        }
        if let Some(total) = one_time {
            let row = group.first().map_or(0, |e| e.row);
            out.one_time.push(OneTimeRow { customer: who.clone(), period, amount: amount(total, places, row, "")? });
        }
        start = end;
    }
    Ok(out)
}
