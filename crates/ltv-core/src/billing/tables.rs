//! Placing lines into months and summing them into the tables, one customer at a time.

use rust_decimal::Decimal;

use super::audit::AuditRule;
use super::columns::NormalisedColumns;
use super::core::{Groups, Parts, Scratch, month, prorated, spread, status};
use super::error::{BillingError, BillingProblem as P};
use super::line::LineKind;
use super::normalise::CreditPlacement;
use crate::cohort::PeriodUnit;

/// One placed amount, before the tables are built.
#[derive(Clone, Copy)]
struct Entry {
    period: i64,
    units: i128,
    row: u32,
    recurring: bool,
    rule: AuditRule,
    paying: bool,
}

/// Places line `row`: its amounts by month, into `entries`.
fn place_line(
    p: &Parts<'_, '_>,
    row: usize,
    scratch: &mut Scratch,
    entries: &mut Vec<Entry>,
) -> Result<(), BillingError> {
    let id = p.id(row);
    #[allow(clippy::cast_possible_truncation)] // rows < MAX_LINES
    let r = row as u32;
    let rule = prorated(p.day_count());
    let (start, end, units) = (p.start(row), p.end(row), p.units(row));
    match p.kind(row) {
        LineKind::Charge => {
            let (rule, paying) = if p.is_zero(row) { (AuditRule::Trial, false) } else { (rule, true) };
            spread(row, id, start, end, units, p.day_count(), scratch, |period, units| {
                entries.push(Entry { period, units, row: r, recurring: true, rule, paying });
            })
        }
        LineKind::OneTime => {
            let period = month(row, id, start)?;
            entries.push(Entry { period, units, row: r, recurring: false, rule: AuditRule::OneTime, paying: false });
            Ok(())
        }
        LineKind::CreditNote | LineKind::Refund => {
            let target = p.target(row);
            let one_time = target.is_some_and(|t| p.kind(t) == LineKind::OneTime);
            match (p.placement(), one_time) {
                (CreditPlacement::ServicePeriod, false) => {
                    spread(row, id, start, end, -units, p.day_count(), scratch, |period, units| {
                        entries.push(Entry { period, units, row: r, recurring: true, rule, paying: false });
                    })
                }
                (placement, _) => {
                    let day = match (placement, target) {
                        (CreditPlacement::ServicePeriod, Some(t)) => p.start(t),
                        _ => p.issued(row),
                    };
                    let rule = if one_time { AuditRule::OneTime } else { AuditRule::IssueMonth };
                    let period = month(row, id, day)?;
                    entries.push(Entry { period, units: -units, row: r, recurring: !one_time, rule, paying: false });
                    Ok(())
                }
            }
        }
    }
}

/// The first placing error in row order (errors name the earliest line at fault).
fn first_place_error(p: &Parts<'_, '_>) -> Option<BillingError> {
    let (mut scratch, mut sink) = (Scratch::default(), Vec::new());
    (0..p.columns.line_id.len()).find_map(|row| {
        sink.clear();
        place_line(p, row, &mut scratch, &mut sink).err()
    })
}

/// Places every line and sums customer by customer into the tables, sorted by customer code, period, row.
pub(crate) fn build(p: &Parts<'_, '_>, groups: &Groups, reporting: String) -> Result<NormalisedColumns, BillingError> {
    let mut out = NormalisedColumns { reporting_currency: reporting, ..NormalisedColumns::default() };
    let n = p.columns.line_id.len();
    // An upper bound of the audit rows (each line covers at most days / 28 + 2 months, a credit note placed
    // in the months of the line it credits no more): the columns are reserved once instead of growing by
    // copies into fresh memory.
    let bound: usize = (0..n)
        .map(|row| {
            let days = p.end(row).saturating_sub(p.start(row)).max(0);
            let target = p.targets.get(row).map_or(0, |&t| {
                let t = t as usize;
                if t < n { p.end(t).saturating_sub(p.start(t)).max(0) } else { 0 }
            });
            usize::try_from(days.max(target) / 28 + 2).unwrap_or(usize::MAX)
        })
        .fold(0_usize, usize::saturating_add)
        // (At most 2^26 rows reserved up front: beyond that the columns grow as usual, so that long service
        // periods cannot ask for more memory than they use.)
        .min(1 << 26);
    let a = &mut out.audit;
    a.row.reserve(bound);
    a.customer.reserve(bound);
    a.period.reserve(bound);
    a.units.reserve(bound);
    a.recurring.reserve(bound);
    a.rule.reserve(bound);
    let m = &mut out.mrr;
    m.customer.reserve(bound);
    m.period.reserve(bound);
    m.units.reserve(bound);
    m.status.reserve(bound);
    let mut scratch = Scratch::default();
    let mut entries: Vec<Entry> = Vec::new();
    // A negative customer-month found first is reported only if no line fails to place (placing comes first).
    let mut deferred: Option<BillingError> = None;
    for (code, rows) in groups.iter() {
        entries.clear();
        for &row in rows {
            if let Err(e) = place_line(p, row as usize, &mut scratch, &mut entries) {
                return Err(first_place_error(p).unwrap_or(e));
            }
        }
        if deferred.is_none() {
            entries.sort_unstable_by_key(|e| (e.period, e.row));
            if let Err(e) = sum_customer(p, code, &entries, &mut out) {
                deferred = Some(e);
            }
        }
    }
    deferred.map_or(Ok(out), Err)
}

fn money(units: i128, places: u32) -> String {
    Decimal::try_from_i128_with_scale(units, places).map_or_else(|_| units.to_string(), |d| d.to_string())
}

/// Sums the `entries` of customer `code` (sorted by period, row) into `out`.
fn sum_customer(
    p: &Parts<'_, '_>,
    code: u32,
    entries: &[Entry],
    out: &mut NormalisedColumns,
) -> Result<(), BillingError> {
    let places = p.options.decimal_places;
    let mut last_covered: Option<i64> = None;
    let mut start = 0;
    while let Some(first) = entries.get(start) {
        let period = first.period;
        let mut end = start;
        while entries.get(end).is_some_and(|e| e.period == period) {
            end += 1;
        }
        let group = entries.get(start..end).unwrap_or_default();
        let (mut recurring, mut one_time) = (None::<i128>, None::<i128>);
        let (mut paying, mut trial) = (false, false);
        let audit = &mut out.audit;
        for e in group {
            let total = if e.recurring { &mut recurring } else { &mut one_time };
            *total = Some(total.unwrap_or(0) + e.units);
            paying |= e.paying;
            trial |= e.rule == AuditRule::Trial;
            audit.row.push(e.row);
            audit.customer.push(code);
            audit.period.push(period);
            audit.units.push(e.units);
            audit.recurring.push(e.recurring);
            audit.rule.push(e.rule);
        }
        for (total, is_recurring) in [(recurring, true), (one_time, false)] {
            let Some(total) = total else { continue };
            if total < 0 {
                let culprit =
                    group.iter().find(|e| e.recurring == is_recurring && e.units < 0).map_or(first.row, |e| e.row)
                        as usize;
                let id = p.id(culprit);
                let month = PeriodUnit::Month
                    .start(period)
                    .map(|d| format!("{:04}-{:02}", d.year, d.month))
                    .unwrap_or_default();
                return Err(BillingError::invalid(
                    P::NegativeRevenue,
                    culprit,
                    id,
                    if is_recurring { "mrr" } else { "one_time" },
                    format!("{} in {month}", money(total, places)),
                    "credits of a customer-month adding up to at most its charges",
                ));
            }
        }
        if let Some(total) = recurring {
            let status = status(paying, trial);
            out.mrr.customer.push(code);
            out.mrr.period.push(period);
            out.mrr.units.push(total);
            out.mrr.status.push(status);
            if status != super::audit::MonthStatus::CreditOnly {
                if let Some(last) = last_covered
                    && period > last + 1
                {
                    out.pauses.customer.push(code);
                    out.pauses.first_period.push(last + 1);
                    out.pauses.periods.push(period - last - 1);
                }
                last_covered = Some(period);
            }
        }
        if let Some(total) = one_time {
            out.one_time.customer.push(code);
            out.one_time.period.push(period);
            out.one_time.units.push(total);
        }
        start = end;
    }
    Ok(())
}
