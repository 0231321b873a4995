//! The input of every continuous-time purchase model: one row per customer (or per pattern of customers
//! sharing the same history), `(x, t_x, T)` in the literature's notation.

use rayon::prelude::*;

use crate::error::ModelError;
use crate::merge::{Distinct, key_bits, merge_rows};

pub use crate::data::MAX_FREQUENCY;

/// Rows per parallel task of the validation.
const VALIDATE_CHUNK: usize = 1 << 16;

/// The largest `age` (and so `recency`) accepted, in the data's time unit.
pub const MAX_AGE: f64 = 1e9;

/// Customers' purchase histories in continuous time, validated: per row the number of repeat purchases
/// `frequency` (`x`), the time of the last repeat purchase since the first purchase `recency` (`t_x`), the
/// time from the first purchase to the end of observation `age` (`T`), all in one time unit, and a
/// `weight` (how many customers share this history; 1 for one customer per row).
///
/// Checks, each an [`ModelError::InvalidData`] naming the column and row: every value finite;
/// `frequency` a whole number in `[0, MAX_FREQUENCY]`; `0 <= recency <= age`; `recency = 0` when
/// `frequency = 0`; `0 <= age <= MAX_AGE` (a customer first seen at the end of observation has age 0 and
/// adds nothing to a likelihood); weights finite and `>= 0`; at least one positive weight; all
/// columns of one length ([`ModelError::LengthMismatch`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PurchaseHistories {
    /// Repeat purchases `x` per row.
    pub frequency: Vec<f64>,
    /// Time of the last repeat purchase since the first purchase, `t_x` (0 when `x = 0`).
    pub recency: Vec<f64>,
    /// Time from the first purchase to the end of observation, `T`.
    pub age: Vec<f64>,
    /// Customers per row (all 1 when no weights were given).
    pub weight: Vec<f64>,
}

impl PurchaseHistories {
    /// Validates the columns (see the type's documentation); `weight: None` means one customer per row.
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`] for columns of different lengths, [`ModelError::InvalidData`] naming
    /// the column and row of the first bad value, or `"frequency"` with no row when there are no rows or
    /// no positive weight.
    pub fn new(frequency: &[f64], recency: &[f64], age: &[f64], weight: Option<&[f64]>) -> Result<Self, ModelError> {
        let n = frequency.len();
        same_length("recency", recency.len(), n)?;
        same_length("age", age.len(), n)?;
        if let Some(w) = weight {
            same_length("weight", w.len(), n)?;
        }
        // The first bad row, searched in parallel (the lowest index, as a serial scan would find).
        let bad_row = (0..n)
            .into_par_iter()
            .with_min_len(VALIDATE_CHUNK)
            .find_first(|&row| check_row(frequency[row], recency[row], age[row], row).is_err());
        if let Some(row) = bad_row {
            check_row(frequency[row], recency[row], age[row], row)?;
        }
        let weight = match weight {
            Some(w) => {
                for (row, &v) in w.iter().enumerate() {
                    if !(v.is_finite() && v >= 0.0) {
                        return Err(bad(
                            "weight",
                            Some(row),
                            format!("got {}, expected a finite weight >= 0", crate::Shown(v)),
                        ));
                    }
                }
                w.to_vec()
            }
            None => vec![1.0; n],
        };
        if !weight.iter().any(|&w| w > 0.0) {
            return Err(bad(
                "frequency",
                None,
                "no customers: the data need at least one row with a positive weight".to_owned(),
            ));
        }
        Ok(Self { frequency: frequency.to_vec(), recency: recency.to_vec(), age: age.to_vec(), weight })
    }

    /// The number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.frequency.len()
    }

    /// Whether there are no rows (never true for a validated value).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.frequency.is_empty()
    }

    /// The number of customers: the sum of the weights.
    #[must_use]
    pub fn n_customers(&self) -> f64 {
        self.weight.iter().sum()
    }
}

/// Checks one customer's `(x, t_x, T)` (shared with the per-customer predictions). `row` is `None` for a
/// single customer's arguments.
pub(crate) fn check_customer(frequency: f64, recency: f64, age: f64) -> Result<(), ModelError> {
    check_fields(frequency, recency, age, None)
}

fn check_row(frequency: f64, recency: f64, age: f64, row: usize) -> Result<(), ModelError> {
    check_fields(frequency, recency, age, Some(row))
}

fn check_fields(frequency: f64, recency: f64, age: f64, row: Option<usize>) -> Result<(), ModelError> {
    if !(frequency.is_finite() && (0.0..=MAX_FREQUENCY).contains(&frequency) && frequency.fract() == 0.0) {
        return Err(bad(
            "frequency",
            row,
            format!("got {}, expected a whole number of repeat purchases in [0, 1e7]", crate::Shown(frequency)),
        ));
    }
    if !(age.is_finite() && (0.0..=MAX_AGE).contains(&age)) {
        return Err(bad(
            "age",
            row,
            format!("got {}, expected a finite time since the first purchase in [0, 1e9]", crate::Shown(age)),
        ));
    }
    if !(recency.is_finite() && recency >= 0.0 && recency <= age) {
        return Err(bad(
            "recency",
            row,
            format!(
                "got {}, expected a time of the last repeat purchase in [0, age = {}]",
                crate::Shown(recency),
                crate::Shown(age)
            ),
        ));
    }
    if frequency == 0.0 && recency != 0.0 {
        return Err(bad(
            "recency",
            row,
            format!("got {} with frequency 0, expected 0 (no repeat purchase)", crate::Shown(recency)),
        ));
    }
    Ok(())
}

fn same_length(field: &str, found: usize, expected: usize) -> Result<(), ModelError> {
    if found == expected {
        Ok(())
    } else {
        Err(ModelError::LengthMismatch { field: field.to_owned(), reference: "frequency".to_owned(), expected, found })
    }
}

fn bad(field: &str, row: Option<usize>, reason: String) -> ModelError {
    ModelError::InvalidData { field: field.to_owned(), row, reason }
}

pub(crate) use crate::merge::FastMap;

/// One distinct history `(x, t_x, T)` of [`merge`] and the summed weight of its rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MergedRow {
    pub(crate) x: f64,
    pub(crate) tx: f64,
    pub(crate) t: f64,
    pub(crate) w: f64,
}

/// The histories with identical rows merged into weights ([`merge`]), and the totals of the rows.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    pub(crate) rows: Vec<MergedRow>,
    /// The number of customers `N` (sum of the weights).
    pub(crate) n: f64,
    /// `sum w x`, the repeat purchases.
    pub(crate) purchases: f64,
    /// `sum w T`.
    pub(crate) exposure: f64,
}

/// Merges the rows of `data` with the same `(x, t_x, T)` (bit for bit, -0 as 0) into one row weighted by
/// their summed weight, dropping rows of weight 0: the likelihoods and predictions are sums over
/// customers, so they need each distinct history once. The distinct rows come in an order that does not
/// depend on the number of threads (see [`crate::merge::merge_rows`]).
pub(crate) fn merge(data: &PurchaseHistories) -> Merged {
    let key_of = |i: usize| [key_bits(data.frequency[i]), key_bits(data.recency[i]), key_bits(data.age[i])];
    let add = |i: usize, totals: &mut [f64; 3]| {
        let w = data.weight[i];
        totals[0] += w;
        totals[1] += w * data.frequency[i];
        totals[2] += w * data.age[i];
    };
    let (distinct, [n, purchases, exposure]) = merge_rows(data.len(), &data.weight, key_of, add);
    let rows = distinct
        .into_iter()
        .map(|Distinct { key: [x, tx, t], w }| MergedRow {
            x: f64::from_bits(x),
            tx: f64::from_bits(tx),
            t: f64::from_bits(t),
            w,
        })
        .collect();
    Merged { rows, n, purchases, exposure }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Histories spanning several merge blocks, with duplicates across blocks, zero weights and -0.
    fn histories(n: usize) -> Result<PurchaseHistories, ModelError> {
        let frequency: Vec<f64> = (0..n).map(|i| (i % 7) as f64).collect();
        let recency: Vec<f64> =
            (0..n).map(|i| if i % 7 == 0 { if i % 2 == 0 { -0.0 } else { 0.0 } } else { (i % 5) as f64 }).collect();
        let age: Vec<f64> = (0..n).map(|i| 5.0 + (i % 3) as f64).collect();
        let weight: Vec<f64> = (0..n).map(|i| if i % 11 == 0 { 0.0 } else { 1.0 + (i % 2) as f64 }).collect();
        PurchaseHistories::new(&frequency, &recency, &age, Some(&weight))
    }

    #[test]
    fn merge_sums_the_weights_of_identical_rows_on_any_number_of_threads() -> Result<(), Box<dyn std::error::Error>> {
        let data = histories(3 * crate::merge::MERGE_BLOCK + 123)?;
        let merged = merge(&data);
        // The independent count: a BTreeMap over the positive-weight rows (-0 read as 0).
        let mut expected = std::collections::BTreeMap::new();
        for i in 0..data.len() {
            if data.weight[i] > 0.0 {
                let key = (
                    (data.frequency[i] + 0.0).to_bits(),
                    (data.recency[i] + 0.0).to_bits(),
                    (data.age[i] + 0.0).to_bits(),
                );
                *expected.entry(key).or_insert(0.0) += data.weight[i];
            }
        }
        let mut got = std::collections::BTreeMap::new();
        for row in &merged.rows {
            let key = (row.x.to_bits(), row.tx.to_bits(), row.t.to_bits());
            assert!(got.insert(key, row.w).is_none(), "a history appears twice: {row:?}");
        }
        assert_eq!(got, expected);
        assert_eq!(merged.n, data.weight.iter().sum::<f64>());
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
            let again = pool.install(|| merge(&data));
            assert_eq!(again.rows, merged.rows, "{threads} threads");
            assert_eq!([again.n, again.purchases, again.exposure], [merged.n, merged.purchases, merged.exposure]);
        }
        Ok(())
    }

    #[test]
    fn validation_in_parallel_names_the_first_bad_row() {
        let n = 5 * VALIDATE_CHUNK;
        let mut frequency = vec![1.0; n];
        let recency = vec![1.0; n];
        let mut age = vec![2.0; n];
        // A bad row in a late chunk and an earlier one in another chunk: the earlier is reported.
        age[4 * VALIDATE_CHUNK + 7] = f64::NAN;
        frequency[VALIDATE_CHUNK + 3] = 1.5;
        let error = PurchaseHistories::new(&frequency, &recency, &age, None).err();
        assert!(
            matches!(&error, Some(ModelError::InvalidData { field, row: Some(r), .. }) if field == "frequency" && *r == VALIDATE_CHUNK + 3),
            "{error:?}"
        );
        frequency[VALIDATE_CHUNK + 3] = 1.0;
        let error = PurchaseHistories::new(&frequency, &recency, &age, None).err();
        assert!(
            matches!(&error, Some(ModelError::InvalidData { field, row: Some(r), .. }) if field == "age" && *r == 4 * VALIDATE_CHUNK + 7),
            "{error:?}"
        );
    }
}
