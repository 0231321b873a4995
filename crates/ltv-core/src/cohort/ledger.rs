//! Revenue rows -> one sorted list of paying periods per customer (duplicates summed, zero periods dropped).
//!
//! Rows are bucketed by customer with a stable counting sort (O(rows + customers)), so the rows of one
//! customer keep their input order; each customer's few rows are then sorted by period and merged.

use crate::error::LtvError;
use crate::number::{Calc, Number};
use crate::quantity::validate::finite;

use super::period::PeriodUnit;
use crate::error::RowError;

/// Customer codes may run this far above 4 x the number of rows (sparse codes would waste memory).
const MAX_CODE_SLACK: usize = 1_000_000;

/// Every customer's paying periods, in period order: `entries[starts[c]..starts[c + 1]]` for customer `c`.
#[derive(Debug, Clone)]
pub(crate) struct Ledger<T> {
    pub(crate) starts: Vec<usize>,
    pub(crate) entries: Vec<(i64, T)>,
    /// Customers with at least one row.
    pub(crate) customers: u32,
    /// Customers with rows but no period with revenue > 0.
    pub(crate) never_paying: u32,
    /// The first and last period of any row.
    pub(crate) first_period: i64,
    pub(crate) last_period: i64,
}

impl<T: Number> Ledger<T> {
    pub(crate) fn customer(&self, c: usize) -> &[(i64, T)] {
        match (self.starts.get(c), self.starts.get(c + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(crate) fn customer_slots(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

fn length_error(field: &'static str, len: usize) -> RowError {
    RowError::from(LtvError::InvalidInput {
        field,
        value: format!("{len} rows"),
        allowed: "as many rows as the customer column",
        suggestion: None,
    })
}

/// Validates the columns and builds the ledger. Errors name the first bad row in input order.
pub(crate) fn build<T: Number>(
    customers: &[u32],
    periods: &[i64],
    revenue: &[T],
    unit: PeriodUnit,
) -> Result<Ledger<T>, RowError> {
    let n = customers.len();
    if periods.len() != n {
        return Err(length_error("period", periods.len()));
    }
    if revenue.len() != n {
        return Err(length_error("revenue", revenue.len()));
    }
    if n == 0 {
        return Err(RowError::from(LtvError::InvalidInput {
            field: "revenue",
            value: "0 rows".to_owned(),
            allowed: "at least one revenue row",
            suggestion: None,
        }));
    }
    let (lo, hi) = unit.index_range();
    let (mut first_period, mut last_period, mut max_code) = (i64::MAX, i64::MIN, 0_u32);
    for (row, ((&c, &p), &r)) in customers.iter().zip(periods).zip(revenue).enumerate() {
        if p < lo || p > hi {
            return Err(RowError::in_row(
                row,
                unit.check_index(p).err().unwrap_or(LtvError::Overflow { field: "period" }),
            ));
        }
        finite("revenue", r).map_err(|e| RowError::in_row(row, e))?;
        first_period = first_period.min(p);
        last_period = last_period.max(p);
        max_code = max_code.max(c);
    }
    if u32::try_from(n).is_err() {
        return Err(RowError::from(LtvError::InvalidInput {
            field: "revenue",
            value: format!("{n} rows"),
            allowed: "at most 4294967295 rows",
            suggestion: None,
        }));
    }
    // Codes index an array: they must be dense (about as many codes as customers), not raw ids.
    if max_code as usize > MAX_CODE_SLACK.saturating_add(n.saturating_mul(4)) {
        let row = customers.iter().position(|&c| c == max_code).unwrap_or(0);
        return Err(RowError::in_row(
            row,
            LtvError::InvalidInput {
                field: "customer",
                value: max_code.to_string(),
                allowed: "a dense customer code (below 4 x rows + 1,000,000; factorize the ids)",
                suggestion: None,
            },
        ));
    }
    // Stable counting sort of the row indices by customer code.
    let slots = max_code as usize + 1;
    let mut starts = vec![0_usize; slots + 1];
    for &c in customers {
        starts[c as usize + 1] += 1;
    }
    for i in 0..slots {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut order = vec![0_u32; n];
    for (row, &c) in customers.iter().enumerate() {
        let slot = &mut next[c as usize];
        // row < n <= u32::MAX, checked above.
        order[*slot] = row as u32;
        *slot += 1;
    }
    drop(next);

    let mut entries: Vec<(i64, T)> = Vec::with_capacity(n);
    let mut out_starts = Vec::with_capacity(slots + 1);
    let mut scratch: Vec<(i64, u32)> = Vec::new();
    let (mut customer_count, mut never_paying) = (0_u32, 0_u32);
    // The first bad row in input order, and its error.
    let mut bad: Option<(usize, LtvError)> = None;
    let note = |row: usize, error: LtvError, bad: &mut Option<(usize, LtvError)>| {
        if bad.as_ref().is_none_or(|(r, _)| row < *r) {
            *bad = Some((row, error));
        }
    };
    let sum = Calc("revenue");
    for c in 0..slots {
        out_starts.push(entries.len());
        let rows = &order[starts[c]..starts[c + 1]];
        if rows.is_empty() {
            continue;
        }
        customer_count += 1;
        scratch.clear();
        scratch.extend(rows.iter().map(|&r| (periods[r as usize], r)));
        if !scratch.windows(2).all(|w| w[0].0 < w[1].0) {
            scratch.sort_by_key(|&(p, _)| p); // stable: duplicates keep their input order
        }
        let before = entries.len();
        let mut i = 0;
        while i < scratch.len() {
            let (period, first_row) = scratch[i];
            let mut total = revenue[first_row as usize];
            let mut j = i + 1;
            while j < scratch.len() && scratch[j].0 == period {
                match sum.add(total, revenue[scratch[j].1 as usize]) {
                    Ok(t) => total = t,
                    Err(e) => note(scratch[j].1 as usize, e, &mut bad),
                }
                j += 1;
            }
            if total < T::ZERO {
                let error = LtvError::InvalidInput {
                    field: "revenue",
                    value: total.to_string(),
                    allowed: "a customer's revenue in a period >= 0 (the sum of its rows)",
                    suggestion: None,
                };
                note(first_row as usize, error, &mut bad);
            } else if total > T::ZERO {
                entries.push((period, total));
            }
            i = j;
        }
        if entries.len() == before {
            never_paying += 1;
        }
    }
    out_starts.push(entries.len());
    if let Some((row, error)) = bad {
        return Err(RowError::in_row(row, error));
    }
    Ok(Ledger { starts: out_starts, entries, customers: customer_count, never_paying, first_period, last_period })
}
