//! The engine of both summaries: rows to periods (checked, in parallel), grouped by customer (a counting
//! sort on compact codes), each customer's `(period, value)` entries sorted; then per customer, in
//! parallel, the merged purchase periods up to a calibration end and after it.

use rayon::prelude::*;

use super::rfm::{MAX_TRANSACTIONS, MAX_VALUE, RfmOptions, Transactions};
use crate::error::ModelError;

/// Rows per parallel work item of the first pass.
const CHUNK: usize = 1 << 15;

/// Customers per parallel work item of the per-customer passes.
const CUSTOMER_CHUNK: usize = 1 << 12;

pub(crate) fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

/// The rows up to the observation end, grouped by customer and sorted by `(period, value)`.
pub(crate) struct Grouped {
    /// The customer key of each group, ascending.
    keys: Vec<i64>,
    /// Group `i` is `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    /// `(period, value)` of every row up to the observation end.
    entries: Vec<(i64, f64)>,
    /// The observation end's period.
    pub(crate) end: i64,
    /// The first period of the data.
    pub(crate) first: i64,
    /// Rows after the observation end's period.
    pub(crate) rows_after_end: usize,
}

/// One customer's merged purchase periods: calibration up to some period `cal`, holdout after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CustomerRow {
    pub(crate) key: i64,
    /// The first purchase period.
    pub(crate) first: i64,
    /// The last purchase period up to `cal`.
    pub(crate) last: i64,
    /// Distinct purchase periods after the first, up to `cal`.
    pub(crate) repeats: u64,
    /// The values of those periods, summed.
    pub(crate) repeat_value: f64,
    /// Distinct purchase periods after `cal`.
    pub(crate) holdout_purchases: u64,
    /// Their values, summed.
    pub(crate) holdout_value: f64,
}

pub(crate) struct Summarized {
    /// Customers whose first purchase is at or before `cal`, by key.
    pub(crate) customers: Vec<CustomerRow>,
    /// Customers whose first purchase is after `cal`.
    pub(crate) first_after_cal: usize,
}

#[derive(Clone, Copy)]
struct Stats {
    min_period: i64,
    max_period: i64,
    max_key: i64,
}

/// Maps every row to its period and checks it; the first bad row's error.
fn periods(tx: &Transactions<'_>, options: &RfmOptions) -> Result<(Vec<i64>, Stats), ModelError> {
    let n = tx.customer.len();
    let mut periods = vec![0_i64; n];
    let chunks: Vec<Result<Stats, ModelError>> = periods
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, out)| {
            let start = c * CHUNK;
            let mut s = Stats { min_period: i64::MAX, max_period: i64::MIN, max_key: -1 };
            let keys = &tx.customer[start..start + out.len()];
            let times = &tx.time[start..start + out.len()];
            for (i, ((slot, &key), &t)) in out.iter_mut().zip(keys).zip(times).enumerate() {
                let row = start + i;
                if key < 0 {
                    return Err(bad(
                        "customer",
                        Some(row),
                        format!("got {key}: a missing customer id, expected a key >= 0"),
                    ));
                }
                if let Some(values) = tx.value {
                    let v = values[row];
                    if !(v.is_finite() && (0.0..=MAX_VALUE).contains(&v)) {
                        return Err(bad(
                            "value",
                            Some(row),
                            format!("got {v}, expected a finite monetary value in [0, {MAX_VALUE:e}]"),
                        ));
                    }
                }
                let p = options.period_of(t, tx.base).map_err(|reason| bad("time", Some(row), reason))?;
                *slot = p;
                s.min_period = s.min_period.min(p);
                s.max_period = s.max_period.max(p);
                s.max_key = s.max_key.max(key);
            }
            Ok(s)
        })
        .collect();
    let mut total = Stats { min_period: i64::MAX, max_period: i64::MIN, max_key: -1 };
    for s in chunks {
        let s = s?;
        total.min_period = total.min_period.min(s.min_period);
        total.max_period = total.max_period.max(s.max_period);
        total.max_key = total.max_key.max(s.max_key);
    }
    Ok((periods, total))
}

/// The period of an end time given in the data's time base (`field` names it in errors), checked to lie
/// at or after the first purchase.
pub(crate) fn end_period(
    tx: &Transactions<'_>,
    options: &RfmOptions,
    time: i64,
    first: i64,
    field: &str,
) -> Result<i64, ModelError> {
    let p = options.period_of(time, tx.base).map_err(|reason| bad(field, None, reason))?;
    if p < first {
        return Err(bad(
            field,
            None,
            format!("got {time} (period {p}), which is before the first purchase (period {first})"),
        ));
    }
    Ok(p)
}

/// Groups the rows up to the observation end (`end`, a time; `None`: the last transaction).
pub(crate) fn group(
    tx: &Transactions<'_>,
    options: &RfmOptions,
    end: Option<i64>,
    end_field: &str,
) -> Result<Grouped, ModelError> {
    options.check()?;
    let n = tx.customer.len();
    if n == 0 || n > MAX_TRANSACTIONS || tx.time.len() != n || tx.value.is_some_and(|v| v.len() != n) {
        // Transactions::new rules these out; checked again before allocating.
        return Err(bad(
            "customer",
            None,
            format!("got {n} rows, expected 1 to {MAX_TRANSACTIONS} rows in every column"),
        ));
    }
    let (periods, stats) = periods(tx, options)?;
    let end = match end {
        Some(t) => end_period(tx, options, t, stats.min_period, end_field)?,
        None => stats.max_period,
    };

    // Compact customer codes: the keys themselves when dense enough, else their ranks among the distinct keys.
    let dense_limit = i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(2).saturating_add(1024);
    let (codes, distinct): (Option<Vec<u32>>, Vec<i64>) = if stats.max_key < dense_limit {
        (None, Vec::new())
    } else {
        let mut distinct = tx.customer.to_vec();
        distinct.par_sort_unstable();
        distinct.dedup();
        let codes = tx
            .customer
            .par_iter()
            .with_min_len(CHUNK)
            .map(|k| distinct.binary_search(k).unwrap_or_else(|i| i) as u32)
            .collect();
        (Some(codes), distinct)
    };
    let n_codes = match &codes {
        None => usize::try_from(stats.max_key).unwrap_or(0) + 1,
        Some(_) => distinct.len(),
    };
    let code = |row: usize| -> usize {
        match &codes {
            None => tx.customer[row] as usize,
            Some(c) => c[row] as usize,
        }
    };

    // Counting sort by customer code, of the rows up to the observation end.
    let mut counts = vec![0_u32; n_codes];
    let mut rows_after_end = 0_usize;
    for (row, &p) in periods.iter().enumerate() {
        if p > end {
            rows_after_end += 1;
        } else {
            counts[code(row)] += 1;
        }
    }
    let mut starts = Vec::with_capacity(n_codes);
    let mut keys = Vec::new();
    let mut offsets = vec![0_usize];
    let mut total = 0_usize;
    for (c, &count) in counts.iter().enumerate() {
        starts.push(total);
        if count > 0 {
            total += count as usize;
            keys.push(if codes.is_some() { distinct[c] } else { c as i64 });
            offsets.push(total);
        }
    }
    drop(counts);
    let mut entries = vec![(0_i64, 0.0_f64); total];
    for (row, &p) in periods.iter().enumerate() {
        if p <= end {
            let c = code(row);
            entries[starts[c]] = (p, tx.value.map_or(0.0, |v| v[row]));
            starts[c] += 1;
        }
    }
    drop(starts);
    drop(periods);

    // Sort each customer's entries by (period, value): a fixed order, so sums do not depend on the row order.
    let mut groups: Vec<&mut [(i64, f64)]> = Vec::with_capacity(keys.len());
    let mut rest = entries.as_mut_slice();
    for w in offsets.windows(2) {
        let (head, tail) = rest.split_at_mut(w[1] - w[0]);
        groups.push(head);
        rest = tail;
    }
    groups
        .par_iter_mut()
        .with_min_len(CUSTOMER_CHUNK)
        .for_each(|g| g.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))));
    drop(groups);
    Ok(Grouped { keys, offsets, entries, end, first: stats.min_period, rows_after_end })
}

/// Per customer: the purchase periods up to `cal` (calibration) and after it (holdout, up to the end).
pub(crate) fn summarize(grouped: &Grouped, cal: i64) -> Summarized {
    let rows: Vec<Option<CustomerRow>> = (0..grouped.keys.len())
        .into_par_iter()
        .with_min_len(CUSTOMER_CHUNK)
        .map(|i| {
            let entries = &grouped.entries[grouped.offsets[i]..grouped.offsets[i + 1]];
            let first = entries.first()?.0;
            if first > cal {
                return None;
            }
            let mut row = CustomerRow {
                key: grouped.keys[i],
                first,
                last: first,
                repeats: 0,
                repeat_value: 0.0,
                holdout_purchases: 0,
                holdout_value: 0.0,
            };
            let mut holdout_last = cal;
            for &(p, v) in entries {
                if p == first {
                    continue;
                }
                if p <= cal {
                    if p != row.last {
                        row.repeats += 1;
                        row.last = p;
                    }
                    row.repeat_value += v;
                } else {
                    if p != holdout_last {
                        row.holdout_purchases += 1;
                        holdout_last = p;
                    }
                    row.holdout_value += v;
                }
            }
            Some(row)
        })
        .collect();
    let first_after_cal = rows.iter().filter(|r| r.is_none()).count();
    Summarized { customers: rows.into_iter().flatten().collect(), first_after_cal }
}
