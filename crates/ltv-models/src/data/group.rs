//! The engine of both summaries, in parallel (rayon) throughout:
//!
//! 1. one scan finds the span of the times and the largest customer key;
//! 2. in row chunks, every row is checked, its time mapped to its period (for weeks and months through a
//!    table of the data's days, built once with `ltv-core`'s calendar), and the rows up to the end are
//!    scattered into buckets of 2^shift consecutive customer codes (a two-level counting sort: each write
//!    stream stays in cache);
//! 3. each bucket is counting-sorted by customer and each customer's `(period, value)` entries sorted;
//! 4. [`summarize`] merges each customer's periods up to a calibration end and after it.
//!
//! Caps: at most [`MAX_TRANSACTIONS`] rows (checked before allocating); the day table spans at most the
//! calendar's 3,652,059 days (0001-01-01 to 9999-12-31), so every allocation is bounded by the input.

use ltv_core::cohort::PeriodUnit;
use rayon::prelude::*;

use super::rfm::{MAX_TRANSACTIONS, MAX_VALUE, RfmOptions, Transactions};
use crate::error::ModelError;

/// The fewest rows per parallel chunk of the row passes.
const MIN_CHUNK: usize = 1 << 16;

/// Row chunks aimed at for large inputs (enough for load balance, few enough for the bucket pieces).
const TARGET_CHUNKS: usize = 32;

pub(crate) fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

/// One row on its way to its bucket.
#[derive(Clone, Copy)]
struct Entry {
    code: u32,
    period: u32,
    value: f64,
}

/// One row chunk's entries per bucket, and its count of rows after the end.
type ChunkPieces = (Vec<Vec<Entry>>, usize);

/// The customers of consecutive codes, their entries sorted by `(period, value)`.
pub(crate) struct Bucket {
    keys: Vec<i64>,
    /// Customer `i` of the bucket is `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    /// `(period - Grouped::base, value)`.
    entries: Vec<(u32, f64)>,
}

/// The rows up to the observation end, grouped by customer.
pub(crate) struct Grouped {
    buckets: Vec<Bucket>,
    /// The period that entries count from (the first period of the data).
    base: i64,
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

/// The span of the times (missing ones aside) and the largest customer key.
#[derive(Clone, Copy)]
struct Stats {
    min_time: i64,
    max_time: i64,
    max_key: i64,
}

impl Stats {
    const EMPTY: Self = Self { min_time: i64::MAX, max_time: i64::MIN, max_key: -1 };

    fn merge(self, o: Self) -> Self {
        Self {
            min_time: self.min_time.min(o.min_time),
            max_time: self.max_time.max(o.max_time),
            max_key: self.max_key.max(o.max_key),
        }
    }
}

fn chunk_len(n: usize) -> usize {
    n.div_ceil(TARGET_CHUNKS).max(MIN_CHUNK)
}

/// Pass 1: the span of the times and the largest key (the rows are checked in pass 2).
fn scan(tx: &Transactions<'_>, chunk: usize) -> Stats {
    tx.customer
        .par_chunks(chunk)
        .zip(tx.time.par_chunks(chunk))
        .map(|(keys, times)| {
            let mut s = Stats::EMPTY;
            for (&key, &t) in keys.iter().zip(times) {
                if t != i64::MIN {
                    s.min_time = s.min_time.min(t);
                    s.max_time = s.max_time.max(t);
                }
                s.max_key = s.max_key.max(key);
            }
            s
        })
        .reduce(|| Stats::EMPTY, Stats::merge)
}

/// Grain to period: a division, or for weeks and months a table over the data's days (ltv-core's calendar,
/// one call per distinct day).
struct PeriodMap {
    table: Vec<i64>,
    min_grain: i64,
    multiple: i64,
    fractional: bool,
    calendar: bool,
}

impl PeriodMap {
    /// The map for grains in `span` (`None` when a row's time is invalid: pass 2 reports that row).
    fn new(options: &RfmOptions, span: Option<(i64, i64)>) -> Result<Self, ModelError> {
        let (min_grain, max_grain) = span.unwrap_or((0, -1));
        let table = if options.calendar() {
            // At most the calendar's 3,652,059 days (span lies in 0001-01-01 ..= 9999-12-31).
            (min_grain..=max_grain)
                .into_par_iter()
                .map(|g| options.period_of_grain(g))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|reason| bad("time", None, reason))?
        } else {
            Vec::new()
        };
        Ok(Self {
            table,
            min_grain,
            multiple: i64::from(options.unit_multiple),
            fractional: options.fractional,
            calendar: options.calendar(),
        })
    }

    fn period(&self, g: i64) -> i64 {
        if self.fractional {
            g
        } else if self.calendar {
            // g lies in the table's span for every valid row (the span of all times).
            self.table.get((g - self.min_grain) as usize).copied().unwrap_or(0)
        } else {
            g.div_euclid(self.multiple)
        }
    }
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

/// Customer codes: the keys themselves when dense enough, else their ranks among the distinct keys.
struct Codes {
    ranks: Option<Vec<u32>>,
    distinct: Vec<i64>,
    count: usize,
}

impl Codes {
    fn new(customer: &[i64], max_key: i64, chunk: usize) -> Self {
        let n = customer.len();
        // Codes are u32: dense keys must stay below 2^32 - 1 as well.
        let dense_limit =
            i64::try_from(n).unwrap_or(i64::MAX).saturating_mul(2).saturating_add(1024).min(i64::from(u32::MAX));
        if max_key < dense_limit {
            return Self { ranks: None, distinct: Vec::new(), count: usize::try_from(max_key).unwrap_or(0) + 1 };
        }
        let mut distinct = customer.to_vec();
        distinct.par_sort_unstable();
        distinct.dedup();
        let ranks = customer
            .par_iter()
            .with_min_len(chunk)
            .map(|k| distinct.binary_search(k).unwrap_or_else(|i| i) as u32)
            .collect();
        let count = distinct.len();
        Self { ranks: Some(ranks), distinct, count }
    }

    fn code(&self, customer: &[i64], row: usize) -> u32 {
        match &self.ranks {
            None => customer[row] as u32,
            Some(r) => r[row],
        }
    }

    fn key(&self, code: usize) -> i64 {
        if self.ranks.is_some() { self.distinct[code] } else { code as i64 }
    }
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
    let chunk = chunk_len(n);
    let stats = scan(tx, chunk);
    let days = PeriodUnit::Day.index_range();
    let span = match (options.grain_of(stats.min_time, tx.base, days), options.grain_of(stats.max_time, tx.base, days))
    {
        (Ok(lo), Ok(hi)) => Some((lo, hi)),
        _ => None,
    };
    let map = PeriodMap::new(options, span)?;
    let (first, last) = span.map_or((0, 0), |(lo, hi)| (map.period(lo), map.period(hi)));
    let end = match (end, span) {
        (Some(t), Some(_)) => end_period(tx, options, t, first, end_field)?,
        _ => last,
    };
    let codes = Codes::new(tx.customer, stats.max_key, chunk);
    // Buckets of 2^shift consecutive codes: at most 512 of them, of at least 1,024 codes.
    let bits = usize::BITS - codes.count.max(1).leading_zeros();
    let shift = bits.saturating_sub(9).max(10);
    let n_buckets = (codes.count >> shift) + 1;

    // Pass 2: each row chunk checks its rows and scatters those up to the end into per-bucket pieces.
    let value_error = |row: usize, v: f64| {
        bad(
            "value",
            Some(row),
            format!("got {}, expected a finite monetary value in [0, {MAX_VALUE:e}]", crate::Shown(v)),
        )
    };
    let chunks: Vec<Result<ChunkPieces, ModelError>> = tx
        .customer
        .par_chunks(chunk)
        .zip(tx.time.par_chunks(chunk))
        .enumerate()
        .map(|(c, (keys, times))| {
            let start = c * chunk;
            let mut sizes = vec![0_usize; n_buckets];
            for (i, &key) in keys.iter().enumerate() {
                if key >= 0 {
                    sizes[(codes.code(tx.customer, start + i) >> shift) as usize] += 1;
                }
            }
            let mut out: Vec<Vec<Entry>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
            let mut after = 0;
            for (i, (&key, &t)) in keys.iter().zip(times).enumerate() {
                let row = start + i;
                if key < 0 {
                    return Err(bad(
                        "customer",
                        Some(row),
                        format!("got {key}: a missing customer id, expected a key >= 0"),
                    ));
                }
                let value = match tx.value {
                    Some(values) => {
                        let v = values[row];
                        if !(v.is_finite() && (0.0..=MAX_VALUE).contains(&v)) {
                            return Err(value_error(row, v));
                        }
                        v
                    }
                    None => 0.0,
                };
                let g = options.grain_of(t, tx.base, days).map_err(|reason| bad("time", Some(row), reason))?;
                let p = map.period(g);
                if p > end {
                    after += 1;
                    continue;
                }
                let code = codes.code(tx.customer, row);
                // p - first lies in 0 ..= 87.7 million (the calendar's hours): it fits a u32.
                out[(code >> shift) as usize].push(Entry { code, period: (p - first) as u32, value });
            }
            Ok((out, after))
        })
        .collect();
    let mut pieces = Vec::with_capacity(chunks.len());
    for c in chunks {
        pieces.push(c?);
    }
    if span.is_none() {
        // Unreachable: an invalid min or max time is a row that pass 2 reports.
        return Err(bad("time", None, "no valid time in the data".to_owned()));
    }
    let rows_after_end = pieces.iter().map(|p| p.1).sum();
    let mut by_bucket: Vec<Vec<Vec<Entry>>> = (0..n_buckets).map(|_| Vec::with_capacity(pieces.len())).collect();
    for (chunk_pieces, _) in pieces {
        for (b, piece) in chunk_pieces.into_iter().enumerate() {
            by_bucket[b].push(piece);
        }
    }

    // Pass 3: per bucket, a counting sort by customer, then each customer's entries sorted (sort_entries).
    let buckets: Vec<Bucket> = by_bucket
        .into_par_iter()
        .enumerate()
        .map(|(b, parts)| {
            let lo = b << shift;
            let width = (1_usize << shift).min(codes.count.saturating_sub(lo));
            let mut counts = vec![0_u32; width + 1];
            for e in parts.iter().flatten() {
                counts[e.code as usize - lo + 1] += 1;
            }
            let mut keys = Vec::new();
            let mut offsets = vec![0_u32];
            for c in 0..width {
                counts[c + 1] += counts[c];
                if counts[c + 1] > counts[c] {
                    keys.push(codes.key(lo + c));
                    offsets.push(counts[c + 1]);
                }
            }
            let total = counts[width] as usize;
            let mut entries = vec![(0_u32, 0.0_f64); total];
            for e in parts.into_iter().flatten() {
                let slot = &mut counts[e.code as usize - lo];
                entries[*slot as usize] = (e.period, e.value);
                *slot += 1;
            }
            for w in offsets.windows(2) {
                sort_entries(&mut entries[w[0] as usize..w[1] as usize]);
            }
            Bucket { keys, offsets, entries }
        })
        .collect();
    Ok(Grouped { buckets, base: first, end, first, rows_after_end })
}

/// Sorts one customer's entries by `(period, value)`: a fixed order, so that sums do not depend on the
/// row order. By period first (a log in time order arrives sorted, and is left as it is), then the values
/// of each period with several rows.
fn sort_entries(slice: &mut [(u32, f64)]) {
    if !slice.is_sorted_by_key(|e| e.0) {
        slice.sort_unstable_by_key(|e| e.0);
    }
    let mut start = 0;
    while start < slice.len() {
        let period = slice[start].0;
        let mut end = start + 1;
        while end < slice.len() && slice[end].0 == period {
            end += 1;
        }
        if end - start > 1 {
            slice[start..end].sort_unstable_by(|a, b| a.1.total_cmp(&b.1));
        }
        start = end;
    }
}

/// One customer's entries (sorted) summarised at calibration end `cal` (relative to the base period).
fn customer_row(key: i64, entries: &[(u32, f64)], base: i64, cal: i64) -> Option<CustomerRow> {
    let first = entries.first()?.0;
    let cal = cal - base;
    if i64::from(first) > cal {
        return None;
    }
    let (mut repeats, mut last, mut repeat_value) = (0, first, 0.0);
    let (mut holdout_purchases, mut holdout_last, mut holdout_value) = (0, None, 0.0);
    for &(p, v) in entries {
        if p == first {
            continue;
        }
        if i64::from(p) <= cal {
            if p != last {
                repeats += 1;
                last = p;
            }
            repeat_value += v;
        } else {
            if holdout_last != Some(p) {
                holdout_purchases += 1;
                holdout_last = Some(p);
            }
            holdout_value += v;
        }
    }
    Some(CustomerRow {
        key,
        first: base + i64::from(first),
        last: base + i64::from(last),
        repeats,
        repeat_value,
        holdout_purchases,
        holdout_value,
    })
}

/// Per customer: the purchase periods up to `cal` (calibration) and after it (holdout, up to the end).
pub(crate) fn summarize(grouped: &Grouped, cal: i64) -> Summarized {
    let per_bucket: Vec<(Vec<CustomerRow>, usize)> = grouped
        .buckets
        .par_iter()
        .map(|b| {
            let mut rows = Vec::with_capacity(b.keys.len());
            let mut skipped = 0;
            for (i, &key) in b.keys.iter().enumerate() {
                let entries = &b.entries[b.offsets[i] as usize..b.offsets[i + 1] as usize];
                match customer_row(key, entries, grouped.base, cal) {
                    Some(row) => rows.push(row),
                    None => skipped += 1,
                }
            }
            (rows, skipped)
        })
        .collect();
    let first_after_cal = per_bucket.iter().map(|b| b.1).sum();
    let mut customers = Vec::with_capacity(per_bucket.iter().map(|b| b.0.len()).sum());
    for (rows, _) in per_bucket {
        customers.extend(rows);
    }
    Summarized { customers, first_after_cal }
}
